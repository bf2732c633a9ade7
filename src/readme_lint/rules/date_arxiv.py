"""RL303 ``date-arxiv``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.listmodel import MAJORITY, MIN_SAMPLES, Date, Paper, Role, cell_value
from readme_lint.rules.base import RowRule, Rule, RuleContext, TableVisit

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.listmodel import ColumnModel
    from readme_lint.tables import Cell, Row


class DateArxiv(RowRule):
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
    later month (a revision date in its place). Besides, a venue year (a `Year` column, a `[Venue YYYY]` tag, a
    year in the Venue column) before the paper was posted is reported wherever it stands, as the world works: a
    known conference (ICLR, ICML, NeurIPS, CVPR ...) when the paper reached arXiv in or after the month of the next
    edition's submission deadline (a camera-ready posted months after the conference is normal -- `AAAI 2019` on
    arXiv 1906.02467 -- while `ICLR 2021` on arXiv 2110.02910, the month ICLR 2022 took its papers, is ICLR 2022);
    any other venue (a workshop, a journal) more than 12 months before it, counted from the venue year's end
    (papers often reach arXiv late).

    **Fix:** none, on purpose: which of the date, the venue or the link is wrong has to be looked up. The
    message gives both dates. Default severity: warning.
    """

    code = "RL303"
    name = "date-arxiv"
    severity = Severity.WARNING

    rows = "papers"

    def start(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        self._publication = _Publication()
        self._pending: list[tuple[Paper, int, int, tuple[Cell, str] | None]] = []
        return ()

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        """Counts the row toward the list's habit and keeps it when it may be reported: whether its date column is
        a publication date takes every row, so its findings wait for ``finish`` (in row order)."""
        posted = paper.arxiv_month if paper is not None else None
        if paper is None or posted is None:
            return ()
        year, month = posted
        column = paper.date_column  # (each Paper value read once per row)
        dated = column is not None and column.role is Role.DATE
        date = paper.date if dated else None
        if column is not None and dated:
            self._publication.add(paper, column, date, year, month)
        maybe = dated and _date_problem(date, year, month, later_too=True) is not None  # the widest test
        venue = _venue_problem(paper, year, month)
        if maybe or venue is not None:
            self._pending.append((paper, year, month, venue))
        return ()

    def finish(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        named, share = self._publication.result()
        by_convention = share >= MAJORITY
        for paper, year, month, venue in self._pending:
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
            if venue is not None:
                cell, message = venue
                yield self.report_cell(doc, cell, message)


_PUBLICATION_HEADER = re.compile(r"publish|submi|arxiv|preprint|发表|发布", re.IGNORECASE)


class _Publication:
    """Which date columns are publication dates, counted row by row: the ids of those whose header names a
    publication date -- or, where nearly every date is its row's arXiv month, every date column --, and the
    share of month-precise dates that equal their arXiv month."""

    def __init__(self) -> None:
        self.named: set[int] = set()
        self.columns: set[int] = set()
        self.agree = self.total = 0

    def add(self, paper: Paper, column: ColumnModel, date: Date | None, year: int, month: int) -> None:
        """Counts a row of a date column (``column``: the paper's, ``date``: its date)."""
        if date is None or date.month is None:
            return
        if id(column) not in self.columns:  # once per column, not per row
            self.columns.add(id(column))
            if _PUBLICATION_HEADER.search(column.name) or paper.model.uses_default_schema:
                self.named.add(id(column))  # the reference format documents its Date as the arXiv month
        self.total += 1
        self.agree += (date.year, date.month) == (year, month)

    def result(self) -> tuple[set[int], float]:
        share = self.agree / self.total if self.total >= MIN_SAMPLES else 0.0
        return (self.named | self.columns if share >= _NEARLY_ALL else self.named), share


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


# When major venues take place, and when their next edition takes its submissions (the usual months): a paper
# posted from that deadline on was written for the next edition, so a tag of this one is a slip of the year.
_VENUE_MONTHS: dict[str, tuple[int, int]] = {
    "iclr": (5, 10),
    "icml": (7, 1),
    "neurips": (12, 5),
    "nips": (12, 5),
    "cvpr": (6, 11),
    "iccv": (10, 3),
    "eccv": (10, 3),
    "acl": (7, 2),
    "emnlp": (11, 6),
    "naacl": (6, 12),
    "aaai": (2, 8),
    "ijcai": (8, 1),
    "kdd": (8, 2),
    "www": (5, 10),
    "sigir": (7, 1),
    "wsdm": (3, 8),
    "cikm": (10, 5),
    "recsys": (9, 4),
    "colm": (10, 3),
    "corl": (11, 6),
    "icra": (5, 9),
    "iros": (10, 3),
    "aistats": (5, 10),
    "uai": (7, 2),
    "colt": (7, 2),
    "miccai": (10, 3),
}


_VENUE_WORD = re.compile(r"[A-Za-z]+")


_VENUE_LEAD = 12  # months a paper may reach arXiv after another venue's year (a workshop, a journal, a late preprint)


def _venue_problem(paper: Paper, year: int, month: int) -> tuple[Cell, str] | None:
    """(cell, message) when the row's venue year is before the paper appeared on arXiv."""
    venue = paper.venue
    if venue is not None:
        name, venue_year = venue
        venue_cell = paper.venue_cell
        cell = venue_cell if venue_cell is not None and venue_cell.text else paper.title_cell
    else:
        column = paper.date_column  # a Year column holds the venue's year where the table has a Venue column
        if column is None or column.role is not Role.YEAR or not paper.model.column(Role.VENUE):
            return None
        date, cell = paper.date, paper.date_cell
        if date is None or cell is None:
            return None
        venue_cell = paper.venue_cell
        name = cell_value(venue_cell) if venue_cell is not None else ""
        venue_year = date.year
    if cell is None:
        return None
    words = [word.lower() for word in _VENUE_WORD.findall(name)]
    known = next((word for word in words if word in _VENUE_MONTHS), None)
    held, deadline = _VENUE_MONTHS[known] if known else (None, None)
    if known:  # `2023.09, ICLR 2024`: the venue's year is the one written after its name
        after = re.search(rf"(?i)\b{known}\b\W*((?:19|20)[0-9]{{2}}|[0-9]{{2}}\b)", name)
        if after:
            venue_year = int(after.group(1)) if len(after.group(1)) == 4 else 2000 + int(after.group(1))
    if held is not None and deadline is not None:  # a known conference: a camera-ready may come months after it
        if (year - venue_year) * 12 + month - held < (deadline - held) % 12:
            return None
        posted, shown = _posted(paper, year, month), _shown(name, venue_year)
        return cell, f"{shown!r} took place before the paper appeared on arXiv ({posted}); check the venue year"
    if (year - venue_year) * 12 + month - 12 > _VENUE_LEAD:  # any other venue: from the venue year's end on
        posted, shown = _posted(paper, year, month), _shown(name, venue_year)
        return cell, f"Venue year {venue_year} ({shown!r}) is before the paper appeared on arXiv ({posted})"
    return None


def _posted(paper: Paper, year: int, month: int) -> str:
    """When the paper reached arXiv, for a message (built only for a finding: nearly every venue is fine)."""
    return f"arXiv {paper.arxiv_ids[0][0]}, first submitted {year}.{month:02d}"


def _shown(name: str, venue_year: int) -> str:
    """The venue as a message names it: as written when it holds its year, else with the year after it."""
    return name if re.search(rf"{venue_year}|['’]{venue_year % 100:02d}", name) else f"{name} {venue_year}".strip()


RULES: tuple[type[Rule], ...] = (DateArxiv,)
