"""The summary of a refresh, in markdown, so a workflow can paste it into the pull request it opens.

It names the source (and the API's host), counts per section (updated, unchanged, not found, no ID), the
largest changes, and lists every row whose count could not be refreshed: those keep their old count.
"""

from __future__ import annotations

from readme_lint.citations.refresh import Refresh, RowOutcome

LARGEST = 10
_STATUSES = ("updated", "unchanged", "small", "not-found", "no-id")


def summary(refresh: Refresh, dry_run: bool) -> str:
    from readme_lint.links.policy import UrlRejected, parse_target

    settings = refresh.settings
    try:
        host = parse_target(settings.base_url).host
    except UrlRejected:  # pragma: no cover - checked when the settings were read
        host = settings.base_url
    asked = f"{refresh.requests} request{'s' if refresh.requests != 1 else ''}"
    lines = [f"Citation counts from {settings.label} ({host}): {asked}, {refresh.cached} counts from the cache."]
    lines += ["", "| Section | Updated | Unchanged | Not found | No ID | Note |", "|---|---|---|---|---|---|"]
    for section in refresh.sections:
        c = section.statuses
        note = "none" if section.note_before is None else section.note_before.rstrip(".")
        if section.note_after is not None and section.note_after != section.note_before:
            note = f"{note} → {section.note_after.rstrip('.')}"
        unchanged = f"{c['unchanged'] + c['small']}" + (f" ({c['small']} below --min-change)" if c["small"] else "")
        lines.append(f"| {section.title} | {c['updated']} | {unchanged} | {c['not-found']} | {c['no-id']} | {note} |")
    totals = {status: sum(1 for o in refresh.rows if o.status == status) for status in _STATUSES}
    lines.append(
        f"| **all** | {totals['updated']} | {totals['unchanged'] + totals['small']} | {totals['not-found']} "
        f"| {totals['no-id']} | |"
    )
    changes = sorted(
        (o for o in refresh.rows if o.status == "updated"),
        key=lambda o: (-abs((o.new or 0) - (o.old or 0)), o.line),
    )[:LARGEST]
    if changes:
        lines += ["", "Largest changes:", "", "| Line | Paper | Before | After | Change |", "|---|---|---|---|---|"]
        for o in changes:
            lines.append(f"| {o.line} | {_short(o.title)} | {o.before or '(empty)'} | {o.written} | {_delta(o)} |")
    kept = [o for o in refresh.rows if o.status in ("not-found", "no-id")]
    if kept:
        lines += ["", f"Not refreshed ({len(kept)} rows keep their count):", ""]
        lines += [f"- line {o.line}: {_short(o.title)} -- {_why(o)}" for o in kept]
    if refresh.warnings:
        lines += ["", *(f"Note: {warning}" for warning in refresh.warnings)]
    if not refresh.changed:
        lines += ["", "Nothing to change."]
    elif dry_run:
        lines += ["", "Dry run: nothing written."]
    return "\n".join(lines)


def _short(title: str) -> str:
    text = title.replace("|", "\\|")
    return text if len(text) <= 70 else text[:67] + "..."


def _delta(outcome: RowOutcome) -> str:
    if outcome.old is None or outcome.new is None:
        return "new"
    return f"{outcome.new - outcome.old:+d}"


def _why(outcome: RowOutcome) -> str:
    if outcome.paper is None:
        return "no arXiv ID or DOI in the row"
    return f"{outcome.paper.key} not found"
