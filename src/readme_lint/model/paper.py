"""One paper row read through its table's model: its title, venue, links, arXiv IDs, date, citation count."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from readme_lint.anatomy import TitlePart, title_part
from readme_lint.model.arxiv import arxiv_id
from readme_lint.model.cells import VENUE_TAIL, cell_value, date_value
from readme_lint.model.columns import Role, TableModel
from readme_lint.model.dates import Date, parse_date

if TYPE_CHECKING:
    from readme_lint.document import Section
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell, Row


_VENUE_YEAR = re.compile(r"(?:^|[^0-9])(?P<year>(?:19|20)[0-9]{2}|'[0-9]{2}|’[0-9]{2}|‘[0-9]{2})(?:[^0-9]|$)")


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MARKUP = re.compile(r"\*\*|__|`|<[^<>]*>")
_LINK_TEXT = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*\)")


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


_HEADING_YEAR = re.compile(r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)")


def _heading_year(section: Section | None) -> int | None:
    """The year a section's heading names (``## 2024.05``, ``### May 2024``): the year of a per-month table."""
    if section is None or section.heading is None:
        return None
    found = _HEADING_YEAR.search(section.title)
    return int(found.group(1)) if found else None


class Paper:
    """One paper row read through its table's model. Cells are None where the table lacks the role."""

    def __init__(self, table_model: TableModel, row: Row) -> None:
        self.model = table_model
        self.table = table_model.table
        self.row = row
        self.section = table_model.table.section

        def cell(role: Role) -> Cell | None:
            column = table_model.column(role)
            return row.cell(column.index) if column is not None else None

        self.title_cell = cell(Role.TITLE)
        self.paper_cell = cell(Role.PAPER)
        self.code_cell = cell(Role.CODE)
        self.date_cell = cell(Role.DATE) or cell(Role.YEAR)
        self.venue_cell = cell(Role.VENUE)
        self.citation_cell = cell(Role.CITATION)
        date_column = table_model.column(Role.DATE) or table_model.column(Role.YEAR)
        self.date_column = date_column
        self.date_pattern = (date_column.date_pattern if date_column else None) or "YYYY.MM"

    @property
    def line(self) -> int:
        return self.row.line

    @cached_property
    def title(self) -> str | None:
        """The title text: the bold run, the linked title's label, or the plain text (quotes stripped) -- of the
        title part, never a badge's alt text or the author line after a break."""
        cell = self.title_cell
        if cell is None or not cell.text:
            return None
        inline = cell.inline
        part = title_part(cell)
        if part.start:
            return _decorated_title(cell.text[part.start :], part)
        if cell.text.startswith(("**", "__")) and inline.strong:
            return inline.strong[0].strip() or None
        if part.link is not None and part.link.label.strip():
            return part.link.label.strip()
        text = inline.plain.strip().strip("“”\"'")
        return text or None

    @cached_property
    def venue(self) -> tuple[str, int] | None:
        """(venue, year): from ``**Title** [Venue YYYY]``, or from the Venue column when it has a year."""
        cell = self.title_cell
        start = title_part(cell).start if cell is not None and cell.text else 0
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

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """The paper cell's links (for a linked title without a paper column: the title's link)."""
        cell = self.paper_cell
        if cell is None and self.title_cell is not None and self.model.column(Role.TITLE) is not None:
            column = self.model.column(Role.TITLE)
            if column is not None and column.title_shape == "linked":
                cell = self.title_cell
        if cell is None or ("[" not in cell.text and "<" not in cell.text):
            return ()
        return cell.inline.links

    @cached_property
    def row_links(self) -> tuple[Link, ...]:
        """Every link in the row, in order."""
        found: list[Link] = []
        for cell in self.row.cells:
            if "[" in cell.text or "<" in cell.text:
                found.extend(cell.inline.links)
        return tuple(found)

    def link(self, label: str) -> Link | None:
        """The first paper-cell link labelled ``label`` (case-insensitive, brackets ignored)."""
        wanted = label.casefold()
        for link in self.links:
            if link.kind == "link" and link.label.strip().strip("[]").strip().casefold() == wanted:
                return link
        return None

    @cached_property
    def arxiv_ids(self) -> tuple[tuple[str, str], ...]:
        """(ID, version) of every well-formed arXiv URL anywhere in the row, first seen first."""
        found: list[tuple[str, str]] = []
        for link in self.row_links:
            if "arxiv" in link.target.lower():
                parsed = arxiv_id(link.target)
                if parsed and parsed not in found:
                    found.append(parsed)
        return tuple(found)

    @property
    def arxiv(self) -> tuple[str, str] | None:
        """The row's first arXiv (ID, version)."""
        return self.arxiv_ids[0] if self.arxiv_ids else None

    @cached_property
    def date_text(self) -> str:
        """The date as a reader sees it (bold, links and HTML comments dropped)."""
        return date_value(self.date_cell) if self.date_cell is not None and self.date_cell.text else ""

    @cached_property
    def date(self) -> Date | None:
        """The row's date at its column's precision (year only for a Year column)."""
        if not self.date_text:
            return None
        return parse_date(self.date_text, self.date_pattern, _heading_year(self.section))

    @cached_property
    def citation(self) -> int | None:
        cell = self.citation_cell
        if cell is None:
            return None
        text = cell.text.replace(",", "")
        return int(text) if text.isascii() and text.isdigit() else None

    def sort_key(self, key: str) -> tuple[int, ...] | int | str | None:
        """The row's value for an order key (``date``, ``year``, ``arxiv``, ``citation``, ``title``)."""
        if key in ("date", "year"):
            date = self.date
            if date is None:
                return None
            return (date.year, date.month or 0, date.day or 0)
        if key == "arxiv":
            found = self.arxiv
            if found is None or "/" in found[0]:
                return None
            left, right = found[0].split(".")
            return (int(left), int(right))
        if key == "citation":
            return self.citation
        if key == "title":
            return self.title.casefold() if self.title else None
        return None
