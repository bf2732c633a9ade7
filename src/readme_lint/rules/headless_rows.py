"""RL110 ``headless-rows``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.lost_rows import (
    LostRows,
    cells_of,
    lines_text,
    sibling_style,
)
from readme_lint.rules._lost_rows import LostRowsRule, line_ending
from readme_lint.rules.base import Rule

if TYPE_CHECKING:
    from readme_lint.document import Document


class HeadlessRows(LostRowsRule):
    """Pipe rows with no header and delimiter row, where the file's other tables have both.

    **Why:** without a header row and a delimiter row GFM renders no table: the rows are one paragraph of pipes.
    This happens when a new section is started by pasting rows under its heading, or when the first two lines
    of a table are deleted.

    **Example:** `## Quantization`, then `|AWQ|**AWQ: ...**|[[pdf](...)]|MIT|2023.06|235|` with no table header,
    while the other sections' tables start with `|Keywords | Title | ...|` and `|:---:|...|`.

    **Fix:** unsafe: the header and delimiter row that the file's other tables with as many columns share are
    inserted above the rows (offered only when at least two of them agree).
    """

    code = "RL110"
    name = "headless-rows"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.UNSAFE,)
    kinds = ("headless",)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        columns = len(cells_of(doc.line_text(lost.line)))
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as a paragraph, not a table: the rows have no "
            f"header and delimiter row (the {columns}-column tables of the other sections have them)"
        )
        style = sibling_style(doc.tables, columns)
        fix = None
        if style is not None:
            ending = line_ending(doc, lost.line) or doc.dominant_ending
            fix = Fix((Edit.insert(lost.line, 1, style[0] + ending + style[1] + ending),), Applicability.UNSAFE)
        return self.at_lost(doc, lost, message, fix)


RULES: tuple[type[Rule], ...] = (HeadlessRows,)
