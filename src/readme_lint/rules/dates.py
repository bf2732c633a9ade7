"""Dates (RL3xx): the Date column's format and range, agreement with arXiv, and the citation update notes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.listmodel import MAJORITY, MIN_SAMPLES, Paper, Role, cell_value
from readme_lint.papers import MONTH_NAMES, MONTHS, Date, format_date, read_date_leniently
from readme_lint.rules.base import Option, Rule, RuleContext, replace_cell_text

if TYPE_CHECKING:
    from readme_lint.document import Document, Section
    from readme_lint.tables import Cell

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
                fix = replace_cell_text(cell, cell.text.replace(paper.date_text, canonical))
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
    """A publication date disagrees with the row's arXiv ID, or a venue year is before the paper existed.

    **Why:** a new-style arXiv ID starts with the year and month of its first version (`2312.15234` ->
    2023.12); a date weeks before that, or a venue that took place before the paper was posted, is a
    copy-paste slip of the date, the year or the link.

    **What:** checked where the date column is a publication date: its header says so (`Publish Date`, `Published`,
    `Submitted`, `arXiv`; the reference format's `Date` too), or a clear majority of the list's rows carry their
    arXiv month. Every date pattern counts, at its own precision (`YYYY.MM`, `YYYY-MM-DD`, `MM/DD, YYYY` ...).
    Reported: a date before the ID's month -- a day-precise date from the 20th of the previous month on is allowed
    (a paper submitted at a month's end gets the next month's ID), a month-precise date one month early too; and, in
    a column named as a publication date or in a list that dates 95% of its papers by their arXiv month, a date in a
    later month (a revision date in its place). Besides, a venue
    year (a `Year` column, a `[Venue YYYY]` tag, a year in the Venue column) before the arXiv year, or a known
    conference (ICLR, ICML, NeurIPS, CVPR ...) held months before the paper was posted, is reported wherever it
    stands: a venue date is not a publication date, but it cannot precede the paper.

    **Fix:** none, on purpose: which of the date, the venue or the link is wrong has to be looked up. The
    message gives both dates. Default severity: warning.
    """

    code = "RL303"
    name = "date-arxiv"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        dated = [(paper, posted) for paper in ctx.model.papers if (posted := _arxiv_month(paper)) is not None]
        named, share = _publication_columns(dated)
        by_convention = share >= MAJORITY
        for paper, (year, month) in dated:
            column = paper.date_column
            if column is not None and column.role is Role.DATE and (id(column) in named or by_convention):
                problem = _date_problem(paper.date, year, month, later_too=id(column) in named)
                if problem and paper.date_cell is not None:
                    yield self.report_cell(
                        doc,
                        paper.date_cell,
                        f"Date {paper.date_text} is {problem} arXiv {paper.arxiv_ids[0][0]} "
                        f"(first submitted {year}.{month:02d})",
                    )
            venue = _venue_problem(paper, year, month)
            if venue is not None:
                cell, message = venue
                yield self.report_cell(doc, cell, message)


def _arxiv_month(paper: Paper) -> tuple[int, int] | None:
    """(year, month) of the row's first new-style arXiv ID."""
    if not paper.arxiv_ids:
        return None
    match = _NEW_ARXIV_ID.match(paper.arxiv_ids[0][0])
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    return 2000 + int(match.group(1)), int(match.group(2))


_PUBLICATION_HEADER = re.compile(r"publish|submi|arxiv|preprint|发表|发布", re.IGNORECASE)


def _publication_columns(dated: list[tuple[Paper, tuple[int, int]]]) -> tuple[set[int], float]:
    """(ids of date columns whose header names a publication date -- or, where nearly every date is its row's
    arXiv month, every date column --, and the share of month-precise dates that equal their arXiv month)."""
    named: set[int] = set()
    columns: set[int] = set()
    agree = total = 0
    for paper, (year, month) in dated:
        column, date = paper.date_column, paper.date
        if column is None or column.role is not Role.DATE or date is None or date.month is None:
            continue
        if _PUBLICATION_HEADER.search(column.name) or paper.model.uses_default_schema:
            named.add(id(column))  # the reference format documents its Date as the arXiv month
        columns.add(id(column))
        total += 1
        agree += (date.year, date.month) == (year, month)
    share = agree / total if total >= MIN_SAMPLES else 0.0
    return (named | columns if share >= _NEARLY_ALL else named), share


_NEARLY_ALL = 0.95  # a list that dates this many papers by their arXiv month dates them all so: later is wrong too


def _date_problem(date: Date | None, year: int, month: int, later_too: bool) -> str | None:
    """'N months before' / 'N months after' when ``date`` is off the arXiv month beyond what timing explains."""
    if date is None or date.month is None or not 1 <= date.month <= 12:
        return None
    months = (date.year - year) * 12 + date.month - month
    if months < 0:
        allowed = months == -1 and (date.day is None or date.day >= _MONTH_END_FROM)
        return None if allowed else f"{_months(-months)} before"
    if months > 0 and later_too:
        return f"{_months(months)} after"
    return None


_MONTH_END_FROM = 20  # a paper submitted from the 20th on may get the next month's ID (cv-arxiv-daily: 141 rows)


def _months(count: int) -> str:
    return "1 month" if count == 1 else f"{count} months"


# When major venues take place (month), for "the venue was held before the paper was posted".
_VENUE_MONTHS = {
    "iclr": 5,
    "icml": 7,
    "neurips": 12,
    "nips": 12,
    "cvpr": 6,
    "iccv": 10,
    "eccv": 10,
    "acl": 7,
    "emnlp": 11,
    "naacl": 6,
    "aaai": 2,
    "ijcai": 8,
    "kdd": 8,
    "www": 5,
    "sigir": 7,
    "wsdm": 3,
    "cikm": 10,
    "recsys": 9,
    "colm": 10,
    "corl": 11,
    "icra": 5,
    "iros": 10,
    "aistats": 5,
    "uai": 7,
    "colt": 7,
    "miccai": 10,
}
_VENUE_WORD = re.compile(r"[A-Za-z]+")
_VENUE_GRACE = 3  # months after a conference in which posting the paper is still normal


def _venue_problem(paper: Paper, year: int, month: int) -> tuple[Cell, str] | None:
    """(cell, message) when the row's venue year is before the paper appeared on arXiv."""
    venue = paper.venue
    year_column = None  # a Year column holds the venue's year where the table has a Venue column
    if paper.date_column is not None and paper.date_column.role is Role.YEAR and paper.model.column(Role.VENUE):
        year_column = paper.date_column
    if venue is not None:
        name, venue_year = venue
        cell = paper.venue_cell if paper.venue_cell is not None and paper.venue_cell.text else paper.title_cell
    elif year_column is not None and paper.date is not None and paper.date_cell is not None:
        name = cell_value(paper.venue_cell) if paper.venue_cell is not None else ""
        venue_year, cell = paper.date.year, paper.date_cell
    else:
        return None
    if cell is None:
        return None
    words = [word.lower() for word in _VENUE_WORD.findall(name)]
    known = next((word for word in words if word in _VENUE_MONTHS), None)
    held = _VENUE_MONTHS[known] if known else None
    if known:  # `2023.09, ICLR 2024`: the venue's year is the one written after its name
        after = re.search(rf"(?i)\b{known}\b\W*((?:19|20)[0-9]{{2}}|[0-9]{{2}}\b)", name)
        if after:
            venue_year = int(after.group(1)) if len(after.group(1)) == 4 else 2000 + int(after.group(1))
    posted = f"arXiv {paper.arxiv_ids[0][0]}, first submitted {year}.{month:02d}"
    shown = name if re.search(rf"{venue_year}|['’]{venue_year % 100:02d}", name) else f"{name} {venue_year}".strip()
    if venue_year < year:
        return cell, f"Venue year {venue_year} ({shown!r}) is before the paper appeared on arXiv ({posted})"
    if held is not None and venue_year == year and month > held + _VENUE_GRACE:
        return cell, f"{shown!r} took place before the paper appeared on arXiv ({posted}); check the venue year"
    return None


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
