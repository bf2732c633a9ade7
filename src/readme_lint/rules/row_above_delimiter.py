"""RL109 ``row-above-delimiter``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.lost_rows import (
    LostRows,
    cells_of,
    lines_text,
    looks_like_data,
)
from readme_lint.rules._lost_rows import LostRowsRule
from readme_lint.rules.base import Rule

if TYPE_CHECKING:
    from readme_lint.document import Document


class RowAboveDelimiter(LostRowsRule):
    """A row between a table's header and its delimiter row, or right above the header: it is not in the table.

    **Why:** GFM takes the line right above the delimiter row as the header, and the lines above it as a
    paragraph. A paper row pasted under the header line pushes the delimiter row down: GitHub shows the real
    header as a paragraph line above the table, and the paper -- in bold, as column names -- as the table's
    header. Rows pasted right above a header are a paragraph of pipes too.

    **Example:** `|Keywords | Title | ...|`, then `|GQA|**GQA: ...**|...|`, then `|:---:|:---:|...|`.

    **Fix:** unsafe: the delimiter row is moved up under the first line, which becomes the header (the rows in
    between become the first data rows) -- offered when that line reads as column names (no link, bold text or
    number in it). Paper rows right above a header that reads as column names are moved under its delimiter
    row.
    """

    code = "RL109"
    name = "row-above-delimiter"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.UNSAFE,)
    kinds = ("above-delimiter",)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        table = lost.table
        assert table is not None
        lines = lines_text(lost.line, lost.end_line)
        delimiter = table.delimiter.line
        first_is_data = looks_like_data(cells_of(doc.line_text(lost.line)))
        if first_is_data and not looks_like_data([cell.text for cell in table.header.cells]):
            message = (
                f"GitHub renders {lines} as a paragraph: rows above the table's header (line {table.header.line}) "
                f"are not part of the table; they belong under its delimiter row (line {delimiter})"
            )
            order = [table.header.line, delimiter, *range(lost.line, lost.end_line + 1)]
            return self.at_lost(doc, lost, message, _reorder(doc, lost.line, order), end_line=table.header.line)
        message = (
            f"GitHub renders {lines} as a paragraph and line {table.header.line} as the table's header: the "
            f"delimiter row on line {delimiter} must come right after the header"
        )
        fix = None
        if not first_is_data:
            fix = _reorder(doc, lost.line, [lost.line, delimiter, *range(lost.line + 1, table.header.line + 1)])
        return self.at_lost(doc, lost, message, fix, end_line=table.header.line)


def _reorder(doc: Document, first: int, order: list[int]) -> Fix:
    """An unsafe fix that writes the lines numbered in ``order`` on lines ``first``... (their endings stay put)."""
    edits = tuple(
        Edit.replace_span(line, 1, len(doc.line_text(line)) + 1, doc.line_text(source))
        for line, source in zip(range(first, first + len(order)), order)
        if line != source
    )
    return Fix(edits, Applicability.UNSAFE)


RULES: tuple[type[Rule], ...] = (RowAboveDelimiter,)
