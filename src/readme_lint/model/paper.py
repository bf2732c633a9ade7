"""One paper row read through its table's model: its title, venue, links, arXiv IDs, date, citation count."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from readme_lint.anatomy import TitlePart, title_part
from readme_lint.model.arxiv import arxiv_id
from readme_lint.model.cells import SIMPLE_BOLD, VENUE_TAIL, cell_value, compared_label, date_value, title_shape
from readme_lint.model.dates import Date, parse_date
from readme_lint.papers import arxiv_month
from readme_lint.patterns import lazy_compile

if TYPE_CHECKING:
    from readme_lint.markdown import Link
    from readme_lint.model.columns import TableModel
    from readme_lint.tables import Row


_VENUE_YEAR = lazy_compile(r"(?:^|[^0-9])(?P<year>(?:19|20)[0-9]{2}|'[0-9]{2}|’[0-9]{2}|‘[0-9]{2})(?:[^0-9]|$)")


_BREAK = lazy_compile(r"<br\s*/?>", re.IGNORECASE)
_MARKUP = lazy_compile(r"\*\*|__|`|<[^<>]*>")
_LINK_TEXT = lazy_compile(r"!?\[([^\[\]]*)\]\([^()\s]*\)")


def _decorated_title(rest: str, part: TitlePart) -> str | None:
    """The title of a cell with decoration in front: the linked title's label, or the text of the title part up
    to the first break (the author line follows it), without markup."""
    if part.link is not None:
        return part.link.label.strip() or None
    if part.shape == "bold":
        marker = rest[:2]
        return rest[2 : rest.find(marker, 2)].strip() or None
    head = _BREAK.split(rest, maxsplit=1)[0]
    text = _MARKUP.sub("", _LINK_TEXT.sub(r"\1", head)).strip().strip("“”\"'")
    return text or None


_UNSET: Any = object()  # a lazy field not yet read (None is a value: a row without a title has title None)


class Paper:
    """One paper row read through its table's model. Cells are None where the table lacks the role.

    A slotted object with explicit lazy fields (no per-instance ``__dict__``, no ``cached_property``): a list of
    100,000 papers keeps 100,000 of them, and each derived value is read at most once per row -- the sort keys
    too, which the order pass, RL501 and ``init`` all ask for. ``arxiv_ids`` comes from the model pass, which
    parses every arXiv link of the list once for the list's URL form.
    """

    __slots__ = (
        "_arxiv_ids",
        "_arxiv_key",
        "_citation",
        "_date",
        "_date_key",
        "_date_text",
        "_labels",
        "_links",
        "_row_links",
        "_title",
        "_title_key",
        "_title_part",
        "_title_shape",
        "_venue",
        "citation_cell",
        "code_cell",
        "date_cell",
        "date_column",
        "date_pattern",
        "model",
        "paper_cell",
        "row",
        "section",
        "table",
        "title_cell",
        "venue_cell",
    )

    def __init__(self, table_model: TableModel, row: Row, arxiv_ids: tuple[tuple[str, str], ...] | None = None) -> None:
        self.model = table_model
        table = self.table = table_model.table
        self.row = row
        self.section = table.section
        layout = table_model.layout()
        cells = row.cells
        count = len(cells)
        index = layout.title
        self.title_cell = cells[index] if index is not None and index < count else None
        index = layout.paper
        self.paper_cell = cells[index] if index is not None and index < count else None
        index = layout.code
        self.code_cell = cells[index] if index is not None and index < count else None
        index = layout.date
        date_cell = cells[index] if index is not None and index < count else None
        if date_cell is None:
            index = layout.year
            date_cell = cells[index] if index is not None and index < count else None
        self.date_cell = date_cell
        index = layout.venue
        self.venue_cell = cells[index] if index is not None and index < count else None
        index = layout.citation
        self.citation_cell = cells[index] if index is not None and index < count else None
        self.date_column = layout.date_column
        self.date_pattern = layout.date_pattern
        self._arxiv_ids = _UNSET if arxiv_ids is None else arxiv_ids
        self._title = self._title_part = self._title_shape = self._venue = self._links = self._row_links = _UNSET
        self._labels = _UNSET
        self._date_text = self._date = self._citation = self._date_key = self._arxiv_key = self._title_key = _UNSET

    @property
    def line(self) -> int:
        return self.row.line

    @property
    def title_part(self) -> TitlePart | None:
        """The title cell's title part (where it starts after badges and emoji, its shape, its link); None for a
        row without a title cell or with an empty one."""
        part = self._title_part
        if part is _UNSET:
            cell = self.title_cell
            part = self._title_part = title_part(cell) if cell is not None and cell.text else None
        return part

    @property
    def title_shape(self) -> str | None:
        """How the title is written (``bold``, ``linked`` or ``plain``, as :func:`title_shape` reads a cell);
        None for a row without a title cell."""
        shape = self._title_shape
        if shape is _UNSET:
            cell = self.title_cell
            shape = self._title_shape = title_shape(cell) if cell is not None else None
        return shape

    @property
    def title(self) -> str | None:
        """The title text: the bold run, the linked title's label, or the plain text (quotes stripped) -- of the
        title part, never a badge's alt text or the author line after a break."""
        title = self._title
        if title is _UNSET:
            title = self._title = self._read_title()
        return title

    def _read_title(self) -> str | None:
        cell = self.title_cell
        part = self.title_part
        if cell is None or part is None:
            return None
        if part.start:
            return _decorated_title(cell.text[part.start :], part)
        text = cell.text
        if text.startswith(("**", "__")):
            bold = SIMPLE_BOLD.match(text)
            if bold is not None:  # a plain bold run first: the parser's first strong run, read without parsing
                return bold.group(1)
            strong = cell.inline.strong
            if strong:
                return strong[0].strip() or None
        if part.link is not None and part.link.label.strip():
            return part.link.label.strip()
        text = cell.inline.plain.strip().strip("“”\"'")
        return text or None

    @property
    def venue(self) -> tuple[str, int] | None:
        """(venue, year): from ``**Title** [Venue YYYY]``, or from the Venue column when it has a year."""
        venue = self._venue
        if venue is _UNSET:
            venue = self._venue = self._read_venue()
        return venue

    def _read_venue(self) -> tuple[str, int] | None:
        cell = self.title_cell
        part = self.title_part
        start = part.start if part is not None else 0
        if cell is not None and cell.text.startswith("**", start):
            close = cell.text.rfind("**")
            match = VENUE_TAIL.match(cell.text[close + 2 :]) if close > start + 1 else None
            if match:
                return match.group("venue"), int(match.group("year"))
        if self.venue_cell is not None and self.venue_cell.text:
            text = cell_value(self.venue_cell)
            found = _VENUE_YEAR.search(text)
            if found:
                year_text = found.group("year")
                year = int(year_text) if year_text[0].isdigit() else 2000 + int(year_text[1:])
                return text, year
        return None

    @property
    def links(self) -> tuple[Link, ...]:
        """The paper cell's links (for a linked title without a paper column: the title's link)."""
        links = self._links
        if links is _UNSET:
            cell = self.paper_cell
            if cell is None and self.title_cell is not None and self.model.layout().linked_titles:
                cell = self.title_cell
            linked = cell is not None and ("[" in cell.text or "<" in cell.text)
            links = self._links = cell.inline.links if linked and cell is not None else ()
        return links

    @property
    def row_links(self) -> tuple[Link, ...]:
        """Every link in the row, in order."""
        links = self._row_links
        if links is _UNSET:
            found: list[Link] = []
            for cell in self.row.cells:
                if "[" in cell.text or "<" in cell.text:
                    found.extend(cell.inline.links)
            links = self._row_links = tuple(found)
        return links

    def link(self, label: str) -> Link | None:
        """The first paper-cell link labelled ``label`` (case-insensitive, brackets ignored). The labels are read
        once per row, as a tuple beside ``links`` (None for an image): three intro rules ask each row for its
        ``intro`` link, and a tuple of two shared strings is a third of a dict's size."""
        labels = self._labels
        if labels is _UNSET:
            labels = self._labels = tuple(
                compared_label(link.label) if link.kind == "link" else None for link in self.links
            )
        wanted = label.casefold()
        return self._links[labels.index(wanted)] if wanted in labels else None  # (``links`` read with the labels)

    @property
    def arxiv_ids(self) -> tuple[tuple[str, str], ...]:
        """(ID, version) of every well-formed arXiv URL anywhere in the row, first seen first."""
        found = self._arxiv_ids
        if found is _UNSET:
            ids: list[tuple[str, str]] = []
            for link in self.row_links:
                if "arxiv" in link.target.lower():
                    parsed = arxiv_id(link.target)
                    if parsed and parsed not in ids:
                        ids.append(parsed)
            found = self._arxiv_ids = tuple(ids)
        return found

    @property
    def arxiv(self) -> tuple[str, str] | None:
        """The row's first arXiv (ID, version)."""
        found = self.arxiv_ids
        return found[0] if found else None

    @property
    def arxiv_month(self) -> tuple[int, int] | None:
        """(year, month) the row's first arXiv ID was first submitted in; None without a new-style ID. What RL303
        compares dates with, and what tells a spreadsheet's `2024.1` (October) from January."""
        found = self.arxiv_ids
        return arxiv_month(found[0][0]) if found else None

    @property
    def date_text(self) -> str:
        """The date as a reader sees it (bold, links and HTML comments dropped)."""
        text = self._date_text
        if text is _UNSET:
            self._read_date()
            text = self._date_text
        return text

    def _read_date(self) -> None:
        """The date text, the Date and its sort key at once, each row's from the table's cache by the cell's text
        (``PaperLayout.dates``: what they are read from, in one document with its link definitions)."""
        cell = self.date_cell
        text = cell.text if cell is not None else ""
        if not text or cell is None:
            self._date_text, self._date, self._date_key = "", None, None
            return
        layout = self.model.layout()
        found = layout.dates.get((text, self.date_pattern))
        if found is None:
            value = date_value(cell)
            date = parse_date(value, self.date_pattern, layout.heading_year) if value else None
            key = None if date is None else (date.year, date.month or 0, date.day or 0)
            found = layout.dates[(text, self.date_pattern)] = (value, date, key)
        self._date_text, self._date, self._date_key = found

    @property
    def date(self) -> Date | None:
        """The row's date at its column's precision (year only for a Year column)."""
        date = self._date
        if date is _UNSET:
            self._read_date()
            date = self._date
        return date

    @property
    def citation(self) -> int | None:
        citation = self._citation
        if citation is _UNSET:
            cell = self.citation_cell
            text = cell.text.replace(",", "") if cell is not None else ""
            citation = self._citation = int(text) if cell is not None and text.isascii() and text.isdigit() else None
        return citation

    def sort_key(self, key: str) -> tuple[int, ...] | int | str | None:
        """The row's value for an order key (``date``, ``year``, ``arxiv``, ``citation``, ``title``), read once."""
        if key in ("date", "year"):
            value = self._date_key
            if value is _UNSET:
                self._read_date()
                value = self._date_key
            return value
        if key == "arxiv":
            value = self._arxiv_key
            if value is _UNSET:
                found = self.arxiv
                if found is None or "/" in found[0]:
                    value = None
                else:
                    left, right = found[0].split(".")
                    value = (int(left), int(right))
                self._arxiv_key = value
            return value
        if key == "citation":
            return self.citation
        if key == "title":
            value = self._title_key
            if value is _UNSET:
                title = self.title
                value = self._title_key = title.casefold() if title else None
            return value
        return None
