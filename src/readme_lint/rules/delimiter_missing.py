"""RL108 ``delimiter-missing``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.lost_rows import (
    LostRows,
    cells_of,
    delimiter_problem,
    lines_text,
    only_typos,
    repaired_delimiter,
    sibling_delimiter,
)
from readme_lint.rules._lost_rows import LostRowsRule, edit_after_line, line_ending
from readme_lint.rules.base import Rule

if TYPE_CHECKING:
    from readme_lint.document import Document


class DelimiterMissing(LostRowsRule):
    """A table header with no valid delimiter row right under it: GitHub shows the whole table as a paragraph.

    **Why:** GFM opens a table only where a header row is followed at once by a delimiter row (`|---|`, cells
    of dashes with optional colons) with as many cells. A deleted delimiter row, a typo in it (`|:---;|`,
    an em dash, an empty cell) or a blank line between header and delimiter turns every row of the table into
    one paragraph of pipes; over a plain `---` line the header even becomes a heading. (A delimiter row with
    another cell count than its header is RL103's.)

    **Example:** `|Keywords | Title | Paper | Affiliation | Date | Citation|` followed directly by paper rows.

    **Fix:** safe where the file's other tables with as many columns share a delimiter row (a majority of two or
    more, or the only one): it is restored in their style (inserted, or written over a row mistyped with `;`,
    `=`, `_`, dots, blanks or dashes from an autocorrecting editor; other stray text makes it unsafe). A blank
    line between header and delimiter is removed (safe). Without such sibling tables the rebuilt row (`|---|`
    per column, or the mistyped row with `;` read as `:`) is an unsafe fix.
    """

    code = "RL108"
    name = "delimiter-missing"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    kinds = ("no-delimiter", "bad-delimiter", "blank-delimiter", "setext-delimiter")

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        lines = lines_text(lost.line, lost.end_line)
        header = doc.line_text(lost.header)
        columns = len(cells_of(header))
        style = sibling_delimiter(doc.tables, columns)
        if lost.kind == "blank-delimiter":
            message = (
                f"GitHub renders {lines} as paragraphs, not a table: the blank "
                f"{'line' if lost.cause == lost.cause_end else 'lines'} on {lines_text(lost.cause, lost.cause_end)} "
                f"{'separates' if lost.cause == lost.cause_end else 'separate'} the header from its delimiter row"
            )
            return self.at_lost(doc, lost, message, Fix((Edit(lost.cause, 1, lost.cause_end + 1, 1, ""),)))
        if lost.kind in ("bad-delimiter", "setext-delimiter"):
            text = doc.line_text(lost.cause)
            problem = delimiter_problem(text)
            col, what = problem if problem else (1, "it is not a delimiter row")
            message = (
                f"GitHub renders {lines} as a paragraph, not a table: line {lost.cause} is not a delimiter row "
                f"({what}, column {col})"
            )
            if lost.kind == "setext-delimiter":
                rows = (
                    f" and {lines_text(lost.cause + 1, lost.end_line)} as a paragraph"
                    if lost.end_line > lost.cause
                    else ""
                )
                message = (
                    f"GitHub renders line {lost.line} as a heading{rows}, not a table: line {lost.cause} is a heading "
                    "underline, not a delimiter row (it has no '|')"
                )
            replacement = style or repaired_delimiter(text, columns)
            safe = style is not None and only_typos(text)
            fix = Fix(
                (Edit.replace_span(lost.cause, 1, len(text) + 1, replacement),),
                Applicability.safe_if(safe),
            )
            return self.at_lost(doc, lost, message, fix)
        message = (
            f"GitHub renders {lines} as a paragraph, not a table: the header on line {lost.header} has no "
            "delimiter row under it"
        )
        replacement = style or _plain_delimiter(header, columns)
        fix = Fix(
            (edit_after_line(doc, lost.header, replacement + line_ending(doc, lost.header)),),
            Applicability.safe_if(style is not None),
        )
        return self.at_lost(doc, lost, message, fix)


def _plain_delimiter(header: str, columns: int) -> str:
    stripped = header.strip()
    body = "|".join(["---"] * columns)
    return ("|" if stripped.startswith("|") else "") + body + ("|" if stripped.endswith("|") else "")


RULES: tuple[type[Rule], ...] = (DelimiterMissing,)
