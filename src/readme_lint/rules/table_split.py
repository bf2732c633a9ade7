"""RL107 ``table-split``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.lost_rows import (
    LostRows,
    cells_of,
    lines_text,
    looks_like_data,
)
from readme_lint.rules._lost_rows import LostRowsRule, edit_after_line, line_ending
from readme_lint.rules.base import Rule
from readme_lint.tables import is_html_tag_line

if TYPE_CHECKING:
    from readme_lint.document import Document


class TableSplit(LostRowsRule):
    """Rows after a blank line or an HTML comment line that ends their table: GitHub shows them as a paragraph.

    **Why:** a GFM table ends at the first blank line and at any other block, an HTML comment or a line that is one
    HTML tag (`<br>`) included. Every row after it -- a row appended below the table's closing blank line, or the
    rest of a table that a blank line or a `<!-- ... -->` line cuts in two -- is shown as one paragraph of pipes
    (after a tag line, as text of its HTML block), and its papers drop out of the table.

    **Example:** a table on lines 30-39, a blank line 40, then `|MQA|**Fast Transformer Decoding**|...|` on
    line 41: "GitHub renders line 41 as a paragraph: the blank line on line 40 ends the table that starts on
    line 30".

    **Fix:** the blank lines are removed -- safe when every cut-off row has as many cells as the table's header
    and the first one holds a paper (a link, bold text or a number), not column names of a header of its own;
    otherwise (the maintainer may have meant two tables) unsafe.
    An HTML comment or tag line is moved below the rows it cut off (unsafe: it may have been placed on purpose).
    """

    code = "RL107"
    name = "table-split"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    kinds = ("split",)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        assert lost.table is not None
        gap = range(lost.cause, lost.cause_end + 1)
        blank = [line for line in gap if not doc.line_text(line).strip()]
        comments = [line for line in gap if doc.line_text(line).strip()]
        tags = [line for line in comments if is_html_tag_line(doc.line_text(line))]
        what = _gap_words(len(blank), len(comments) - len(tags), len(tags))
        verb = "ends" if len(what.split(" and ")) == 1 and not what.endswith("s") else "end"
        shown = "text of an HTML block" if is_html_tag_line(doc.line_text(lost.line - 1)) else "a paragraph"
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as {shown}: the {what} on "
            f"{lines_text(lost.cause, lost.cause_end)} {verb} the table that starts on line {lost.table.start_line}"
        )
        columns = len(lost.table.header.cells)
        same_shape = all(len(cells_of(doc.line_text(line))) == columns for line in range(lost.line, lost.end_line + 1))
        edits = [Edit(lost.cause, 1, lost.cause_end + 1, 1, "")]
        if comments:
            moved = "".join(doc.line_text(line) + line_ending(doc, line) for line in comments)
            edits.append(edit_after_line(doc, lost.end_line, moved))
        own_header = not looks_like_data(cells_of(doc.line_text(lost.line)))
        fix = Fix(tuple(edits), Applicability.safe_if(same_shape and not comments and not own_header))
        return self.at_lost(doc, lost, message, fix)


def _gap_words(blank: int, comments: int, tags: int) -> str:
    """``blank line``, ``blank lines and HTML comment``, ``HTML tag line``: what stands between table and rows."""
    words = []
    if blank:
        words.append("blank line" if blank == 1 else "blank lines")
    if comments:
        words.append("HTML comment")
    if tags:
        words.append("HTML tag line" if tags == 1 else "HTML tag lines")
    return " and ".join(words)


RULES: tuple[type[Rule], ...] = (TableSplit,)
