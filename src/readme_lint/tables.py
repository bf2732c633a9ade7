"""The GFM table scanner: tables read straight from the source lines, every cell with its columns.

Why not mistune's table plugin: it gives no positions, and it turns a table whose rows have more or fewer
cells than the header into a paragraph -- while GitHub renders those rows (padding or truncating them). Those
are exactly the rows a linter must see. So this module follows the GFM spec itself:

* a header line followed by a delimiter row (``| :--- | ---: |``) opens a table; when their cell counts
  differ GitHub renders no table, which we keep as ``Table.renders = False`` so a rule can say so;
* a table ends at a blank line, at a line that starts another block (heading, fence, quote, thematic break,
  HTML block -- a line that is one HTML tag, like ``<br>``, too --, list item, a line indented four columns:
  indented code) or at a line that mistune put in code or HTML;
* cells are split at unescaped pipes -- ``\\|`` stays in its cell, also inside a code span -- and a leading
  and a trailing pipe are optional.

Columns are 1-based code points; a cell's ``end_col`` is exclusive, as in SARIF and LSP.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_BLOCK_START = re.compile(
    r" {0,3}(?:"
    r"#{1,6}(?:[ \t]|$)"  # ATX heading
    r"|`{3,}|~{3,}"  # code fence
    r"|>"  # block quote
    r"|(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)"  # list item
    r"|<(?:!--|\?|![A-Z]|!\[CDATA\[|/?(?:address|article|aside|blockquote|details|div|dl|fieldset|figure"
    r"|footer|form|h[1-6]|header|hr|main|nav|ol|p|pre|script|section|style|table|textarea|ul)(?:[ \t>/]|$))"
    r")",
    re.IGNORECASE,
)
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$")
# CommonMark's HTML block of type 7: one complete open or closing tag alone on its line (`<br>`, `<img src=...>`).
# It cannot interrupt a paragraph, but it does end a table (cmark-gfm), and the lines after it join the HTML block.
_HTML_TAG_LINE = re.compile(
    r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*"
    r"(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
    r"[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$"
)

InlineParser = Callable[["Cell"], Any]  # parses a body cell's inline markdown on first use


class Cell:
    """One table cell: its raw text between the pipes, and where it stands in the line.

    ``text`` is the cell's markdown with the padding stripped; ``text_col`` and ``text_end_col`` locate it.
    ``inline`` is parsed lazily (mistune) because most rules only need the text.
    """

    __slots__ = ("_inline", "_parse", "end_col", "index", "line", "raw", "start_col", "text", "text_col")

    def __init__(self, line: int, index: int, raw: str, start_col: int, parse: InlineParser | None) -> None:
        self.line = line
        self.index = index
        self.raw = raw
        self.start_col = start_col
        self.end_col = start_col + len(raw)
        stripped_left = raw.lstrip(" \t")
        self.text = stripped_left.rstrip(" \t")
        self.text_col = start_col + len(raw) - len(stripped_left)
        self._parse = parse
        self._inline: Any = None

    @property
    def text_end_col(self) -> int:
        return self.text_col + len(self.text)

    @property
    def inline(self) -> Any:
        """The cell's inline content (``readme_lint.markdown.Inline``), parsed on first use."""
        if self._inline is None and self._parse is not None:
            self._inline = self._parse(self)
        return self._inline

    def __repr__(self) -> str:
        return f"Cell(line={self.line}, col={self.text_col}, text={self.text!r})"


class Row:
    """A table line: header, delimiter or body row, with its cells and pipe style."""

    __slots__ = ("cells", "indent", "kind", "leading_pipe", "line", "text", "trailing_pipe")

    def __init__(
        self,
        line: int,
        text: str,
        kind: str,
        cells: tuple[Cell, ...],
        leading_pipe: bool,
        trailing_pipe: bool,
        indent: int,
    ) -> None:
        self.line = line
        self.text = text
        self.kind = kind
        self.cells = cells
        self.leading_pipe = leading_pipe
        self.trailing_pipe = trailing_pipe
        self.indent = indent

    def cell(self, index: int | None) -> Cell | None:
        """The cell at ``index``, or None when the row is too short or the column is unknown."""
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    @property
    def end_col(self) -> int:
        return len(self.text) + 1

    @property
    def is_group_label(self) -> bool:
        """A row that only names a group (first cell filled, the rest empty), as some lists use."""
        return len(self.cells) > 1 and bool(self.cells[0].text) and not any(c.text for c in self.cells[1:])

    def __repr__(self) -> str:
        return f"Row(line={self.line}, kind={self.kind!r}, cells={len(self.cells)})"


class Table:
    """A table: header, delimiter and body rows, plus the section it stands in (set by the Document)."""

    __slots__ = ("alignments", "delimiter", "header", "renders", "rows", "section")

    def __init__(self, header: Row, delimiter: Row, rows: list[Row]) -> None:
        self.header = header
        self.delimiter = delimiter
        self.rows = rows
        self.renders = len(header.cells) == len(delimiter.cells)
        self.alignments = tuple(_alignment(cell.text) for cell in delimiter.cells)
        self.section: Any = None

    @property
    def start_line(self) -> int:
        return self.header.line

    @property
    def end_line(self) -> int:
        return self.rows[-1].line if self.rows else self.delimiter.line

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.header.cells)

    def column_index(self, name: str) -> int | None:
        """Index of the header cell named ``name`` (case and spacing ignored), or None."""
        wanted = normalize_name(name)
        for index, cell in enumerate(self.header.cells):
            if normalize_name(cell.text) == wanted:
                return index
        return None

    def __repr__(self) -> str:
        return f"Table(line={self.start_line}, columns={len(self.header.cells)}, rows={len(self.rows)})"


def normalize_name(name: str) -> str:
    """Column names compare without case and without inner spacing differences."""
    return " ".join(name.split()).casefold()


def _alignment(delimiter_text: str) -> str | None:
    left, right = delimiter_text.startswith(":"), delimiter_text.endswith(":")
    if left and right:
        return "center"
    if left:
        return "left"
    if right:
        return "right"
    return None


def split_row(text: str) -> tuple[list[tuple[int, int]], bool, bool, int]:
    """Split a row at unescaped pipes: (cell spans as 0-based [start, end), leading, trailing, indent)."""
    start = len(text) - len(text.lstrip(" \t"))
    end = len(text.rstrip(" \t"))
    leading = start < end and text[start] == "|"
    position = start + 1 if leading else start
    trailing = end - 1 >= position and text[end - 1] == "|" and text[end - 2 : end - 1] != "\\"
    stop = end - 1 if trailing else end
    spans: list[tuple[int, int]] = []
    cell_start = position
    pipe = text.find("|", position, stop)
    while pipe != -1:
        if text[pipe - 1] != "\\":
            spans.append((cell_start, pipe))
            cell_start = pipe + 1
        pipe = text.find("|", pipe + 1, stop)
    if trailing or cell_start < stop:
        spans.append((cell_start, stop))
    return spans, leading, trailing, start


def make_row(line_number: int, text: str, kind: str, parse: InlineParser | None) -> Row:
    spans, leading, trailing, indent = split_row(text)
    cells = tuple(
        Cell(line_number, index, text[a:b], a + 1, parse if kind == "body" else None)
        for index, (a, b) in enumerate(spans)
    )
    return Row(line_number, text, kind, cells, leading, trailing, indent)


def starts_other_block(text: str) -> bool:
    """True when the line opens a block that ends a table (or keeps it from starting)."""
    return _BLOCK_START.match(text) is not None or _THEMATIC_BREAK.match(text) is not None


def is_html_tag_line(text: str) -> bool:
    """A line that is one HTML tag and nothing else: it ends a table and starts an HTML block."""
    return "<" in text[:4] and _HTML_TAG_LINE.match(text) is not None


def indent_width(text: str) -> int:
    """Columns of leading whitespace, a tab advancing to the next multiple of 4 (as CommonMark counts)."""
    width = 0
    for char in text:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def is_delimiter_row(text: str) -> bool:
    return "|" in text and "-" in text and _DELIMITER_ROW.match(text) is not None


def scan_tables(lines: Sequence[str], blocked: Sequence[bool], parse: InlineParser | None) -> list[Table]:
    """Find every GFM table in ``lines``; ``blocked[i]`` marks lines that mistune put in code or HTML."""
    tables: list[Table] = []
    count = len(lines)
    index = 0
    while index < count - 1:
        header_text, delimiter_text = lines[index], lines[index + 1]
        if (
            blocked[index]
            or blocked[index + 1]
            or not header_text.strip()
            or not is_delimiter_row(delimiter_text)
            or starts_other_block(header_text)
            or header_text.startswith("    ")
        ):
            index += 1
            continue
        header = make_row(index + 1, header_text, "header", parse)
        delimiter = make_row(index + 2, delimiter_text, "delimiter", parse)
        rows: list[Row] = []
        index += 2
        while index < count and _continues_table(lines[index], blocked[index]):
            rows.append(make_row(index + 1, lines[index], "body", parse))
            index += 1
        tables.append(Table(header, delimiter, rows))
    return tables


def _continues_table(text: str, blocked: bool) -> bool:
    if blocked or not text.strip() or starts_other_block(text):
        return False
    if text[:1] in " \t" and indent_width(text) >= 4:  # an indented code block: GitHub ends the table there
        return False
    if is_html_tag_line(text):
        return False
    return bool(split_row(text)[0])
