"""The list model: each list's own conventions, learned from the list itself, and its paper rows, read once.

Every list is its own spec. Between the Document and the rules sits this model, built once per document by
``build_list_model(doc, config)``. For every table it knows each column's *role* (title, paper link, code,
date, venue, year, citation, keywords, affiliation, authors, other) -- from the header text in any case or
language and from the cells -- and each column's conventions: the date pattern at full precision, the link
shape (``[[pdf](u)]``, ``[[pdf]](u)``, ``[Paper](u)``, ``**[link](u)**``), the title shape (bold, linked,
plain), the placeholders that mean "none" (``-``, ``N/A``, ``null`` ...), whether a value is required, the
padding on each side. For each table it knows the order (key and direction, found with tolerance: a table
whose adjacent rows are mostly in order is sorted, and the rest are its defects); for the list, its deliberate
extra cells, its pipe style and its arXiv URL form.

A convention holds only where a clear majority follows it (``MAJORITY`` of at least ``MIN_SAMPLES`` values);
elsewhere it is None and the style rules stay silent. Where the config pins a convention (``columns``, a date
``pattern``), the pin wins. A table whose header is the default schema (the reference list's) starts from that
format's documented conventions, and its own clear majority still overrides them.

Rules read ``ctx.model``; they never re-derive conventions. ``add`` and ``init`` use the same model.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from enum import Enum
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from readme_lint.anatomy import TitlePart, is_emoji, title_part
from readme_lint.config import DEFAULT_COLUMNS
from readme_lint.papers import MONTH_NAMES as _NUMBERED_MONTHS
from readme_lint.tables import normalize_name

if TYPE_CHECKING:
    from readme_lint.config import Column, Config
    from readme_lint.document import Document, Section
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell, Row, Table

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


# Header words -> role, tried in order on the normalized header (markup stripped, lower case).
_HEADER_ROLES: tuple[tuple[re.Pattern[str], Role], ...] = tuple(
    (re.compile(pattern), role)
    for pattern, role in (
        (r"^(paper |model )?(title|标题|题目|名字|论文)", Role.TITLE),
        (r"^(code|github|repo|repository|implementation|official code|code link|源码|代码)s?$", Role.CODE),
        (r"date|^time$|日期|时间|^published$|^release", Role.DATE),
        (r"^(year|年份|年)$", Role.YEAR),
        (r"^(paper|papers|pdf|paper/blog|paper link|link|links|materials?|arxiv|url|论文链接)$", Role.PAPER),
        (r"venue|^publication|conference|journal|published in|会议", Role.VENUE),
        (r"citation|cited|引用", Role.CITATION),
        (r"keyword|^topics?$|^tags?$|categor|^type$|^method$", Role.KEYWORDS),
        (r"affiliation|institut|organi[sz]ation|^org$|机构", Role.AFFILIATION),
        (r"author|作者", Role.AUTHORS),
    )
)
_SINGLE_ROLES = (Role.TITLE, Role.PAPER, Role.CODE, Role.DATE, Role.VENUE, Role.YEAR, Role.CITATION)
_FORMAT_ROLES = {"title": Role.TITLE, "paper": Role.PAPER, "date": Role.DATE, "integer": Role.CITATION}
_DEFAULT_ARXIV_FORM = ("https", "arxiv.org", "abs", "")
_DEFAULT_SCHEMA = [normalize_name(column.name) for column in DEFAULT_COLUMNS]
_HEADER_MARKUP = re.compile(r"[*_`]|<[^>]*>")

PLACEHOLDER_WORDS = frozenset({"-", "--", "—", "–", "n/a", "na", "null", "none", "tbd", "todo", "?", "/", "x", "✗"})
_LONGEST_PLACEHOLDER = max(len(word) for word in PLACEHOLDER_WORDS)

# Date patterns tried on a column, most precise and padded first; the first a clear majority follows wins.
DATE_PATTERNS = (
    "YYYY-MM-DD",
    "YYYY/MM/DD",
    "YYYY.MM.DD",
    "MM/DD, YYYY",
    "MM/DD/YYYY",
    "MM/DD/YY",
    "M/D/YYYY",
    "M/D/YY",
    "YYYY.MM",
    "YYYY-MM",
    "YYYY/MM",
    "YYYY.M",
    "YYYY-M",
    "YYYY/M",
    # issue 18 item 7: two-digit years first, the month before the year, month names
    "YY-MM-DD",
    "YY.MM.DD",
    "YY/MM/DD",
    "MM/YYYY",
    "MM-YYYY",
    "MM.YYYY",
    "M/YYYY",
    "MMM., YYYY",
    "MMM, YYYY",
    "MMM. YYYY",
    "MMM YYYY",
    "MMMM, YYYY",
    "MMMM YYYY",
    "MMM DD, YYYY",
    "MMM D, YYYY",
    "MMMM D, YYYY",
    "DD MMM YYYY",
    "D MMM YYYY",
    "D MMMM YYYY",
    "YYYY MMM",
    "YYYY MMMM",
    "YYYY",
    # a table per month (`## 2024.05`) whose cells give the month and day only; the year is the heading's
    "MM-DD",
    "MM/DD",
    "MM.DD",
)
_PATTERN_TOKENS = re.compile(r"YYYY|YY|MMMM|MMM|MM|M|DD|D")
MONTH_NAMES = _NUMBERED_MONTHS[1:]  # January first: one list of month names, in papers.py
_TOKEN_REGEX = {
    "YYYY": r"(?P<year>[0-9]{4})",
    "YY": r"(?P<year2>[0-9]{2})",
    "MMMM": r"(?P<month_name>" + "|".join(MONTH_NAMES) + ")",
    "MMM": r"(?P<month_abbr>" + "|".join(name[:3] for name in MONTH_NAMES) + ")",
    "MM": r"(?P<month>[0-9]{2})",
    "M": r"(?P<month>[0-9]{1,2})",
    "DD": r"(?P<day>[0-9]{2})",
    "D": r"(?P<day>[0-9]{1,2})",
}
_ABBREVIATED_WITH_DOT = (
    r"(?:(?P<month_abbr>" + "|".join(n[:3] for n in MONTH_NAMES if n != "May") + r")\.|(?P<month_name>May)\.?)"
)

# arXiv: any URL on an arXiv host; the ID part is taken loosely so that impossible IDs are seen too.
_ARXIV_URL = re.compile(
    r"^(?P<scheme>https?)://(?P<host>(?:www\.|export\.)?arxiv\.org)/(?P<kind>abs|pdf|html)/"
    r"(?P<id>[0-9]{3,4}\.[0-9]{3,6}|[a-z][a-z.-]*/[0-9]{7})(?P<version>v[0-9]+)?(?P<suffix>\.pdf)?"
    r"(?P<tail>\.?/?(?:[?#].*)?)$",
    re.IGNORECASE,
)
_VALID_ID = re.compile(r"^(?:[0-9]{4}\.[0-9]{4,5}|[a-z][a-z.-]*/[0-9]{7})$", re.IGNORECASE)
_ARXIV_HOST = re.compile(r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/", re.IGNORECASE)
_VENUE_TAIL = re.compile(r"^ \[(?P<venue>[^\[\]]*?\S) (?P<year>[0-9]{4})\]$")
_VENUE_YEAR = re.compile(r"(?:^|[^0-9])(?P<year>(?:19|20)[0-9]{2}|'[0-9]{2}|’[0-9]{2}|‘[0-9]{2})(?:[^0-9]|$)")
_LINK_ONLY_REST = re.compile(r"^[\s\[\]*|,;/·•]*$")


# -- dates ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def date_regex(pattern: str) -> re.Pattern[str]:
    """A pattern like ``YYYY.MM`` or ``MMM. YYYY`` (tokens YYYY YY MMMM MMM MM M DD D; the rest literal), anchored.

    ``MMMM`` is a month's English name, ``MMM`` its three-letter abbreviation (``Sept`` is not one)."""
    parts, position = [], 0
    for match in _PATTERN_TOKENS.finditer(pattern):
        parts.append(re.escape(pattern[position : match.start()]))
        position = match.end()
        if match.group(0) == "MMM" and pattern.startswith(".", position):
            parts.append(_ABBREVIATED_WITH_DOT)  # `Jan.` but `May`: a list that abbreviates with dots writes both
            position += 1
        else:
            parts.append(_TOKEN_REGEX[match.group(0)])
    parts.append(re.escape(pattern[position:]))
    return re.compile("^" + "".join(parts) + "$")


class Date(NamedTuple):
    """A date at the precision it was written: month and day are None where the pattern has none."""

    year: int
    month: int | None = None
    day: int | None = None


def parse_date(text: str, pattern: str, year_hint: int | None = None) -> Date | None:
    """The Date in ``text`` when it matches ``pattern`` exactly; month and day are not range-checked. A pattern
    without a year (``MM-DD``) takes ``year_hint`` (the section heading's year), and gives None without one."""
    match = date_regex(pattern).match(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
    elif not groups.get("year2"):
        if year_hint is None:
            return None
        year = year_hint
    else:
        year = 2000 + int(groups["year2"])
        if year > 2069:
            year -= 100
    month = int(groups["month"]) if groups.get("month") else _month_number(groups)
    day = int(groups["day"]) if groups.get("day") else None
    return Date(year, month, day)


def _month_number(groups: dict[str, str | None]) -> int | None:
    """The month a ``MMMM`` or ``MMM`` token matched, 1-12."""
    name = groups.get("month_name") or groups.get("month_abbr")
    if not name:
        return None
    return next(number for number, full in enumerate(MONTH_NAMES, 1) if full.startswith(name))


def format_date(date: Date, pattern: str) -> str | None:
    """Write ``date`` in ``pattern``; None when the pattern needs a part the date lacks."""
    values: dict[str, str] = {"YYYY": f"{date.year:04d}", "YY": f"{date.year % 100:02d}"}
    if date.month is not None:
        values.update(MM=f"{date.month:02d}", M=str(date.month))
        if 1 <= date.month <= 12:
            values.update(MMMM=MONTH_NAMES[date.month - 1], MMM=MONTH_NAMES[date.month - 1][:3])
    if date.day is not None:
        values.update(DD=f"{date.day:02d}", D=str(date.day))
    tokens = [m.group(0) for m in _PATTERN_TOKENS.finditer(pattern)]
    if any(token not in values for token in tokens):
        return None
    return _PATTERN_TOKENS.sub(lambda m: values[m.group(0)], pattern)


def pattern_precision(pattern: str) -> int:
    """1 year, 2 month, 3 day: how much of a date the pattern writes."""
    tokens = {m.group(0) for m in _PATTERN_TOKENS.finditer(pattern)}
    return 3 if tokens & {"DD", "D"} else 2 if tokens & {"MMMM", "MMM", "MM", "M"} else 1


# -- arXiv ------------------------------------------------------------------------------------------------


class ArxivUrl(NamedTuple):
    """An arXiv URL taken apart: ``scheme://host/kind/ID[version][suffix][tail]``."""

    scheme: str
    host: str
    kind: str
    id: str
    version: str
    suffix: str
    tail: str

    @property
    def valid(self) -> bool:
        """Whether the ID has a shape arXiv uses (the month and digit count are checked by RL204)."""
        return _VALID_ID.match(self.id) is not None


def parse_arxiv_url(url: str) -> ArxivUrl | None:
    match = _ARXIV_URL.match(url.strip())
    if match is None:
        return None
    g = match.group
    return ArxivUrl(g("scheme"), g("host"), g("kind"), g("id"), g("version") or "", g("suffix") or "", g("tail"))


def arxiv_id(url: str) -> tuple[str, str] | None:
    """(ID, version suffix or '') of a well-formed arXiv URL in any spelling (abs, pdf, .pdf, html, www, query)."""
    found = parse_arxiv_url(url)
    if found is None or not found.valid:
        return None
    return found.id, found.version


def is_arxiv_url(url: str) -> bool:
    return _ARXIV_HOST.match(url.strip()) is not None


class ArxivForm(NamedTuple):
    """The list's arXiv URL convention; each part is None where the list has no clear majority."""

    scheme: str | None
    host: str | None
    kind: str | None
    suffix: str | None  # ".pdf" or "" (only for kind "pdf")

    def canonical(self, url: ArxivUrl) -> str:
        """``url`` rewritten to the convention; parts without a convention are kept as written."""
        kind = self.kind or url.kind
        suffix = url.suffix if self.suffix is None or kind != "pdf" else self.suffix
        if kind != "pdf":
            suffix = ""
        tail = url.tail[1:] if url.tail.startswith(".") else url.tail  # a stray dot after the ID: a typo
        return f"{self.scheme or url.scheme}://{self.host or url.host}/{kind}/{url.id}{url.version}{suffix}{tail}"


# -- cell readings ----------------------------------------------------------------------------------------


def link_form(cell_text: str, link: Link, cell_col: int) -> str:
    """How a link is written in its cell: ``[[L](U)]``, ``[[L]](U)``, ``**[L](U)**``, ``[L](U)`` or ``<U>``."""
    start, end = link.col - cell_col, link.end_col - cell_col
    if cell_text[start : start + 1] == "<":
        return "<U>"
    if start > 0 and cell_text[start - 1] == "[" and cell_text[end : end + 1] == "]":
        return "[[L](U)]"
    if cell_text[start : start + 2] == "[[" and "]](" in cell_text[start:end]:
        return "[[L]](U)"
    if cell_text[max(0, start - 2) : start] == "**" and cell_text[end : end + 2] == "**":
        return "**[L](U)**"
    return "[L](U)"


_SIMPLE_BOLD = re.compile(r"\*\*([^\s\\`*_\[\]<&](?:[^\\`*_\[\]<&\n]*[^\s\\`*_\[\]<&])?)\*\*")


def title_shape(cell: Cell) -> str:
    """``bold`` (starts with a strong run), ``linked`` (starts with a link), or ``plain`` -- of the title part,
    after any badges, emoji and HTML breaks in front of it (see :mod:`readme_lint.anatomy`)."""
    text = cell.text
    if _SIMPLE_BOLD.match(text):  # what the inline parser would say, without parsing
        return "bold"
    if text[:1] in "!<" or text.startswith("[![") or (text and is_emoji(text[0])):
        return title_part(cell).shape
    if text.startswith(("**", "__")) and cell.inline.starts_with_strong:
        return "bold"
    if text.startswith("[") and cell.inline.links and cell.inline.links[0].col == cell.text_col:
        return "linked"
    return "plain"


_HIDDEN_NOTE = re.compile(r"^(?:\[[^\[\]]*\]:\s*(?:#|<>)\S*.*|<!--.*-->)$")


def is_hidden_note(text: str) -> bool:
    """An extra cell that is a markdown comment (``[//]: #06/05``, ``[comment]: <> (x)``, ``<!-- x -->``): a note
    the maintainer keeps after the last column on purpose, invisible on GitHub, so nothing is lost."""
    return bool(text) and _HIDDEN_NOTE.match(text) is not None


def cell_value(cell: Cell) -> str:
    """The cell as a reader sees it: markup and HTML comments dropped, outer spaces stripped."""
    if not any(mark in cell.text for mark in "*_[<`\\&"):
        return cell.text
    bold = _SIMPLE_BOLD.fullmatch(cell.text)
    if bold is not None:  # `**2026-05-13**`: the reader's text, without parsing
        return bold.group(1)
    return cell.inline.plain.strip()


def date_value(cell: Cell) -> str:
    """The text a date is read from: the reader's text, or the first link's label (``[2025/05/31](code)``)."""
    value = cell_value(cell)
    links = cell.inline.links if "[" in cell.text else ()
    if links and links[0].label.strip() and value.startswith(links[0].label.strip()) and value != links[0].label:
        return links[0].label.strip()
    return value


FORMS_WRITTEN = {  # how each link shape is written: the label and ``(destination)`` as they should read
    "[[L](U)]": "[[{label}]{paren}]",
    "[[L]](U)": "[[{label}]]{paren}",
    "[L](U)": "[{label}]{paren}",
    "**[L](U)**": "**[{label}]{paren}**",
}
_TITLE_NORMALIZE = re.compile(r"[^\w+#]+|_+")


def normalized_title(title: str) -> str:
    """Titles compare without case, punctuation and spacing; `+`, `#` and digits count (`DPM-Solver++`, `C#`)."""
    return _TITLE_NORMALIZE.sub(" ", title.casefold()).strip()


def is_placeholder_word(text: str) -> bool:
    text = text.strip()
    return len(text) <= _LONGEST_PLACEHOLDER and text.casefold() in PLACEHOLDER_WORDS  # casefold never shortens


# -- the model --------------------------------------------------------------------------------------------


class ColumnModel:
    """One column of one table: its role and conventions (None: no clear convention, rules stay silent)."""

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


class Order(NamedTuple):
    """A table's sort order: the key (a role: date, year, arxiv, citation, title), direction, and evidence.

    ``source`` says where it comes from: ``learned`` (this table's rows), ``list`` (the list's other tables,
    for tables too short to tell), ``prior`` (the default schema's documented order) or ``config``.
    """

    key: str
    descending: bool
    share: float
    source: str

    @property
    def name(self) -> str:
        """The config spelling: ``date``, ``-date``, ``arxiv``, ``-year`` ..."""
        return ("-" if self.descending else "") + self.key


class TableModel:
    """One table's conventions: its columns by role, cell count, pipes, and order."""

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
        self.order: Order | None = None
        self.order_evidence = False  # enough rows with keys to tell whether the table is sorted
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
            match = _VENUE_TAIL.match(cell.text[close + 2 :]) if close > start + 1 else None
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


class ListModel:
    """The whole list: one TableModel per table, the paper rows, and list-wide conventions."""

    def __init__(self, tables: list[TableModel], papers: list[Paper], arxiv_form: ArxivForm, arxiv_links: int):
        self.tables = tables
        self.papers = papers
        self.arxiv_form = arxiv_form
        self.arxiv_links = arxiv_links  # how many arXiv URLs the list has (the evidence for arxiv_form)
        self.header: tuple[str, ...] | None = None  # the header most paper tables use (None: no single one)
        self._by_table = {id(model.table): model for model in tables}
        self._papers_by_table: dict[int, list[Paper]] = {}
        for paper in papers:
            self._papers_by_table.setdefault(id(paper.table), []).append(paper)

    def table(self, table: Table) -> TableModel:
        """The model of ``table`` (every table of the document has one)."""
        return self._by_table[id(table)]

    def papers_in(self, table: Table) -> list[Paper]:
        return self._papers_by_table.get(id(table), [])


# -- building ---------------------------------------------------------------------------------------------


def header_role(name: str) -> Role:
    """The role a header names, in any case, bold or not, in the corpus's languages; OTHER when unknown."""
    text = " ".join(_HEADER_MARKUP.sub("", name).split()).casefold()
    if not text:
        return Role.OTHER
    for pattern, role in _HEADER_ROLES:
        if pattern.search(text):
            return role
    return Role.OTHER


def _body_rows(table: Table) -> list[Row]:
    """Rows that hold a paper: group labels and entirely empty rows left out."""
    return [row for row in table.rows if not row.is_group_label and any(cell.text for cell in row.cells)]


def _majority(counter: Counter[str], share: float = MAJORITY) -> tuple[str | None, int]:
    """(the most common value when a clear majority holds it, evidence count)."""
    if not counter:
        return None, 0
    value, count = counter.most_common(1)[0]
    total = sum(counter.values())
    return (value if total and count >= share * total else None), total


def _paddings(left: Counter[str], right: Counter[str]) -> tuple[str | None, str | None]:
    """The column's padding on both sides -- or none at all when either side is mixed: a list that pads the
    end of its cells at random does not curate the invisible spaces at their start either."""
    sides = (_padding(left), _padding(right))
    return sides if None not in sides else (None, None)


def _padding(sides: Counter[str]) -> str | None:
    """The spacing on one side of a column's cells, when nearly all follow it: a clear majority, and at most one
    cell in ten (or a single cell) otherwise -- hand-made tables vary, and reporting half of them is noise."""
    style, total = _majority(sides)
    if style is None or total - sides[style] > max(1, round((1 - PADDING_MAJORITY) * total, 6)):
        return None
    return style


def _learn_date_pattern(values: list[str]) -> tuple[str | None, float]:
    """The first pattern (most precise first) a clear majority of ``values`` matches, with its share."""
    if not values:
        return None, 0.0
    best, best_share = None, 0.0
    shapes = Counter(_date_literals(value) for value in values)
    for pattern in DATE_PATTERNS:
        if shapes[_PATTERN_LITERALS[pattern]] < 0.5 * len(values):
            continue  # its separators are not those of most values: no need to compile it
        regex = date_regex(pattern)
        share = sum(1 for value in values if regex.match(value)) / len(values)
        if share >= MAJORITY:
            return pattern, share
        if share > best_share:
            best, best_share = pattern, share
    return (best if best_share >= 0.5 else None), best_share


def _date_literals(value: str) -> str:
    """A value without its digits and month names: the separators a pattern's literals must equal."""
    return _MONTH_WORDS.sub("", _DIGITS.sub("", value))


_DIGITS = re.compile(r"[0-9]+")
_MONTH_WORDS = re.compile(
    "|".join(sorted(MONTH_NAMES + tuple(name[:3] for name in MONTH_NAMES), key=len, reverse=True))
)
_PATTERN_LITERALS = {pattern: _PATTERN_TOKENS.sub("", pattern) for pattern in DATE_PATTERNS}


class _ColumnEvidence:
    """What the cells of one column show, gathered in one pass."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.values: list[str] = []  # non-empty reader texts
        self.plain_values: Counter[str] = Counter()  # non-empty cells without a link, as written
        self.links = 0  # cells with a link
        self.link_only = 0  # cells that are nothing but links
        self.arxiv = 0  # cells linking arXiv
        self.bold = 0
        self.forms: Counter[str] = Counter()
        self.label_sequences: Counter[tuple[str, ...]] = Counter()
        self.separators: Counter[str] = Counter()
        self.single_link_cells = 0
        self.shapes: Counter[str] = Counter()
        self.left: Counter[str] = Counter()
        self.right: Counter[str] = Counter()
        self.doubled = 0
        self.tails = 0
        self.venue_tails = 0

    def merge(self, other: _ColumnEvidence) -> None:
        """Add another column's evidence to this one (the same column across a list's small tables)."""
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)

    def add(self, cell: Cell, outer: bool) -> None:
        text = cell.text
        self.texts.append(text)
        if not text:
            return
        if not outer:
            raw = cell.raw
            self.left["space" if raw[0] in " \t" else "none"] += 1
            self.right["space" if raw[-1] in " \t" else "none"] += 1
        if "  " in text and "`" not in text:
            self.doubled += 1
        links = [link for link in cell.inline.links if link.kind == "link"] if "[" in text or "<" in text else ()
        if not links:
            self.plain_values[text] += 1
            first = text[0]
            if first not in "*_[!<" and (first.isascii() or not is_emoji(first)):
                self.shapes["plain"] += 1
                self.values.append(date_value(cell) if "*" in text or "<" in text else text)
                return
        else:
            self.links += 1
            rest = text
            for link in links:
                self.forms[link_form(text, link, cell.text_col)] += 1
                rest = rest.replace(text[link.col - cell.text_col : link.end_col - cell.text_col], "", 1)
            if _LINK_ONLY_REST.match(rest):
                self.link_only += 1
            if len(links) == 1:
                self.single_link_cells += 1
            for before, after in itertools.pairwise(links):
                start = before.end_col - cell.text_col + (1 if text[before.end_col - cell.text_col :][:1] == "]" else 0)
                end = after.col - cell.text_col - (1 if text[: after.col - cell.text_col][-1:] == "[" else 0)
                self.separators[text[start:end]] += 1
            self.label_sequences[tuple(_label(link) for link in links)] += 1
            if "arxiv" in text and any(is_arxiv_url(link.target) for link in links):
                self.arxiv += 1
        first = text[0]
        decorated = first in "!<" or (not first.isascii() and is_emoji(first))
        shape = title_shape(cell) if first in "*_[" or decorated else "plain"
        self.shapes[shape] += 1
        if shape == "bold":
            self.bold += 1
            close = text.rfind("**")
            tail = text[close + 2 :] if close > 1 else ""
            if tail:
                self.tails += 1
                if _VENUE_TAIL.match(tail):
                    self.venue_tails += 1
        self.values.append(date_value(cell) if "[" in text or "*" in text or "<" in text else text)


def _label(link: Link) -> str:
    return link.label.strip().strip("[]").strip().casefold()


def build_list_model(doc: Document, config: Config) -> ListModel:
    """Learn every table's conventions and read every paper row, in one pass over the cells."""
    pinned = config.columns if config.columns_pinned else ()
    drafts: list[_Draft] = []
    arxiv_parts: dict[str, Counter[str]] = {part: Counter() for part in ("scheme", "host", "kind", "suffix")}
    arxiv_links = 0
    for table in doc.tables:
        section = table.section.title if table.section is not None and table.section.heading else None
        override = config.section(section) if section is not None and config.sections else None
        drafts.append(_draft(table, override.columns if override and override.columns else pinned))
        for row in table.rows:
            for cell in row.cells:
                if "arxiv" not in cell.text.lower():
                    continue
                for link in cell.inline.links:
                    parsed = parse_arxiv_url(link.target)
                    if parsed is None:
                        continue
                    arxiv_links += 1
                    arxiv_parts["scheme"][parsed.scheme] += 1
                    arxiv_parts["host"][parsed.host.lower()] += 1
                    arxiv_parts["kind"][parsed.kind.lower()] += 1
                    if parsed.kind.lower() == "pdf":
                        arxiv_parts["suffix"][parsed.suffix] += 1
    _pool_small_columns(drafts)
    tables: list[TableModel] = []
    papers: list[Paper] = []
    for draft in drafts:
        tables.append(draft.model)
        papers.extend(_papers_and_order(draft))
    _list_orders(tables, papers)
    _list_hidden_notes(tables)
    _list_padding(tables)
    _list_required(tables)
    parts = ("scheme", "host", "kind", "suffix")
    form = ArxivForm(*(_majority(arxiv_parts[part], share=ARXIV_MAJORITY)[0] for part in parts))
    built = ListModel(tables, papers, form, arxiv_links)
    built.header = _list_header(tables)
    if built.header is not None and [normalize_name(name) for name in built.header] == _DEFAULT_SCHEMA:
        # The reference format documents its arXiv form; where the list shows no clear one, that form holds.
        built.arxiv_form = ArxivForm(*(part or prior for part, prior in zip(form, _DEFAULT_ARXIV_FORM)))
    return built


HIDDEN_NOTE_HABIT = 3  # rows with a comment note after the last column that make it the list's habit


def _list_hidden_notes(tables: list[TableModel]) -> None:
    """A list that keeps a hidden note after the last column of its rows (horseee's ``|[//]: #06/05``) does so
    in small tables too: learned over the whole list, not table by table."""
    rows = sum(1 for model in tables for row in model.table.rows if model.has_hidden_note(row))
    for model in tables:
        model.hidden_notes = rows >= HIDDEN_NOTE_HABIT


def _list_required(tables: list[TableModel]) -> None:
    """A short table's column is required when the same-named column is across the list (five rows are too few
    to tell on their own)."""
    filled: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for model in tables:
        for column in model.columns:
            filled[normalize_name(column.name)] += column.filled
            rows[normalize_name(column.name)] += column.rows
    for model in tables:
        for column in model.columns:
            name = normalize_name(column.name)
            if column.pinned is None and not model.uses_default_schema and column.rows < 5 and rows[name] >= 5:
                column.required = _required_role(column.role) and filled[name] >= 0.95 * rows[name]


def _list_padding(tables: list[TableModel]) -> None:
    """Short columns take the spacing of the same-named column across the list, where it has a clear one
    (a list of many small tables pads each column the same way in all of them)."""
    left: dict[str, Counter[str]] = {}
    right: dict[str, Counter[str]] = {}
    for model in tables:
        for column in model.columns:
            name = normalize_name(column.name)
            left.setdefault(name, Counter()).update(column.spacing[0])
            right.setdefault(name, Counter()).update(column.spacing[1])
    for model in tables:
        for column in model.columns:
            name = normalize_name(column.name)
            if column.own_padding or sum(left[name].values()) < MIN_SAMPLES:
                continue
            column.left_padding, column.right_padding = _paddings(left[name], right[name])


def _list_header(tables: list[TableModel]) -> tuple[str, ...] | None:
    """The header most paper tables use (the only one, or the strictly most common); None on a tie."""
    counts = Counter(model.table.column_names for model in tables if model.is_paper_table and model.table.rows)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


class _Draft(NamedTuple):
    """A table between the two passes: its model with its own conventions, its rows, and their evidence."""

    model: TableModel
    rows: list[Row]
    evidence: list[_ColumnEvidence]
    priors: list[Column | None]


def _draft(table: Table, pinned: tuple[Column, ...]) -> _Draft:
    """The table's roles and its own conventions, from one pass over its cells."""
    names = [cell.text for cell in table.header.cells]
    rows = _body_rows(table)
    evidence = [_ColumnEvidence() for _ in names]
    for row in rows:
        last = len(row.cells) - 1  # the row's own last cell: a hidden note after the last column is one more
        for index, cell in enumerate(row.cells[: len(names)]):
            outer = (index == 0 and not row.leading_pipe) or (index == last and not row.trailing_pipe)
            evidence[index].add(cell, outer)
    columns = _roles(names, evidence, pinned)
    model = TableModel(table, columns)
    model.uses_default_schema = [normalize_name(name) for name in names] == _DEFAULT_SCHEMA
    prior = {normalize_name(c.name): c for c in DEFAULT_COLUMNS} if model.uses_default_schema else {}
    priors = [prior.get(normalize_name(column.name)) for column in columns]
    for column, seen, column_prior in zip(columns, evidence, priors):
        _conventions(column, seen, len(rows), column_prior)
    left = sum((seen.left for seen in evidence), Counter())
    right = sum((seen.right for seen in evidence), Counter())
    # The table's own style (for columns too short to have one): a clear majority of all its cells.
    model.left_padding, model.right_padding = _majority(left)[0], _majority(right)[0]
    for column in columns:  # a column with too few cells for a style of its own: the table's (until the list's)
        if not column.own_padding:
            column.left_padding, column.right_padding = model.left_padding, model.right_padding
    _cells_and_pipes(model, table)
    return _Draft(model, rows, evidence, priors)


def _papers_and_order(draft: _Draft) -> list[Paper]:
    """The table's paper rows, read with its final conventions, and the order they follow (a Paper points at
    its TableModel, never the reverse: no reference cycles, so a linted document is freed without the cycle
    collector)."""
    model = draft.model
    papers = [Paper(model, row) for row in draft.rows] if model.is_paper_table else []
    model.order = _table_order(model, papers)
    return papers


# -- small tables learn from their siblings ----------------------------------------------------------------

SMALL_COLUMN = 20  # a column with fewer values than this takes the conventions its siblings share
_POOLED = ("date_pattern", "title_shape", "venue_tail", "link_form", "thousands_commas")


def _pool_small_columns(drafts: list[_Draft]) -> None:
    """Columns of small tables take the conventions the same column (same place and role under the same
    header) shows across the list's tables: a list of many 4-row tables has one date format, and one bad date in
    one of them is a defect, not a table of its own. A small table keeps its own convention only where its own
    evidence clearly disagrees -- a convention of its own, from enough values, that differs from the list's."""
    groups: dict[tuple[tuple[str, ...], int, Role], list[tuple[ColumnModel, _ColumnEvidence, Column | None]]] = {}
    for draft in drafts:
        if not draft.model.is_paper_table:
            continue
        header = tuple(normalize_name(column.name) for column in draft.model.columns)
        for column, seen, prior in zip(draft.model.columns, draft.evidence, draft.priors):
            groups.setdefault((header, column.index, column.role), []).append((column, seen, prior))
    for members in groups.values():
        if len(members) < 2 or all(len(seen.values) >= SMALL_COLUMN for _column, seen, _prior in members):
            continue
        pooled = _ColumnEvidence()
        for _column, seen, _prior in members:
            pooled.merge(seen)
        shared = ColumnModel(0, members[0][0].name, members[0][0].role)
        _conventions(shared, pooled, sum(column.rows for column, _seen, _prior in members), members[0][2])
        for column, seen, _prior in members:
            if len(seen.values) < SMALL_COLUMN:
                _adopt(column, seen, shared)


def _adopt(column: ColumnModel, seen: _ColumnEvidence, shared: ColumnModel) -> None:
    """Take the list's conventions where the column's own evidence does not clearly say otherwise."""
    column.placeholders = column.placeholders | shared.placeholders
    for name in _POOLED:
        if _pinned(column, name):
            continue
        own, listed = getattr(column, name), getattr(shared, name)
        if own == listed or listed is None:
            continue
        if own is not None and own is not False and len(seen.values) >= MIN_SAMPLES:
            continue  # a convention of its own, from enough values
        if own is None and len(seen.values) >= MIN_SAMPLES and _support(name, listed, seen) < 0.5:
            continue  # mixed values that mostly do not follow the list's convention either
        setattr(column, name, listed)


def _pinned(column: ColumnModel, name: str) -> bool:
    """Whether the config decides convention ``name`` of this column (a pin wins over the list's evidence)."""
    pin = column.pinned
    if pin is None:
        return False
    if name == "date_pattern":
        return pin.format == "date"
    return name != "thousands_commas" and pin.format == "text" and column.role in (Role.TITLE, Role.PAPER)


def _support(name: str, value: Any, seen: _ColumnEvidence) -> float:
    """The share of a column's own values that follow ``value`` of convention ``name``."""
    if name == "date_pattern":
        regex = date_regex(value)
        return sum(1 for text in seen.values if regex.match(text)) / max(1, len(seen.values))
    counts = {"title_shape": seen.shapes, "link_form": seen.forms}.get(name)
    if counts is None:
        return 1.0
    return counts[value] / max(1, sum(counts.values()))


def _roles(names: list[str], evidence: list[_ColumnEvidence], pinned: tuple[Column, ...]) -> list[ColumnModel]:
    """Each column's role: the config pin, else the header word checked against the cells, else the cells."""
    pins = {normalize_name(column.name): column for column in pinned}
    columns = [ColumnModel(index, name, header_role(name)) for index, name in enumerate(names)]
    for column, seen in zip(columns, evidence):
        pin = pins.get(normalize_name(column.name))
        if pin is not None:
            column.pinned = pin
            if pin.format == "date":
                column.role = Role.YEAR if pattern_precision(pin.pattern) == 1 else Role.DATE
                continue
            if pin.format != "text":
                column.role = _FORMAT_ROLES[pin.format]
                continue
        column.role = _checked_role(column.role, seen)
    taken: set[Role] = set()
    for column in columns:  # a role that names one column goes to the first that has it
        if column.role in _SINGLE_ROLES:
            if column.role in taken:
                column.role = Role.OTHER
            taken.add(column.role)
    for column, seen in zip(columns, evidence):  # unknown headers: what the cells say
        if column.role is not Role.OTHER or (column.pinned and column.pinned.format != "text") or not seen.values:
            continue
        guess = _content_role(seen)
        if guess is not None and guess not in taken:
            column.role = guess
            taken.add(guess)
    names_entries = any(_ENTRY_HEADER.search(column.name) for column in columns)  # models, datasets: not papers
    if Role.TITLE not in taken and not names_entries:  # a `Paper` column of linked titles is the title column
        for column, seen in zip(columns, evidence):
            if column.role is Role.PAPER and column.pinned is None and _linked_titles(seen):
                column.role = Role.TITLE
                break
    return columns


_ENTRY_HEADER = re.compile(r"\b(?:name|names|model|models|dataset|datasets|benchmark|method|tool)\b", re.IGNORECASE)


def _linked_titles(seen: _ColumnEvidence) -> bool:
    """Cells that are one link each, labelled with free text (titles), not a small vocabulary (`pdf`, `code`)."""
    cells = len(seen.values)
    labels = {label for sequence in seen.label_sequences for label in sequence}
    return (
        cells >= MIN_SAMPLES
        and seen.single_link_cells >= MAJORITY * cells
        and seen.shapes["linked"] >= MAJORITY * cells
        and len(labels) >= MAJORITY * cells
    )


def _checked_role(role: Role, seen: _ColumnEvidence) -> Role:
    """The header's role, corrected by the cells: a "Paper" column of plain titles is a title column ..."""
    values = [value for value in seen.values if not is_placeholder_word(value)]
    if not values:
        return role
    link_share = seen.links / len(values)
    if role is Role.PAPER and link_share < 0.5:
        return Role.TITLE
    if role is Role.CITATION and sum(1 for v in values if v.replace(",", "").isdigit()) < 0.5 * len(values):
        return Role.OTHER  # a column of citation badges, not counts
    if role in (Role.DATE, Role.YEAR):
        pattern, _share = _learn_date_pattern(values)
        if pattern is None:
            return role
        return Role.YEAR if pattern_precision(pattern) == 1 else Role.DATE
    return role


def _content_role(seen: _ColumnEvidence) -> Role | None:
    values = [value for value in seen.values if not is_placeholder_word(value)]
    if len(values) < 2:
        return None
    pattern, share = _learn_date_pattern(values)
    if pattern is not None and share >= MAJORITY:
        return Role.YEAR if pattern_precision(pattern) == 1 else Role.DATE
    if seen.arxiv >= MAJORITY * len(values) and seen.link_only >= MAJORITY * len(values):
        return Role.PAPER
    if seen.bold >= MAJORITY * len(values):
        return Role.TITLE
    return None


def _conventions(column: ColumnModel, seen: _ColumnEvidence, rows: int, prior: Column | None) -> None:
    """Fill in a column's conventions from its evidence; a pin wins, a prior holds until a clear majority."""
    column.rows = rows
    column.placeholders = _learned_placeholders(seen, rows)
    real = [value for value in seen.values if not column.is_placeholder(value)]
    column.filled = len(real)
    column.required = _required(column, prior)
    if column.role in (Role.DATE, Role.YEAR):
        learned, share = _learn_date_pattern(real)
        if column.pinned is not None and column.pinned.format == "date":
            column.date_pattern = column.pinned.pattern
        elif prior is not None and prior.format == "date" and len(real) < MIN_SAMPLES:
            column.date_pattern = prior.pattern
        else:
            column.date_pattern = learned if share >= MAJORITY else None
            if learned is None and prior is not None and prior.format == "date":
                column.date_pattern = prior.pattern
    if column.pinned is not None and column.pinned.format == "text" and column.role in (Role.TITLE, Role.PAPER):
        pass  # a title or paper column pinned as free text: no shape conventions
    elif seen.forms:
        form, evidence = _majority(seen.forms)
        column.link_form = form if form is not None and (evidence >= MIN_SAMPLES or prior is None) else None
        if prior is not None and prior.format == "paper" and (form is None or evidence < MIN_SAMPLES):
            column.link_form = "[[L](U)]"
        column.link_labels, column.required_labels = _labels(seen.label_sequences, seen.links)
        if prior is None:  # a row that links only a blog or a report is no defect in a list that declares nothing
            column.required_labels = ()
        column.label_order = column.link_labels is not None and _consistent_order(seen.label_sequences)
        separator, evidence = _majority(seen.separators)
        column.link_separator = separator if evidence >= MIN_SAMPLES else None
        if prior is not None and prior.format == "paper" and (column.link_labels is None or seen.links < MIN_SAMPLES):
            column.link_labels, column.required_labels = ("pdf", "intro"), ("pdf",)
            column.label_order = column.labels_from_prior = True
            column.link_separator = " "
    if column.role is Role.TITLE and (column.pinned is None or column.pinned.format == "title"):
        shape, evidence = _majority(seen.shapes)
        column.title_shape = shape
        if prior is not None and (shape is None or evidence < MIN_SAMPLES):
            column.title_shape = "bold"
        if seen.tails < MIN_SAMPLES:
            column.venue_tail = prior is not None
        else:
            column.venue_tail = seen.venue_tails >= MAJORITY * seen.tails
    column.left_padding, column.right_padding = _paddings(seen.left, seen.right)
    column.spacing = (seen.left, seen.right)
    column.own_padding = sum(seen.left.values()) >= MIN_SAMPLES
    big = [value for value in real if len(value.replace(",", "")) > 3 and value.replace(",", "").isdigit()]
    commas = sum(1 for value in big if "," in value)
    column.thousands_commas = len(big) >= MIN_SAMPLES and commas >= MAJORITY * len(big)
    nonempty = len(seen.values)
    column.doubled_spaces_style = nonempty > 0 and seen.doubled >= 0.1 * nonempty and seen.doubled >= 3


def _learned_placeholders(seen: _ColumnEvidence, rows: int) -> frozenset[str]:
    """Values that mean "none" here: placeholder words, and a non-link value repeated across many rows of a
    column whose other values are links (``Local Demo`` in a column of demo links)."""
    counts = seen.plain_values
    found = {value for value, count in counts.items() if is_placeholder_word(value) and count >= 2}
    if seen.links and seen.links >= 0.5 * len(seen.values):
        for value, count in counts.items():
            if count >= 3 and count >= 0.05 * rows and "://" not in value and len(value) <= 30:
                found.add(value)
    return frozenset(found)


def _required(column: ColumnModel, prior: Column | None) -> bool:
    """Required: pinned so, or (unpinned) the column is filled in nearly every row and is not a column that
    naturally waits for a value (citation, affiliation, code)."""
    if column.pinned is not None:
        return column.pinned.required
    if prior is not None:
        return prior.required
    if not _required_role(column.role) or column.rows < 5:
        return False
    return column.filled >= 0.95 * column.rows


def _required_role(role: Role) -> bool:
    """Roles whose value every paper has (citation, affiliation, code and keywords may wait for one)."""
    return role not in (Role.CITATION, Role.AFFILIATION, Role.CODE, Role.OTHER, Role.KEYWORDS)


def _labels(sequences: Counter[tuple[str, ...]], cells: int) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(the label vocabulary in its usual order, labels nearly every cell has) -- when the labels form a small
    closed vocabulary that most cells follow; (None, ()) for free labels (a venue as the label)."""
    counts: Counter[str] = Counter()
    for sequence, count in sequences.items():
        for label in sequence:
            counts[label] += count
    if not counts or len(counts) > 4 or cells < MIN_SAMPLES:
        return None, ()
    order: list[str] = []
    for sequence, _count in sequences.most_common():
        for label in sequence:
            if label not in order:
                order.append(label)
    required = tuple(label for label in order if counts[label] >= 0.95 * cells)
    return tuple(order), required


def _consistent_order(sequences: Counter[tuple[str, ...]]) -> bool:
    """Whether every two labels that appear together do so in one order in nearly all cells."""
    pairs: Counter[tuple[str, str]] = Counter()
    for sequence, count in sequences.items():
        for first, label in enumerate(sequence):
            for later in sequence[first + 1 :]:
                pairs[(label, later)] += count
    together = {(min(pair), max(pair)) for pair in pairs}
    return bool(together) and all(
        max(pairs[(a, b)], pairs[(b, a)]) >= 0.9 * (pairs[(a, b)] + pairs[(b, a)]) for a, b in together
    )


def _cells_and_pipes(model: TableModel, table: Table) -> None:
    """Deliberate extra cells (most rows have the same number more than the header) and the pipe style."""
    header = len(table.header.cells)
    rows = table.rows
    if len(rows) >= 3:
        counts = Counter(len(row.cells) for row in rows)
        cells, count = counts.most_common(1)[0]
        if cells > header and count >= MAJORITY * len(rows):
            model.expected_cells = cells
            model.deliberate_extra = cells - header
        elif cells < header and count >= MAJORITY * len(rows):
            model.habitual_cells = cells  # a whole-table habit: GitHub shows the columns empty, once reported
        leading, _evidence = _majority(Counter(str(row.leading_pipe) for row in rows))
        trailing, _ = _majority(Counter(str(row.trailing_pipe) for row in rows))
        model.leading_pipe = None if leading is None else leading == "True"
        model.trailing_pipe = None if trailing is None else trailing == "True"
    both = table.header.leading_pipe and table.header.trailing_pipe
    if model.leading_pipe is None:  # no clear convention among the rows: the header's, when it has both
        model.leading_pipe = True if both else None
    if model.trailing_pipe is None:
        model.trailing_pipe = True if both else None


_ORDER_KEYS = ("date", "year", "arxiv", "citation")


def in_place_share(keys: list[Any], descending: bool) -> tuple[float, int]:
    """(share of rows already in order, rows compared): the longest run of rows that keeps the order (not
    necessarily adjacent) over all rows with a key. One misplaced row in 16 leaves 15/16 in place."""
    values = [key for key in keys if key is not None]
    if descending:
        values = [_negated(value) for value in values]
    tails: list[Any] = []
    for value in values:
        index = bisect.bisect_right(tails, value)
        if index == len(tails):
            tails.append(value)
        else:
            tails[index] = value
    return (len(tails) / len(values) if values else 0.0), len(values)


def _negated(value: Any) -> Any:
    return tuple(-part for part in value) if isinstance(value, tuple) else -value


def _table_order(model: TableModel, papers: list[Paper]) -> Order | None:
    """The key and direction that keep most rows in place, when at least ORDER_TOLERANCE of them are (a sorted
    table with a few misplaced rows); None when no key orders the table, or the table is too short to tell."""
    model.order_evidence = False
    if not model.is_paper_table or len(papers) < 2:
        return None
    if any(row.is_group_label for row in model.table.rows):
        model.order_evidence = True  # rows grouped under label rows: any order is per group, not the table's
        return None
    best: Order | None = None
    for key in _ORDER_KEYS:
        if key == "date" and model.column(Role.DATE) is None:
            continue
        if key == "year" and (model.column(Role.YEAR) is None or model.column(Role.DATE) is not None):
            continue
        if key == "citation" and model.column(Role.CITATION) is None:
            continue
        keys = [paper.sort_key(key) for paper in papers]
        known = sum(1 for value in keys if value is not None)
        if len({value for value in keys if value is not None}) < 3 or known < 4:
            continue  # too short to tell (enforced_order looks at short tables)
        if known < MAJORITY * len(keys):
            continue  # most rows have no such key: whatever order the others follow is not the table's
        model.order_evidence = True
        for descending in (False, True):
            share, _count = in_place_share(keys, descending)
            if share >= ORDER_TOLERANCE and (best is None or share > best.share + 0.02):
                best = Order(key, descending, share, "learned")
    if best is None and model.uses_default_schema:
        return Order("date", False, 1.0, "prior")
    return best


def _list_orders(tables: list[TableModel], papers: list[Paper]) -> None:
    """Tables too short to show an order take the list's: the one most sorted tables agree on."""
    learned = Counter((model.order.key, model.order.descending) for model in tables if model.order is not None)
    if sum(learned.values()) < 2:
        return
    choice, _ = _majority(Counter(f"{key}|{desc}" for (key, desc), n in learned.items() for _ in range(n)))
    if choice is None:
        return
    key, descending = choice.split("|")
    for model in tables:
        if model.order is None and not model.order_evidence and model.is_paper_table and len(model.table.rows) >= 2:
            usable = (
                (key == "date" and model.column(Role.DATE) is not None)
                or (key == "year" and model.column(Role.YEAR) is not None)
                or key == "arxiv"
            )
            if usable:
                model.order = Order(key, descending == "True", 1.0, "list")


# -- the order RL501 checks (and `init` writes) -------------------------------------------------------------

_IMPLICIT_SHARE = 0.95  # an order by arXiv ID counts only when nearly every strict pair follows it
_STRICT_SHARE = 0.75  # ... any other order when three in four do
_MIN_STRICT_PAIRS = 3  # adjacent pairs with different keys a table needs to show an order of its own
_TOLERANT_PAIRS = 4  # ... and to count as sorted with its one misplaced row
# Keys a reader sees in the table, by the column role that shows them (the arXiv ID is implicit).
_VISIBLE_KEYS = (("date", Role.DATE), ("year", Role.YEAR), ("citation", Role.CITATION))


def enforced_order(model: TableModel, papers: list[Paper]) -> str:
    """The order a table is checked against with ``order = "auto"`` (an order name, or ``"none"``).

    The learned order, where the table shows it: ties prove nothing (a column of mostly equal years is not
    "sorted" by them), so it needs at least three adjacent pairs with different keys, three in four of them
    in its direction -- nearly all for the arXiv ID, which a list that grows over time follows loosely by
    accident. A short table with no learned order counts as sorted by a visible key when every row but one
    is in order (one misplaced row in eight is one defect, not an unsorted table). ``init`` writes this
    same order, so that linting after it reports what zero config does.
    """
    learned = model.order
    if learned is None:
        return _one_row_out_of_place(model, papers)
    if learned.source != "learned":
        return learned.name
    keys = [value for paper in papers if (value := paper.sort_key(learned.key)) is not None]
    strict = _strict_pairs(keys)
    needed = _IMPLICIT_SHARE if learned.key == "arxiv" else _STRICT_SHARE
    in_order = _strict_in_order(keys, learned.descending)
    return learned.name if strict >= _MIN_STRICT_PAIRS and in_order >= needed * strict else "none"


def _one_row_out_of_place(model: TableModel, papers: list[Paper]) -> str:
    for key, role in _VISIBLE_KEYS:
        if model.column(role) is None:
            continue
        keys = [value for paper in papers if (value := paper.sort_key(key)) is not None]
        strict = _strict_pairs(keys)
        if strict < _TOLERANT_PAIRS:
            continue
        for descending in (False, True):
            share, count = in_place_share(keys, descending)
            if round(share * count) == count - 1 and _strict_in_order(keys, descending) >= _STRICT_SHARE * strict:
                return ("-" if descending else "") + key
    return "none"


def _strict_pairs(keys: list[Any]) -> int:
    return sum(1 for before, after in pairwise(keys) if before != after)


def _strict_in_order(keys: list[Any], descending: bool) -> int:
    return sum(1 for before, after in pairwise(keys) if (after < before if descending else before < after))
