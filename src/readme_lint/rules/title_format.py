"""RL201 ``title-format``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from readme_lint.anatomy import decoration_end
from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability, Severity
from readme_lint.listmodel import (
    Paper,
    Role,
)
from readme_lint.rules.base import RowRule, Rule, TableVisit, replace_cell_text

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.tables import Row


class TitleFormat(RowRule):
    """A title is not written like the list's other titles (bold, linked or plain), or its venue tag is malformed.

    **Why:** the title is what readers scan and what the intro-path convention and duplicate check are
    computed from. Each list has its own title shape -- `**Title**`, `[Title](url)` or plain text -- and a
    row that breaks it is usually a pasted row. In lists that tag bold titles with a venue (`**Title** [Venue
    YYYY]`), the tag stands in one fixed place, and a venue year earlier than the row's date is almost always a
    typo (reported as a warning).

    **Example:** `GQA: Training ... [EMNLP 2023]` (not bold) in a list of bold titles, `**GQA: ...**[EMNLP 2023]`
    (no space), `**HydraLoRA ...** [NIPS 2022]` with Date `2024.04`.

    **Fix:** safe for a missing or doubled space before the venue tag; nothing else is rewritten. The shape is
    the one a clear majority of the column follows; a column without one is not checked.
    """

    code = "RL201"
    name = "title-format"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)

    rows = "papers"

    def begin_table(self, visit: TableVisit) -> bool:
        column = visit.model.column(Role.TITLE)
        if column is None or column.title_shape is None:
            return False
        self._column = column
        tagged = column.title_shape == "bold" and column.venue_tail
        self._shape_message = _SHAPE_MESSAGES["bold-venue" if tagged else column.title_shape]
        return True

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        cell = paper.title_cell if paper is not None else None
        if cell is None or not cell.text or not visit.model.fits(row):
            return ()
        assert paper is not None
        column, doc = self._column, visit.doc
        shape = paper.title_shape  # (title_shape of the title cell, read once per row by the list model)
        if shape != column.title_shape:
            if column.is_placeholder(cell.text):
                return ()
            return (self.report_cell(doc, cell, self._shape_message),)
        if shape != "bold" or not column.venue_tail:
            return ()
        part = paper.title_part  # (read once per row: the venue below reads it too)
        start = part.start if part is not None else decoration_end(cell)  # after any badges and emoji in front
        text = cell.text
        close = text.find("**", start + 2)
        rest = text[close + 2 :] if close != -1 else ""
        if rest and paper.venue is None:
            return self._bad_tail(doc, paper, rest, close + 2)
        venue, date = paper.venue, paper.date
        if venue and date and venue[1] < date.year:
            start = cell.text_col + len(text) - len(rest) + 1
            message = f"Venue year {venue[1]} is earlier than the row's date {paper.date_text}"
            return (self.report(doc, cell.line, start, cell.text_end_col, message, severity=Severity.WARNING),)
        return ()

    def _bad_tail(self, doc: Document, paper: Paper, rest: str, offset: int) -> Iterator[Diagnostic]:
        cell = paper.title_cell
        assert cell is not None
        start = cell.text_col + offset
        stripped = rest.strip()
        fix = None
        if stripped.startswith("[") and stripped.endswith("]") and f" {stripped}" != rest:
            candidate = f"**{paper.title}** {stripped}" if paper.title else None
            if candidate and re.match(r"^\[[^\[\]]*?\S [0-9]{4}\]$", stripped):
                fix = replace_cell_text(cell, cell.text[:offset] + " " + stripped)  # the decoration kept
        yield self.report(
            doc,
            cell.line,
            start,
            cell.text_end_col,
            f"Unexpected text {rest.strip()!r} after the bold title; expected ' [Venue YYYY]' or nothing",
            fix,
        )


_SHAPE_MESSAGES = {
    "bold-venue": "Title is not bold: write it as **Title** [Venue YYYY]",
    "bold": "Title is not bold like the other titles: write it as **Title** (escape a * inside it as \\*)",
    "linked": "Title has no link, while the other titles link their paper: write it as [Title](URL)",
    "plain": "Title is not plain text like the other titles",
}


RULES: tuple[type[Rule], ...] = (TitleFormat,)
