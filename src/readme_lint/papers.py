"""What a paper row means: title, venue, pdf and intro links, arXiv ID, date -- read once, shared by rules.

This sits between the document model and the rules: it interprets parsed cells (never raw markdown) with
the column schema from the config. ``papers(doc, ctx)`` is computed once per lint run (``memo.per_run``),
so ten rules do not read the same cells ten times.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from readme_lint.memo import per_run

if TYPE_CHECKING:
    from readme_lint.document import Document, Section
    from readme_lint.markdown import Link
    from readme_lint.rules.base import RuleContext
    from readme_lint.tables import Cell, Row, Table

_ARXIV_HOST = re.compile(r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/", re.IGNORECASE)
_ARXIV_PATH = re.compile(
    r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(abs|pdf|html)/"
    r"(?P<id>[0-9]{4}\.[0-9]{4,5}|[a-z][a-z.-]*/[0-9]{7})(?P<version>v[0-9]+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_VENUE = re.compile(r"^ \[(?P<venue>[^\[\]]*?\S) (?P<year>[0-9]{4})\]$")
_NUMERIC_DATE = re.compile(r"^([0-9]{4})[-/. ]([0-9]{1,2})$")
_NAMED_DATE = re.compile(r"^([A-Za-z]{3,9})\.?,? ([0-9]{4})$")
MONTHS = {  # month spellings (English, independent of the locale) -> number
    name: number
    for number, names in enumerate(
        [
            (),
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SLUG_CHAR = re.compile(r"[^a-z0-9.]")
_PATTERN_TOKENS = re.compile(r"YYYY|YY|MM|M|DD|D")
_TOKEN_REGEX = {
    "YYYY": r"(?P<year>[0-9]{4})",
    "YY": r"(?P<year2>[0-9]{2})",
    "MM": r"(?P<month>[0-9]{2})",
    "M": r"(?P<month>[0-9]{1,2})",
    "DD": r"(?P<day>[0-9]{2})",
    "D": r"(?P<day>[0-9]{1,2})",
}


def slugify(text: str) -> str:
    """The intro-path slug: lowercase, every character other than a-z, 0-9 and '.' replaced by '-'."""
    return _SLUG_CHAR.sub("-", text.lower())


@lru_cache(maxsize=16)
def date_regex(pattern: str) -> re.Pattern[str]:
    """Compile a date pattern like ``YYYY.MM`` (tokens YYYY YY MM M DD D; the rest literal)."""
    parts, position = [], 0
    for match in _PATTERN_TOKENS.finditer(pattern):
        parts.append(re.escape(pattern[position : match.start()]))
        parts.append(_TOKEN_REGEX[match.group(0)])
        position = match.end()
    parts.append(re.escape(pattern[position:]))
    return re.compile("^" + "".join(parts) + "$")


def parse_date(text: str, pattern: str) -> tuple[int, int | None] | None:
    """(year, month or None) when ``text`` matches ``pattern``, else None. The month is not range-checked."""
    match = date_regex(pattern).match(text)
    if match is None:
        return None
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else 2000 + int(groups["year2"])
    if groups.get("year2") and year > 2069:
        year -= 100
    month = int(groups["month"]) if groups.get("month") else None
    return year, month


def format_date(year: int, month: int, pattern: str) -> str | None:
    """Write (year, month) in ``pattern``; None when the pattern needs a day we do not know."""
    if any(token.group(0).startswith("D") for token in _PATTERN_TOKENS.finditer(pattern)):
        return None
    values = {"YYYY": f"{year:04d}", "YY": f"{year % 100:02d}", "MM": f"{month:02d}", "M": str(month)}
    return _PATTERN_TOKENS.sub(lambda m: values[m.group(0)], pattern)


def read_date_leniently(text: str) -> tuple[int, int] | None:
    """Read the unambiguous spellings a contributor types: 2023-12, 2023/12, 2023.1, Dec 2023, December 2023."""
    match = _NUMERIC_DATE.match(text.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = _NAMED_DATE.match(text.strip())
        if not match or match.group(1).lower() not in MONTHS:
            return None
        year, month = int(match.group(2)), MONTHS[match.group(1).lower()]
    return (year, month) if 1 <= month <= 12 else None


def arxiv_id(url: str) -> tuple[str, str] | None:
    """(ID, version suffix or '') of an arXiv abs/pdf/html URL in any of its common spellings."""
    match = _ARXIV_PATH.match(url.strip())
    if match is None:
        return None
    return match.group("id"), match.group("version") or ""


def is_arxiv_url(url: str) -> bool:
    return _ARXIV_HOST.match(url.strip()) is not None


class Paper:
    """One body row read through the column schema. Cells are None where the table lacks the column."""

    def __init__(
        self,
        table: Table,
        row: Row,
        section: Section | None,
        title_cell: Cell | None,
        paper_cell: Cell | None,
        date_cell: Cell | None,
        citation_cell: Cell | None,
        date_pattern: str,
    ) -> None:
        self.table = table
        self.row = row
        self.section = section
        self.title_cell = title_cell
        self.paper_cell = paper_cell
        self.date_cell = date_cell
        self.citation_cell = citation_cell
        self.date_pattern = date_pattern

    @property
    def line(self) -> int:
        return self.row.line

    @cached_property
    def title(self) -> str | None:
        """The bold title text (the first strong run of the Title cell)."""
        if self.title_cell is None or self.title_cell.inline is None:
            return None
        strong = self.title_cell.inline.strong
        return strong[0].strip() if strong else None

    @cached_property
    def venue(self) -> tuple[str, int] | None:
        """(venue, year) from ``**Title** [Venue YYYY]``."""
        if self.title_cell is None:
            return None
        text = self.title_cell.text
        close = text.rfind("**")
        match = _VENUE.match(text[close + 2 :]) if close > 1 else None
        return (match.group("venue"), int(match.group("year"))) if match else None

    @cached_property
    def links(self) -> tuple[Link, ...]:
        if self.paper_cell is None or self.paper_cell.inline is None:
            return ()
        return self.paper_cell.inline.links

    def link(self, label: str) -> Link | None:
        """The first link labelled ``label`` (case-insensitive), e.g. ``pdf`` or ``intro``."""
        return self._links_by_label.get(label.casefold())

    @cached_property
    def _links_by_label(self) -> dict[str, Link]:
        found: dict[str, Link] = {}
        for link in self.links:
            if link.kind == "link":
                found.setdefault(link.label.strip().casefold(), link)
        return found

    @cached_property
    def arxiv(self) -> tuple[str, str] | None:
        for link in self.links:
            found = arxiv_id(link.target)
            if found:
                return found
        return None

    @cached_property
    def date_text(self) -> str:
        """The Date cell as a reader sees it (HTML comments such as ``<!--13-->`` dropped)."""
        if self.date_cell is None:
            return ""
        if "<" not in self.date_cell.text:
            return self.date_cell.text
        return self.date_cell.inline.plain.strip()

    @cached_property
    def date(self) -> tuple[int, int | None] | None:
        return parse_date(self.date_text, self.date_pattern) if self.date_cell is not None else None


@per_run
def papers(doc: Document, ctx: RuleContext) -> list[Paper]:
    """Every body row of every table as a Paper (group-label rows left out), computed once per lint run."""
    config = ctx.config
    date_column = config.column("date")
    pattern = date_column.pattern if date_column else "YYYY.MM"
    found: list[Paper] = []
    for table in doc.tables:
        indices = {
            kind: (table.column_index(column.name) if (column := config.column(kind)) else None)
            for kind in ("title", "paper", "date", "integer")
        }
        for row in table.rows:
            if row.is_group_label:
                continue
            found.append(
                Paper(
                    table,
                    row,
                    table.section,
                    row.cell(indices["title"]),
                    row.cell(indices["paper"]),
                    row.cell(indices["date"]),
                    row.cell(indices["integer"]),
                    pattern,
                )
            )
    return found
