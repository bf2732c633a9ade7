"""RL104 ``cell-spacing``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.rules.base import Option, RowRule, Rule, TableVisit

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Cell, Row


class CellSpacing(RowRule):
    """Padding inside a cell that breaks its column's own style, or doubled spaces inside a cell.

    **Why:** diffs of hand-edited rows stay readable only when every row is written the same way; a
    stray space (`| DeepSeek|` in a table written `|DeepSeek|`) or a doubled one (`THU,  Infinigence-AI`)
    is noise that the next contributor copies.

    **Style:** with `padding = "auto"` (default) each column's body cells decide: where nearly all (97%) of
    them have no space on a side, a space there is reported; where nearly all have one, a missing space is
    reported (wider alignment padding is fine). A column whose cells are mixed on either side is not checked
    on either (a list that pads cell ends at random does not curate their starts). So a list that pads every
    cell but the last (`| a | b |c|`) keeps its style. `none`, `single` and `any` pin the
    style for every column. Doubled spaces are not reported in a column where they are the house style (at
    least 10% of its cells). Header and delimiter rows are not checked.

    **Fix:** safe; only spaces are changed, toward the column's own style. Cells with code spans keep their
    inner spacing.
    """

    code = "RL104"
    name = "cell-spacing"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE,)
    options = {
        "padding": Option("auto", "auto, none, single or any", choices=("auto", "none", "single", "any")),
        "doubled-spaces": Option(True, "report two or more spaces in a row inside a cell"),
    }

    def begin_table(self, visit: TableVisit) -> bool:
        pinned = _PINNED_PADDING.get(visit.options["padding"])
        columns = visit.model.columns
        self._sides = [pinned or (column.left_padding, column.right_padding) for column in columns]  # per table
        self._house_style = [column.doubled_spaces_style for column in columns]
        self._doubled_spaces = visit.options["doubled-spaces"]
        self._unpadded = all("space" not in sides for sides in self._sides)  # no column wants a space
        return True

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        cells = row.cells
        line = row.text
        if (
            self._unpadded
            and "  " not in line
            and "\\" not in line
            and [c.raw for c in cells] == [c.text for c in cells]
        ):
            return ()  # no cell padded, none wants a space, none ends in a backslash or holds two spaces (most rows)
        return self._cells(visit, row)

    def _cells(self, visit: TableVisit, row: Row) -> list[Diagnostic]:
        """The row's findings, cell by cell."""
        found: list[Diagnostic] = []
        sides, known = self._sides, len(self._sides)
        last, leading, trailing = len(row.cells) - 1, row.leading_pipe, row.trailing_pipe
        for cell in row.cells:
            text = cell.text
            if not text:
                continue
            index = cell.index
            # Without an outer pipe, the outer cell's spaces are the line's indentation or its end.
            if index < known and (index or leading) and (index != last or trailing):
                left, right = sides[index]
                # An unpadded cell is right unless a space is wanted or it ends in a backslash (see _padding).
                if cell.raw != text or left == "space" or right == "space" or text[-1] == "\\":
                    problem = self._padding(visit.doc, cell, left, right)
                    if problem is not None:
                        found.append(problem)
            # (house style: doubled spaces are this column's habit)
            if (
                "  " in text
                and self._doubled_spaces
                and "`" not in text
                and not (index < known and self._house_style[index])
            ):
                found.extend(self._doubled(visit.doc, cell))
        return found

    def _padding(self, doc: Document, cell: Cell, left: str | None, right: str | None) -> Diagnostic | None:
        raw = cell.raw
        written_left = raw[: len(raw) - len(raw.lstrip(" \t"))]
        written_right = raw[len(raw.rstrip(" \t")) :]
        wanted_left = "" if left == "none" else (written_left or " ") if left == "space" else written_left
        wanted_right = "" if right == "none" else (written_right or " ") if right == "space" else written_right
        if not wanted_right and cell.text.endswith("\\"):
            wanted_right = " "  # a final backslash keeps one space: `\|` would escape the pipe (RL106 adds it so)
        wanted = wanted_left + cell.text + wanted_right
        if raw == wanted:
            return None
        return self.report(
            doc,
            cell.line,
            cell.start_col,
            cell.end_col,
            f"Cell is padded as {raw!r}; {_padding_words(left, right)}",
            Fix((Edit.replace_span(cell.line, cell.start_col, cell.end_col, wanted),)),
        )

    def _doubled(self, doc: Document, cell: Cell) -> Iterator[Diagnostic]:
        text = cell.text
        position = text.find("  ")
        while position != -1:
            end = position
            while end < len(text) and text[end] == " ":
                end += 1
            col = cell.text_col + position
            yield self.report(
                doc,
                cell.line,
                col,
                col + end - position,
                f"{end - position} spaces in a row inside the cell; use one",
                Fix((Edit.replace_span(cell.line, col, col + end - position, " "),)),
            )
            position = text.find("  ", end)


_PINNED_PADDING = {"none": ("none", "none"), "single": ("space", "space"), "any": (None, None)}


def _padding_words(left: str | None, right: str | None) -> str:
    if left == right == "none":
        return "this table writes cells with no padding"
    if left == right == "space":
        return "this table writes cells with a space on each side"
    sides = [
        f"{'no space' if style == 'none' else 'a space'} {where} the text"
        for style, where in ((left, "before"), (right, "after"))
        if style is not None
    ]
    return "this column writes cells with " + " and ".join(sides)


RULES: tuple[type[Rule], ...] = (CellSpacing,)
