"""The model's column and table objects: each column's role and conventions, each table's cells, pipes and
order. Filled in by the evidence pass (:mod:`readme_lint.model.evidence`); rules only read them."""

from __future__ import annotations

import re
from collections import Counter
from enum import Enum
from typing import TYPE_CHECKING, Any

from readme_lint.model.cells import is_hidden_note, is_placeholder_word

if TYPE_CHECKING:
    from readme_lint.config import Column
    from readme_lint.document import Section
    from readme_lint.tables import Row, Table


MAJORITY = 0.8  # share of values that makes a convention
MIN_SAMPLES = 5  # values needed before a learned convention overrides a prior (default schema) one
ARXIV_MAJORITY = 0.9  # one URL spelling is the list's only where nearly all its arXiv links use it
PADDING_MAJORITY = 0.97  # spacing is checked only where nearly every cell agrees (hand-made tables vary)
ORDER_TOLERANCE = 0.9  # share of rows in place (longest ordered run) that makes a table sorted


class Role(str, Enum):
    """What a column holds."""

    TITLE = "title"
    PAPER = "paper"
    CODE = "code"
    DATE = "date"
    VENUE = "venue"
    YEAR = "year"
    CITATION = "citation"
    KEYWORDS = "keywords"
    AFFILIATION = "affiliation"
    AUTHORS = "authors"
    OTHER = "other"


class ColumnModel:
    """One column of one table: its role and conventions (None: no clear convention, rules stay silent)."""

    __slots__ = (
        "date_pattern",
        "doubled_spaces_style",
        "filled",
        "index",
        "label_order",
        "labels_from_prior",
        "left_padding",
        "link_form",
        "link_labels",
        "link_separator",
        "name",
        "own_padding",
        "pinned",
        "placeholders",
        "required",
        "required_labels",
        "right_padding",
        "role",
        "rows",
        "spacing",
        "thousands_commas",
        "title_shape",
        "venue_tail",
    )

    def __init__(self, index: int, name: str, role: Role) -> None:
        self.index = index
        self.name = name
        self.role = role
        self.pinned: Column | None = None  # the config column that pins this one, if any
        self.required = False
        self.filled = 0  # rows with a real value (not empty, not a placeholder)
        self.rows = 0  # rows counted (group labels and empty rows left out)
        self.date_pattern: str | None = None
        self.placeholders: frozenset[str] = frozenset()  # this column's own "none" values (used 3+ times)
        self.link_form: str | None = None
        self.link_labels: tuple[str, ...] | None = None  # the labels used, in their usual order (casefolded)
        self.required_labels: tuple[str, ...] = ()
        self.label_order = False  # the labels always come in the order of link_labels
        self.labels_from_prior = False  # the vocabulary is the default schema's (pdf, intro), not learned
        self.link_separator: str | None = None  # what stands between two links of a cell (" ", " | " ...)
        self.title_shape: str | None = None
        self.venue_tail = False  # bold titles carry ' [Venue YYYY]' tails (the reference format)
        self.left_padding: str | None = None  # "none" or "space"
        self.right_padding: str | None = None
        self.own_padding = False  # enough cells for a padding style of its own (else the list's, the table's)
        self.spacing: tuple[Counter[str], Counter[str]] = (Counter(), Counter())  # the evidence: left, right
        self.doubled_spaces_style = False  # doubled spaces are house style here: not reported
        self.thousands_commas = False  # numbers of 1,000 and more are written with commas (a citation column)

    def __repr__(self) -> str:
        return f"ColumnModel({self.index}, {self.name!r}, {self.role.value})"

    def is_placeholder(self, text: str) -> bool:
        """Whether ``text`` means "none" in this column (a placeholder word or a learned repeated value)."""
        return text in self.placeholders or is_placeholder_word(text)


class Order:
    """A table's sort order: the key (a role: date, year, arxiv, citation, title), direction, and evidence.

    ``source`` says where it comes from: ``learned`` (this table's rows), ``list`` (the list's other tables,
    for tables too short to tell), ``prior`` (the default schema's documented order) or ``config``.
    """

    def __init__(self, key: str, descending: bool, share: float, source: str) -> None:
        self.key = key
        self.descending = descending
        self.share = share
        self.source = source

    @property
    def name(self) -> str:
        """The config spelling: ``date``, ``-date``, ``arxiv``, ``-year`` ..."""
        return ("-" if self.descending else "") + self.key


_HEADING_YEAR = re.compile(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)")


def heading_year(section: Section | None) -> int | None:
    """The year a section's heading names (``## 2024.05``, ``### May 2024``): the year of a per-month table."""
    if section is None or section.heading is None:
        return None
    found = _HEADING_YEAR.search(section.title)
    return int(found.group(1)) if found else None


class PaperLayout:
    """Where a table's paper rows keep each part (cell indices, None: no such column), and what reading them
    needs: the date column, its pattern, the year the section heading names. One per table, read by each row."""

    def __init__(
        self,
        title: int | None,
        paper: int | None,
        code: int | None,
        date: int | None,
        year: int | None,
        venue: int | None,
        citation: int | None,
        date_column: ColumnModel | None,
        date_pattern: str,
        heading_year: int | None,
        linked_titles: bool,
    ) -> None:
        self.title = title
        self.paper = paper
        self.code = code
        self.date = date
        self.year = year  # the fallback of a row too short for its Date column
        self.venue = venue
        self.citation = citation
        self.date_column = date_column
        self.date_pattern = date_pattern
        self.heading_year = heading_year
        # The title column's shape is "linked": a paper row without a paper column links there.
        self.linked_titles = linked_titles
        # (date cell text, pattern) -> (date text, Date or None, sort key or None), as the table's rows read them
        # (``Paper``): a list writes the same few hundred dates over and over. (Any: model.dates imports this.)
        self.dates: dict[tuple[str, str], tuple[str, Any, Any]] = {}


class TableModel:
    """One table's conventions: its columns by role, cell count, pipes, and order."""

    __slots__ = (
        "_by_role",
        "_layout",
        "columns",
        "deliberate_extra",
        "expected_cells",
        "habitual_cells",
        "hidden_notes",
        "leading_pipe",
        "left_padding",
        "order",
        "order_evidence",
        "right_padding",
        "siblings_unsorted",
        "table",
        "trailing_pipe",
        "uses_default_schema",
    )

    def __init__(self, table: Table, columns: list[ColumnModel]) -> None:
        self.table = table
        self.columns = columns
        self.expected_cells = len(table.header.cells)  # with deliberate extra cells, more than the header
        self.deliberate_extra = 0
        self.habitual_cells = len(table.header.cells)  # fewer when nearly every row leaves the last columns out
        self.hidden_notes = False  # the list keeps comment notes after the last column (3+ rows): its habit
        self.leading_pipe: bool | None = None  # the rows' pipe convention (None: no clear one)
        self.trailing_pipe: bool | None = None
        self._by_role: dict[Role, ColumnModel] | None = None  # filled on first use, once the roles are final
        self._layout: PaperLayout | None = None  # likewise, once the conventions are final
        self.order: Order | None = None
        self.order_evidence = False  # enough rows with keys to tell whether the table is sorted
        self.siblings_unsorted = False  # a short table whose same-header siblings keep no order: neither does it
        self.uses_default_schema = False
        self.left_padding: str | None = None  # the table-wide padding, for columns without their own
        self.right_padding: str | None = None

    def __repr__(self) -> str:
        return f"TableModel(line={self.table.start_line}, roles={[c.role.value for c in self.columns]})"

    @property
    def section(self) -> Section | None:
        return self.table.section

    def column(self, role: Role) -> ColumnModel | None:
        """The first column with ``role``."""
        if self._by_role is None:
            self._by_role = {}
            for column in self.columns:
                self._by_role.setdefault(column.role, column)
        return self._by_role.get(role)

    def layout(self) -> PaperLayout:
        """Where this table's rows keep each part, found once for all its rows (read when the first Paper is)."""
        if self._layout is None:
            date_column = self.column(Role.DATE) or self.column(Role.YEAR)
            title = self.column(Role.TITLE)
            index = self._index
            self._layout = PaperLayout(
                index(Role.TITLE),
                index(Role.PAPER),
                index(Role.CODE),
                index(Role.DATE),
                index(Role.YEAR),
                index(Role.VENUE),
                index(Role.CITATION),
                date_column,
                (date_column.date_pattern if date_column else None) or "YYYY.MM",
                heading_year(self.table.section),
                title is not None and title.title_shape == "linked",
            )
        return self._layout

    def _index(self, role: Role) -> int | None:
        column = self.column(role)
        return column.index if column is not None else None

    def column_at(self, index: int) -> ColumnModel | None:
        return self.columns[index] if index < len(self.columns) else None

    def fits(self, row: Row) -> bool:
        """Whether the row has the table's cell count (RL101 reports the others; their cells are shifted, so
        the per-column checks would only repeat that one problem)."""
        found = len(row.cells)
        if found > self.expected_cells and self.hidden_notes and self.has_hidden_note(row):
            return True  # a `[//]: #06/05` note after the last pipe: GitHub hides it, as the list means it to
        return self.habitual_cells <= found <= self.expected_cells

    def has_hidden_note(self, row: Row) -> bool:
        """Whether the row's cells past the header's are all markdown comments (``[//]: #06/05``)."""
        extra = row.cells[len(self.table.header.cells) :]
        return bool(extra) and all(is_hidden_note(cell.text) for cell in extra)

    @property
    def is_paper_table(self) -> bool:
        """A table of papers: it has a title, a paper-link or a date column."""
        return any(self.column(role) is not None for role in (Role.TITLE, Role.PAPER, Role.DATE, Role.YEAR))
