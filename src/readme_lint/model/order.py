"""Table order: the key and direction a table follows (learned with tolerance, or the list's), and the order
RL501 checks (and ``init`` writes)."""

from __future__ import annotations

import bisect
from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from readme_lint.model.columns import MAJORITY, ORDER_TOLERANCE, Order, Role, TableModel
from readme_lint.model.evidence import majority

if TYPE_CHECKING:
    from readme_lint.model.paper import Paper


_ORDER_KEYS = ("date", "year", "arxiv", "citation")
_BETTER = 0.02  # a later key or direction replaces the best so far only when it keeps this much more in place


def in_place_share(keys: list[Any], descending: bool) -> tuple[float, int]:
    """(share of rows already in order, rows compared): the longest run of rows that keeps the order (not
    necessarily adjacent) over all rows with a key. One misplaced row in 16 leaves 15/16 in place."""
    values = [key for key in keys if key is not None]
    if descending:
        values.reverse()  # a run that never rises, read backwards, never falls: no negated copy of every key
    tails: list[Any] = [values[0]] if values else []
    append, bisect_right = tails.append, bisect.bisect_right
    for value in values[1:]:
        if value < tails[-1]:
            tails[bisect_right(tails, value)] = value
        else:  # a row in order after the longest run so far (bisect_right would say the end): most rows
            append(value)
    return (len(tails) / len(values) if values else 0.0), len(values)


def table_order(model: TableModel, papers: list[Paper], grouped: bool | None = None) -> Order | None:
    """The key and direction that keep most rows in place, when at least ORDER_TOLERANCE of them are (a sorted
    table with a few misplaced rows); None when no key orders the table, or the table is too short to tell.
    ``grouped``: whether the table has group label rows, when the caller already knows."""
    model.order_evidence = False
    if not model.is_paper_table or len(papers) < 2:
        return None
    if grouped is None:
        grouped = any(row.is_group_label for row in model.table.rows)
    if grouped:
        model.order_evidence = True  # rows grouped under label rows: any order is per group, not the table's
        return None
    best: Order | None = None
    for key in _ORDER_KEYS:
        if best is not None and best.share + _BETTER >= 1.0:
            break  # no share exceeds 1.0: a later key cannot win, and the evidence is already there
        if key == "date" and model.column(Role.DATE) is None:
            continue
        if key == "year" and (model.column(Role.YEAR) is None or model.column(Role.DATE) is not None):
            continue
        if key == "citation" and model.column(Role.CITATION) is None:
            continue
        keys = [paper.sort_key(key) for paper in papers]
        known = len(keys) - keys.count(None)
        if len(set(keys) - {None}) < 3 or known < 4:
            continue  # too short to tell (enforced_order looks at short tables)
        if known < MAJORITY * len(keys):
            continue  # most rows have no such key: whatever order the others follow is not the table's
        model.order_evidence = True
        for descending in (False, True):
            if best is not None and best.share + _BETTER >= 1.0:
                break  # a table in perfect order (most sorted lists): the other direction cannot beat it
            share, _count = in_place_share(keys, descending)
            if share >= ORDER_TOLERANCE and (best is None or share > best.share + _BETTER):
                best = Order(key, descending, share, "learned")
    if best is None and model.uses_default_schema:
        return Order("date", False, 1.0, "prior")
    return best


_SHORT_ORDER = 10  # rows below which a table's near-order may be chance (5 random rows: 1 in 4 look sorted)


def list_orders(tables: list[TableModel], papers: list[Paper]) -> None:
    """Tables too short to show an order take the list's: the one most sorted tables agree on. A short table
    among same-header siblings that mostly keep no order keeps none either (``siblings_unsorted``)."""
    _unsorted_siblings(tables)
    learned = Counter((model.order.key, model.order.descending) for model in tables if model.order is not None)
    if sum(learned.values()) < 2:
        return
    choice, _ = majority(Counter(f"{key}|{desc}" for (key, desc), n in learned.items() for _ in range(n)))
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


def _unsorted_siblings(tables: list[TableModel]) -> None:
    """Mark short tables whose siblings (same header) show they are unsorted more often than sorted."""
    by_header: dict[tuple[str, ...], list[TableModel]] = {}
    for model in tables:
        if model.is_paper_table:
            by_header.setdefault(model.table.column_names, []).append(model)
    for siblings in by_header.values():
        if len(siblings) < 2:
            continue
        sorted_ = [model for model in siblings if model.order is not None and model.order.source == "learned"]
        unsorted = [model for model in siblings if _keeps_no_order(model)]
        for model in siblings:
            if len(model.table.rows) >= _SHORT_ORDER:
                continue
            others_sorted = len(sorted_) - (model in sorted_)
            others_unsorted = len(unsorted) - (model in unsorted)
            model.siblings_unsorted = others_unsorted > others_sorted


def _keeps_no_order(model: TableModel) -> bool:
    """The table has the rows to show an order and shows none (a table grouped by label rows is not unsorted)."""
    if model.order is not None or not model.order_evidence:
        return False
    return not any(row.is_group_label for row in model.table.rows)


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
    is in order (one misplaced row in eight is one defect, not an unsorted table) -- unless its same-header
    siblings mostly keep no order: five rows look sorted by chance one time in four. ``init`` writes this
    same order, so that linting after it reports what zero config does.
    """
    learned = model.order
    if model.siblings_unsorted and (learned is None or learned.source == "learned"):
        return "none"  # a short table among unsorted siblings: its near-order is chance
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
