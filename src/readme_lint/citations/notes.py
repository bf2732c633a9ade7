"""A section's update note ("Last update of citation was on 28th July, 2024."), rewritten in its own style.

The note's date keeps its shape: ordinal suffix or not, full or abbreviated month (``Oct``, ``Sept``, with or
without a dot), comma, final period. An abbreviated month in a file whose other notes spell months out
becomes the full name, as RL304 (update-note) asks. The wording before the date is RL304's ``prefix``
option (the section's, else the config's). A note that names its source (``Counts from Google Scholar.
Last update of ...``) gets the name of the source the counts now come from; a note that names none is not
given one. Below, per section: which notes a refresh dates, and where it says that counts from two sources
would stand side by side.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from readme_lint.citations.outcome import RowOutcome, SectionOutcome
from readme_lint.papers import MONTH_NAMES, MONTHS

if TYPE_CHECKING:
    from readme_lint.citations.settings import CitationSettings
    from readme_lint.config import Config
    from readme_lint.document import Document, Section
    from readme_lint.listmodel import TableModel

DEFAULT_PREFIX = "Last update of citation was on"
KNOWN_SOURCES = ("Google Scholar", "Semantic Scholar", "OpenAlex")
_DATE = re.compile(
    r"(?P<day>[0-9]{1,2})(?P<suffix>st|nd|rd|th)? (?P<month>[A-Za-z]+)(?P<dot>\.)?(?P<comma>,)? (?P<year>[0-9]{4})"
    r"(?P<period>\.)?"
)


class Note(NamedTuple):
    """Where a note's date stands (line, 1-based column, end column) and what it says."""

    line: int
    col: int
    end_col: int
    text: str  # the whole line
    date_text: str
    source: str | None  # the source the line names, if any
    style: re.Match[str]


def note_prefix(config: Config, section: Section) -> str:
    override = config.section(section.title) if section.heading is not None else None
    prefix = (override.rules if override else {}).get("RL304", {}).get("prefix")
    return str(prefix or config.rule_options.get("RL304", {}).get("prefix", DEFAULT_PREFIX))


def find_note(doc: Document, section: Section, prefix: str, names: tuple[str, ...] = KNOWN_SOURCES) -> Note | None:
    """The section's note, when its date can be read (an unreadable one is RL304's to report, not ours)."""
    for block in section.paragraphs:
        for line in range(block.start_line, block.end_line + 1):
            text = doc.line_text(line)
            position = text.find(prefix)
            if position == -1:
                continue
            start = position + len(prefix)
            rest = text[start:]
            col = start + len(rest) - len(rest.lstrip()) + 1
            match = _DATE.match(text, col - 1)
            if match is None or match.group("month").lower() not in MONTHS:
                return None
            named = next((name for name in names if name.casefold() in text.casefold()), None)
            return Note(line, col, match.end() + 1, text, match.group(0), named, match)
    return None


def month_spelling(note: Note) -> str | None:
    """``full``, ``abbreviated`` or None (May, which is both)."""
    word = note.style.group("month").lower()
    if word == "may":
        return None
    return "full" if word in {name.lower() for name in MONTH_NAMES if name} else "abbreviated"


def format_note_date(note: Note, today: dt.date, full_months: bool) -> str:
    """``today`` in the note's own date style (see the module doc)."""
    style = note.style
    abbreviated = month_spelling(note) == "abbreviated" and not full_months  # May: spelled out
    month = MONTH_NAMES[today.month]
    if abbreviated:
        written = style.group("month")
        month = "Sept" if written.lower() == "sept" and today.month == 9 else month[:3]
    day = f"{today.day}{_ordinal(today.day) if style.group('suffix') else ''}"
    dot = "." if abbreviated and style.group("dot") and month != MONTH_NAMES[today.month] else ""
    return f"{day} {month}{dot}{style.group('comma') or ''} {today.year}{style.group('period') or ''}"


def renamed_source(text: str, old: str, new: str) -> str:
    """The note line with the source it names replaced (case as written is not kept: the new name's own)."""
    position = text.casefold().find(old.casefold())
    return text if position == -1 else text[:position] + new + text[position + len(old) :]


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


# -- per section: the notes a refresh dates, and what it says about sources ------------------------------


def list_statement(doc: Document, config: Config) -> tuple[str, int] | None:
    """The source a line outside the tables and notes names for the list's counts (``sourced from Google
    Scholar``), with its line."""
    skipped = {row.line for table in doc.tables for row in (table.header, table.delimiter, *table.rows)}
    skipped |= {
        note.line for section in doc.sections if (note := find_note(doc, section, note_prefix(config, section)))
    }
    for line in range(1, len(doc.lines) + 1):
        folded = doc.line_text(line).casefold()
        if line in skipped or "citation" not in folded:
            continue
        for name in KNOWN_SOURCES:
            if name.casefold() in folded:
                return name, line
    return None


def date_notes(
    doc: Document,
    config: Config,
    settings: CitationSettings,
    tables: list[tuple[TableModel, int]],
    outcomes: list[RowOutcome],
    lines: dict[int, str],
    statement: tuple[str, int] | None,
    today: dt.date,
) -> list[SectionOutcome]:
    """Date each section whose counts were read today; the outcome per section, in file order."""
    names = tuple(dict.fromkeys((*KNOWN_SOURCES, settings.label)))
    every_note = [find_note(doc, section, note_prefix(config, section), names) for section in doc.sections]
    full_months = any(month_spelling(found) == "full" for found in every_note if found is not None)
    results: list[SectionOutcome] = []
    by_start = {section.start_line: section for section in doc.sections}
    seen: set[int] = set()
    for table, _ in tables:
        if table.section is None or table.section.start_line in seen:
            continue
        seen.add(table.section.start_line)
        section = by_start[table.section.start_line]
        mine = [o for o in outcomes if section.start_line <= o.line <= section.end_line]
        statuses = Counter(o.status for o in mine)
        note: Note | None = find_note(doc, section, note_prefix(config, section), names)
        earlier = (note.source if note is not None else None) or (statement[0] if statement else None)
        after = None
        if note is not None and any(o.new is not None for o in mine):
            after = format_note_date(note, today, full_months)
            text = note.text[: note.col - 1] + after + note.text[note.end_col - 1 :]
            if note.source is not None and note.source != settings.label:
                text = renamed_source(text, note.source, settings.label)
            if text != note.text:
                lines[note.line] = text
        results.append(SectionOutcome(section.title, statuses, note.date_text if note else None, after, earlier))
    return results


def source_warnings(
    settings: CitationSettings,
    sections: list[SectionOutcome],
    outcomes: list[RowOutcome],
    statement: tuple[str, int] | None,
) -> list[str]:
    """Where counts from two sources would stand side by side, or the list names another source: say so."""
    label = settings.label
    warnings = []
    for section in sections:
        kept = section.statuses["not-found"] + section.statuses["no-id"]
        fetched = sum(section.statuses[s] for s in ("updated", "unchanged", "small"))
        if kept and fetched and section.earlier_source != label:
            earlier = section.earlier_source or "an unnamed earlier source"
            warnings.append(
                f"section {section.title!r} mixes sources: {fetched} counts from {label}, {kept} kept from {earlier} "
                "(listed below as not found or without an ID)"
            )
        if section.note_before is None and fetched:
            warnings.append(f"section {section.title!r} has no update note readme-lint can read: not dated")
    if statement is not None and statement[0] != label and any(o.new is not None for o in outcomes):
        lower = sum(1 for o in outcomes if o.status == "updated" and o.new is not None and o.new < (o.old or 0))
        changed = sum(1 for o in outcomes if o.status == "updated")
        warnings.append(
            f"line {statement[1]} says the counts come from {statement[0]}; these are {label}'s "
            f"({lower} of {changed} updated counts went down): update that line"
        )
    return warnings
