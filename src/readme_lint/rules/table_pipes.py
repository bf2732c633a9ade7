"""RL106 ``table-pipes``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.rules.base import RowRule, Rule, TableVisit

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


class TablePipes(RowRule):
    """A row lacks its leading or trailing pipe while the table uses them.

    **Why:** GitHub accepts rows without outer pipes, but a table that mixes both styles is hard to edit
    and hides a lost cell: `|a|b` and `|a|b|` look alike until a cell goes missing.

    **Style:** learned per table: the outer pipes a clear majority of its rows have (a table whose rows end in a
    deliberate hidden cell without a trailing pipe keeps that style); with no clear majority, both when the
    header row has both.

    **Fix:** safe; the missing pipe is added (a trailing pipe after a final backslash gets a space first so
    that it is not escaped).
    """

    code = "RL106"
    name = "table-pipes"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE,)

    rows = "all"  # the header and delimiter too, or the fix leaves a mixed table

    def begin_table(self, visit: TableVisit) -> bool:
        return bool(visit.model.leading_pipe or visit.model.trailing_pipe)

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        model = visit.model
        if (row.leading_pipe or not model.leading_pipe) and (row.trailing_pipe or not model.trailing_pipe):
            return ()  # both pipes as the table writes them (nearly every row)
        if row.kind == "body" and not model.fits(row):
            return ()  # RL101 reports the row; a lost cell often takes the pipe with it
        hidden = row.kind == "body" and model.hidden_notes and model.has_hidden_note(row)
        missing = [
            side
            for side, present, wanted in (
                ("leading", row.leading_pipe, model.leading_pipe),
                ("trailing", row.trailing_pipe or hidden, model.trailing_pipe),
            )
            if wanted and not present
        ]
        if not missing:
            return ()
        end = len(row.text.rstrip(" \t"))
        edits = []
        if "leading" in missing:
            edits.append(Edit.insert(row.line, row.indent + 1, "|"))
        if "trailing" in missing:
            edits.append(Edit.insert(row.line, end + 1, " |" if row.text[:end].endswith("\\") else "|"))
        message = f"Row has no {' and no '.join(missing)} pipe; the table uses both"
        return (self.report(visit.doc, row.line, row.indent + 1, end + 1, message, Fix(tuple(edits))),)


RULES: tuple[type[Rule], ...] = (TablePipes,)
