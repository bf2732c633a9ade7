"""RL302 ``date-range``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.papers import MONTH_NAMES
from readme_lint.rules._dates import days_in_month
from readme_lint.rules.base import Option, Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


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
            elif month is not None and day is not None and not 1 <= day <= days_in_month(year, month):
                problem = f"day {day} does not exist in {MONTH_NAMES[month]} {year}"
            elif (year, month or 1, day or 1) > (today.year, today.month, today.day if day else 1):
                problem = f"it is after today ({today:%Y-%m-%d})" if day else f"it is after today ({today:%Y-%m})"
            elif year < minimum:
                problem = f"it is before {minimum}"
            if problem:
                yield self.report_cell(doc, paper.date_cell, f"Date {paper.date_text!r} is impossible: {problem}")


RULES: tuple[type[Rule], ...] = (DateRange,)
