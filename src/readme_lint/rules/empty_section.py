"""RL503 ``empty-section``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.rules._sections import TOC_HEADINGS, find_toc
from readme_lint.rules.base import Option, Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document, Section


class EmptySection(Rule):
    """A paper section listed in the Table of Contents has no table (info; off by default).

    **Why:** an empty topic ("HW/SW Co-design") promises papers the list does not have; fine while a list
    grows, worth a reminder before a release.

    **What counts:** sections linked from the ToC that come after the first section holding a table.

    **Fix:** none.
    """

    code = "RL503"
    name = "empty-section"
    severity = Severity.INFO
    enabled_by_default = False
    options = {"headings": Option(list(TOC_HEADINGS), "heading texts that mark the Table of Contents")}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = find_toc(doc, tuple(ctx.options["headings"]))
        if found is None:
            return
        _, block = found
        anchors = {link.target[1:].lower() for link in doc.links() if block.start_line <= link.line <= block.end_line}
        first_with_table = next((s.start_line for s in doc.sections if s.tables), None)
        if first_with_table is None:
            return
        for section in doc.sections:
            heading = section.heading
            if (
                heading
                and heading.anchor in anchors
                and section.start_line >= first_with_table
                and not _has_table(section, doc)
            ):
                yield self.report_heading(doc, heading, f"Section {heading.plain!r} has no table")


def _has_table(section: Section, doc: Document) -> bool:
    """A section has a table when it or one of its subsections holds one."""
    for other in doc.sections:
        if other.start_line < section.start_line or not other.tables:
            continue
        if other is section:
            return True
        if other.heading and section.heading and other.heading.level > section.heading.level:
            later = [s for s in doc.sections if section.start_line < s.start_line <= other.start_line]
            if all(s.heading and s.heading.level > section.heading.level for s in later):
                return True
    return False


RULES: tuple[type[Rule], ...] = (EmptySection,)
