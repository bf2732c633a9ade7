"""RL103 ``delimiter-row``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.rules.base import Rule, RuleContext
from readme_lint.tables import normalize_name

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.tables import Table


class DelimiterRow(Rule):
    """The delimiter row has another cell count than the header, or another alignment than the file's tables.

    **Why:** when the header and the delimiter row differ in cell count GitHub renders *no table at all*,
    just a paragraph of pipes. A table aligned unlike its siblings is usually a copy-paste slip.

    **Example:** `|Keywords | Title | Paper|` over `|:---:|:---:|:---:|:---:|`.

    **Fix:** unsafe, both. The alignment fix rewrites the row exactly like the delimiter row most of the tables
    with that header use; readers see the change (a centered table becomes left-aligned), and the odd table may
    be centered on purpose. The cell-count fix makes GitHub render a table where it rendered none, so look at
    the result.
    """

    code = "RL103"
    name = "delimiter-row"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.UNSAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        by_count = _dominant_delimiters(doc.tables, lambda table: len(table.header.cells))
        by_header = _dominant_delimiters(doc.tables, _header_key)
        for table in doc.tables:
            delimiter = table.delimiter
            columns = len(table.header.cells)
            span = (delimiter.line, delimiter.indent + 1, len(delimiter.text.rstrip()) + 1)
            if not table.renders:
                text = by_count.get(columns, (None,))[0] or _delimiter_like(table, columns)
                fix = Fix((Edit.replace_span(delimiter.line, 1, len(delimiter.text) + 1, text),), Applicability.UNSAFE)
                yield self.report(
                    doc,
                    *span,
                    f"Delimiter row has {len(delimiter.cells)} cells, the header has {columns}: "
                    "GitHub renders no table here",
                    fix,
                )
                continue
            # Alignment is a table's style only among tables with the same header: a list's video table and
            # its paper tables may share a column count and nothing else.
            wanted, alignments = by_header.get(_header_key(table), (None, None))
            if wanted is None or alignments == table.alignments:
                continue
            yield self.report(
                doc,
                *span,
                f"Delimiter row aligns columns as {_alignment_names(table.alignments)}, the other tables as "
                f"{_alignment_names(alignments)}",
                Fix((Edit.replace_span(delimiter.line, 1, len(delimiter.text) + 1, wanted),), Applicability.UNSAFE),
            )


def _header_key(table: Table) -> tuple[str, ...]:
    return tuple(normalize_name(cell.text) for cell in table.header.cells)


def _dominant_delimiters(
    tables: list[Table], key: Callable[[Table], Hashable]
) -> dict[Hashable, tuple[str, tuple[str | None, ...]]]:
    """Per ``key`` (column count, or header), the delimiter row most tables use -- when a strict majority of 2+
    agree."""
    by_key: dict[Hashable, Counter[tuple[str | None, ...]]] = {}
    texts: dict[tuple[Hashable, tuple[str | None, ...]], str] = {}
    for table in tables:
        if not table.renders:
            continue
        group = key(table)
        by_key.setdefault(group, Counter())[table.alignments] += 1
        texts.setdefault((group, table.alignments), table.delimiter.text)
    dominant = {}
    for group, counter in by_key.items():
        (alignments, count), total = counter.most_common(1)[0], sum(counter.values())
        if count >= 2 and count * 2 > total:
            dominant[group] = (texts[(group, alignments)], alignments)
    return dominant


def _delimiter_like(table: Table, columns: int) -> str:
    cell = table.delimiter.cells[0].text if table.delimiter.cells else "---"
    body = "|".join([cell] * columns)
    return f"|{body}|" if table.header.leading_pipe or table.header.trailing_pipe else body


def _alignment_names(alignments: tuple[str | None, ...] | None) -> str:
    return "/".join(alignment or "default" for alignment in alignments or ())


RULES: tuple[type[Rule], ...] = (DelimiterRow,)
