"""Formatters: text (with a summary), JSON, GitHub workflow commands, SARIF 2.1.0, and statistics; ``report``
chooses among them for a run, so the command line only echoes what it returns.

Every value from a file or a server is escaped for the format it is printed in (``readme_lint.escape``).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence

from readme_lint import __version__
from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.escape import escape_data, escape_property, printable, printable_json, printable_path
from readme_lint.ruledocs import PROJECT_URL
from readme_lint.rules import Rule

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _style(text: str, color: bool, **styles: object) -> str:
    if not color:
        return text
    import click

    return click.style(text, **styles)  # type: ignore[arg-type]


class ReportStyle:
    """How a report is shown: format, per-rule counts or each finding, folded repeats or all, summary, color."""

    def __init__(
        self,
        output_format: str = "text",
        statistics: bool = False,
        show_all: bool = False,
        quiet: bool = False,
        color: bool = False,
    ) -> None:
        self.output_format = output_format
        self.statistics = statistics
        self.show_all = show_all
        self.quiet = quiet
        self.color = color


class Piece:
    """One echo of a report: its text, and the color setting to echo it with (None: color only on a terminal)."""

    def __init__(self, text: str, color: bool | None = None) -> None:
        self.text = text
        self.color = color


class Findings:
    """What a run found, as a report needs it: the findings, errors, rules run, stdin's text, fixes written."""

    def __init__(
        self,
        diagnostics: Sequence[Diagnostic],
        errors: Sequence[str] = (),
        rules: Sequence[type[Rule]] = (),
        sources: Mapping[str, str] | None = None,
        fixed: int = 0,
        unsafe: bool = False,
    ) -> None:
        self.diagnostics = diagnostics
        self.errors = errors
        self.rules = rules  # empty: every rule (the SARIF driver's list)
        self.sources = sources
        self.fixed = fixed
        self.unsafe = unsafe  # --unsafe-fixes: unsafe fixes count as fixable


def report(found: Findings, style: ReportStyle) -> list[Piece]:
    """The report of a run in ``style``: machine formats carry every finding; a reader sees one per cause where a
    cause repeats (``decide.fold_repeats``), unless ``--show-all``."""
    diagnostics = sorted(found.diagnostics, key=lambda d: d.sort_key)
    if style.output_format == "json":
        return [Piece(statistics_json(diagnostics) if style.statistics else format_json(diagnostics))]
    if style.output_format == "sarif":
        from readme_lint.rules import all_rules

        rules = found.rules or list(all_rules())
        return [Piece(format_sarif(diagnostics, rules, found.errors, found.sources or None))]
    from readme_lint.decide import fold_repeats

    folded = fold_repeats(diagnostics) if not style.show_all and not style.statistics else None
    listed = folded.shown if folded else diagnostics
    if style.output_format == "github":
        return [Piece(format_github(listed))] if diagnostics else []
    body = format_statistics(diagnostics) if style.statistics else format_text(listed, style.color, found.unsafe)
    pieces = [Piece(body, style.color)] if body else []
    if not style.quiet and (diagnostics or not found.errors):
        pieces.append(Piece(summary(diagnostics, found.fixed, found.unsafe, folded.folded if folded else 0)))
    return pieces


def format_text(diagnostics: Sequence[Diagnostic], color: bool = False, show_unsafe: bool = False) -> str:
    """``path:line:col: CODE message [*]`` per diagnostic; ``[*]`` marks what ``--fix`` repairs."""
    lines = []
    for d in diagnostics:
        location = _style(f"{printable_path(d.path)}:{d.line}:{d.column}:", color, bold=True)
        code = _style(d.code, color, fg="red" if d.severity is Severity.ERROR else "yellow", bold=True)
        marker = ""
        if d.fix is not None and (d.fix.safe or show_unsafe):
            marker = " " + _style("[*]", color, fg="cyan")
        lines.append(f"{location} {code} {printable(d.message)}{marker}")
    return "\n".join(lines)


def summary(diagnostics: Sequence[Diagnostic], fixed: int = 0, unsafe_enabled: bool = False, folded: int = 0) -> str:
    """The closing line, e.g. ``Found 7 problems (5 fixable with --fix).``; every finding is counted, also the
    repeats folded into the first of their kind (``--show-all`` lists them)."""
    count = len(diagnostics)
    fixable = sum(1 for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe_enabled))
    hidden = sum(1 for d in diagnostics if d.fix is not None and not d.fix.safe and not unsafe_enabled)
    if count == 0:
        return f"Fixed {_n(fixed, 'problem')}; all checks passed." if fixed else "All checks passed."
    text = f"Found {_n(count, 'problem')}"
    if fixed:
        text = f"Fixed {_n(fixed, 'problem')}; {count} remaining"
    details = []
    if fixable:
        details.append(f"{fixable} fixable with --fix" + (" --unsafe-fixes" if unsafe_enabled else ""))
    if hidden:
        details.append(f"{hidden} more with --unsafe-fixes")
    if folded:
        details.append(f"{folded} repeats not shown: --show-all")
    return text + (f" ({', '.join(details)})." if details else ".")


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    """A JSON array: each finding's position, rule, message, its fix (the edits and their applicability, as
    ruff's JSON has them; null without one) and the URL of its rule's doc."""
    from readme_lint.ruledocs import RULES_PAGE_URL

    items = []
    for d in diagnostics:
        item = d.to_dict()
        item["fix"] = _fix_json(d)
        item["url"] = f"{RULES_PAGE_URL}#{d.code.lower()}-{d.name}"
        items.append(item)
    return printable_json(items)


def _fix_json(d: Diagnostic) -> dict[str, object] | None:
    if d.fix is None:
        return None
    edits = [
        {"line": e.line, "column": e.col, "end_line": e.end_line, "end_column": e.end_col, "content": e.text}
        for e in d.fix.edits
    ]
    return {"applicability": d.fix.applicability.value, "edits": edits}


@functools.lru_cache(maxsize=256)
def repository_path(shown: str) -> str:
    """A reported path as GitHub wants it in annotations and SARIF: relative to the repository root, not to the
    working directory (run from a subfolder, ``../README.md`` is ``README.md``); as shown outside a repository."""
    from pathlib import Path

    from readme_lint.repo import find_repository_root

    if shown == "-":
        return shown
    path = Path(shown)
    try:
        absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
        root = find_repository_root(absolute.parent)
        if root is not None:
            return absolute.relative_to(root.resolve()).as_posix()
    except (OSError, ValueError):
        pass
    return shown.replace("\\", "/")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each becomes an annotation on the pull request's diff."""
    lines = []
    for d in diagnostics:
        properties = ",".join(
            [
                f"file={escape_property(repository_path(d.path))}",
                f"line={d.line}",
                f"col={d.column}",
                f"endLine={d.end_line}",
                f"endColumn={d.end_column}",
                f"title={escape_property(f'{d.code} {d.name}')}",
            ]
        )
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {properties}::{escape_data(d.message)}")
    return "\n".join(lines)


def format_sarif(
    diagnostics: Sequence[Diagnostic],
    rules: Sequence[type[Rule]],
    errors: Sequence[str] = (),
    sources: Mapping[str, str] | None = None,
) -> str:
    """A SARIF 2.1.0 log for code scanning: every enabled rule with its help, results with fingerprints.

    ``errors`` are the one-line errors of a run that could not finish (exit 2): they become tool execution
    notifications and ``executionSuccessful: false``, so an upload never reads a failed run as "no problems
    left" and closes open alerts. ``sources`` maps a path to its text for the fingerprints (default: the file
    at that path, read again only here).
    """
    from urllib.parse import quote

    index = {rule.code: number for number, rule in enumerate(rules)}
    fingerprints = _Fingerprints(sources or {})
    results = []
    for d in diagnostics:
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(repository_path(d.path))},
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": max(d.end_column, d.column),
                        },
                    }
                }
            ],
            "partialFingerprints": {"readmeLintFingerprint/v1": fingerprints.of(d)},
            # what `readme-lint --fix` repairs (safe) or `--fix --unsafe-fixes` (unsafe); the Action's summary shows it
            "properties": {"fix": d.fix.applicability.value if d.fix is not None else "none"},
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    driver = {
        "name": "readme-lint",
        "version": __version__,
        "informationUri": PROJECT_URL,
        "rules": [_sarif_rule(rule) for rule in rules],
    }
    invocation: dict[str, object] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": e}} for e in errors]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return printable_json(log)


def _sarif_rule(rule: type[Rule]) -> dict[str, object]:
    """A reportingDescriptor with what GitHub shows on an alert: help (text and markdown) and a link to the doc."""
    from readme_lint import ruledocs

    markdown = ruledocs.rule_markdown(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": ruledocs.plain_text(rule.summary())},
        "fullDescription": {"text": ruledocs.plain_text(rule.doc()), "markdown": rule.doc()},
        "help": {"text": ruledocs.plain_text(markdown), "markdown": markdown},
        "helpUri": ruledocs.rule_url(rule),
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity], "enabled": rule.enabled_by_default},
        "properties": {"fix": rule.fix_safety, "tags": ["online" if rule.online else "offline"]},
    }


class _Fingerprints:
    """Alert identities that survive rows added above: rule, path and the flagged text, not the line number.

    Identical findings (the same text flagged twice by one rule) are told apart by their order in the file.
    """

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.lines: dict[str, list[str]] = {path: text.splitlines() for path, text in sources.items()}
        self.seen: Counter[str] = Counter()

    def _lines(self, path: str) -> list[str]:
        if path not in self.lines:
            try:
                with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
                    self.lines[path] = handle.read().splitlines()
            except OSError:
                self.lines[path] = []
        return self.lines[path]

    def of(self, d: Diagnostic) -> str:
        import hashlib

        lines = self._lines(d.path)[d.line - 1 : d.end_line]
        if lines:
            flagged = lines[0][d.column - 1 : d.end_column - 1] if d.line == d.end_line else ""
            context = "\n".join(" ".join(line.split()) for line in lines)
        else:  # the text is gone (stdin, a deleted file): the message is the next best identity
            flagged, context = "", d.message
        key = "\0".join((d.path, d.code, flagged, context))
        occurrence = self.seen[key]
        self.seen[key] += 1
        return hashlib.sha256(f"{key}\0{occurrence}".encode()).hexdigest()[:32] + f":{occurrence + 1}"


def format_statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """One line per rule with problems, most frequent first: count, code, [*] when fixable, name."""
    counts = Counter(d.code for d in diagnostics)
    names = {d.code: d.name for d in diagnostics}
    fixable = {d.code for d in diagnostics if d.fixable}
    width = max((len(str(count)) for count in counts.values()), default=1)
    return "\n".join(
        f"{count:>{width}}\t{code}\t{'[*] ' if code in fixable else ''}{names[code]}"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


def statistics_json(diagnostics: Sequence[Diagnostic]) -> str:
    """``--statistics --output-format json``: one object per rule, most frequent first (ruff's shape)."""

    counts = Counter(d.code for d in diagnostics)
    names = {d.code: d.name for d in diagnostics}
    fixable = Counter(d.code for d in diagnostics if d.fixable)
    rows = [
        {
            "code": code,
            "name": names[code],
            "count": count,
            "fixable": fixable[code] > 0,
            "fixable_count": fixable[code],
        }
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return printable_json(rows)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
