"""RL601 ``citation-format``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.listmodel import Role
from readme_lint.patterns import lazy_pattern
from readme_lint.rules.base import Option, Rule, RuleContext, replace_cell_text

if TYPE_CHECKING:
    from readme_lint.document import Document


_THOUSANDS = lazy_pattern(r"^[0-9]{1,3}(?:,[0-9]{3})+$")


class CitationFormat(Rule):
    """The Citation cell is not a non-negative whole number.

    **Why:** the citation column is sorted and compared; `1,234`, `~300` or `1.2k` break both.
    An empty cell is allowed by default (`allow-empty`): a brand-new paper has no count yet.

    **Example:** `1,234` -> `1234`; `~300` is reported.

    **Fix:** safe for thousands separators (`1,234` -> `1234`) -- unless the list writes its big numbers with
    them, which is then its convention; a value the list uses for "none" (`-`, `N/A` ... in two or more rows of
    the column, counted across tables of the same header) is not reported, but one the list never uses (`n/a`
    in a column of numbers) is; anything else is reported only.
    """

    code = "RL601"
    name = "citation-format"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {"allow-empty": Option(True, "allow an empty Citation cell")}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for paper in ctx.model.papers:
            cell = paper.citation_cell
            if cell is None:
                continue
            text = cell.text
            if not text:
                if not ctx.options_for(paper.section)["allow-empty"]:
                    yield self.report_cell(doc, cell, "Citation is empty")
                continue
            if text.isascii() and text.isdigit():
                continue
            column = paper.model.column(Role.CITATION)
            if column is not None and (
                text in column.placeholders or (column.thousands_commas and _THOUSANDS().match(text))
            ):
                continue  # the list's own "none" (used twice or more), or its own way of writing big numbers
            if _THOUSANDS().match(text):
                fixed = text.replace(",", "")
                yield self.report_cell(
                    doc,
                    cell,
                    f"Citation {text!r} should be written {fixed!r}",
                    replace_cell_text(cell, fixed),
                )
            else:
                yield self.report_cell(doc, cell, f"Citation {text!r} is not a whole number")


RULES: tuple[type[Rule], ...] = (CitationFormat,)
