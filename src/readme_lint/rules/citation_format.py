"""RL601 ``citation-format``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.listmodel import Role
from readme_lint.patterns import lazy_pattern
from readme_lint.rules.base import Option, RowRule, Rule, TableVisit, replace_cell_text

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Cell, Row


_THOUSANDS = lazy_pattern(r"^[0-9]{1,3}(?:,[0-9]{3})+$")


class CitationFormat(RowRule):
    """The Citation cell is not a non-negative whole number.

    **Why:** the citation column is sorted and compared; `1,234`, `~300` or `1.2k` break both.
    An empty cell is allowed by default (`allow-empty`): a brand-new paper has no count yet.

    **Example:** `1,234` -> `1234`; `~300` is reported.

    **Fix:** safe for thousands separators (`1,234` -> `1234`) -- unless the list writes its big numbers with
    them, which is then its convention; a value the list uses for "none" (`-`, `N/A` ... in two or more rows of
    the column, counted across tables of the same header) is not reported, but one the list never uses (`n/a`
    in a column of numbers) is; anything else is reported only.
    """

    code = "RL601"
    name = "citation-format"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {"allow-empty": Option(True, "allow an empty Citation cell")}

    rows = "papers"

    def begin_table(self, visit: TableVisit) -> bool:
        return visit.model.column(Role.CITATION) is not None  # no column: no row has a citation cell

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        cell = paper.citation_cell if paper is not None else None
        if cell is None:
            return ()
        text = cell.text
        if text.isascii() and text.isdigit():
            return ()
        return self._problem(visit, cell, text)

    def _problem(self, visit: TableVisit, cell: Cell, text: str) -> Iterator[Diagnostic]:
        """The finding on a cell that is not plain digits (rare: a generator only for those)."""
        doc = visit.doc
        if not text:
            if not visit.options["allow-empty"]:
                yield self.report_cell(doc, cell, "Citation is empty")
            return
        column = visit.model.column(Role.CITATION)
        if column is not None and (
            text in column.placeholders or (column.thousands_commas and _THOUSANDS().match(text))
        ):
            return  # the list's own "none" (used twice or more), or its own way of writing big numbers
        if _THOUSANDS().match(text):
            fixed = text.replace(",", "")
            yield self.report_cell(
                doc,
                cell,
                f"Citation {text!r} should be written {fixed!r}",
                replace_cell_text(cell, fixed),
            )
        else:
            yield self.report_cell(doc, cell, f"Citation {text!r} is not a whole number")


RULES: tuple[type[Rule], ...] = (CitationFormat,)
