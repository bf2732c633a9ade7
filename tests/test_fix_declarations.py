"""Fix safety as types: every rule declares its fix availability and the applicability of its fixes, and what
it emits over the rule fixtures and the real lists of the corpus matches that declaration."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from readme_lint.config import ConfigLoader
from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.linter import Linter, Selection, enabled_rules
from readme_lint.rules import Rule, all_rules, find_rule
from readme_lint.source import read_source
from tests.conftest import FIXTURES, lint, run_command

EVERY_OFFLINE_RULE = Selection(select=tuple(rule.code for rule in all_rules() if not rule.online))


def _violations(rule: type[Rule], diagnostics: list[Diagnostic]) -> list[str]:
    problems = []
    for d in diagnostics:
        where = f"{rule.code} at {d.path}:{d.line}:{d.column}"
        if d.fix is None:
            if rule.fix_availability is FixAvailability.ALWAYS:
                problems.append(f"{where}: declared always fixable, emitted no fix")
        elif rule.fix_availability is FixAvailability.NONE:
            problems.append(f"{where}: declared no fix, emitted one")
        elif d.fix.applicability not in rule.fix_applicability:
            problems.append(f"{where}: emitted a {d.fix.applicability.value} fix, declared {rule.fix_applicability}")
    return problems


def _check(found: dict[str, list[Diagnostic]]) -> None:
    problems = [p for code, diagnostics in found.items() for p in _violations(find_rule(code), diagnostics)]  # type: ignore[arg-type]
    assert problems == []


def test_declarations_are_coherent() -> None:
    for rule in all_rules():
        assert isinstance(rule.fix_availability, FixAvailability), rule.code
        assert all(isinstance(kind, Applicability) for kind in rule.fix_applicability), rule.code
        assert (rule.fix_availability is FixAvailability.NONE) == (not rule.fix_applicability), rule.code
        assert len(set(rule.fix_applicability)) == len(rule.fix_applicability), rule.code


def test_fixture_fixes_match_declarations() -> None:
    found: dict[str, list[Diagnostic]] = defaultdict(list)
    for path in sorted((FIXTURES / "rules").glob("RL*.md")):
        if not path.name.endswith(".fixed.md"):
            for d in lint(path.read_text(), select=(path.stem,)):
                found[d.code].append(d)
    assert found
    _check(found)


def test_corpus_fixes_match_declarations(corpus: Path) -> None:
    found: dict[str, list[Diagnostic]] = defaultdict(list)
    for path in sorted(corpus.rglob("*.md")):
        config = ConfigLoader(use_files=False).for_file(path)
        linter = Linter(config, enabled_rules(config, EVERY_OFFLINE_RULE), file_path=path)
        for d in linter.lint_text(read_source(path), path.name)[1]:
            found[d.code].append(d)
    assert sum(1 for diagnostics in found.values() for d in diagnostics if d.fix is not None) > 100
    _check(found)


def test_a_wrong_declaration_is_caught() -> None:
    from readme_lint.rules.cell_spacing import CellSpacing

    finding = lint("|Keywords|Title|\n|-|-|\n|d|e  f|\n", select=("RL104",))
    assert finding and _violations(CellSpacing, finding) == []

    class Pretends(CellSpacing):
        fix_availability = FixAvailability.NONE
        fix_applicability = ()

    class Mislabels(CellSpacing):
        fix_applicability = (Applicability.UNSAFE,)

    assert "declared no fix" in _violations(Pretends, finding)[0]
    assert "emitted a safe fix" in _violations(Mislabels, finding)[0]


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("RL501", "Fix: always available; safe or unsafe."),
        ("RL601", "Fix: sometimes available; safe."),
        ("RL205", "Fix: none."),
    ],
)
def test_rule_command_prints_the_declaration(code: str, line: str, tmp_path: Path) -> None:
    assert line in run_command(["rule", code], cwd=tmp_path).stdout.splitlines()
