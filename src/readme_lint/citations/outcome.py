"""What a refresh found, row by row and section by section: the plan's results, which the report prints."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from readme_lint.citations.ids import PaperId


class CitationError(Exception):
    """Why the refresh cannot be done; one line for the user (exit 1). Nothing has been written."""


class RowOutcome(NamedTuple):
    """One row: ``status`` is updated, unchanged, small (changed by less than --min-change), not-found,
    no-id (the row names no arXiv ID or DOI) or text (the cell holds no count, e.g. a live badge: not asked)."""

    line: int
    section: str
    title: str
    paper: PaperId | None
    before: str
    old: int | None
    new: int | None
    written: str
    status: str


class SectionOutcome(NamedTuple):
    title: str
    statuses: Counter[str]
    note_before: str | None  # the note's date before and after; None when the section has no readable note
    note_after: str | None
    earlier_source: str | None  # the source its counts came from before, when the note or the list names it
