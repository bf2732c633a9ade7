"""RL304 ``update-note``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.papers import MONTH_NAMES, MONTHS
from readme_lint.rules._dates import days_in_month
from readme_lint.rules.base import Option, Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document, Section


_FULL_MONTHS = frozenset(name.lower() for name in MONTH_NAMES if name)


_NOTE = re.compile(r"^(?P<day>[0-9]{1,2})(?P<suffix>st|nd|rd|th)? (?P<month>[A-Za-z]+)\.?,? (?P<year>[0-9]{4})\.?$")


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
        if not 1 <= day <= days_in_month(year, month):
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


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


RULES: tuple[type[Rule], ...] = (UpdateNote,)
