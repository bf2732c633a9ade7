"""Run the enabled rules over a Document; severity, section ignores and suppressions are applied here, once."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from readme_lint.config import Config
from readme_lint.diagnostics import Diagnostic
from readme_lint.document import Document
from readme_lint.rules import Rule, RuleContext, all_rules
from readme_lint.source import SourceText
from readme_lint.suppress import Suppressions


class Selection(NamedTuple):
    """Rule selectors from the command line, layered over the config's (``--select`` replaces)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()


def _specificity(selector: str, rule: type[Rule]) -> int:
    """How precisely a selector names a rule: its prefix length, a name beats any prefix; 0: no match."""
    wanted = selector.strip()
    if wanted.lower() == rule.name:
        return 100
    if wanted and rule.code.startswith(wanted.upper()):
        return len(wanted)
    return 0


def enabled_rules(config: Config, selection: Selection | None = None, online: bool = False) -> list[type[Rule]]:
    """Resolve select / extend-select / ignore like ruff: the most specific selector wins, ignore on ties.

    Rules that are off by default (``enabled_by_default = False``) need their exact code or name.
    """
    selection = selection or Selection()
    positive = (*(config.select if selection.select is None else selection.select),)
    positive += config.extend_select + selection.extend_select
    negative = config.ignore + selection.ignore
    chosen = []
    for rule in all_rules():
        if rule.online and not online:
            continue
        best_on = max((_specificity(s, rule) for s in positive), default=0)
        best_off = max((_specificity(s, rule) for s in negative), default=0)
        if best_on == 0 or best_off >= best_on:
            continue
        if not rule.enabled_by_default and best_on < len(rule.code):
            continue
        chosen.append(rule)
    return chosen


class Linter:
    """Lints texts with one config and one rule selection; reusable across files and fixer passes."""

    def __init__(
        self,
        config: Config,
        rules: Sequence[type[Rule]],
        file_path: Path | None = None,
        today: dt.date | None = None,
        links: Any = None,
        changed_lines: set[int] | None = None,
    ) -> None:
        self.config = config
        self.changed_lines = changed_lines
        self.rules = rules
        self.file_path = file_path
        self.today = today or dt.date.today()
        self.links = links

    def lint(self, doc: Document) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        shared: dict[str, object] = {}
        workspace = self.workspace(doc)
        for rule_class in self.rules:
            context = self.context(rule_class, shared, workspace)
            diagnostics.extend(rule_class().check(doc, context))
        return self._finish(doc, diagnostics)

    def workspace(self, doc: Document) -> Any:
        """The working-tree facts, gathered once before the rules run -- only when a selected rule reads them."""
        needing = [rule for rule in self.rules if rule.needs_workspace]
        if not needing:
            return None
        from readme_lint.workspace import gather

        labels = {self.context(rule, {}).options.get("label", "intro") for rule in needing}
        return gather(doc, self.config, self.file_path, labels)

    def lint_text(self, source: SourceText | str, path: str = "README.md") -> tuple[Document, list[Diagnostic]]:
        doc = Document.parse(source, path)
        return doc, self.lint(doc)

    def context(self, rule_class: type[Rule], shared: dict[str, object], workspace: Any = None) -> RuleContext:
        options = {name: option.default for name, option in rule_class.options.items()}
        options.update(self.config.rule_options.get(rule_class.code, {}))
        section_options = {
            title: {**options, **section.rules[rule_class.code]}
            for title, section in self.config.sections.items()
            if rule_class.code in section.rules
        }
        return RuleContext(
            config=self.config,
            options=options,
            section_options=section_options,
            file_path=self.file_path,
            root=self.config.root,
            today=self.today,
            shared=shared,
            links=self.links,
            changed_lines=self.changed_lines,
            workspace=workspace,
        )

    def _finish(self, doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        suppressions = Suppressions.from_lines(doc.lines, doc.code_lines)
        section_ignores = self._section_ignores(doc)
        kept = []
        for diagnostic in diagnostics:
            if suppressions and suppressions.suppresses(diagnostic):
                continue
            if section_ignores and _ignored_in_section(section_ignores, diagnostic):
                continue
            severity = self.config.rule_severity.get(diagnostic.code)
            kept.append(diagnostic.with_severity(severity) if severity else diagnostic)
        kept.sort(key=lambda d: d.sort_key)
        return kept

    def _section_ignores(self, doc: Document) -> list[tuple[int, int, tuple[str, ...]]]:
        if not self.config.sections:
            return []
        ranges = []
        for section in doc.sections:
            override = self.config.section(section.title) if section.heading else None
            if override and override.ignore:
                ranges.append((section.start_line, section.end_line, override.ignore))
        return ranges


def _ignored_in_section(ranges: list[tuple[int, int, tuple[str, ...]]], diagnostic: Diagnostic) -> bool:
    """Whether the section holding the diagnostic ignores its rule (``ranges`` are sorted by start line)."""
    index = bisect.bisect_right(ranges, (diagnostic.line, float("inf"))) - 1
    if index < 0:
        return False
    start, end, selectors = ranges[index]
    return start <= diagnostic.line <= end and any(
        diagnostic.code.startswith(s.upper()) or s.lower() == diagnostic.name for s in selectors
    )
