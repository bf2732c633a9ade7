"""RL111 ``row-outside-table``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.lost_rows import (
    LostRows,
    indent_width,
    lines_text,
    list_marker,
)
from readme_lint.rules._lost_rows import LostRowsRule, line_ending
from readme_lint.rules.base import Rule

if TYPE_CHECKING:
    from readme_lint.document import Document


class RowOutsideTable(LostRowsRule):
    """A row next to a table that GitHub puts in a code block or a list instead.

    **Why:** a row indented four spaces right under a table is an indented code block (and ends the table);
    a row written as a list item (`- |...|`) right under a table starts a list; a table written right under a
    list item, without a blank line between, is lazy text of that item. In each case GitHub shows the rows as
    code or as list text, and the rows after them as a paragraph.

    **Example:** `    |MQA|**Fast Transformer Decoding**|...|` under a table's last row.

    **Fix:** an indented row is moved back to the table's indentation (safe); a blank line is inserted between
    a list and the table it swallowed (safe); the list marker before a row is removed (unsafe: it may be a
    list on purpose).
    """

    code = "RL111"
    name = "row-outside-table"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    kinds = ("indented", "list-item", "list-swallowed")

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        if lost.kind == "indented":
            return self._indented(doc, lost)
        if lost.kind == "list-item":
            return self._list_item(doc, lost)
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as text of the list item on line {lost.cause}, "
            "not a table: a table right after a list needs a blank line before it"
        )
        ending = line_ending(doc, lost.line) or doc.dominant_ending
        return self.at_lost(doc, lost, message, Fix((Edit.insert(lost.line, 1, ending),)))

    def _indented(self, doc: Document, lost: LostRows) -> Diagnostic:
        assert lost.table is not None
        code_end = lost.line
        while code_end < lost.end_line and indent_width(doc.line_text(code_end + 1)) >= 4:
            code_end += 1
        first = doc.line_text(lost.line)
        how = "with a tab" if "\t" in first[: len(first) - len(first.lstrip())] else f"{indent_width(first)} spaces"
        message = (
            f"GitHub renders {lines_text(lost.line, code_end)} as code (indented {how}), which ends the "
            f"table that starts on line {lost.table.start_line}"
        )
        if code_end < lost.end_line:
            message += f", and {lines_text(code_end + 1, lost.end_line)} as a paragraph"
        indent = " " * lost.table.header.indent
        edits = []
        for line in range(lost.line, code_end + 1):
            text = doc.line_text(line)
            edits.append(Edit.replace_span(line, 1, len(text) - len(text.lstrip(" \t")) + 1, indent))
        return self.at_lost(doc, lost, message, Fix(tuple(edits)))

    def _list_item(self, doc: Document, lost: LostRows) -> Diagnostic:
        assert lost.table is not None
        text = doc.line_text(lost.line)
        marker = list_marker(text)
        assert marker is not None
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as a list item, not a row: the "
            f"'{marker.group(2)}' before the row starts a list, which ends the table that starts on line "
            f"{lost.table.start_line}"
        )
        fix = Fix((Edit.replace_span(lost.line, 1, marker.end() + 1, marker.group(1)),), Applicability.UNSAFE)
        return self.at_lost(doc, lost, message, fix, col=marker.start(2) + 1)


RULES: tuple[type[Rule], ...] = (RowOutsideTable,)
