"""RL101 ``column-count``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.rules.base import RowRule, Rule, RuleContext, TableVisit
from readme_lint.tables import MAX_CELLS

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row, Table


class ColumnCount(RowRule):
    """A row has more or fewer cells than the table's header.

    **Why:** GitHub pads a short row with empty cells and silently drops the cells of a long row -- with
    their text. A shifted or missing pipe is the most common damage in contributed rows.

    **Example:** under a 6-column header, `|MQA|**Title**|[[pdf](https://arxiv.org/abs/1911.02150)]|Google|2019.11|`
    has 5 cells.

    **Fix:** safe only when the extra cells of a long row are all empty (they are removed); otherwise the
    row must be repaired by hand, because which cell is missing cannot be known.

    A table whose rows nearly all carry the same extra cells (a hidden `| [//]: #10/21` note after the last
    column) does so on purpose: those cells are part of its convention and are not reported; so is, in any
    table, an extra cell that is a markdown comment (`[//]: #06/05`, `[comment]: <> (x)`, `<!-- x -->`) in a list
    that keeps such notes on three or more rows: its habit, which GitHub hides as meant. Likewise a table
    whose rows nearly all leave out the header's last columns (GitHub pads them): that is the table's habit,
    reported once, at the header, as unused columns (info) -- the rows that differ from the habit are reported.

    A row of more than 500 cells is not read cell by cell (a bound on memory: a cell costs far more than its
    two characters of `|a`), so no rule checks it; it is reported once per table. When the header or the
    delimiter row is that wide, no row of the table is checked.
    """

    code = "RL101"
    name = "column-count"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)

    def start(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        """The tables' own findings (unused last columns, rows too wide to split), before any row's."""
        for table in doc.tables:
            model = ctx.model.table(table)
            if model.habitual_cells < len(table.header.cells):
                yield self._unused_columns(doc, table.header, model.habitual_cells)
            yield from self._unsplit(doc, table)

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        if row.unsplit_cells:
            return ()
        model, doc = visit.model, visit.doc
        header, found = model.habitual_cells, len(row.cells)
        expected = model.expected_cells  # the header, or more with deliberate extra cells
        if header <= found <= expected or model.fits(row):
            return ()  # model.fits: also a row whose extra cells are hidden notes (`[//]: #06/05`)
        if found > expected:
            extra = row.cells[expected:]
            lost = [cell.text for cell in extra if cell.text]
            fix = None
            if not lost:
                end = len(row.text.rstrip(" \t")) - (1 if row.trailing_pipe else 0) + 1
                fix = Fix((Edit.replace_span(row.line, extra[0].start_col - 1, end, ""),))
            what = f"GitHub drops {_plural(len(extra), 'extra cell')}" + (
                f" and the text {lost[0]!r}" if lost else " (empty)"
            )
            message = f"Row has {found} cells, the header has {expected}: {what}"
            return (self.report(doc, row.line, extra[0].start_col, row.cells[-1].end_col, message, fix),)
        message = (
            f"Row has {found} cells, the header has {expected}: GitHub shows "
            f"{_plural(expected - found, 'empty cell')} at the end; check for a missing '|'"
        )
        return (self.report(doc, row.line, row.indent + 1, len(row.text.rstrip()) + 1, message),)

    def _unused_columns(self, doc: Document, header: Row, used: int) -> Diagnostic:
        """One finding at the header for a table whose rows all leave its last columns out."""
        unused = header.cells[used:]
        names = ", ".join(repr(cell.text) for cell in unused)
        what = "the last column" if len(unused) == 1 else f"the last {len(unused)} columns"
        return self.report(
            doc,
            header.line,
            unused[0].text_col,
            header.cells[-1].text_end_col,
            f"Every row leaves out {what} ({names}): GitHub shows it empty; fill it or remove it from the header",
            severity=Severity.INFO,
        )

    def _unsplit(self, doc: Document, table: Table) -> Iterator[Diagnostic]:
        """One finding for the rows of ``table`` too wide to be split into cells (see the docstring)."""
        if table.too_wide:
            header = table.header
            yield self.report(
                doc,
                header.line,
                header.indent + 1,
                len(header.text.rstrip()) + 1,
                f"Table has {header.cell_count:,} columns (the delimiter row {table.delimiter.cell_count:,}): "
                f"readme-lint reads at most {MAX_CELLS} cells a row, so none of its rows is checked",
            )
            return
        wide = [row for row in table.rows if row.unsplit_cells]
        if not wide:
            return
        first = wide[0]
        more = f" (nor the {_plural(len(wide) - 1, 'other such row')} of this table)" if len(wide) > 1 else ""
        yield self.report(
            doc,
            first.line,
            first.indent + 1,
            len(first.text.rstrip()) + 1,
            f"Row has {first.unsplit_cells:,} cells, the header has {len(table.header.cells)}: readme-lint reads "
            f"at most {MAX_CELLS} cells a row and does not check this one{more}",
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


RULES: tuple[type[Rule], ...] = (ColumnCount,)
