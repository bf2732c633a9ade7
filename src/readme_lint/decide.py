"""The one place that decides what is reported, like flake8's style guide.

Two decisions, both made here and nowhere else:

* **which rules run** (``enabled_rules``): the config's select / ignore / extend-select with the command
  line's on top; the most specific selector wins, ignore on ties; rules off by default need their exact
  code or name; online rules need ``--check-links``.
* **which findings are reported, how severe** (``Decider``): per-section ``ignore`` and severities, inline
  suppression comments (with RL902 for those that suppress nothing), ``--diff-base``'s changed lines, and
  the configured severity.

Selectors are matched by ``selectors.specificity`` alone; per-section rule options are applied by the
linter, the same way for every rule.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from readme_lint.diagnostics import Diagnostic
from readme_lint.selectors import is_all, names_exactly, specificity
from readme_lint.suppress import ALL, Suppression, Suppressions

if TYPE_CHECKING:
    from readme_lint.config import Config, SectionConfig
    from readme_lint.document import Document
    from readme_lint.rules import Rule

UNUSED_SUPPRESSION = "RL902"


class Selection(NamedTuple):
    """Rule selectors from the command line, layered over the config's (``--select`` replaces)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()


def enabled_rules(config: Config, selection: Selection | None = None, online: bool = False) -> list[type[Rule]]:
    """Resolve select / extend-select / ignore like ruff: the most specific selector wins, ignore on ties.

    Rules that are off by default (``enabled_by_default = False``) need their exact code or name, or ``ALL``.
    """
    from readme_lint.rules import all_rules

    selection = selection or Selection()
    positive = (*(config.select if selection.select is None else selection.select),)
    positive += config.extend_select + selection.extend_select
    negative = config.ignore + selection.ignore
    chosen = []
    for rule in all_rules():
        if rule.online and not online:
            continue
        best_on = max((specificity(s, rule.code, rule.name) for s in positive), default=0)
        best_off = max((specificity(s, rule.code, rule.name) for s in negative), default=0)
        if best_on == 0 or best_off >= best_on:
            continue
        if not rule.enabled_by_default and not any(
            names_exactly(s, rule.code, rule.name) or is_all(s) for s in positive
        ):
            continue
        chosen.append(rule)
    return chosen


class _SectionSpan(NamedTuple):
    start: int
    end: int
    settings: SectionConfig


class Decider:
    """Decides, for one file's findings, which are reported and at what severity."""

    def __init__(self, config: Config, rules: Sequence[type[Rule]], changed_lines: set[int] | None = None) -> None:
        self.config = config
        self.rules = {rule.code: rule for rule in rules}
        self.changed_lines = changed_lines

    def decide(self, doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The findings to report, sorted by position: every rule's, through the same steps in the same order."""
        sections = self._sections(doc)
        suppressions = Suppressions.from_lines(doc.lines, doc.code_lines)
        kept = [d for d in (self._judge(d, sections, suppressions) for d in diagnostics) if d is not None]
        if UNUSED_SUPPRESSION in self.rules and suppressions:
            unused = (self._judge(d, sections, None) for d in self._unused(doc, suppressions))
            kept.extend(d for d in unused if d is not None)
        kept.sort(key=lambda d: d.sort_key)
        return kept

    def _judge(
        self, diagnostic: Diagnostic, sections: list[_SectionSpan], suppressions: Suppressions | None
    ) -> Diagnostic | None:
        """The diagnostic as reported (severity restamped), or None when the section, a comment or
        ``--diff-base`` leaves it out."""
        index = bisect.bisect_right(sections, diagnostic.line, key=lambda span: span.start) - 1
        section = sections[index].settings if index >= 0 and diagnostic.line <= sections[index].end else None
        if section is not None and _ignores(section.ignore, diagnostic):
            return None
        if suppressions and suppressions.suppresses(diagnostic):
            return None
        if not self._on_changed_lines(diagnostic):
            return None
        return self._restamp(diagnostic, section)

    def _restamp(self, diagnostic: Diagnostic, section: SectionConfig | None) -> Diagnostic:
        severity = section.severity.get(diagnostic.code) if section is not None else None
        severity = severity or self.config.rule_severity.get(diagnostic.code)
        return diagnostic.with_severity(severity) if severity else diagnostic

    def _on_changed_lines(self, diagnostic: Diagnostic) -> bool:
        """With ``--diff-base``: whether the finding touches a changed line."""
        changed = self.changed_lines
        return changed is None or any(line in changed for line in range(diagnostic.line, diagnostic.end_line + 1))

    def _sections(self, doc: Document) -> list[_SectionSpan]:
        if not self.config.sections:
            return []
        spans = []
        for section in doc.sections:
            settings = self.config.section(section.title) if section.heading else None
            if settings is not None and (settings.ignore or settings.severity):
                spans.append(_SectionSpan(section.start_line, section.end_line, settings))
        return spans

    def _unused(self, doc: Document, suppressions: Suppressions) -> list[Diagnostic]:
        """RL902: suppressions that silenced nothing. One that names RL902 itself is never reported, and
        another comment may suppress the finding as usual."""
        rule = self.rules[UNUSED_SUPPRESSION]
        found = []
        for entry in suppressions.unused():
            selector = entry.selector
            if selector.text != ALL and specificity(selector.text, rule.code, rule.name):
                continue
            message = _unused_message(entry, self.rules)
            if message is None:
                continue
            diagnostic = Diagnostic(
                doc.path, selector.line, selector.col, selector.line, selector.end_col,
                rule.code, rule.name, rule.severity, message,
            )  # fmt: skip
            if not any(other is not entry and other.matches(diagnostic) for other in suppressions.entries):
                found.append(diagnostic)
        return found


def _unused_message(entry: Suppression, rules: dict[str, type[Rule]]) -> str | None:
    """Why a suppression is unused; None for selectors that name no rule (RL901 reports those)."""
    from readme_lint.rules import rules_matching

    text = entry.selector.text
    if text == ALL:
        return "Suppression comment suppresses nothing"
    named = rules_matching(text)
    if not named:
        return None
    if not any(rule.code in rules for rule in named):
        return f"Unused suppression of {text}: the rule is not enabled"
    return f"Unused suppression of {text}: nothing to suppress here"


def _ignores(selectors: tuple[str, ...], diagnostic: Diagnostic) -> bool:
    return any(specificity(s, diagnostic.code, diagnostic.name) > 0 for s in selectors)
