"""The one place that decides what is reported, like flake8's style guide.

The decisions, all made here and nowhere else:

* **what the config's rule settings mean** (``settle``): each selector must pick a rule and each ``[rules.X]``
  table must name one and hold only its options (the config module types them, it knows no rule).
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
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from readme_lint.config import ConfigError
from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from readme_lint.selectors import is_all, names_exactly, specificity

if TYPE_CHECKING:
    from readme_lint.config import Config, RuleTable, SectionConfig
    from readme_lint.document import Document
    from readme_lint.rules import Rule
    from readme_lint.suppress import Directive, Selector, Suppression, Suppressions

UNUSED_SUPPRESSION = "RL902"


class Selection:
    """Rule selectors from the command line, layered over the config's (``--select`` replaces)."""

    def __init__(
        self, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = (), extend_select: tuple[str, ...] = ()
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.extend_select = extend_select


def settle(config: Config) -> Config:
    """Check the config's selectors and rule tables against the rules and key its rule settings by code.

    A selector that picks no rule, a table naming no rule, an option the rule does not declare or a value
    it rejects is a ``ConfigError`` naming the file and the key, as every other config error. Idempotent:
    a config is settled once (the loader caches it per directory) and then holds nothing written.
    """
    written = config.written
    if written is None:
        return config
    from readme_lint.config import SelectorList
    from readme_lint.rules import find_rule, selector_known

    severities: dict[str | None, dict[str, Severity]] = {}
    options: dict[str | None, dict[str, dict[str, Any]]] = {}
    for check in written.checks:
        if isinstance(check, SelectorList):
            for selector in check.selectors:
                if not selector_known(selector):
                    raise ConfigError(f"{written.where}: {check.key}: {selector!r} matches no rule")
            continue
        rule = find_rule(check.rule)
        if rule is None:
            raise ConfigError(f"{written.where}: {check.key}: unknown rule")
        if check.severity is not None:
            severities.setdefault(check.section, {})[rule.code] = check.severity
        for option, value in _rule_options(rule, check, written.where).items():
            options.setdefault(check.section, {}).setdefault(rule.code, {})[option] = value
    sections = {
        title: section._replace(rules=options.get(title, {}), severity=severities.get(title, {}))
        for title, section in config.sections.items()
    }
    config.settle(severities.get(None, {}), options.get(None, {}), sections)
    return config


def _rule_options(rule: type[Rule], table: RuleTable, where: str) -> dict[str, Any]:
    """The table's options, each one the rule declares and with a value it accepts."""
    for option, value in table.options.items():
        declared = rule.options.get(option)
        if declared is None:
            known = ", ".join(["severity", *rule.options]) or "severity"
            raise ConfigError(f"{where}: {table.key}.{option}: unknown option (known: {known})")
        problem = declared.validate(value)
        if problem:
            raise ConfigError(f"{where}: {table.key}.{option}: {problem}")
    return table.options


def enabled_rules(config: Config, selection: Selection | None = None, online: bool = False) -> list[type[Rule]]:
    """Resolve select / extend-select / ignore like ruff: the most specific selector wins, ignore on ties.

    Rules that are off by default (``enabled_by_default = False``) need their exact code or name, or ``ALL``.
    The config is settled first (``settle``), so its selectors are known to pick rules. The choice is made
    from the rule index; only the chosen rules' modules are imported.
    """
    from readme_lint.rules import load_rule, rule_index

    settle(config)
    selection = selection or Selection()
    positive = (*(config.select if selection.select is None else selection.select),)
    positive += config.extend_select + selection.extend_select
    negative = config.ignore + selection.ignore
    chosen = []
    for rule in rule_index():
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
        chosen.append(load_rule(rule.code))
    return chosen


Fingerprint = tuple[str, str, str]  # (code, message without its numbers and quoted values, the line's text)


def fingerprint(line_text: str, diagnostic: Diagnostic) -> Fingerprint:
    """What identifies a finding across two versions of a file, wherever its line moved."""
    return (diagnostic.code, _VARIABLE_PARTS.sub("#", diagnostic.message), line_text.strip())


_SectionSpan = tuple[int, int, "SectionConfig"]  # first line, last line, the section's settings
ALL = "*"  # a suppression comment without codes (suppress.ALL; that module is imported only when needed)


class Decider:
    """Decides, for one file's findings, which are reported and at what severity."""

    def __init__(
        self,
        config: Config,
        rules: Sequence[type[Rule]],
        changed_lines: set[int] | None = None,
        baseline: Callable[[], Counter[Fingerprint] | None] | None = None,
    ) -> None:
        self.config = config
        self.rules = {rule.code: rule for rule in rules}
        self.changed_lines = changed_lines
        # The base version's findings (a finding not among them is the change's doing), asked for only when a
        # finding lies off the changed lines: on a clean list the hook never lints the base version.
        self._baseline = baseline
        self._base_found: Counter[Fingerprint] | None = None
        self._old: Counter[Fingerprint] | None = None  # during decide(): the base findings not yet matched
        self._old_read = False
        self._lines: list[str] = []

    def decide(self, doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The findings to report, sorted by position: every rule's, through the same steps in the same order."""
        sections = self._sections(doc)
        suppressions = _suppressions(doc)
        self._old, self._old_read = None, False
        self._lines = doc.lines
        kept = [d for d in (self._judge(d, sections, suppressions) for d in diagnostics) if d is not None]
        if UNUSED_SUPPRESSION in self.rules and suppressions:
            unused = (self._judge(d, sections, None) for d in self._unused(doc, suppressions))
            kept.extend(d for d in unused if d is not None)
        self._lines = []  # the linter outlives the document: --fix's next pass must not keep this one's lines
        kept.sort(key=lambda d: d.sort_key)
        return kept

    def _judge(
        self, diagnostic: Diagnostic, sections: list[_SectionSpan], suppressions: Suppressions | None
    ) -> Diagnostic | None:
        """The diagnostic as reported (severity restamped), or None when the section, a comment or
        ``--diff-base`` leaves it out."""
        section = None
        if sections:
            index = bisect.bisect_right(sections, diagnostic.line, key=lambda span: span[0]) - 1
            section = sections[index][2] if index >= 0 and diagnostic.line <= sections[index][1] else None
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
        """With ``--diff-base``: whether the finding touches a changed line -- or, with the base version's
        findings known, is one the base did not have (a change that breaks a table makes findings on lines it
        never touched: the change caused them)."""
        changed = self.changed_lines
        if changed is None or any(line in changed for line in range(diagnostic.line, diagnostic.end_line + 1)):
            return True
        old = self._old if self._old_read else self._read_old()
        if old is None:
            return False
        line = self._lines[diagnostic.line - 1] if 0 < diagnostic.line <= len(self._lines) else ""
        key = fingerprint(line, diagnostic)
        if old[key] > 0:
            old[key] -= 1
            return False
        return True

    def _read_old(self) -> Counter[Fingerprint] | None:
        """The base findings for this decide() to match, the base version linted on the first call of the run."""
        if self._base_found is None and self._baseline is not None:
            self._base_found = self._baseline()
            self._baseline = None
        self._old = Counter(self._base_found) if self._base_found is not None else None
        self._old_read = True
        return self._old

    def _sections(self, doc: Document) -> list[_SectionSpan]:
        if not self.config.sections:
            return []
        spans = []
        for section in doc.sections:
            settings = self.config.section(section.title) if section.heading else None
            if settings is not None and (settings.ignore or settings.severity):
                spans.append((section.start_line, section.end_line, settings))
        return spans

    def _unused(self, doc: Document, suppressions: Suppressions) -> list[Diagnostic]:
        """RL902: suppressions that silenced nothing. One that names RL902 itself is never reported, and
        another comment may suppress the finding as usual."""
        rule = self.rules[UNUSED_SUPPRESSION]
        unused = suppressions.unused()
        unused_selectors = {entry.selector for entry in unused}
        found = []
        for entry in unused:
            selector = entry.selector
            if selector.text != ALL and specificity(selector.text, rule.code, rule.name):
                continue
            message = _unused_message(entry, self.rules)
            if message is None:
                continue
            fix = _removal(doc, entry, unused_selectors, self.rules)
            diagnostic = Diagnostic(
                doc.path, selector.line, selector.col, selector.line, selector.end_col,
                rule.code, rule.name, rule.severity, message, fix,
            )  # fmt: skip
            if not any(other is not entry and other.matches(diagnostic) for other in suppressions.entries):
                found.append(diagnostic)
        return found


def _suppressions(doc: Document) -> Suppressions | None:
    """The document's suppression comments; None (and suppress.py not even imported) when it has none."""
    if "readme-lint-" not in doc.source.text:
        return None
    from readme_lint.suppress import Suppressions

    found = Suppressions.from_lines(doc.lines, doc.code_lines)
    return found if found else None


def _unused_message(entry: Suppression, rules: dict[str, type[Rule]]) -> str | None:
    """Why a suppression is unused; None for selectors that name no rule (RL901 reports those)."""
    from readme_lint.rules import codes_matching

    text = entry.selector.text
    if text == ALL:
        return "Suppression comment suppresses nothing"
    named = codes_matching(text)
    if not named:
        return None
    if not any(code in rules for code in named):
        return f"Unused suppression of {text}: the rule is not enabled"
    return f"Unused suppression of {text}: nothing to suppress here"


def _ignores(selectors: tuple[str, ...], diagnostic: Diagnostic) -> bool:
    return any(specificity(s, diagnostic.code, diagnostic.name) > 0 for s in selectors)


def _removal(doc: Document, entry: Suppression, unused: set[Selector], enabled: dict[str, type[Rule]]) -> Fix:
    """RL902's fix: drop the code from its comment, or the whole comment when none of its codes is used.

    Safe only when every rule the code names ran here (a code of an online rule, unused offline, may be
    needed with ``--check-links``) and removing a comment line does not join the blocks around it; when the
    whole comment cannot go safely, a code that can is removed alone.
    """
    selector, directive = entry.selector, entry.directive
    safe = _all_enabled(selector, enabled)
    if all(other in unused for other in directive.selectors):
        edit, joins = _remove_comment(doc, directive)
        whole = not joins and all(_all_enabled(other, enabled) for other in directive.selectors)
        if whole or not safe or len(directive.selectors) == 1:
            return Fix((edit,), Applicability.safe_if(whole))
    index = directive.selectors.index(selector)
    if index > 0:
        start = directive.selectors[index - 1].end_col
        edit = Edit.replace_span(selector.line, start, selector.end_col, "")
    else:
        edit = Edit.replace_span(selector.line, selector.col, directive.selectors[1].col, "")
    return Fix((edit,), Applicability.safe_if(safe))


def _all_enabled(selector: Selector, enabled: dict[str, type[Rule]]) -> bool:
    """Whether every rule the selector names ran in this lint (so "unused" is known, not assumed)."""
    from readme_lint.rules import codes_matching, rule_index

    named = [rule.code for rule in rule_index()] if selector.text == ALL else codes_matching(selector.text)
    return all(code in enabled for code in named)


def _remove_comment(doc: Document, directive: Directive) -> tuple[Edit, bool]:
    """The edit that deletes a directive comment (its line too, when it stands alone), and whether that
    deletion joins two non-blank lines (a paragraph and a table, say) that the comment kept apart."""
    line = directive.line
    text = doc.line_text(line)
    before, after = text[: directive.col - 1], text[directive.end_col - 1 :]
    if before.strip():
        return Edit.replace_span(line, len(before.rstrip()) + 1, directive.end_col, ""), False
    if after.strip():
        return Edit.replace_span(line, directive.col, len(text) - len(after.lstrip()) + 1, ""), False
    joins = bool(doc.line_text(line - 1).strip()) and bool(doc.line_text(line + 1).strip())
    if line == len(doc.lines) and not doc.endings[line - 1] and line > 1:
        previous = len(doc.line_text(line - 1)) + 1  # keep the file's missing final newline missing
        return Edit(line - 1, previous, line, len(text) + 1, ""), joins
    return Edit(line, 1, line + 1, 1, ""), joins


# -- one cause, one finding ---------------------------------------------------------------------------------

REPEAT_LIMIT = 10  # more findings than this of one kind in one file are shown as one (``--show-all``: all)
_VARIABLE_PARTS = re.compile(r"'[^']*'|\"[^\"]*\"|[0-9]+(?:[.:/-][0-9]+)*")


class Folded:
    """The findings to show, and how many repeats were folded into the first of their kind."""

    def __init__(self, shown: list[Diagnostic], folded: int) -> None:
        self.shown = shown
        self.folded = folded


def fold_repeats(diagnostics: Sequence[Diagnostic], limit: int = REPEAT_LIMIT) -> Folded:
    """Show one finding per cause where a cause repeats: more than ``limit`` findings of one rule in one file
    with the same message once dates, numbers and quoted values are set aside (a generator that fills every
    row's date with its last run, a list that pads at random) are one finding at the first place, with the
    count. Findings are kept in order; nothing is folded for the fixer, only for what a reader sees."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for index, diagnostic in enumerate(diagnostics):
        key = (diagnostic.path, diagnostic.code, _VARIABLE_PARTS.sub("#", diagnostic.message))
        groups.setdefault(key, []).append(index)
    hidden: set[int] = set()
    notes: dict[int, str] = {}
    for members in groups.values():
        if len(members) > limit:
            last = diagnostics[members[-1]].line
            notes[members[0]] = f" (and {len(members) - 1} more like it in this file, to line {last}: --show-all)"
            hidden.update(members[1:])
    if not hidden:
        return Folded(list(diagnostics), 0)
    shown = [
        diagnostic._replace(message=diagnostic.message + notes[index]) if index in notes else diagnostic
        for index, diagnostic in enumerate(diagnostics)
        if index not in hidden
    ]
    return Folded(shown, len(hidden))
