"""RL302 ``date-range``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.listmodel import Role
from readme_lint.papers import MONTH_NAMES
from readme_lint.rules._dates import days_in_month
from readme_lint.rules.base import Option, RowRule, Rule, TableVisit

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


class DateRange(RowRule):
    """The date is impossible: month outside 01-12, after today, or before `min-year` (1990).

    **Why:** `2023.13` or a date next year is a typo, and it sorts the row into the wrong place.

    **Fix:** none; the right date has to be looked up.
    """

    code = "RL302"
    name = "date-range"
    options = {"min-year": Option(1990, "earliest plausible year")}

    rows = "papers"

    def begin_table(self, visit: TableVisit) -> bool:
        return (visit.model.column(Role.DATE) or visit.model.column(Role.YEAR)) is not None  # else no row has a date

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        date = paper.date if paper is not None else None
        if paper is None or date is None or paper.date_cell is None:
            return ()
        today = visit.ctx.today
        minimum = visit.options["min-year"]
        year, month, day = date
        problem = None
        if month is not None and not 1 <= month <= 12:
            problem = f"month {month:02d} does not exist"
        elif month is not None and day is not None and not 1 <= day <= days_in_month(year, month):
            problem = f"day {day} does not exist in {MONTH_NAMES[month]} {year}"
        elif (year, month or 1, day or 1) > (today.year, today.month, today.day if day else 1):
            problem = f"it is after today ({today:%Y-%m-%d})" if day else f"it is after today ({today:%Y-%m})"
        elif year < minimum:
            problem = f"it is before {minimum}"
        if not problem:
            return ()
        return (self.report_cell(visit.doc, paper.date_cell, f"Date {paper.date_text!r} is impossible: {problem}"),)


RULES: tuple[type[Rule], ...] = (DateRange,)
