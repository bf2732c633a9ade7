"""RL105 ``required-cell``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.listmodel import is_placeholder_word
from readme_lint.rules.base import Option, Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class RequiredCell(Rule):
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

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        pinned = set(ctx.options["placeholders"])
        # A placeholder the list writes on purpose somewhere (`-` for a toolkit with no paper) is deliberate
        # in any of its tables; only columns pinned by the reference format or the config forbid it.
        deliberate = {text for model in ctx.model.tables for column in model.columns for text in column.placeholders}
        for table in doc.tables:
            model = ctx.model.table(table)
            required = [column for column in model.columns if column.required]
            for row in table.rows:
                if row.cells and not any(cell.text for cell in row.cells):
                    yield self.report(
                        doc,
                        row.line,
                        row.indent + 1,
                        len(row.text.rstrip()) + 1,
                        "Row is empty: GitHub shows a blank row",
                    )
                    continue
                if row.is_group_label or not model.fits(row):
                    continue
                for column in required:
                    cell = row.cell(column.index)
                    if cell is None:
                        continue
                    if not cell.text:
                        yield self.report_cell(doc, cell, f"Required cell {column.name!r} is empty")
                    elif cell.text in pinned or (
                        is_placeholder_word(cell.text) and (column.pinned or cell.text not in deliberate)
                    ):
                        yield self.report_cell(
                            doc, cell, f"Required cell {column.name!r} holds only the placeholder {cell.text!r}"
                        )


RULES: tuple[type[Rule], ...] = (RequiredCell,)
