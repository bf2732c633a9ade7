"""Lost-row rules (RL107-RL112): lines that look like rows of a table but that GitHub renders as something else.

What GitHub makes of the lines around each table is read once per run (``readme_lint.lost_rows``); these rules
say it at the first lost line and repair it where the repair is clear.

The helpers these rules share:
``delimiter-missing``, ``headless-rows``, ``row-above-delimiter``, ``row-outside-table``, ``table-split``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic, Edit, Fix
from readme_lint.lost_rows import (
    LostRows,
    lost_rows,
)
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class LostRowsRule(Rule):
    """Shared by the rules below: each reads the lost rows of its kinds and reports them at the first lost line."""

    kinds: tuple[str, ...] = ()

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for lost in lost_rows(doc, ctx):
            if lost.kind in self.kinds:
                yield self.describe(doc, lost)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        raise NotImplementedError

    def at_lost(
        self, doc: Document, lost: LostRows, message: str, fix: Fix | None = None, col: int = 0, end_line: int = 0
    ) -> Diagnostic:
        """Report at the first lost line; the range runs to the end of the last one (or of ``end_line``), so that
        ``--diff-base`` keeps the finding when any of those lines changed."""
        text = doc.line_text(lost.line)
        start = col or len(text) - len(text.lstrip(" \t")) + 1
        last = max(lost.end_line, end_line)
        return self.report(doc, lost.line, start, len(doc.line_text(last).rstrip()) + 1, message, fix, end_line=last)


def line_ending(doc: Document, line: int) -> str:
    return doc.endings[line - 1] if 0 < line <= len(doc.endings) else ""


def edit_after_line(doc: Document, line: int, text: str) -> Edit:
    """Insert ``text`` (whole lines, each with its ending) after ``line``, also when it is the last line."""
    if line_ending(doc, line):
        return Edit.insert(line + 1, 1, text)
    for end in ("\r\n", "\n", "\r"):  # the file ends without a newline: keep it that way
        if text.endswith(end):
            text = text[: -len(end)]
            break
    return Edit.insert(line, len(doc.line_text(line)) + 1, doc.dominant_ending + text)
