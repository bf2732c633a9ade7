"""Table structure rules (RL1xx): cell counts, header schema, delimiter row, spacing, empty cells, pipes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.listmodel import is_placeholder_word
from readme_lint.rules.base import Option, Rule, RuleContext, body_rows, replace_cell_text
from readme_lint.tables import normalize_name

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.tables import Cell, Table


class ColumnCount(Rule):
    """A row has more or fewer cells than the table's header.

    **Why:** GitHub pads a short row with empty cells and silently drops the cells of a long row -- with
    their text. A shifted or missing pipe is the most common damage in contributed rows.

    **Example:** under a 6-column header, `|MQA|**Title**|[[pdf](https://arxiv.org/abs/1911.02150)]|Google|2019.11|`
    has 5 cells.

    **Fix:** safe only when the extra cells of a long row are all empty (they are removed); otherwise the
    row must be repaired by hand, because which cell is missing cannot be known.

    A table whose rows nearly all carry the same extra cells (a hidden `| [//]: #10/21` note after the last
    column) does so on purpose: those cells are part of its convention and are not reported.
    """

    code = "RL101"
    name = "column-count"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table, row in body_rows(doc):
            header, found = len(table.header.cells), len(row.cells)
            expected = ctx.model.table(table).expected_cells  # the header, or more with deliberate extra cells
            if header <= found <= expected:
                continue
            if found > expected:
                extra = row.cells[expected:]
                lost = [cell.text for cell in extra if cell.text]
                fix = None
                if not lost:
                    end = len(row.text.rstrip(" \t")) - (1 if row.trailing_pipe else 0) + 1
                    fix = Fix((Edit.replace_span(row.line, extra[0].start_col - 1, end, ""),))
                what = f"GitHub drops {_plural(len(extra), 'extra cell')}" + (
                    f" and the text {lost[0]!r}" if lost else " (empty)"
                )
                yield self.report(
                    doc,
                    row.line,
                    extra[0].start_col,
                    row.cells[-1].end_col,
                    f"Row has {found} cells, the header has {expected}: {what}",
                    fix,
                )
            else:
                yield self.report(
                    doc,
                    row.line,
                    row.indent + 1,
                    len(row.text.rstrip()) + 1,
                    f"Row has {found} cells, the header has {expected}: GitHub shows "
                    f"{_plural(expected - found, 'empty cell')} at the end; check for a missing '|'",
                )


class Header(Rule):
    """The header row differs from the list's own header (or the configured column schema).

    **Why:** every other rule finds columns by name; a misspelled (`Cititaion`), missing, extra or
    reordered column silently turns those checks off and confuses readers. The header a table is held to is
    the one most of the list's paper tables use; `columns` in the config (or a section's `columns`) pins it,
    and a list whose tables all differ is held to the default schema.

    **Example:** `|Keywords | Title | Paper | Date | Affiliation | Citation|` (Date and Affiliation swapped).

    **Fix:** safe when only letter case or spacing inside a name differs (`keywords` -> `Keywords`); other
    differences need a decision and are only reported.

    Tables whose header shares fewer than half of the header's names are taken to be other tables (a
    legend, a comparison) and are not checked; set `all-tables = true` to check them too.
    """

    code = "RL102"
    name = "header"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {"all-tables": Option(False, "check every table, not only paper tables")}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            schema, learned = _schema_names(ctx, table)
            names = [cell.text for cell in table.header.cells]
            if not ctx.options["all-tables"] and not _looks_like_paper_table(names, schema):
                continue
            if learned and not _same_columns(names, schema):
                continue  # another kind of table in the same list (a benchmark, a survey table)
            yield from self._compare(doc, table, names, schema)

    def _compare(self, doc: Document, table: Table, names: list[str], expected: list[str]) -> Iterator[Diagnostic]:
        header = table.header
        if [normalize_name(name) for name in names] == [normalize_name(name) for name in expected]:
            for cell, wanted in zip(header.cells, expected):
                if cell.text != wanted:
                    yield self.report_cell(
                        doc,
                        cell,
                        f"Header cell {cell.text!r} should be written {wanted!r}",
                        replace_cell_text(cell, wanted),
                    )
            return
        problem = _describe_difference(names, expected)
        first = header.cells[0] if header.cells else None
        start = first.start_col if first else 1
        yield self.report(
            doc,
            header.line,
            start,
            len(header.text.rstrip()) + 1,
            f"Header differs from the schema: {problem}",
        )


def _schema_names(ctx: RuleContext, table: Table) -> tuple[list[str], bool]:
    """(the header a table is held to, whether it was learned): its section's pinned columns, the config's, the
    list's own most common paper-table header, or (when the list has none) the default schema."""
    section = table.section
    override = ctx.config.section(section.title) if section is not None and section.heading else None
    if override is not None and override.columns:
        return [column.name for column in override.columns], False
    if ctx.config.columns_pinned or ctx.model.header is None:
        return [column.name for column in ctx.config.columns], False
    return list(ctx.model.header), True


def _same_columns(names: list[str], schema: list[str]) -> bool:
    """Whether ``names`` are ``schema``'s columns, up to case, spacing, near spellings and order: a learned
    header only speaks for tables of the same kind."""
    if len(names) != len(schema):
        return False
    wanted = {normalize_name(name) for name in schema}
    return all(_closest(name, wanted) is not None for name in names)


def _looks_like_paper_table(names: list[str], schema: list[str]) -> bool:
    wanted = {normalize_name(name) for name in schema}
    matching = sum(1 for name in names if _closest(name, wanted) is not None)
    return matching * 2 >= len(wanted)


def _closest(name: str, candidates: set[str] | list[str]) -> str | None:
    """The candidate equal to ``name``, or a near spelling of it (difflib, imported only when needed)."""
    normalized = normalize_name(name)
    if normalized in candidates:
        return normalized
    import difflib

    matches = difflib.get_close_matches(normalized, list(candidates), n=1, cutoff=0.8)
    return matches[0] if matches else None


def _describe_difference(names: list[str], expected: list[str]) -> str:
    by_normalized = {normalize_name(name): name for name in expected}
    found_normalized = [normalize_name(name) for name in names]
    parts: list[str] = []
    matched: set[str] = set()
    for name, normalized in zip(names, found_normalized):
        if normalized in by_normalized:
            matched.add(normalized)
            continue
        near = _closest(name, [key for key in by_normalized if key not in found_normalized])
        if near is not None:
            matched.add(near)
            parts.append(f"{name!r} looks like a misspelling of {by_normalized[near]!r}")
        else:
            parts.append(f"unexpected column {name!r}")
    missing = [by_normalized[key] for key in by_normalized if key not in matched]
    if missing:
        parts.append("missing " + ", ".join(repr(name) for name in missing))
    if not parts:
        parts.append("columns are in a different order")
    return "; ".join(parts) + " (expected " + " | ".join(expected) + ")"


class DelimiterRow(Rule):
    """The delimiter row has another cell count than the header, or another alignment than the file's tables.

    **Why:** when the header and the delimiter row differ in cell count GitHub renders *no table at all*,
    just a paragraph of pipes. A table aligned unlike its siblings is usually a copy-paste slip.

    **Example:** `|Keywords | Title | Paper|` over `|:---:|:---:|:---:|:---:|`.

    **Fix:** the alignment fix (safe) rewrites the row exactly like the file's most common delimiter row
    for that many columns. The cell-count fix is unsafe: it makes GitHub render a table where it rendered
    none, so look at the result.
    """

    code = "RL103"
    name = "delimiter-row"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)

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
                Fix((Edit.replace_span(delimiter.line, 1, len(delimiter.text) + 1, wanted),)),
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


class CellSpacing(Rule):
    """Padding inside a cell that breaks its column's own style, or doubled spaces inside a cell.

    **Why:** diffs of hand-edited rows stay readable only when every row is written the same way; a
    stray space (`| DeepSeek|` in a table written `|DeepSeek|`) or a doubled one (`THU,  Infinigence-AI`)
    is noise that the next contributor copies.

    **Style:** with `padding = "auto"` (default) each column's body cells decide, side by side: where nearly
    all (90%) of them have no space on a side, a space there is reported; where nearly all have one,
    a missing space is reported (wider alignment padding is fine); otherwise that side is not checked. So a
    list that pads every cell but the last (`| a | b |c|`) keeps its style. `none`, `single` and `any` pin the
    style for every column. Doubled spaces are not reported in a column where they are the house style (at
    least 10% of its cells). Header and delimiter rows are not checked.

    **Fix:** safe; only spaces are changed, toward the column's own style. Cells with code spans keep their
    inner spacing.
    """

    code = "RL104"
    name = "cell-spacing"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE,)
    options = {
        "padding": Option("auto", "auto, none, single or any", choices=("auto", "none", "single", "any")),
        "doubled-spaces": Option(True, "report two or more spaces in a row inside a cell"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            model = ctx.model.table(table)
            options = ctx.options_for(table.section)
            pinned = _PINNED_PADDING.get(options["padding"])
            for row in table.rows:
                last = len(row.cells) - 1
                for cell in row.cells:
                    if not cell.text:
                        continue
                    column = model.column_at(cell.index)
                    # Without an outer pipe, the outer cell's spaces are the line's indentation or its end.
                    outer = (cell.index == 0 and not row.leading_pipe) or (cell.index == last and not row.trailing_pipe)
                    if not outer and column is not None:
                        sides = pinned or (column.left_padding, column.right_padding)
                        yield from self._padding(doc, cell, *sides)
                    house_style = column is not None and column.doubled_spaces_style
                    if options["doubled-spaces"] and "`" not in cell.text and not house_style:
                        yield from self._doubled(doc, cell)

    def _padding(self, doc: Document, cell: Cell, left: str | None, right: str | None) -> Iterator[Diagnostic]:
        written_left = cell.raw[: len(cell.raw) - len(cell.raw.lstrip(" \t"))]
        written_right = cell.raw[len(cell.raw.rstrip(" \t")) :]
        wanted_left = "" if left == "none" else (written_left or " ") if left == "space" else written_left
        wanted_right = "" if right == "none" else (written_right or " ") if right == "space" else written_right
        if not wanted_right and cell.text.endswith("\\"):
            wanted_right = " "  # a final backslash keeps one space: `\|` would escape the pipe (RL106 adds it so)
        wanted = wanted_left + cell.text + wanted_right
        if cell.raw == wanted:
            return
        yield self.report(
            doc,
            cell.line,
            cell.start_col,
            cell.end_col,
            f"Cell is padded as {cell.raw!r}; {_padding_words(left, right)}",
            Fix((Edit.replace_span(cell.line, cell.start_col, cell.end_col, wanted),)),
        )

    def _doubled(self, doc: Document, cell: Cell) -> Iterator[Diagnostic]:
        text = cell.text
        position = text.find("  ")
        while position != -1:
            end = position
            while end < len(text) and text[end] == " ":
                end += 1
            col = cell.text_col + position
            yield self.report(
                doc,
                cell.line,
                col,
                col + end - position,
                f"{end - position} spaces in a row inside the cell; use one",
                Fix((Edit.replace_span(cell.line, col, col + end - position, " "),)),
            )
            position = text.find("  ", end)


_PINNED_PADDING = {"none": ("none", "none"), "single": ("space", "space"), "any": (None, None)}


def _padding_words(left: str | None, right: str | None) -> str:
    if left == right == "none":
        return "this table writes cells with no padding"
    if left == right == "space":
        return "this table writes cells with a space on each side"
    sides = [
        f"{'no space' if style == 'none' else 'a space'} {where} the text"
        for style, where in ((left, "before"), (right, "after"))
        if style is not None
    ]
    return "this column writes cells with " + " and ".join(sides)


class RequiredCell(Rule):
    """A cell the list always fills is empty or holds only a placeholder, or a whole row is empty.

    **Why:** a paper row without a title, link or date is unusable, and a stray `-` or `TBD` tends to stay
    forever. Which columns are required is learned: a title, paper-link, date, venue or author column that
    (nearly) every row fills; citation, affiliation, code and keyword columns may wait for a value. A value
    a column repeats across many rows instead of a link (`-`, `null`, `Local Demo` ...) is that column's
    placeholder for "none" and is not a missing value. `columns` in the config pins which are required, and
    `placeholders` names texts that always count as empty.

    **Example:** `|LazyLLM|**LazyLLM: ...**|[[pdf](https://arxiv.org/abs/2407.14057)]|Apple, Meta||12|`
    (empty Date); `|  |  |  |  |` (an empty row, which GitHub shows as a blank line in the table).

    **Fix:** none; the missing value has to be looked up.
    """

    code = "RL105"
    name = "required-cell"
    options = {
        "placeholders": Option([], "texts that always count as empty in a required column (default: learned)"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        pinned = set(ctx.options["placeholders"])
        # A placeholder the list writes on purpose somewhere (`-` for a toolkit with no paper) is deliberate
        # in any of its tables; only columns pinned by the reference format or the config forbid it.
        deliberate = {text for model in ctx.model.tables for column in model.columns for text in column.placeholders}
        for table in doc.tables:
            model = ctx.model.table(table)
            required = [column for column in model.columns if column.required]
            for row in table.rows:
                if row.cells and not any(cell.text for cell in row.cells):
                    yield self.report(
                        doc,
                        row.line,
                        row.indent + 1,
                        len(row.text.rstrip()) + 1,
                        "Row is empty: GitHub shows a blank row",
                    )
                    continue
                if row.is_group_label or not model.fits(row):
                    continue
                for column in required:
                    cell = row.cell(column.index)
                    if cell is None:
                        continue
                    if not cell.text:
                        yield self.report_cell(doc, cell, f"Required cell {column.name!r} is empty")
                    elif cell.text in pinned or (
                        is_placeholder_word(cell.text) and (column.pinned or cell.text not in deliberate)
                    ):
                        yield self.report_cell(
                            doc, cell, f"Required cell {column.name!r} holds only the placeholder {cell.text!r}"
                        )


class TablePipes(Rule):
    """A row lacks its leading or trailing pipe while the table uses them.

    **Why:** GitHub accepts rows without outer pipes, but a table that mixes both styles is hard to edit
    and hides a lost cell: `|a|b` and `|a|b|` look alike until a cell goes missing.

    **Style:** learned per table: the outer pipes a clear majority of its rows have (a table whose rows end in a
    deliberate hidden cell without a trailing pipe keeps that style); with no clear majority, both when the
    header row has both.

    **Fix:** safe; the missing pipe is added (a trailing pipe after a final backslash gets a space first so
    that it is not escaped).
    """

    code = "RL106"
    name = "table-pipes"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            model = ctx.model.table(table)
            if not (model.leading_pipe or model.trailing_pipe):
                continue
            for row in (table.delimiter, *table.rows):
                if row.kind == "body" and not model.fits(row):
                    continue  # RL101 reports the row; a lost cell often takes the pipe with it
                missing = [
                    side
                    for side, present, wanted in (
                        ("leading", row.leading_pipe, model.leading_pipe),
                        ("trailing", row.trailing_pipe, model.trailing_pipe),
                    )
                    if wanted and not present
                ]
                if not missing:
                    continue
                end = len(row.text.rstrip(" \t"))
                edits = []
                if "leading" in missing:
                    edits.append(Edit.insert(row.line, row.indent + 1, "|"))
                if "trailing" in missing:
                    edits.append(Edit.insert(row.line, end + 1, " |" if row.text[:end].endswith("\\") else "|"))
                yield self.report(
                    doc,
                    row.line,
                    row.indent + 1,
                    end + 1,
                    f"Row has no {' and no '.join(missing)} pipe; the table uses both",
                    Fix(tuple(edits)),
                )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


RULES: tuple[type[Rule], ...] = (ColumnCount, Header, DelimiterRow, CellSpacing, RequiredCell, TablePipes)
