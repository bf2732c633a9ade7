"""The one decision step: selectors matched one way everywhere, per-section settings for every rule, unknown
codes in config, suppression hygiene (RL901/RL902), changed lines, and results independent of rule order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from readme_lint.config import ConfigError, parse_config
from readme_lint.decide import Fingerprint, fingerprint, settle
from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.document import Document
from readme_lint.linter import Linter, Selection, enabled_rules
from readme_lint.memo import per_run
from readme_lint.rules import Rule, RuleContext
from readme_lint.rules.intro_path import IntroPath
from readme_lint.selectors import specificity
from readme_lint.source import SourceText
from tests.conftest import TODAY, fix, lint, make_config, row, table


def test_specificity_is_the_one_matching_function() -> None:
    assert specificity("RL", "RL104", "cell-spacing") == 2
    assert specificity("rl10", "RL104", "cell-spacing") == 4
    assert specificity("RL104", "RL104", "cell-spacing") == 5
    assert specificity("Cell-Spacing", "RL104", "cell-spacing") == 100
    assert specificity("RL2", "RL104", "cell-spacing") == 0
    assert specificity("  ", "RL104", "cell-spacing") == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sections": {"A": {"ignore": ["RL14"]}}}, "sections.\"A\".ignore: 'RL14' matches no rule"),
        ({"sections": {"A": {"ignore": ["cell-spaceing"]}}}, "'cell-spaceing' matches no rule"),
        ({"extend-select": ["RL7"]}, "extend-select: 'RL7' matches no rule"),
        ({"ignore": ["nope"]}, "ignore: 'nope' matches no rule"),
        ({"sections": {"A": {"rules": {"RL999": {}}}}}, 'sections."A".rules.RL999: unknown rule'),
    ],
)
def test_unknown_codes_anywhere_in_config_are_errors(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=r"matches no rule|unknown rule") as error:
        settle(parse_config(data, None, None))
    assert message in str(error.value)


def test_section_ignore_matches_prefixes_and_names_like_select() -> None:
    first = table(row(1, affiliation=" X"), heading="## A")
    second = table(row(2, affiliation=" Y"), heading="## B")
    text = first + "\n" + second
    for selector in ("RL1", "rl104", "cell-spacing"):
        found = lint(text, {"sections": {"b": {"ignore": [selector]}}}, select=("RL104",))
        assert [d.line for d in found] == [6], selector


ARXIV_PDF = "[[pdf](https://arxiv.org/pdf/2305.13245)]"


def test_per_section_options_apply_to_every_rule() -> None:
    """RL204 (arxiv-link) reads no section options itself; a section's override is honoured all the same."""
    first = table(row(1, paper=ARXIV_PDF), heading="## A")
    second = table(row(2, paper=ARXIV_PDF.replace("13245", "13246")), heading="## B")
    text = first + "\n" + second
    assert [d.line for d in lint(text, select=("RL204",))] == [6, 13]
    config = {"sections": {"B": {"rules": {"RL204": {"form": "pdf"}}}}}
    assert [d.line for d in lint(text, config, select=("RL204",))] == [6]
    assert fix(text, config, select=("RL204",)).count("arxiv.org/pdf/") == 1


def test_per_section_severity() -> None:
    first = table(row(1, affiliation=" X"), heading="## A")
    second = table(row(2, affiliation=" Y"), heading="## B")
    found = lint(
        first + "\n" + second, {"sections": {"B": {"rules": {"RL104": {"severity": "info"}}}}}, select=("RL104",)
    )
    assert [(d.line, d.severity) for d in found] == [(6, Severity.ERROR), (13, Severity.INFO)]


NOTE = "Last update of citation was on 22th July, 2024."
DATED = table(row(1)).replace("28th July, 2024.", "22th July, 2024.")


def test_unknown_code_or_name_in_a_suppression_comment_is_reported() -> None:
    text = DATED.replace(NOTE, NOTE + " <!-- readme-lint-disable-line RL14, update-notte RL304 -->")
    found = lint(text)
    line = text.splitlines().index(next(x for x in text.splitlines() if "disable-line" in x)) + 1
    assert [(d.code, d.line) for d in found] == [("RL901", line), ("RL901", line)]
    source_line = text.splitlines()[line - 1]
    assert [d.column for d in found] == [source_line.index("RL14") + 1, source_line.index("update-notte") + 1]
    assert found[0].end_column == found[0].column + 4 and "'RL14'" in found[0].message
    assert lint("```\n<!-- readme-lint-disable RL14 -->\n```\n", select=("RL901",)) == []


def test_unused_suppression_is_opt_in_and_exact() -> None:
    used = DATED.replace(NOTE, NOTE + " <!-- readme-lint-disable-line RL304 -->")
    unused = table(row(1)).replace("Last", "<!-- readme-lint-disable-next-line RL304 RL104 -->\nLast")
    assert lint(unused) == []  # off by default
    assert lint(used, select=("RL3", "RL902")) == []
    found = lint(unused, select=("RL3", "RL902"))
    assert [(d.code, d.message) for d in found] == [
        ("RL902", "Unused suppression of RL304: nothing to suppress here"),
        ("RL902", "Unused suppression of RL104: the rule is not enabled"),
    ]
    assert found[0].column == unused.splitlines()[1].index("RL304") + 1
    bare = "<!-- readme-lint-disable-file -->\n\n" + table(row(1))
    assert [d.message for d in lint(bare, select=("RL1", "RL902"))] == ["Suppression comment suppresses nothing"]
    silenced = "<!-- readme-lint-disable-file RL902 -->\n" + unused
    assert lint(silenced, select=("RL3", "RL902")) == []


def test_changed_lines_are_decided_once_for_fixer_and_report() -> None:
    text = table(row(1, affiliation=" X"), row(2, affiliation=" Y"))
    config = make_config()
    rules = enabled_rules(config, Selection(select=("RL104",)))
    linter = Linter(config, rules, today=TODAY, changed_lines={7})
    assert [d.line for d in linter.lint_text(SourceText(text))[1]] == [7]


def test_the_base_version_is_linted_only_for_findings_off_the_changed_lines() -> None:
    """The hook judges a finding off the changed lines by the base version's findings; when every finding lies
    on a changed line (a clean list, one new row) the base version is never linted."""
    text = table(row(1, affiliation=" X"), row(2, affiliation=" Y"))
    config = make_config()
    rules = enabled_rules(config, Selection(select=("RL104",)))
    asked: list[int] = []

    def base_findings() -> Counter[Fingerprint]:
        asked.append(1)
        old = Linter(config, rules, today=TODAY).lint_text(SourceText(text))
        return Counter(fingerprint(old[0].line_text(d.line), d) for d in old[1] if d.line == 6)

    on_changed = Linter(config, rules, today=TODAY, changed_lines={6, 7}, baseline=base_findings)
    assert [d.line for d in on_changed.lint_text(SourceText(text))[1]] == [6, 7] and asked == []
    judged = Linter(config, rules, today=TODAY, changed_lines={7}, baseline=base_findings)
    assert [d.line for d in judged.lint_text(SourceText(text))[1]] == [7] and asked == [1]  # line 6's was old
    assert [d.line for d in judged.lint_text(SourceText(text))[1]] == [7] and asked == [1]  # asked once per run
    new_row = Linter(config, rules, today=TODAY, changed_lines={7}, baseline=Counter)
    assert [d.line for d in new_row.lint_text(SourceText(text))[1]] == [6, 7]  # the base had no finding on line 6


class _AsksForRepositoryFirst(Rule):
    """Test rule: reads the repository (the workspace facts) before RL401 runs."""

    code = "RL999"
    name = "asks-first"
    needs_workspace = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        assert ctx.workspace.identity.slug == "OWNER/REPO"
        return iter(())


def test_results_do_not_depend_on_rule_order() -> None:
    intro = "[[intro](https://github.com/OWNER/REPO/blob/main/more/paper-1--training-models/README.md)]"
    text = table(row(1, paper=f"[[pdf](https://arxiv.org/abs/2305.13246)]{intro.replace('intro', 'notes', 1)}"))
    config = parse_config({"rules": {"RL401": {"label": "notes"}}}, None, None)
    alone = Linter(config, [IntroPath], today=TODAY).lint_text(SourceText(text))[1]
    after = Linter(config, [_AsksForRepositoryFirst, IntroPath], today=TODAY).lint_text(SourceText(text))[1]
    assert alone and [d.message for d in after] == [d.message for d in alone]


def test_per_run_values_are_keyed_by_function_and_arguments_and_see_no_options() -> None:
    calls: list[tuple[str, ...]] = []

    @per_run
    def derived(doc: Document, ctx: RuleContext, *args: str) -> tuple[str, ...]:
        calls.append(args)
        assert ctx.options == {}
        return args

    ctx = RuleContext(make_config(), {"label": "x"})
    doc = Document.parse("")
    assert derived(doc, ctx, "a") == ("a",) and derived(doc, ctx, "b") == ("b",) and derived(doc, ctx, "a") == ("a",)
    assert calls == [("a",), ("b",)]


def test_unused_suppression_fix_removes_the_code_or_the_comment() -> None:
    two = table(row(1)).replace("Last", "<!-- readme-lint-disable-next-line RL304 RL104 -->\nLast")
    once = fix(two, select=("RL3", "RL902"))
    assert "<!-- readme-lint-disable-next-line RL104 -->\nLast" in once  # RL104 did not run: unsafe to drop
    assert fix(once, select=("RL3", "RL902")) == once
    everything = fix(two, select=("RL3", "RL902"), unsafe=True)
    assert "readme-lint-disable" not in everything and "## Attention Mechanism\nLast update" in everything
    inline = "Some text <!-- readme-lint-disable-line RL104 -->\n\n" + table(row(1))
    assert fix(inline, select=("RL1", "RL902")) == "Some text\n\n" + table(row(1))
    alone = "Intro.\n\n<!-- readme-lint-disable-next-line cell-spacing -->\n\n" + table(row(1))
    assert fix(alone, select=("RL1", "RL902")) == "Intro.\n\n\n" + table(row(1))
    last = table(row(1)) + "\n<!-- readme-lint-disable RL104 -->"
    assert fix(last, select=("RL1", "RL902")) == table(row(1))
    joined = table(row(1)).replace("Last", "<!-- readme-lint-disable-next-line RL104 -->\nLast")
    assert fix(joined, select=("RL1", "RL3", "RL902")) == joined  # removing the line would join two blocks
    assert fix(joined, select=("RL1", "RL3", "RL902"), unsafe=True) == table(row(1))
