"""RL501 ``sort-order``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.listmodel import Paper, enforced_order
from readme_lint.papers import read_date_leniently
from readme_lint.rules.base import Option, Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.tables import Cell, Table


_ORDERS = ("auto", "date", "-date", "year", "-year", "arxiv", "-arxiv", "title", "citation", "-citation", "none")


def sort_key(paper: Paper, order: str) -> Any:
    """The key of a row for ``order``; None when it cannot be read (the fix is then unsafe)."""
    field = order.lstrip("-")
    key = paper.sort_key(field)
    if key is None and field in ("date", "year") and paper.date_text:
        lenient = read_date_leniently(paper.date_text, paper.arxiv_month)
        return None if lenient is None else (lenient[0], lenient[1], 0)
    if key is None and field == "citation" and paper.citation_cell is not None and not paper.citation_cell.text:
        return 0
    return key


class SortOrder(Rule):
    """Rows break the table's own order: the one it follows, learned with tolerance, or the configured one.

    **Why:** a list sorted by date reads as a timeline; a row dropped at the end by a contributor breaks
    it. The order is learned per table from its rows (key and direction: date at its full precision, year,
    arXiv ID or citations; a table whose adjacent rows are mostly in order is sorted, and the rest are its
    defects), or set per section: `auto` (default), `date`, `-date`, `year`, `-year`, `arxiv`, `-arxiv`,
    `title`, `citation`, `-citation` or `none`. Group-label rows (a first cell alone, like `| **2023** | | |`)
    split a table into groups that are sorted each on their own; so do venue blocks, in a table that groups its
    rows by venue (every venue in one run of rows: the CCS papers, then the S&P papers).

    **Example:** Attention Mechanism rows dated 2019.11, 2023.05, 2021.08, ...

    **Fix:** moves only the rows that are out of place -- the fewest rows whose moving sorts the table (the
    rest form its longest ordered run) -- each to its place among the others; equal keys keep their order,
    each row's bytes are kept, line endings stay where they were, and no row crosses a group label or leaves
    its venue block. Unsafe
    when a row's sort key cannot be read (its place is then a guess; it stays where it is).
    """

    code = "RL501"
    name = "sort-order"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    options = {
        "order": Option(
            "auto",
            "auto (the table's own order, learned), date, -date, year, -year, arxiv, -arxiv, title, citation, "
            "-citation or none",
            choices=_ORDERS,
        )
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            rows = ctx.model.papers_in(table)
            order = ctx.options_for(table.section)["order"]
            if order == "auto":
                order = enforced_order(ctx.model.table(table), rows)
            if order == "none" or len(rows) < 2:
                continue
            for labelled in _groups(table, rows):
                for group in _venue_blocks(labelled):
                    if len(group) >= 2:
                        yield from self._group(doc, group, order)

    def _group(self, doc: Document, rows: list[Paper], order: str) -> Iterator[Diagnostic]:
        descending = order.startswith("-")
        keys = [sort_key(paper, order) for paper in rows]
        new_order = _minimal_moves(keys, descending)
        if new_order == list(range(len(rows))):
            return
        edits = tuple(
            Edit.replace_span(rows[position].line, 1, len(rows[position].row.text) + 1, rows[source].row.text)
            for position, source in enumerate(new_order)
            if source != position
        )
        applicability = Applicability.safe_if(all(key is not None for key in keys))
        label = {"date": "Date", "year": "Year", "arxiv": "arXiv ID", "title": "Title", "citation": "Citation"}[
            order.lstrip("-")
        ]
        direction = "descending" if descending else "ascending"
        culprit, detail = _first_break(rows, keys, order)
        cell = _sort_cell(culprit, order) or culprit.row.cells[0]
        yield self.report_cell(
            doc, cell, f"Rows are not sorted by {label} {direction}: {detail}", Fix(edits, applicability)
        )


def _ranks(keys: list[Any], descending: bool) -> dict[int, Any]:
    return {index: (_Reversed(key) if descending else key) for index, key in enumerate(keys)}


def _groups(table: Table, rows: list[Paper]) -> list[list[Paper]]:
    """The table's papers split at its group-label rows (a sort never moves a paper across one)."""
    labels = [row.line for row in table.rows if row.is_group_label]
    groups: dict[int, list[Paper]] = {}
    for paper in rows:
        groups.setdefault(bisect.bisect_left(labels, paper.line), []).append(paper)
    return list(groups.values())


_NOT_A_NAME = re.compile(r"[\W\d_]+")
_MIN_BLOCKS = 2  # venue blocks a table needs to count as grouped by venue


def _venue_blocks(rows: list[Paper]) -> list[list[Paper]]:
    """The rows split into venue blocks where the table groups its rows by venue (every venue in one run of
    rows: all CCS papers, then all S&P papers), each sorted on its own; else the rows as one group."""
    names = []
    for paper in rows:
        venue = paper.venue
        name = _NOT_A_NAME.sub(" ", venue[0]).strip().casefold() if venue is not None else ""
        if not name:
            return [rows]
        names.append(name)
    blocks: list[list[Paper]] = []
    seen: set[str] = set()
    for index, paper in enumerate(rows):
        if index and names[index] == names[index - 1]:
            blocks[-1].append(paper)
            continue
        if names[index] in seen:
            return [rows]  # a venue that comes back later: the table is not grouped by venue
        seen.add(names[index])
        blocks.append([paper])
    # Blocks of at least two rows, three on average: a single row of a new venue appended at the end is a row
    # out of place, not a venue block of its own.
    if len(blocks) < _MIN_BLOCKS or any(len(block) < 2 for block in blocks) or len(rows) < 3 * len(blocks):
        return [rows]
    return blocks


class _Reversed:
    """A key that sorts the other way round (tuples and strings cannot be negated)."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.key < self.key)


def _minimal_moves(keys: list[Any], descending: bool) -> list[int]:
    """The new order of the rows (indices) that moves the fewest: the longest run already in order stays, every
    other row with a readable key goes to its place among them (after equal keys that came before it, before
    those that came after). Rows whose key cannot be read keep their line; the others fill the remaining lines.

    The run is a longest non-decreasing subsequence; among the longest, the one that keeps earlier rows (so a
    row appended out of place is the one that moves, not the rows before it).
    """
    readable = [index for index, key in enumerate(keys) if key is not None]
    result = list(range(len(keys)))
    values = [keys[index] for index in readable]
    if all((after <= before) if descending else (before <= after) for before, after in pairwise(values)):
        return result  # already in order: nearly every table, and no run to compute
    for slot, source in zip(readable, _moves_among(readable, _ranks(keys, descending))):
        result[slot] = source
    return result


def _moves_among(readable: list[int], ranks: dict[int, Any]) -> list[int]:
    """``readable`` (row indices) in their new order: the longest ordered run kept, the other rows inserted."""
    kept = _longest_run(readable, ranks)
    kept_set = set(kept)
    if len(kept) == len(readable):
        return readable
    before: dict[int | None, list[int]] = {}  # kept row index (None: the end) -> rows that go right before it
    for index in readable:
        if index not in kept_set:
            position = _place(kept, ranks, index)
            before.setdefault(kept[position] if position < len(kept) else None, []).append(index)
    for group in before.values():
        group.sort(key=lambda index: (ranks[index], index))
    result: list[int] = []
    for index in kept:
        result += [*before.get(index, ()), index]
    return result + before.get(None, [])


def _place(kept: list[int], ranks: dict[int, Any], index: int) -> int:
    """Position among the kept rows before which row ``index`` goes (binary search: their ranks never decrease)."""
    low, high = 0, len(kept)
    while low < high:
        middle = (low + high) // 2
        other = kept[middle]
        goes_before = ranks[index] < ranks[other] or (not ranks[other] < ranks[index] and other > index)
        if goes_before:
            high = middle
        else:
            low = middle + 1
    return low


def _longest_run(indices: list[int], ranks: dict[int, Any]) -> list[int]:
    """A longest subsequence of ``indices`` whose ranks never decrease, preferring earlier rows: patience
    sorting on the reversed sequence (a longest non-increasing run read backwards), O(n log n)."""
    tails: list[int] = []  # tails[k]: the row ending (backwards) the best run of length k + 1
    previous: dict[int, int | None] = {}
    for index in reversed(indices):
        rank = _Reversed(ranks[index])
        low, high = 0, len(tails)
        while low < high:  # bisect_right on the reversed ranks of the tails
            middle = (low + high) // 2
            if rank < _Reversed(ranks[tails[middle]]):
                high = middle
            else:
                low = middle + 1
        previous[index] = tails[low - 1] if low > 0 else None
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    run: list[int] = []
    current = tails[-1] if tails else None
    while current is not None:
        run.append(current)
        current = previous[current]
    return run


def _sort_cell(paper: Paper, order: str) -> Cell | None:
    field = order.lstrip("-")
    cells = {"date": paper.date_cell, "year": paper.date_cell, "title": paper.title_cell}
    cells.update(citation=paper.citation_cell, arxiv=paper.paper_cell or paper.title_cell)
    return cells[field]


def _first_break(rows: list[Paper], keys: list[Any], order: str) -> tuple[Paper, str]:
    """The first row that breaks the order, and a sentence naming the row it should not follow (rows whose key
    cannot be read are skipped: the row compared with is the previous readable one)."""
    descending = order.startswith("-")
    previous: int | None = None
    for number, current in enumerate(keys):
        if current is None:
            continue
        before = keys[previous] if previous is not None else None
        if before is not None and ((current > before) if descending else (current < before)):
            row, earlier = rows[number], rows[previous]  # type: ignore[index]
            return row, (
                f"{_shown(row, order)} on line {row.line} comes after {_shown(earlier, order)} on line {earlier.line}"
            )
        previous = number
    unreadable = next(rows[n] for n, key in enumerate(keys) if key is None)
    return unreadable, f"line {unreadable.line} has no readable {order.lstrip('-')}"


def _shown(paper: Paper, order: str) -> str:
    field = order.lstrip("-")
    if field in ("date", "year"):
        return paper.date_text
    if field == "arxiv":
        return paper.arxiv[0] if paper.arxiv else ""
    if field == "title":
        return paper.title or ""
    return paper.citation_cell.text if paper.citation_cell else ""


RULES: tuple[type[Rule], ...] = (SortOrder,)
