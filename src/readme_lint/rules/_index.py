"""Every rule's code, name, module and default selection, generated from the rule classes; do not edit.

    python -m readme_lint.rules._generate > src/readme_lint/rules/_index.py

A run decides which rules it runs from this catalog and imports only their modules (``readme_lint.rules``);
tests/test_imports.py fails when it disagrees with the rule modules.
"""

from __future__ import annotations


class Entry:
    """One rule as the catalog lists it (a plain class: a NamedTuple costs ~1 M instructions at import)."""

    def __init__(self, code: str, name: str, module: str, enabled_by_default: bool, online: bool) -> None:
        self.code = code
        self.name = name
        self.module = module  # in readme_lint.rules
        self.enabled_by_default = enabled_by_default
        self.online = online


INDEX: tuple[Entry, ...] = (
    Entry("RL101", "column-count", "column_count", True, False),
    Entry("RL102", "header", "header", True, False),
    Entry("RL103", "delimiter-row", "delimiter_row", True, False),
    Entry("RL104", "cell-spacing", "cell_spacing", True, False),
    Entry("RL105", "required-cell", "required_cell", True, False),
    Entry("RL106", "table-pipes", "table_pipes", True, False),
    Entry("RL107", "table-split", "table_split", True, False),
    Entry("RL108", "delimiter-missing", "delimiter_missing", True, False),
    Entry("RL109", "row-above-delimiter", "row_above_delimiter", True, False),
    Entry("RL110", "headless-rows", "headless_rows", True, False),
    Entry("RL111", "row-outside-table", "row_outside_table", True, False),
    Entry("RL112", "fullwidth-pipe", "fullwidth_pipe", True, False),
    Entry("RL201", "title-format", "title_format", True, False),
    Entry("RL202", "paper-cell", "paper_cell", True, False),
    Entry("RL203", "link-syntax", "link_syntax", True, False),
    Entry("RL204", "arxiv-link", "arxiv_link", True, False),
    Entry("RL205", "duplicate-paper", "duplicate_paper", True, False),
    Entry("RL210", "link-broken", "link_broken", True, True),
    Entry("RL211", "link-redirect", "link_redirect", True, True),
    Entry("RL212", "arxiv-mismatch", "arxiv_mismatch", True, True),
    Entry("RL213", "link-unverifiable", "link_unverifiable", True, True),
    Entry("RL301", "date-format", "date_format", True, False),
    Entry("RL302", "date-range", "date_range", True, False),
    Entry("RL303", "date-arxiv", "date_arxiv", True, False),
    Entry("RL304", "update-note", "update_note", True, False),
    Entry("RL401", "intro-path", "intro_path", True, False),
    Entry("RL402", "intro-missing", "intro_missing", True, False),
    Entry("RL403", "intro-unlinked", "intro_unlinked", True, False),
    Entry("RL404", "intro-orphan", "intro_orphan", True, False),
    Entry("RL405", "intro-content", "intro_content", True, False),
    Entry("RL501", "sort-order", "sort_order", True, False),
    Entry("RL502", "toc", "toc", True, False),
    Entry("RL503", "empty-section", "empty_section", False, False),
    Entry("RL504", "anchor-link", "anchor_link", True, False),
    Entry("RL601", "citation-format", "citation_format", True, False),
    Entry("RL901", "unknown-suppression", "unknown_suppression", True, False),
    Entry("RL902", "unused-suppression", "unused_suppression", False, False),
)
