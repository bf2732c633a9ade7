"""RL112 ``fullwidth-pipe``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.lost_rows import (
    cells_of,
)
from readme_lint.rules.base import RowRule, Rule, RuleContext, TableVisit

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


_FULLWIDTH = "\uff5c"


class FullwidthPipe(RowRule):
    """A table row uses `｜` (U+FF5C FULLWIDTH VERTICAL LINE) where a `|` belongs.

    **Why:** input methods for Chinese and Japanese type `｜` for `|`. GitHub keeps it as text, so two cells
    merge into one and the row is short by a cell (or, in a header, the table does not render at all). Rows
    whose `｜` is part of a title (replacing it would give more cells than the header) are not reported.

    **Example:** `|GQA|**GQA: ...**|[[pdf](https://arxiv.org/abs/2305.13245)]｜Google|2023.05|174|`.

    **Fix:** every `｜` of the row becomes `|`; safe when the row has no other CJK text (where a `｜` may be
    part of a title), unsafe otherwise.
    """

    code = "RL112"
    name = "fullwidth-pipe"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)

    rows = "all"

    def start(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        self._anywhere = _FULLWIDTH in doc.source.text  # nearly every list has none: no row needs a look
        return ()

    def begin_table(self, visit: TableVisit) -> bool:
        self._expected_header = len(visit.table.delimiter.cells)
        return self._anywhere

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        if _FULLWIDTH not in row.text:
            return ()
        table = visit.table
        expected = self._expected_header if row is table.header else len(table.header.cells)
        found = self._check_row(visit.doc, row, expected)
        return () if found is None else (found,)

    def _check_row(self, doc: Document, row: Row, expected: int) -> Diagnostic | None:
        fixed = row.text.replace(_FULLWIDTH, "|")
        if len(row.cells) == expected or len(cells_of(fixed)) != expected:
            return None
        col = row.text.index(_FULLWIDTH) + 1
        message = (
            f"'{_FULLWIDTH}' (U+FF5C FULLWIDTH VERTICAL LINE) is not a pipe: GitHub shows it as text, and the row "
            f"has {len(row.cells)} cells instead of {expected}"
        )
        safe = not any(_is_cjk(char) for char in row.text if char != _FULLWIDTH)
        edits = tuple(
            Edit.replace_span(row.line, index + 1, index + 2, "|")
            for index, char in enumerate(row.text)
            if char == _FULLWIDTH
        )
        return self.report(doc, row.line, col, col + 1, message, Fix(edits, Applicability.safe_if(safe)))


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3000 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xFF00 <= code <= 0xFFEF


RULES: tuple[type[Rule], ...] = (FullwidthPipe,)
