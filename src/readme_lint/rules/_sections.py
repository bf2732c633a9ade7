"""Order and navigation (RL5xx): rows in sort order, a Table of Contents that matches the headings.

The helpers ``empty-section``, ``toc`` share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readme_lint.document import Document, Heading
    from readme_lint.markdown import Block


TOC_HEADINGS = ("table of contents", "contents", "toc")


def find_toc(doc: Document, headings: tuple[str, ...]) -> tuple[Heading, Block] | None:
    """The ToC heading and the first list in its section."""
    wanted = {heading.casefold() for heading in headings}
    for section in doc.sections:
        if section.heading is None or section.heading.plain.casefold() not in wanted:
            continue
        for block in doc.lists():
            if section.start_line < block.start_line <= section.end_line:
                return section.heading, block
    return None
