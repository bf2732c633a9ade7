"""RuleContext: a context derived for other options keeps everything gathered once per run."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from readme_lint.decide import Selection
from readme_lint.diagnostics import Diagnostic
from readme_lint.document import Document
from readme_lint.linter import Linter, enabled_rules
from readme_lint.listmodel import Paper, build_list_model
from readme_lint.rules import base
from readme_lint.rules.base import RowRule, RuleContext, TableVisit
from readme_lint.source import SourceText
from readme_lint.tables import Row, Table
from tests.conftest import TODAY, make_config, row, table


def test_with_options_keeps_every_fact_of_the_run() -> None:
    """Dropping the working-tree view made rules that derive a context gather the tree's facts a second time."""
    workspace, links, model, cache = object(), object(), object(), {"k": 1}
    context = RuleContext(
        config=object(),  # type: ignore[arg-type]
        options={"a": 1},
        section_options={"s": {"a": 2}},
        file_path=Path("README.md"),
        root=Path("."),
        today=dt.date(2026, 12, 2),
        cache=cache,
        links=links,
        changed_lines={3},
        model=model,  # type: ignore[arg-type]
        workspace=workspace,
    )
    derived = context.with_options({"b": 2})
    assert derived.options == {"b": 2} and derived.section_options == {}
    assert derived.workspace is workspace and derived.links is links and derived.cache is cache
    assert derived.model is model and derived.config is context.config and derived.changed_lines == {3}
    assert (derived.file_path, derived.root, derived.today) == (context.file_path, context.root, context.today)


# -- one pass over the rows ---------------------------------------------------------------------------------


EVERY_ROW = {"RL101", "RL104", "RL105", "RL201", "RL202", "RL203", "RL204", "RL303", "RL401", "RL403", "RL405"}


def _every_rule_linter(tree: Path) -> Linter:
    config = make_config(root=tree)
    return Linter(config, enabled_rules(config, Selection(select=("RL",))), file_path=tree / "README.md", today=TODAY)


def _reference(tree: Path) -> Document:
    """The reference list in its git tree (many tables, intro links the RL4xx rules follow, every column role)."""
    return Document.parse(SourceText((tree / "README.md").read_text(encoding="utf-8")), "README.md")


def test_every_row_rule_sees_each_row_once_in_one_loop(monkeypatch: pytest.MonkeyPatch, reference_tree: Path) -> None:
    """A row rule run as its own pass over the rows (its ``check`` from the linter, or a second loop) is what this
    interface removed: one loop per table for all row rules together, each row rule called once per row."""
    loops: list[int] = []
    calls: Counter[tuple[str, int]] = Counter()
    visit_rows = base._visit_rows

    def counted_loop(table: Table, papers: list[Paper], groups: dict[str, list[base.RowCheck]]) -> None:
        loops.append(table.start_line)
        visit_rows(table, papers, groups)

    def counting(rule_class: type[RowRule]) -> None:
        check_row = rule_class.check_row

        def counted(self: RowRule, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
            calls[(rule_class.code, row.line)] += 1
            return check_row(self, visit, row, paper)

        monkeypatch.setattr(rule_class, "check_row", counted)

    monkeypatch.setattr(base, "_visit_rows", counted_loop)
    linter = _every_rule_linter(reference_tree)
    row_rules = [rule for rule in linter.rules if issubclass(rule, RowRule)]
    assert {"RL104", "RL202", "RL203", "RL303", "RL401"} <= {rule.code for rule in row_rules}
    for rule_class in row_rules:
        counting(rule_class)
    doc = _reference(reference_tree)
    assert linter.lint(doc)
    assert sorted(loops) == sorted(table.start_line for table in doc.tables)  # one loop per table, not per rule
    body = [row.line for table in doc.tables for row in table.rows]
    assert len(body) > 20
    model = build_list_model(doc, linter.config)
    for rule_class in row_rules:
        if rule_class.rows == "papers":
            seen = [paper.line for paper in model.papers]
        elif rule_class.rows == "all":
            seen = [row.line for table in doc.tables for row in (table.header, table.delimiter, *table.rows)]
        else:
            seen = body
        counted = {line: count for (code, line), count in calls.items() if code == rule_class.code}
        assert set(counted.values()) <= {1} and set(counted) <= set(seen), rule_class.code  # never twice
        if rule_class.code in EVERY_ROW:  # (others skip tables they cannot report on: no `｜` in the file ...)
            assert counted == dict.fromkeys(seen, 1), rule_class.code


def test_one_pass_finds_what_each_rule_finds_alone(reference_tree: Path) -> None:
    """Sharing the loop changes no finding and no rule's order of findings: each row rule's ``check`` (its own
    loop, what ``readme-lint rule``-style callers use) gives the same list as the linter's one pass."""
    linter = _every_rule_linter(reference_tree)
    doc = _reference(reference_tree)
    model = build_list_model(doc, linter.config)
    workspace = linter.workspace(doc)
    shared = linter.run_rules(doc, linter.rules, {}, model, workspace=workspace)
    row_rules = [rule for rule in linter.rules if issubclass(rule, RowRule)]
    assert sum(len(shared[rule]) for rule in row_rules) > 0
    for rule_class in row_rules:
        alone = list(rule_class().check(doc, linter.context(rule_class, {}, model, workspace=workspace)))
        assert alone == shared[rule_class], rule_class.code


def test_a_row_rule_reads_its_section_options_once_per_table() -> None:
    """Per-section options reach a row rule through ``TableVisit.options`` (no second run of the rule)."""
    config = make_config({"sections": {"B": {"rules": {"RL204": {"form": "pdf"}}}}})
    linter = Linter(config, enabled_rules(config, Selection(select=("RL204",))), today=TODAY)
    pdf = "[[pdf](https://arxiv.org/pdf/2305.13245)]"
    text = table(row(1, paper=pdf), heading="## A") + "\n" + table(row(2, paper=pdf), heading="## B")
    doc = Document.parse(SourceText(text), "README.md")
    model = build_list_model(doc, config)
    rule_class = linter.rules[0]
    visits = [TableVisit(doc, linter.context(rule_class, {}, model), t, model.table(t)) for t in doc.tables]
    assert [visit.options["form"] for visit in visits] == ["auto", "pdf"]
    assert [d.line for d in linter.lint(doc)] == [6]
