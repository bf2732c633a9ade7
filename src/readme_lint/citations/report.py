"""The summary of a refresh, in markdown, so a workflow can paste it into the pull request it opens.

It names the source (and the API's host), counts per section (updated, unchanged, not found, no ID), the
largest changes, and lists every row whose count could not be refreshed: those keep their old count.
"""

from __future__ import annotations

from readme_lint.citations.refresh import Refresh, RowOutcome

LARGEST = 10
_STATUSES = ("updated", "unchanged", "small", "not-found", "no-id", "text")


def summary(refresh: Refresh, dry_run: bool) -> str:
    from readme_lint.links.policy import UrlRejected, parse_target

    settings = refresh.settings
    try:
        host = parse_target(settings.base_url).host
    except UrlRejected:  # pragma: no cover - checked when the settings were read
        host = settings.base_url
    asked = f"{refresh.requests} request{'s' if refresh.requests != 1 else ''}"
    lines = [f"Citation counts from {settings.label} ({host}): {asked}, {refresh.cached} counts from the cache."]
    totals = {status: sum(1 for o in refresh.rows if o.status == status) for status in _STATUSES}
    text = bool(totals["text"])  # a column only when some cell holds no count (a badge)
    head = "| Section | Updated | Unchanged | Not found | No ID |" + (" Not a count |" if text else "")
    lines += ["", head + " Note |", "|---|---|---|---|---|" + ("---|" if text else "") + "---|"]
    for section in refresh.sections:
        c = section.statuses
        note = "none" if section.note_before is None else section.note_before.rstrip(".")
        if section.note_after is not None and section.note_after != section.note_before:
            note = f"{note} → {section.note_after.rstrip('.')}"
        unchanged = f"{c['unchanged'] + c['small']}" + (f" ({c['small']} below --min-change)" if c["small"] else "")
        cells = [section.title.replace("|", "\\|"), str(c["updated"]), unchanged, str(c["not-found"]), str(c["no-id"])]
        lines.append("| " + " | ".join([*cells, *([str(c["text"])] if text else []), note]) + " |")
    cells = ["**all**", str(totals["updated"]), str(totals["unchanged"] + totals["small"])]
    cells += [str(totals["not-found"]), str(totals["no-id"]), *([str(totals["text"])] if text else [])]
    lines.append("| " + " | ".join(cells) + " | |")
    changes = sorted(
        (o for o in refresh.rows if o.status == "updated"),
        key=lambda o: (-abs((o.new or 0) - (o.old or 0)), o.line),
    )[:LARGEST]
    if changes:
        lines += ["", "Largest changes:", "", "| Line | Paper | Before | After | Change |", "|---|---|---|---|---|"]
        for o in changes:
            lines.append(f"| {o.line} | {_short(o.title)} | {o.before or '(empty)'} | {o.written} | {_delta(o)} |")
    kept = [o for o in refresh.rows if o.status in ("not-found", "no-id", "text")]
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
    if outcome.status == "text":
        return f"the cell holds no count ({_short(outcome.before)[:40]}): left as written, not asked"
    if outcome.paper is None:
        return "no arXiv ID or DOI in the row"
    return f"{outcome.paper.key} not found"
