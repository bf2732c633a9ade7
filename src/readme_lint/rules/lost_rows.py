"""Lost-row rules (RL107-RL112): lines that look like rows of a table but that GitHub renders as something else.

What GitHub makes of the lines around each table is read once per run (``readme_lint.lost_rows``); these rules
say it at the first lost line and repair it where the repair is clear.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.lost_rows import (
    LostRows,
    cells_of,
    delimiter_problem,
    indent_width,
    lines_text,
    list_marker,
    looks_like_data,
    lost_rows,
    only_typos,
    repaired_delimiter,
    sibling_delimiter,
    sibling_style,
)
from readme_lint.rules.base import Rule, RuleContext
from readme_lint.tables import is_html_tag_line

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.tables import Row

_FULLWIDTH = "\uff5c"


class _LostRowsRule(Rule):
    """Shared by the rules below: each reads the lost rows of its kinds and reports them at the first lost line."""

    kinds: tuple[str, ...] = ()

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for lost in lost_rows(doc, ctx):
            if lost.kind in self.kinds:
                yield self.describe(doc, lost)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        raise NotImplementedError

    def at_lost(
        self, doc: Document, lost: LostRows, message: str, fix: Fix | None = None, col: int = 0, end_line: int = 0
    ) -> Diagnostic:
        """Report at the first lost line; the range runs to the end of the last one (or of ``end_line``), so that
        ``--diff-base`` keeps the finding when any of those lines changed."""
        text = doc.line_text(lost.line)
        start = col or len(text) - len(text.lstrip(" \t")) + 1
        last = max(lost.end_line, end_line)
        return self.report(doc, lost.line, start, len(doc.line_text(last).rstrip()) + 1, message, fix, end_line=last)


class TableSplit(_LostRowsRule):
    """Rows after a blank line or an HTML comment line that ends their table: GitHub shows them as a paragraph.

    **Why:** a GFM table ends at the first blank line and at any other block, an HTML comment or a line that is one
    HTML tag (`<br>`) included. Every row after it -- a row appended below the table's closing blank line, or the
    rest of a table that a blank line or a `<!-- ... -->` line cuts in two -- is shown as one paragraph of pipes
    (after a tag line, as text of its HTML block), and its papers drop out of the table.

    **Example:** a table on lines 30-39, a blank line 40, then `|MQA|**Fast Transformer Decoding**|...|` on
    line 41: "GitHub renders line 41 as a paragraph: the blank line on line 40 ends the table that starts on
    line 30".

    **Fix:** the blank lines are removed -- safe when every cut-off row has as many cells as the table's header
    and the first one holds a paper (a link, bold text or a number), not column names of a header of its own;
    otherwise (the maintainer may have meant two tables) unsafe.
    An HTML comment or tag line is moved below the rows it cut off (unsafe: it may have been placed on purpose).
    """

    code = "RL107"
    name = "table-split"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    kinds = ("split",)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        assert lost.table is not None
        gap = range(lost.cause, lost.cause_end + 1)
        blank = [line for line in gap if not doc.line_text(line).strip()]
        comments = [line for line in gap if doc.line_text(line).strip()]
        tags = [line for line in comments if is_html_tag_line(doc.line_text(line))]
        what = _gap_words(len(blank), len(comments) - len(tags), len(tags))
        verb = "ends" if len(what.split(" and ")) == 1 and not what.endswith("s") else "end"
        shown = "text of an HTML block" if is_html_tag_line(doc.line_text(lost.line - 1)) else "a paragraph"
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as {shown}: the {what} on "
            f"{lines_text(lost.cause, lost.cause_end)} {verb} the table that starts on line {lost.table.start_line}"
        )
        columns = len(lost.table.header.cells)
        same_shape = all(len(cells_of(doc.line_text(line))) == columns for line in range(lost.line, lost.end_line + 1))
        edits = [Edit(lost.cause, 1, lost.cause_end + 1, 1, "")]
        if comments:
            moved = "".join(doc.line_text(line) + _ending(doc, line) for line in comments)
            edits.append(_after_line(doc, lost.end_line, moved))
        own_header = not looks_like_data(cells_of(doc.line_text(lost.line)))
        fix = Fix(tuple(edits), Applicability.safe_if(same_shape and not comments and not own_header))
        return self.at_lost(doc, lost, message, fix)


def _gap_words(blank: int, comments: int, tags: int) -> str:
    """``blank line``, ``blank lines and HTML comment``, ``HTML tag line``: what stands between table and rows."""
    words = []
    if blank:
        words.append("blank line" if blank == 1 else "blank lines")
    if comments:
        words.append("HTML comment")
    if tags:
        words.append("HTML tag line" if tags == 1 else "HTML tag lines")
    return " and ".join(words)


class DelimiterMissing(_LostRowsRule):
    """A table header with no valid delimiter row right under it: GitHub shows the whole table as a paragraph.

    **Why:** GFM opens a table only where a header row is followed at once by a delimiter row (`|---|`, cells
    of dashes with optional colons) with as many cells. A deleted delimiter row, a typo in it (`|:---;|`,
    an em dash, an empty cell) or a blank line between header and delimiter turns every row of the table into
    one paragraph of pipes; over a plain `---` line the header even becomes a heading. (A delimiter row with
    another cell count than its header is RL103's.)

    **Example:** `|Keywords | Title | Paper | Affiliation | Date | Citation|` followed directly by paper rows.

    **Fix:** safe where the file's other tables with as many columns share a delimiter row (a majority of two or
    more, or the only one): it is restored in their style (inserted, or written over a row mistyped with `;`,
    `=`, `_`, dots, blanks or dashes from an autocorrecting editor; other stray text makes it unsafe). A blank
    line between header and delimiter is removed (safe). Without such sibling tables the rebuilt row (`|---|`
    per column, or the mistyped row with `;` read as `:`) is an unsafe fix.
    """

    code = "RL108"
    name = "delimiter-missing"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    kinds = ("no-delimiter", "bad-delimiter", "blank-delimiter", "setext-delimiter")

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        lines = lines_text(lost.line, lost.end_line)
        header = doc.line_text(lost.header)
        columns = len(cells_of(header))
        style = sibling_delimiter(doc.tables, columns)
        if lost.kind == "blank-delimiter":
            message = (
                f"GitHub renders {lines} as paragraphs, not a table: the blank "
                f"{'line' if lost.cause == lost.cause_end else 'lines'} on {lines_text(lost.cause, lost.cause_end)} "
                f"{'separates' if lost.cause == lost.cause_end else 'separate'} the header from its delimiter row"
            )
            return self.at_lost(doc, lost, message, Fix((Edit(lost.cause, 1, lost.cause_end + 1, 1, ""),)))
        if lost.kind in ("bad-delimiter", "setext-delimiter"):
            text = doc.line_text(lost.cause)
            problem = delimiter_problem(text)
            col, what = problem if problem else (1, "it is not a delimiter row")
            message = (
                f"GitHub renders {lines} as a paragraph, not a table: line {lost.cause} is not a delimiter row "
                f"({what}, column {col})"
            )
            if lost.kind == "setext-delimiter":
                rows = (
                    f" and {lines_text(lost.cause + 1, lost.end_line)} as a paragraph"
                    if lost.end_line > lost.cause
                    else ""
                )
                message = (
                    f"GitHub renders line {lost.line} as a heading{rows}, not a table: line {lost.cause} is a heading "
                    "underline, not a delimiter row (it has no '|')"
                )
            replacement = style or repaired_delimiter(text, columns)
            safe = style is not None and only_typos(text)
            fix = Fix(
                (Edit.replace_span(lost.cause, 1, len(text) + 1, replacement),),
                Applicability.safe_if(safe),
            )
            return self.at_lost(doc, lost, message, fix)
        message = (
            f"GitHub renders {lines} as a paragraph, not a table: the header on line {lost.header} has no "
            "delimiter row under it"
        )
        replacement = style or _plain_delimiter(header, columns)
        fix = Fix(
            (_after_line(doc, lost.header, replacement + _ending(doc, lost.header)),),
            Applicability.safe_if(style is not None),
        )
        return self.at_lost(doc, lost, message, fix)


def _plain_delimiter(header: str, columns: int) -> str:
    stripped = header.strip()
    body = "|".join(["---"] * columns)
    return ("|" if stripped.startswith("|") else "") + body + ("|" if stripped.endswith("|") else "")


class RowAboveDelimiter(_LostRowsRule):
    """A row between a table's header and its delimiter row, or right above the header: it is not in the table.

    **Why:** GFM takes the line right above the delimiter row as the header, and the lines above it as a
    paragraph. A paper row pasted under the header line pushes the delimiter row down: GitHub shows the real
    header as a paragraph line above the table, and the paper -- in bold, as column names -- as the table's
    header. Rows pasted right above a header are a paragraph of pipes too.

    **Example:** `|Keywords | Title | ...|`, then `|GQA|**GQA: ...**|...|`, then `|:---:|:---:|...|`.

    **Fix:** unsafe: the delimiter row is moved up under the first line, which becomes the header (the rows in
    between become the first data rows) -- offered when that line reads as column names (no link, bold text or
    number in it). Paper rows right above a header that reads as column names are moved under its delimiter
    row.
    """

    code = "RL109"
    name = "row-above-delimiter"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.UNSAFE,)
    kinds = ("above-delimiter",)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        table = lost.table
        assert table is not None
        lines = lines_text(lost.line, lost.end_line)
        delimiter = table.delimiter.line
        first_is_data = looks_like_data(cells_of(doc.line_text(lost.line)))
        if first_is_data and not looks_like_data([cell.text for cell in table.header.cells]):
            message = (
                f"GitHub renders {lines} as a paragraph: rows above the table's header (line {table.header.line}) "
                f"are not part of the table; they belong under its delimiter row (line {delimiter})"
            )
            order = [table.header.line, delimiter, *range(lost.line, lost.end_line + 1)]
            return self.at_lost(doc, lost, message, _reorder(doc, lost.line, order), end_line=table.header.line)
        message = (
            f"GitHub renders {lines} as a paragraph and line {table.header.line} as the table's header: the "
            f"delimiter row on line {delimiter} must come right after the header"
        )
        fix = None
        if not first_is_data:
            fix = _reorder(doc, lost.line, [lost.line, delimiter, *range(lost.line + 1, table.header.line + 1)])
        return self.at_lost(doc, lost, message, fix, end_line=table.header.line)


def _reorder(doc: Document, first: int, order: list[int]) -> Fix:
    """An unsafe fix that writes the lines numbered in ``order`` on lines ``first``... (their endings stay put)."""
    edits = tuple(
        Edit.replace_span(line, 1, len(doc.line_text(line)) + 1, doc.line_text(source))
        for line, source in zip(range(first, first + len(order)), order)
        if line != source
    )
    return Fix(edits, Applicability.UNSAFE)


class HeadlessRows(_LostRowsRule):
    """Pipe rows with no header and delimiter row, where the file's other tables have both.

    **Why:** without a header row and a delimiter row GFM renders no table: the rows are one paragraph of pipes.
    This happens when a new section is started by pasting rows under its heading, or when the first two lines
    of a table are deleted.

    **Example:** `## Quantization`, then `|AWQ|**AWQ: ...**|[[pdf](...)]|MIT|2023.06|235|` with no table header,
    while the other sections' tables start with `|Keywords | Title | ...|` and `|:---:|...|`.

    **Fix:** unsafe: the header and delimiter row that the file's other tables with as many columns share are
    inserted above the rows (offered only when at least two of them agree).
    """

    code = "RL110"
    name = "headless-rows"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.UNSAFE,)
    kinds = ("headless",)

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        columns = len(cells_of(doc.line_text(lost.line)))
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as a paragraph, not a table: the rows have no "
            f"header and delimiter row (the {columns}-column tables of the other sections have them)"
        )
        style = sibling_style(doc.tables, columns)
        fix = None
        if style is not None:
            ending = _ending(doc, lost.line) or doc.dominant_ending
            fix = Fix((Edit.insert(lost.line, 1, style[0] + ending + style[1] + ending),), Applicability.UNSAFE)
        return self.at_lost(doc, lost, message, fix)


class RowOutsideTable(_LostRowsRule):
    """A row next to a table that GitHub puts in a code block or a list instead.

    **Why:** a row indented four spaces right under a table is an indented code block (and ends the table);
    a row written as a list item (`- |...|`) right under a table starts a list; a table written right under a
    list item, without a blank line between, is lazy text of that item. In each case GitHub shows the rows as
    code or as list text, and the rows after them as a paragraph.

    **Example:** `    |MQA|**Fast Transformer Decoding**|...|` under a table's last row.

    **Fix:** an indented row is moved back to the table's indentation (safe); a blank line is inserted between
    a list and the table it swallowed (safe); the list marker before a row is removed (unsafe: it may be a
    list on purpose).
    """

    code = "RL111"
    name = "row-outside-table"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    kinds = ("indented", "list-item", "list-swallowed")

    def describe(self, doc: Document, lost: LostRows) -> Diagnostic:
        if lost.kind == "indented":
            return self._indented(doc, lost)
        if lost.kind == "list-item":
            return self._list_item(doc, lost)
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as text of the list item on line {lost.cause}, "
            "not a table: a table right after a list needs a blank line before it"
        )
        ending = _ending(doc, lost.line) or doc.dominant_ending
        return self.at_lost(doc, lost, message, Fix((Edit.insert(lost.line, 1, ending),)))

    def _indented(self, doc: Document, lost: LostRows) -> Diagnostic:
        assert lost.table is not None
        code_end = lost.line
        while code_end < lost.end_line and indent_width(doc.line_text(code_end + 1)) >= 4:
            code_end += 1
        first = doc.line_text(lost.line)
        how = "with a tab" if "\t" in first[: len(first) - len(first.lstrip())] else f"{indent_width(first)} spaces"
        message = (
            f"GitHub renders {lines_text(lost.line, code_end)} as code (indented {how}), which ends the "
            f"table that starts on line {lost.table.start_line}"
        )
        if code_end < lost.end_line:
            message += f", and {lines_text(code_end + 1, lost.end_line)} as a paragraph"
        indent = " " * lost.table.header.indent
        edits = []
        for line in range(lost.line, code_end + 1):
            text = doc.line_text(line)
            edits.append(Edit.replace_span(line, 1, len(text) - len(text.lstrip(" \t")) + 1, indent))
        return self.at_lost(doc, lost, message, Fix(tuple(edits)))

    def _list_item(self, doc: Document, lost: LostRows) -> Diagnostic:
        assert lost.table is not None
        text = doc.line_text(lost.line)
        marker = list_marker(text)
        assert marker is not None
        message = (
            f"GitHub renders {lines_text(lost.line, lost.end_line)} as a list item, not a row: the "
            f"'{marker.group(2)}' before the row starts a list, which ends the table that starts on line "
            f"{lost.table.start_line}"
        )
        fix = Fix((Edit.replace_span(lost.line, 1, marker.end() + 1, marker.group(1)),), Applicability.UNSAFE)
        return self.at_lost(doc, lost, message, fix, col=marker.start(2) + 1)


class FullwidthPipe(Rule):
    """A table row uses `｜` (U+FF5C FULLWIDTH VERTICAL LINE) where a `|` belongs.

    **Why:** input methods for Chinese and Japanese type `｜` for `|`. GitHub keeps it as text, so two cells
    merge into one and the row is short by a cell (or, in a header, the table does not render at all). Rows
    whose `｜` is part of a title (replacing it would give more cells than the header) are not reported.

    **Example:** `|GQA|**GQA: ...**|[[pdf](https://arxiv.org/abs/2305.13245)]｜Google|2023.05|174|`.

    **Fix:** every `｜` of the row becomes `|`; safe when the row has no other CJK text (where a `｜` may be
    part of a title), unsafe otherwise.
    """

    code = "RL112"
    name = "fullwidth-pipe"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            expected_header = len(table.delimiter.cells)
            for row in (table.header, table.delimiter, *table.rows):
                if _FULLWIDTH not in row.text:
                    continue
                expected = expected_header if row is table.header else len(table.header.cells)
                found = self._check_row(doc, row, expected)
                if found is not None:
                    yield found

    def _check_row(self, doc: Document, row: Row, expected: int) -> Diagnostic | None:
        fixed = row.text.replace(_FULLWIDTH, "|")
        if len(row.cells) == expected or len(cells_of(fixed)) != expected:
            return None
        col = row.text.index(_FULLWIDTH) + 1
        message = (
            f"'{_FULLWIDTH}' (U+FF5C FULLWIDTH VERTICAL LINE) is not a pipe: GitHub shows it as text, and the row "
            f"has {len(row.cells)} cells instead of {expected}"
        )
        safe = not any(_is_cjk(char) for char in row.text if char != _FULLWIDTH)
        edits = tuple(
            Edit.replace_span(row.line, index + 1, index + 2, "|")
            for index, char in enumerate(row.text)
            if char == _FULLWIDTH
        )
        return self.report(doc, row.line, col, col + 1, message, Fix(edits, Applicability.safe_if(safe)))


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3000 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xFF00 <= code <= 0xFFEF


def _ending(doc: Document, line: int) -> str:
    return doc.endings[line - 1] if 0 < line <= len(doc.endings) else ""


def _after_line(doc: Document, line: int, text: str) -> Edit:
    """Insert ``text`` (whole lines, each with its ending) after ``line``, also when it is the last line."""
    if _ending(doc, line):
        return Edit.insert(line + 1, 1, text)
    for end in ("\r\n", "\n", "\r"):  # the file ends without a newline: keep it that way
        if text.endswith(end):
            text = text[: -len(end)]
            break
    return Edit.insert(line, len(doc.line_text(line)) + 1, doc.dominant_ending + text)


RULES: tuple[type[Rule], ...] = (
    TableSplit,
    DelimiterMissing,
    RowAboveDelimiter,
    HeadlessRows,
    RowOutsideTable,
    FullwidthPipe,
)
