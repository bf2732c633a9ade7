"""RL301 ``date-format``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.listmodel import Date, Role, date_regex, format_date
from readme_lint.papers import read_date_leniently
from readme_lint.rules.base import RowRule, Rule, TableVisit, replace_cell_text

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


class DateFormat(RowRule):
    """The date does not follow its column's date pattern, learned from the list (or pinned in the config).

    **Why:** the dates sort the tables and are compared with arXiv IDs; `2024-5`, `May 2024` and
    `2024.05` side by side make both impossible and look careless.

    **Example:** `2023-12`, `2023/12`, `2023.2`, `Dec 2023`, `December 2023` -> `2023.12` / `2023.02`. A dotted
    `2023.1` is January or October (a spreadsheet or pandas export writes 2023.10 as 2023.1): the row's arXiv
    month decides, and without one the date is only reported.

    **Fix:** safe when the written date is unambiguous (a 4-digit year and a month, in either order of
    the spellings above); anything else is only reported. The pattern is the one a clear majority of the
    column's dates follow, at full precision (`YYYY-MM-DD`, `MM/DD, YYYY`, `YYYY.MM`, `YY-MM-DD`, `MM/YYYY`,
    `MMM., YYYY` for `Jun., 2024`, `MMMM YYYY` for `June 2024` ...); a column without a
    clear majority is not checked. A `pattern` on the config's date column pins it.
    """

    code = "RL301"
    name = "date-format"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)

    rows = "papers"

    def begin_table(self, visit: TableVisit) -> bool:
        column = visit.model.column(Role.DATE) or visit.model.column(Role.YEAR)  # as Paper.date_column
        return column is not None and column.date_pattern is not None  # else no row is checked

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        if paper is None:
            return ()
        cell, column = paper.date_cell, paper.date_column
        if cell is None or column is None or not cell.text or paper.date is not None:
            return ()
        pattern = column.date_pattern
        if pattern is None or column.is_placeholder(paper.date_text):
            return ()  # no date convention in this column, or a value that means "none"
        if date_regex(pattern).match(paper.date_text):
            return ()  # the format is right; only the year is unknown (`MM-DD` under a heading without one)
        lenient = read_date_leniently(paper.date_text, paper.arxiv_month)
        canonical = format_date(Date(*lenient), pattern) if lenient else None
        fix = None
        if canonical and cell.text.count(paper.date_text) == 1:
            fix = replace_cell_text(cell, cell.text.replace(paper.date_text, canonical))
        expected = f"; write {canonical!r}" if canonical else ""
        message = f"Date {paper.date_text!r} does not match the pattern {pattern}{expected}"
        return (self.report_cell(visit.doc, cell, message, fix),)


RULES: tuple[type[Rule], ...] = (DateFormat,)
