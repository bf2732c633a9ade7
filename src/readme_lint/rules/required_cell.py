"""RL105 ``required-cell``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.listmodel import PLACEHOLDER_WORDS, is_placeholder_word
from readme_lint.rules.base import Option, RowRule, Rule, RuleContext, TableVisit

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


class RequiredCell(RowRule):
    """A cell the list always fills is empty or holds only a placeholder, or a whole row is empty.

    **Why:** a paper row without a title, link or date is unusable, and a stray `-` or `TBD` tends to stay
    forever. Which columns are required is learned: a title, paper-link, date, venue or author column that
    (nearly) every row fills; citation, affiliation, code and keyword columns may wait for a value. A value
    a column repeats across many rows instead of a link (`-`, `null`, `Local Demo` ...) is that column's
    placeholder for "none" and is not a missing value. `columns` in the config pins which are required, and
    `placeholders` names texts that always count as empty.

    **Example:** `|LazyLLM|**LazyLLM: ...**|[[pdf](https://arxiv.org/abs/2407.14057)]|Apple, Meta||12|`
    (empty Date); `|  |  |  |  |` (an empty row, which GitHub shows as a blank line in the table).

    **Fix:** none; the missing value has to be looked up.
    """

    code = "RL105"
    name = "required-cell"
    options = {
        "placeholders": Option([], "texts that always count as empty in a required column (default: learned)"),
    }

    def start(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        # A placeholder the list writes on purpose somewhere (`-` for a toolkit with no paper) is deliberate
        # in any of its tables; only columns pinned by the reference format or the config forbid it.
        self._deliberate = {
            text for model in ctx.model.tables for column in model.columns for text in column.placeholders
        }
        return ()

    def begin_table(self, visit: TableVisit) -> bool:
        self._pinned = set(visit.options["placeholders"])
        self._required = [column for column in visit.model.columns if column.required]
        self._indices = [column.index for column in self._required]  # (None: a column the header does not have)
        return True

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        cells = row.cells
        last_filled = bool(cells) and bool(cells[-1].text)  # then neither empty nor a group label (nearly every row)
        if cells and not last_filled and not any(cell.text for cell in cells):
            message = "Row is empty: GitHub shows a blank row"
            return (self.report(visit.doc, row.line, row.indent + 1, len(row.text.rstrip()) + 1, message),)
        if not self._required or not visit.model.fits(row) or (not last_filled and row.is_group_label):
            return ()
        count, pinned = len(cells), self._pinned
        for index in self._indices:  # a cheap acceptance first: every required cell long and no pinned placeholder
            if index is not None and index < count:
                text = cells[index].text
                if not text or text in pinned or len(text) <= _LONGEST or text[0].isspace() or text[-1].isspace():
                    return self._cells(visit, row)
        return ()

    def _cells(self, visit: TableVisit, row: Row) -> list[Diagnostic]:
        """The findings of a fitting row with a required cell that may be empty or a placeholder."""
        found = []
        pinned, deliberate = self._pinned, self._deliberate
        for column in self._required:
            cell = row.cell(column.index)
            if cell is None:
                continue
            text = cell.text
            if not text:
                found.append(self.report_cell(visit.doc, cell, f"Required cell {column.name!r} is empty"))
            elif text in pinned or (
                # (a cheap test first: too long to be a placeholder word even once stripped)
                (len(text) <= _LONGEST or text[0].isspace() or text[-1].isspace())
                and is_placeholder_word(text)
                and (column.pinned or text not in deliberate)
            ):
                message = f"Required cell {column.name!r} holds only the placeholder {text!r}"
                found.append(self.report_cell(visit.doc, cell, message))
        return found


_LONGEST = max(len(word) for word in PLACEHOLDER_WORDS)  # a longer text, once stripped, is no placeholder word


RULES: tuple[type[Rule], ...] = (RequiredCell,)
