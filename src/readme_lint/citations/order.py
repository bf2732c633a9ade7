"""Tables sorted by citations stay sorted: re-sorted by the new counts, or a word that they would not be.

The order is the one ``readme-lint add`` follows: pinned in the config (RL501's ``order``), else the list
model's (learned with tolerance). The sort is stable, so rows
with equal counts keep their order, and it moves whole lines: every row keeps its bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readme_lint.citations.outcome import RowOutcome

if TYPE_CHECKING:
    from readme_lint.document import Document, Section, SectionHead
    from readme_lint.listmodel import TableModel


def keep_sorted(
    doc: Document,
    table: TableModel,
    order: str,
    outcomes: list[RowOutcome],
    lines: dict[int, str],
    reorder: bool,
    warnings: list[str],
) -> None:
    """Re-sort a table ordered by citations by its new counts (stable), or say it would fall out of order.

    ``order`` is the table's order in the config's spelling (``-citation``), as ``add`` reads it: pinned for
    the section or the list (RL501's ``order``), else learned."""
    if order.lstrip("-") != "citation":
        return
    descending = order.startswith("-")
    where = f"the table at line {table.table.start_line} ({section_title(table.section)})"
    by_line = {o.line: o for o in outcomes}
    body = [row.line for row in table.table.rows]
    keys: list[int] = []
    for line in body:
        outcome = by_line.get(line)
        key = outcome.new if outcome is not None and outcome.status == "updated" else None
        key = key if key is not None else (outcome.old if outcome is not None else None)
        if key is None:
            warnings.append(f"{where} is ordered by citations, but line {line} has no count: not re-sorted")
            return
        keys.append(key)
    ranked = sorted(range(len(body)), key=lambda i: -keys[i] if descending else keys[i])
    if ranked == list(range(len(body))):
        return
    moved = sum(1 for position, index in enumerate(ranked) if position != index)
    if not reorder:
        warnings.append(
            f"{where} is ordered by citations; the new counts put {moved} rows out of order (not re-sorted: "
            "--no-reorder)"
        )
        return
    texts = [lines.get(line, doc.line_text(line)) for line in body]
    for line, index in zip(body, ranked):
        lines[line] = texts[index]
    warnings.append(f"{where} is ordered by citations: {moved} rows moved to keep it sorted")


def section_title(section: Section | SectionHead | None) -> str:
    return repr(section.title) if section is not None and section.heading is not None else "before any heading"
