"""Dates (RL3xx): the Date column's format and range, agreement with arXiv, and the citation update notes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.papers import MONTH_NAMES, MONTHS, Date, format_date, read_date_leniently
from readme_lint.rules.base import Option, Rule, RuleContext, replace_cell_text

if TYPE_CHECKING:
    from readme_lint.document import Document, Section

_FULL_MONTHS = frozenset(name.lower() for name in MONTH_NAMES if name)
_NOTE = re.compile(r"^(?P<day>[0-9]{1,2})(?P<suffix>st|nd|rd|th)? (?P<month>[A-Za-z]+)\.?,? (?P<year>[0-9]{4})\.?$")
_NEW_ARXIV_ID = re.compile(r"^([0-9]{2})([0-9]{2})\.")


class DateFormat(Rule):
    """The date does not follow its column's date pattern, learned from the list (or pinned in the config).

    **Why:** the dates sort the tables and are compared with arXiv IDs; `2024-5`, `May 2024` and
    `2024.05` side by side make both impossible and look careless.

    **Example:** `2023-12`, `2023/12`, `2023.1`, `Dec 2023`, `December 2023` -> `2023.12` / `2023.01`.

    **Fix:** safe when the written date is unambiguous (a 4-digit year and a month, in either order of
    the spellings above); anything else is only reported. The pattern is the one a clear majority of the
    column's dates follow, at full precision (`YYYY-MM-DD`, `MM/DD, YYYY`, `YYYY.MM` ...); a column without a
    clear majority is not checked. A `pattern` on the config's date column pins it.
    """

    code = "RL301"
    name = "date-format"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for paper in ctx.model.papers:
            cell, column = paper.date_cell, paper.date_column
            if cell is None or column is None or not cell.text or paper.date is not None:
                continue
            pattern = column.date_pattern
            if pattern is None or column.is_placeholder(paper.date_text):
                continue  # no date convention in this column, or a value that means "none"
            lenient = read_date_leniently(paper.date_text)
            canonical = format_date(Date(*lenient), pattern) if lenient else None
            fix = None
            if canonical and cell.text.count(paper.date_text) == 1:
                fixed = cell.text.replace(paper.date_text, canonical)
                fix = replace_cell_text(cell, fixed)
            expected = f"; write {canonical!r}" if canonical else ""
            yield self.report_cell(
                doc, cell, f"Date {paper.date_text!r} does not match the pattern {pattern}{expected}", fix
            )


class DateRange(Rule):
    """The date is impossible: month outside 01-12, after today, or before `min-year` (1990).

    **Why:** `2023.13` or a date next year is a typo, and it sorts the row into the wrong place.

    **Fix:** none; the right date has to be looked up.
    """

    code = "RL302"
    name = "date-range"
    options = {"min-year": Option(1990, "earliest plausible year")}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        today = ctx.today
        minimum = ctx.options["min-year"]
        for paper in ctx.model.papers:
            date = paper.date
            if date is None or paper.date_cell is None:
                continue
            year, month, day = date
            problem = None
            if month is not None and not 1 <= month <= 12:
                problem = f"month {month:02d} does not exist"
            elif month is not None and day is not None and not 1 <= day <= _days_in_month(year, month):
                problem = f"day {day} does not exist in {MONTH_NAMES[month]} {year}"
            elif (year, month or 1, day or 1) > (today.year, today.month, today.day if day else 1):
                problem = f"it is after today ({today:%Y-%m-%d})" if day else f"it is after today ({today:%Y-%m})"
            elif year < minimum:
                problem = f"it is before {minimum}"
            if problem:
                yield self.report_cell(doc, paper.date_cell, f"Date {paper.date_text!r} is impossible: {problem}")


class DateArxiv(Rule):
    """The Date disagrees with the year and month encoded in the row's arXiv ID.

    **Why:** a new-style arXiv ID starts with YYMM of its first version (`2312.15234` -> 2023.12); a
    different date is often a copy-paste slip of the ID or the date.

    **Fix:** none, on purpose: a list may date a paper by its venue rather than its preprint. The message
    gives both dates. Default severity: warning.
    """

    code = "RL303"
    name = "date-arxiv"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for paper in ctx.model.papers:
            date, found = paper.date, paper.arxiv
            if date is None or found is None or date[1] is None or paper.date_cell is None:
                continue
            match = _NEW_ARXIV_ID.match(found[0])
            if match is None:
                continue
            year, month = 2000 + int(match.group(1)), int(match.group(2))
            if (year, month) != (date.year, date.month):
                yield self.report_cell(
                    doc,
                    paper.date_cell,
                    f"Date {paper.date_text} differs from arXiv {found[0]}, first submitted {year}.{month:02d}",
                )


class UpdateNote(Rule):
    """A section's citation update note is missing, unreadable, or wrong.

    **What:** sections whose table has a Citation column carry a note like
    `Last update of citation was on 28th July, 2024.` It is reported when missing, when its date cannot be
    read, when the ordinal is wrong (`22th`), the day impossible (`31st June`), the date in the future, or
    when the file mixes abbreviated and full month names (`20th Oct, 2024` beside `28th July, 2024`).

    **Why:** citation counts are only meaningful with the day they were read.

    **Fix:** safe: a wrong ordinal or an abbreviated month (in a file that also spells months out) is
    rewritten in the canonical form, `28th July, 2024`; a misspelled wording (`Last update of cititation was
    on 28th July, 2024.`) is corrected. Missing notes and impossible dates are only reported.
    """

    code = "RL304"
    name = "update-note"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {
        "prefix": Option("Last update of citation was on", "the text before the date"),
        "column": Option("Citation", "the column whose numbers the note dates"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        notes = []
        for section in doc.sections:
            column = ctx.options_for(section)["column"]
            if section.heading is None or not any(t.column_index(column) is not None for t in section.tables):
                continue
            prefix = ctx.options_for(section)["prefix"]
            note = _find_note(doc, section, prefix)
            if note is None:
                misspelled = _find_misspelled_note(doc, section, prefix)
                if misspelled is not None:
                    line, col, written = misspelled
                    fix = Fix((Edit.replace_span(line, col, col + len(written), prefix),))
                    yield self.report(
                        doc, line, col, col + len(written), f"Update note reads {written!r}; write {prefix!r}", fix
                    )
                    continue
                yield self.report_heading(
                    doc, section.heading, f"Section has a {column} column but no note '{prefix} <date>.'"
                )
                continue
            notes.append((section, note, prefix))
        full_names_used = any(_month_style(note[2]) == "full" for _, note, _ in notes)
        for _section, (line, col, date_text), _prefix in notes:
            yield from self._note(doc, ctx.today, line, col, date_text, full_names_used)

    def _note(
        self, doc: Document, today: dt.date, line: int, col: int, date_text: str, full_names_used: bool
    ) -> Iterator[Diagnostic]:
        end = col + len(date_text)
        match = _NOTE.match(date_text)
        month = MONTHS.get(match.group("month").lower()) if match else None
        if match is None or month is None:
            yield self.report(doc, line, col, end, f"Cannot read the date {date_text!r}; write e.g. '28th July, 2024.'")
            return
        day, year = int(match.group("day")), int(match.group("year"))
        if not dt.MINYEAR <= year <= dt.MAXYEAR:  # 0000: no calendar has it (and dt.date would raise)
            yield self.report(
                doc,
                line,
                col,
                end,
                f"Year {match.group('year')} in {date_text!r} does not exist; write the year of the update",
            )
            return
        if not 1 <= day <= _days_in_month(year, month):
            yield self.report(doc, line, col, end, f"Day {day} does not exist in {MONTH_NAMES[month]} {year}")
            return
        if dt.date(year, month, day) > today:
            yield self.report(doc, line, col, end, f"Update date {date_text!r} is in the future")
            return
        canonical = f"{day}{_ordinal(day)} {MONTH_NAMES[month]}, {year}."
        wrong_ordinal = match.group("suffix") is not None and match.group("suffix") != _ordinal(day)
        abbreviated = _month_style(date_text) == "abbreviated" and full_names_used
        if wrong_ordinal or abbreviated:
            what = (
                f"ordinal should be {day}{_ordinal(day)}"
                if wrong_ordinal
                else "month is abbreviated while others are spelled out"
            )
            yield self.report(
                doc,
                line,
                col,
                end,
                f"Update note date {date_text!r}: {what}; write {canonical!r}",
                Fix((Edit.replace_span(line, col, end, canonical),)),
            )


def _find_note(doc: Document, section: Section, prefix: str) -> tuple[int, int, str] | None:
    """(line, column of the date, date text) of the note in the section's paragraphs."""
    for block in section.paragraphs:
        for line in range(block.start_line, block.end_line + 1):
            text = doc.line_text(line)
            position = text.find(prefix)
            if position != -1:
                start = position + len(prefix)
                date_text = text[start:].strip()
                col = start + len(text[start:]) - len(text[start:].lstrip()) + 1
                return line, col, date_text
    return None


def _find_misspelled_note(doc: Document, section: Section, prefix: str) -> tuple[int, int, str] | None:
    """(line, column, text) of a paragraph line that starts almost like ``prefix`` (``cititation``) and ends in
    a readable date -- the note with a typo, which would otherwise count as missing."""
    import difflib

    for block in section.paragraphs:
        for line in range(block.start_line, block.end_line + 1):
            text = doc.line_text(line)
            stripped = text.lstrip()
            words = len(prefix.split())
            written = " ".join(stripped.split(" ")[:words])
            rest = stripped[len(written) :].strip()
            if (
                written != prefix
                and _NOTE.match(rest)
                and difflib.SequenceMatcher(None, written.lower(), prefix.lower()).ratio() >= 0.85
            ):
                return line, len(text) - len(stripped) + 1, written
    return None


def _month_style(date_text: str) -> str | None:
    """'full' (July), 'abbreviated' (Jul, Sept) or None (May, which is both, or unreadable)."""
    match = _NOTE.match(date_text)
    word = match.group("month").lower() if match else ""
    if word == "may" or word not in MONTHS:
        return None
    return "full" if word in _FULL_MONTHS else "abbreviated"


def _days_in_month(year: int, month: int) -> int:
    """Days in a month (``calendar`` would pull in ``locale`` at every start)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


RULES: tuple[type[Rule], ...] = (DateFormat, DateRange, DateArxiv, UpdateNote)
