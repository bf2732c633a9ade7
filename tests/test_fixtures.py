"""One fixture per rule, markdownlint style: ``RLnnn.md`` shows the problem, ``RLnnn.expected`` lists each finding
as ``line:column message``, ``RLnnn.fixed.md`` is what ``--fix`` makes of it (absent: nothing safe to fix).

The intro rules (RL402-RL405) need a repository tree and are tested in ``test_rules_intro.py``; the online rules in
``test_links.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readme_lint.rules import all_rules
from tests.conftest import FIXTURES, fix, lint

RULE_FIXTURES = sorted(p for p in (FIXTURES / "rules").glob("RL*.md") if not p.name.endswith(".fixed.md"))


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: p.stem)
def test_rule_fixture(path: Path) -> None:
    code = path.stem
    text = path.read_text()
    found = [f"{d.line}:{d.column} {d.message}" for d in lint(text, select=(code,))]
    assert found == path.with_suffix(".expected").read_text().splitlines()
    fixed_path = path.with_name(f"{code}.fixed.md")
    fixed = fix(text, select=(code,))
    assert fixed == (fixed_path.read_text() if fixed_path.exists() else text)
    assert fix(fixed, select=(code,)) == fixed
    assert not any(d.fixable for d in lint(fixed, select=(code,)))


def test_every_offline_rule_has_a_fixture() -> None:
    covered = {path.stem for path in RULE_FIXTURES}
    elsewhere = {"RL402", "RL403", "RL404", "RL405"}
    offline = {rule.code for rule in all_rules() if not rule.online}
    assert offline - elsewhere <= covered
