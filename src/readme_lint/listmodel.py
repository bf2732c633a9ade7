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

This module is the model's public face: ``build_list_model``, ``ListModel``, and every name rules import
(re-exported). The parts live in :mod:`readme_lint.model`, one job each: ``dates`` and ``arxiv`` (reading
values), ``cells`` (what a cell says), ``columns`` (the column and table objects), ``roles``, ``evidence``
(one pass over each column's cells, the conventions learned from it, pooling small tables), ``order`` and
``paper`` (a row read once: slotted, each derived value computed at most once).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from readme_lint.anatomy import TitlePart, is_emoji, title_part
from readme_lint.config import DEFAULT_COLUMNS
from readme_lint.model.arxiv import (
    ArxivForm,
    ArxivUrl,
    arxiv_id,
    is_arxiv_url,
    parse_arxiv_url,
    read_arxiv_links,
)
from readme_lint.model.cells import (
    FORMS_WRITTEN,
    PLACEHOLDER_WORDS,
    cell_value,
    date_value,
    is_hidden_note,
    is_placeholder_word,
    link_form,
    normalized_title,
    title_shape,
)
from readme_lint.model.columns import (
    ARXIV_MAJORITY,
    MAJORITY,
    MIN_SAMPLES,
    ORDER_TOLERANCE,
    PADDING_MAJORITY,
    ColumnModel,
    Order,
    Role,
    TableModel,
)
from readme_lint.model.dates import (
    DATE_PATTERNS,
    MONTH_NAMES,
    Date,
    date_regex,
    format_date,
    parse_date,
    pattern_precision,
)
from readme_lint.model.evidence import (
    SMALL_COLUMN,
    ColumnEvidence,
    Draft,
    columns_of,
    conventions,
    majority,
    outer_cells,
    paddings,
    pool_small_columns,
    required_role,
)
from readme_lint.model.order import enforced_order, in_place_share, list_orders, table_order
from readme_lint.model.paper import Paper
from readme_lint.model.roles import column_roles, header_role
from readme_lint.tables import normalize_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from readme_lint.config import Column, Config
    from readme_lint.document import Document
    from readme_lint.tables import Cell, Row, Table

__all__ = [
    "ARXIV_MAJORITY",
    "DATE_PATTERNS",
    "FORMS_WRITTEN",
    "MAJORITY",
    "MIN_SAMPLES",
    "MONTH_NAMES",
    "ORDER_TOLERANCE",
    "PADDING_MAJORITY",
    "PLACEHOLDER_WORDS",
    "SMALL_COLUMN",
    "ArxivForm",
    "ArxivUrl",
    "ColumnModel",
    "Date",
    "ListModel",
    "Order",
    "Paper",
    "Role",
    "TableModel",
    "TitlePart",
    "arxiv_id",
    "build_list_model",
    "cell_value",
    "date_regex",
    "date_value",
    "enforced_order",
    "format_date",
    "header_role",
    "in_place_share",
    "is_arxiv_url",
    "is_emoji",
    "is_hidden_note",
    "is_placeholder_word",
    "link_form",
    "normalized_title",
    "parse_arxiv_url",
    "parse_date",
    "pattern_precision",
    "title_part",
    "title_shape",
]


_DEFAULT_ARXIV_FORM = ("https", "arxiv.org", "abs", "")
ArxivIds = tuple[tuple[str, str], ...]  # a paper row's arXiv (ID, version)s
_DEFAULT_SCHEMA = [normalize_name(column.name) for column in DEFAULT_COLUMNS]


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


def _body_rows(table: Table) -> tuple[list[Row], bool]:
    """Rows that hold a paper: group labels and entirely empty rows left out; and whether there were group
    labels (``Row.is_group_label``, read here once per row: a filled second cell settles most rows)."""
    rows: list[Row] = []
    grouped = False
    for row in table.rows:
        cells = row.cells
        if len(cells) > 1:
            if cells[1].text or any(cell.text for cell in cells[2:]):
                rows.append(row)
            elif cells[0].text:
                grouped = True  # a group label: the first cell filled, the rest empty
        elif cells and cells[0].text:
            rows.append(row)
    return rows, grouped


class _ArxivTally:
    """The list's arXiv URLs by spelling (the evidence for its URL form) and each paper row's arXiv IDs, from one
    reading of each link (the count and ``Paper.arxiv_ids`` each parsed every arXiv link before). The body rows'
    cells in the header's columns are read by the evidence pass, a column at a time (``add``, ``_row_ids``); the
    rest row by row (``read``). The spellings' order does not matter: a part of the form needs 90% of them."""

    def __init__(self) -> None:
        self._spelled: list[tuple[str, str, str, str]] = []  # counted links' (scheme, host, kind, suffix), a batch
        self._spellings: Counter[tuple[str, str, str, str]] = Counter()

    @property
    def spellings(self) -> Counter[tuple[str, str, str, str]]:
        """(scheme, host, kind, suffix) -> links: the rows' links collected in a list and counted a batch at a
        time (a list's append is a fraction of a Counter's ``+= 1``)."""
        if self._spelled:
            self._spellings.update(self._spelled)
            self._spelled = []
        return self._spellings

    @property
    def links(self) -> int:
        """How many arXiv URLs were counted."""
        return sum(self.spellings.values())

    def read(self, cells: Sequence[Cell], paper: bool) -> tuple[tuple[str, str], ...]:
        """Count the arXiv URLs of a row's ``cells`` (in cells that name arXiv); for a paper row, its (ID,
        version)s as ``Paper.arxiv_ids`` reads them: every link in the row whose target names arXiv, first seen
        first."""
        ids: list[tuple[str, str]] = []
        spelled = self._spelled
        for cell in cells:
            text = cell.text
            if "[" not in text and "<" not in text:
                continue  # no link without a bracket (a bare URL is no link to the parser)
            found = read_arxiv_links(text, cell.inline.links, spelled, paper)
            ids.extend([one for one in found if one not in ids])
            if len(spelled) >= 512:
                self._spellings.update(spelled)
                spelled = self._spelled = []
        return tuple(ids)

    def add(self, spellings: Counter[tuple[str, str, str, str]]) -> None:
        """Count spellings the evidence pass read (``ColumnEvidence.arxiv_spellings``)."""
        self._spellings.update(spellings)

    def form(self) -> ArxivForm:
        """The list's arXiv URL convention: each part where a clear majority of its arXiv links spell it so."""
        parts: list[Counter[str]] = [Counter(), Counter(), Counter(), Counter()]
        for (scheme, host, kind, suffix), count in self.spellings.items():
            parts[0][scheme] += count
            parts[1][host] += count
            parts[2][kind] += count
            if kind == "pdf":
                parts[3][suffix] += count
        return ArxivForm(*(majority(part, share=ARXIV_MAJORITY)[0] for part in parts))


def build_list_model(doc: Document, config: Config) -> ListModel:
    """Learn every table's conventions and read every paper row, in one pass over the cells."""
    pinned = config.columns if config.columns_pinned else ()
    drafts: list[Draft] = []
    for table in doc.tables:
        section = table.section.title if table.section is not None and table.section.heading else None
        override = config.section(section) if section is not None and config.sections else None
        drafts.append(_draft(table, override.columns if override and override.columns else pinned))
    pool_small_columns(drafts)
    tables: list[TableModel] = []
    papers: list[Paper] = []
    arxiv = _ArxivTally()
    for draft in drafts:
        tables.append(draft.model)
        papers.extend(_papers_and_order(draft, arxiv))
    list_orders(tables, papers)
    _list_hidden_notes(tables)
    _list_padding(tables)
    _list_required(tables)
    form = arxiv.form()
    built = ListModel(tables, papers, form, arxiv.links)
    built.header = _list_header(tables)
    if built.header is not None and [normalize_name(name) for name in built.header] == _DEFAULT_SCHEMA:
        # The reference format documents its arXiv form; where the list shows no clear one, that form holds.
        built.arxiv_form = ArxivForm(*(part or prior for part, prior in zip(form, _DEFAULT_ARXIV_FORM)))
    return built


HIDDEN_NOTE_HABIT = 3  # rows with a comment note after the last column that make it the list's habit


def _list_hidden_notes(tables: list[TableModel]) -> None:
    """A list that keeps a hidden note after the last column of its rows (horseee's ``|[//]: #06/05``) does so
    in small tables too: learned over the whole list, not table by table."""
    rows = 0
    for model in tables:
        header = len(model.table.header.cells)
        rows += sum(1 for row in model.table.rows if len(row.cells) > header and model.has_hidden_note(row))
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
                column.required = required_role(column.role) and filled[name] >= 0.95 * rows[name]


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
            column.left_padding, column.right_padding = paddings(left[name], right[name])


def _list_header(tables: list[TableModel]) -> tuple[str, ...] | None:
    """The header most paper tables use (the only one, or the strictly most common); None on a tie."""
    counts = Counter(model.table.column_names for model in tables if model.is_paper_table and model.table.rows)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _draft(table: Table, pinned: tuple[Column, ...]) -> Draft:
    """The table's roles and its own conventions, from one pass over its cells."""
    names = [cell.text for cell in table.header.cells]
    rows, grouped = _body_rows(table)
    evidence = [ColumnEvidence() for _ in names]
    outer = outer_cells(rows)
    for index, (seen, cells) in enumerate(zip(evidence, columns_of(rows, len(names)))):
        seen.gather(rows, index, outer, cells)  # column by column: each column's counters stay in locals
    columns = column_roles(names, evidence, pinned)
    model = TableModel(table, columns)
    model.uses_default_schema = [normalize_name(name) for name in names] == _DEFAULT_SCHEMA
    prior = {normalize_name(c.name): c for c in DEFAULT_COLUMNS} if model.uses_default_schema else {}
    priors = [prior.get(normalize_name(column.name)) for column in columns]
    for column, seen, column_prior in zip(columns, evidence, priors):
        conventions(column, seen, len(rows), column_prior)
    left = sum((seen.left for seen in evidence), Counter())
    right = sum((seen.right for seen in evidence), Counter())
    # The table's own style (for columns too short to have one): a clear majority of all its cells.
    model.left_padding, model.right_padding = majority(left)[0], majority(right)[0]
    for column in columns:  # a column with too few cells for a style of its own: the table's (until the list's)
        if not column.own_padding:
            column.left_padding, column.right_padding = model.left_padding, model.right_padding
    _cells_and_pipes(model, table)
    return Draft(model, rows, evidence, priors, grouped)


def _papers_and_order(draft: Draft, arxiv: _ArxivTally) -> list[Paper]:
    """The table's paper rows, read with its final conventions, and the order they follow (a Paper points at
    its TableModel, never the reverse: no reference cycles, so a linted document is freed without the cycle
    collector); every row's arXiv links counted on the way, each parsed once."""
    model = draft.model
    paper_table = model.is_paper_table
    papers: list[Paper] = []
    body = iter(draft.rows)  # the table's rows that hold a paper, in order
    next_body = next(body, None)
    width = len(draft.evidence)
    found = [(index, seen.arxiv_ids) for index, seen in enumerate(draft.evidence) if seen.arxiv_ids]
    for seen in draft.evidence:  # the body rows' cells in the columns: read by the evidence pass
        arxiv.add(seen.arxiv_spellings)
    for row in model.table.rows:
        cells = row.cells
        if row is not next_body:
            arxiv.read(cells, False)
            continue
        next_body = next(body, None)
        extra = arxiv.read(cells[width:], paper_table) if len(cells) > width else ()
        if paper_table:
            papers.append(Paper(model, row, _row_ids(cells, found, extra)))
    for _index, by_cell in found:
        by_cell.clear()  # read: not kept for the model's lifetime
    model.order = table_order(model, papers, draft.grouped)
    return papers


def _row_ids(cells: Sequence[Cell], found: list[tuple[int, dict[int, ArxivIds]]], extra: ArxivIds) -> ArxivIds:
    """A paper row's arXiv (ID, version)s, first seen first: those the evidence pass read in each column's cell
    (``found``: the columns with any, by index, each cell's by its id), then those of the cells beyond the
    columns (``extra``); what ``_ArxivTally.read`` gives for the whole row (a test holds it to that)."""
    size = len(cells)
    if len(found) == 1 and not extra:  # one column links arXiv (nearly every list): its cell's, as read
        index, by_cell = found[0]
        return by_cell.get(id(cells[index]), ()) if index < size else ()
    ids: list[tuple[str, str]] = []
    for index, by_cell in found:
        if index < size:
            ids.extend([one for one in by_cell.get(id(cells[index]), ()) if one not in ids])
    ids.extend([one for one in extra if one not in ids])
    return tuple(ids)


def _cells_and_pipes(model: TableModel, table: Table) -> None:
    """Deliberate extra cells (most rows have the same number more than the header) and the pipe style."""
    header = len(table.header.cells)
    rows = table.rows
    if len(rows) >= 3:
        counts = Counter([len(row.cells) for row in rows])
        cells, count = counts.most_common(1)[0]
        if cells > header and count >= MAJORITY * len(rows):
            model.expected_cells = cells
            model.deliberate_extra = cells - header
        elif cells < header and count >= MAJORITY * len(rows):
            model.habitual_cells = cells  # a whole-table habit: GitHub shows the columns empty, once reported
        model.leading_pipe = _pipe_habit(sum(1 for row in rows if row.leading_pipe), len(rows))
        model.trailing_pipe = _pipe_habit(sum(1 for row in rows if row.trailing_pipe), len(rows))
    both = table.header.leading_pipe and table.header.trailing_pipe
    if model.leading_pipe is None:  # no clear convention among the rows: the header's, when it has both
        model.leading_pipe = True if both else None
    if model.trailing_pipe is None:
        model.trailing_pipe = True if both else None


def _pipe_habit(with_pipe: int, rows: int) -> bool | None:
    """True or False when a clear majority of the rows has the pipe or lacks it (as ``majority`` of the two
    counts would say), else None."""
    if with_pipe >= MAJORITY * rows:
        return True
    if rows - with_pipe >= MAJORITY * rows:
        return False
    return None
