"""The GFM table scanner: tables read straight from the source lines, every cell with its columns.

Why not mistune's table plugin: it gives no positions, and it turns a table whose rows have more or fewer
cells than the header into a paragraph -- while GitHub renders those rows (padding or truncating them). Those
are exactly the rows a linter must see. So this module follows the GFM spec itself:

* a header line followed by a delimiter row (``| :--- | ---: |``, or ``:---:`` without a pipe under a one-cell
  header) opens a table; when their cell counts differ GitHub renders no table, which we keep as
  ``Table.renders = False`` so a rule can say so; tables inside block quotes and list items are read too
  (``Document`` hands the scanner those lines with their ``>`` and list markers blanked);
* a table ends at a blank line, at a line that starts another block (heading, fence, quote, thematic break,
  HTML block -- a line that is one HTML tag, like ``<br>``, too --, list item, a line indented four columns:
  indented code) or at a line that mistune put in code or HTML;
* cells are split at unescaped pipes -- ``\\|`` stays in its cell, also inside a code span -- and a leading
  and a trailing pipe are optional;
* the fast path for a list's rows: a line that opens with a pipe continues the table without the block
  patterns (``_pipe_row``), its cells come from one ``str.split`` (``_pieces``; ``split_row``'s span-by-span
  scan is the reference a property test holds it to), each cell's text is its raw piece itself when unpadded,
  and its inline is parsed only when a rule or the list model first reads it (``markdown.fast_inline`` for
  the common shapes, mistune for the rest);
* a row of more than ``MAX_CELLS`` cells is not split: it keeps its text and its cell count
  (``Row.unsplit_cells``) but has no ``Cell`` objects, so no rule reads its cells, and RL101 reports it. When the
  header or the delimiter row is that wide, no row of the table is split (``Table.too_wide``). A cell object
  costs about 150 bytes against the two of ``|a``: one row of 800,000 cells took gigabytes in the list model.

Columns are 1-based code points; a cell's ``end_col`` is exclusive, as in SARIF and LSP.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from readme_lint.patterns import lazy_compile

_DELIMITER_HEAD = re.compile(r" {0,3}\|?")
_DELIMITER_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")
_PIPELESS_DELIMITER = lazy_compile(r" {0,3}:?-+:?[ \t]*")
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
_HTML_TAG_LINE = lazy_compile(
    r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*"
    r"(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
    r"[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$"
)

MAX_CELLS = 500  # paper lists have 4 to 15 columns; see the module docstring
InlineParser = Callable[["Cell"], Any]  # parses a body cell's inline markdown on first use
# The common row's Row is made with this and its slots filled in place: calling a class runs its ``__init__`` in
# a frame of its own (3.11 does not inline a class call). A test holds it to ``Row.__init__``'s.
_new_instance = object.__new__


class Cell:
    """One table cell: its raw text between the pipes, and where it stands in the line.

    ``text`` is the cell's markdown with the padding stripped; ``text_col`` and ``text_end_col`` locate it.
    ``inline`` is parsed lazily (mistune) because most rules only need the text. Built by ``make_row`` with
    the padding already measured; ``Cell.of`` measures it itself.
    """

    # No slot for end_col, and text_col is start_col's own int when the cell has no left padding: each column
    # number over 256 is a 28-byte int, which was a third of a one-character cell's cost. ``text`` is ``raw``
    # itself when the cell has no padding. ``inline`` stays a property: a ``__getattr__`` for the lazy field
    # would slow every other attribute read of every cell (the interpreter cannot specialize them then).
    __slots__ = ("_inline", "_parse", "index", "line", "raw", "start_col", "text", "text_col")

    # No ``__init__``: ``Cell()`` is then made in C alone (no Python frame, no argument tuple), and its maker fills
    # the slots (``_cells`` for every cell of a table, ``Cell.of`` for one).
    line: int
    index: int
    raw: str
    start_col: int
    text: str
    text_col: int
    _parse: InlineParser | None
    _inline: Any

    @classmethod
    def of(cls, line: int, index: int, raw: str, start_col: int, parse: InlineParser | None) -> Cell:
        """The cell of ``raw`` (padding included) starting at ``start_col``: the padding measured here."""
        text = raw.strip(" \t")
        padding = len(raw) - len(raw.lstrip(" \t")) if text is not raw else 0
        cell = cls()
        cell.line, cell.index, cell.raw, cell.start_col = line, index, raw, start_col
        cell.text, cell.text_col = text, start_col + padding if padding else start_col
        cell._parse, cell._inline = parse, None
        return cell

    @property
    def end_col(self) -> int:
        return self.start_col + len(self.raw)

    @property
    def text_end_col(self) -> int:
        return self.text_col + len(self.text)

    @property
    def inline(self) -> Any:
        """The cell's inline content (``readme_lint.markdown.Inline``), parsed on first use."""
        inline = self._inline
        if inline is None and self._parse is not None:
            inline = self._inline = self._parse(self)
        return inline

    def __repr__(self) -> str:
        return f"Cell(line={self.line}, col={self.text_col}, text={self.text!r})"


class Row:
    """A table line: header, delimiter or body row, with its cells and pipe style.

    ``unsplit_cells`` is the row's cell count when it was not split into cells (it has more than ``MAX_CELLS``,
    or its table's header or delimiter row has), else 0; ``cells`` is then empty.
    """

    __slots__ = ("cells", "indent", "kind", "leading_pipe", "line", "text", "trailing_pipe", "unsplit_cells")

    def __init__(
        self,
        line: int,
        text: str,
        kind: str,
        cells: tuple[Cell, ...],
        leading_pipe: bool,
        trailing_pipe: bool,
        indent: int,
        unsplit_cells: int = 0,
    ) -> None:
        self.line = line
        self.text = text
        self.kind = kind
        self.cells = cells
        self.leading_pipe = leading_pipe
        self.trailing_pipe = trailing_pipe
        self.indent = indent
        self.unsplit_cells = unsplit_cells

    def cell(self, index: int | None) -> Cell | None:
        """The cell at ``index``, or None when the row is too short or the column is unknown."""
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    @property
    def end_col(self) -> int:
        return len(self.text) + 1

    @property
    def cell_count(self) -> int:
        """How many cells GitHub sees in the line, whether or not it was split."""
        return self.unsplit_cells or len(self.cells)

    @property
    def is_group_label(self) -> bool:
        """A row that only names a group (first cell filled, the rest empty), as some lists use. Asked of every row
        by the order pass and RL501: a filled second cell settles nearly all rows before any loop."""
        cells = self.cells
        if len(cells) < 2 or cells[1].text or not cells[0].text:
            return False
        return not any(cell.text for cell in cells[2:])

    def __repr__(self) -> str:
        return f"Row(line={self.line}, kind={self.kind!r}, cells={len(self.cells)})"


class Table:
    """A table: header, delimiter and body rows, plus the section it stands in (set by the Document)."""

    __slots__ = ("alignments", "delimiter", "header", "renders", "rows", "section")

    def __init__(self, header: Row, delimiter: Row, rows: list[Row]) -> None:
        self.header = header
        self.delimiter = delimiter
        self.rows = rows
        self.renders = header.cell_count == delimiter.cell_count
        self.alignments = tuple(_alignment(cell.text) for cell in delimiter.cells)
        self.section: Any = None

    @property
    def start_line(self) -> int:
        return self.header.line

    @property
    def too_wide(self) -> bool:
        """The header or the delimiter row has more than ``MAX_CELLS`` cells: no row of the table was split."""
        return bool(self.header.unsplit_cells or self.delimiter.unsplit_cells)

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


def _bounds(text: str) -> tuple[int, int, int, bool, bool]:
    """Where a row's cells lie: (indent, first cell start, end of the last cell, leading pipe, trailing pipe)."""
    start = len(text) - len(text.lstrip(" \t"))
    end = len(text.rstrip(" \t"))
    leading = start < end and text[start] == "|"
    position = start + 1 if leading else start
    trailing = end - 1 >= position and text[end - 1] == "|" and text[end - 2 : end - 1] != "\\"
    return start, position, end - 1 if trailing else end, leading, trailing


def split_row(text: str) -> tuple[list[tuple[int, int]], bool, bool, int]:
    """Split a row at unescaped pipes: (cell spans as 0-based [start, end), leading, trailing, indent)."""
    start, position, stop, leading, trailing = _bounds(text)
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


def count_cells(text: str) -> int:
    """``len(split_row(text)[0])`` without building the spans (a wide row has hundreds of thousands)."""
    _, position, stop, _, trailing = _bounds(text)
    if position >= stop:
        return 1 if trailing else 0
    # An escaped pipe is one right after a backslash; the character before ``position`` is never a backslash
    # (it is the leading pipe or blank), so the pairs counted all end inside the range.
    pipes = text.count("|", position, stop) - text.count("\\|", max(position - 1, 0), stop)
    last = text.rfind("|", position, stop)
    while last != -1 and text[last - 1] == "\\":
        last = text.rfind("|", position, last)
    return pipes + (1 if trailing or last + 1 < stop else 0)


def make_row(line_number: int, text: str, kind: str, parse: InlineParser | None, split: bool = True) -> Row:
    """The row of one table line; not split into cells when it is too wide or ``split`` is false."""
    if split and len(text) > 1 and text[0] == "|" == text[-1] and text[-2] != "\\":
        # The common row, ``|a|b|``: both outer pipes, no indentation or trailing blank (as _bounds would say).
        # Split at most MAX_CELLS + 1 times: a row that reaches that bound (MAX_CELLS cells or more) takes the
        # general path below, so the common row is not scanned a second time to count its pipes.
        pieces = text.split("|", MAX_CELLS + 1)
        if len(pieces) <= MAX_CELLS + 1:
            del pieces[0], pieces[-1]
            if "\\" in text:
                pieces = _rejoin_escaped(pieces)
            row = _new_instance(Row)  # the slots filled here, as Row.__init__ would (see _new_instance)
            row.line = line_number
            row.text = text
            row.kind = kind
            row.cells = _cells(line_number, pieces, 2, kind, parse)
            row.leading_pipe = row.trailing_pipe = True
            row.indent = row.unsplit_cells = 0
            return row
    if not split or (text.count("|") > MAX_CELLS and count_cells(text) > MAX_CELLS):
        start, _, _, leading, trailing = _bounds(text)
        return Row(line_number, text, kind, (), leading, trailing, start, count_cells(text))
    indent, position, stop, leading, trailing = _bounds(text)
    cells = _cells(line_number, _pieces(text, position, stop, leading, trailing), position + 1, kind, parse)
    return Row(line_number, text, kind, cells, leading, trailing, indent)


def _pieces(text: str, position: int, stop: int, leading: bool, trailing: bool) -> list[str]:
    """The raw cells of a row, as ``split_row``'s spans would slice them, from one ``str.split``.

    The cells lie side by side, one pipe apart, so splitting ``text[position:stop]`` at every pipe and joining
    back the pieces cut at an escaped pipe gives them all. A row with both outer pipes (nearly every row of a
    list) is split whole: its first piece is the indentation and its last the trailing blank.
    """
    if leading and trailing:  # two distinct pipes: before the first, only blanks; after the last, only blanks
        pieces = text.split("|")
        del pieces[0], pieces[-1]
    else:
        pieces = text[position:stop].split("|")
    if "\\" in text:
        pieces = _rejoin_escaped(pieces)
    if not trailing and not pieces[-1]:
        pieces.pop()  # nothing between the leading pipe and the end: no cell (split_row's empty spans)
    return pieces


def _rejoin_escaped(pieces: list[str]) -> list[str]:
    """Join the pieces that ``str.split`` cut at an escaped pipe (one right after a backslash, as ``split_row``)."""
    joined = [pieces[0]]
    for piece in pieces[1:]:
        if joined[-1].endswith("\\"):
            joined[-1] += "|" + piece
        else:
            joined.append(piece)
    return joined


def _cells(line: int, pieces: list[str], col: int, kind: str, parse: InlineParser | None) -> tuple[Cell, ...]:
    """The cells of a row's raw pieces, the first at ``col``: each column number boxed once, each text sliced once
    (a cell without padding is its own text, and its text starts at its own column).

    The slots are filled here, as ``Cell.of`` fills them (``Cell`` has no ``__init__``: calling it with one,
    which runs in a frame of its own, cost about a fifth of the parse stage)."""
    if kind != "body":
        parse = None
    cells: list[Cell] = []
    append = cells.append
    for index, raw in enumerate(pieces):
        cell = Cell()
        cell.line = line
        cell.index = index
        cell.raw = raw
        cell.start_col = col
        text = raw.strip(" \t")
        if text is raw:
            cell.text = raw
            cell.text_col = col
        else:
            cell.text = text
            padding = len(raw) - len(raw.lstrip(" \t"))
            cell.text_col = col + padding if padding else col
        cell._parse = parse
        cell._inline = None
        append(cell)
        col += len(raw) + 1
    return tuple(cells)


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
    """A GFM delimiter row: ``^ {0,3}\\|?[ \\t]*:?-+:?[ \\t]*(?:\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$``, matched one
    cell at a time: as one pattern, the repeated group keeps state per repetition in the regex engine, about
    400 bytes per cell (116 MB for a delimiter row of 300,000 cells)."""
    if "|" not in text or "-" not in text:
        return False
    head = _DELIMITER_HEAD.match(text)
    cell = _DELIMITER_CELL.match(text, head.end()) if head else None
    if cell is None:
        return False
    position = cell.end()
    while text.startswith("|", position):
        cell = _DELIMITER_CELL.match(text, position + 1)
        if cell is None:
            position += 1  # the trailing pipe
            break
        position = cell.end()
    return not text[position:].strip(" \t")


def _one_column_delimiter(text: str, header: str) -> bool:
    """A delimiter row without a pipe (`:---:`, `---:`) under a one-cell header opens a table (cmark-gfm); a
    line of dashes alone does not: it makes the header a setext heading."""
    return (
        ":" in text and "|" not in text and _PIPELESS_DELIMITER.fullmatch(text) is not None and count_cells(header) == 1
    )


def scan_tables(
    lines: Sequence[str], blocked: Sequence[bool], parse: InlineParser | None, heads: Sequence[str] | None = None
) -> list[Table]:
    """Find every GFM table in ``lines``; ``blocked[i]`` marks lines that mistune put in code or HTML.

    ``heads``, when given, is what a table may start with at each line (a header and its delimiter row), while
    ``lines`` is what continues a table: the document passes tables in quotes and list items this way, the
    first line of each quote or item blank in ``lines`` (a new container ends the table before it)."""
    starts = lines if heads is None else heads
    tables: list[Table] = []
    count = len(lines)
    index = 0
    while index < count - 1:
        header_text, delimiter_text = starts[index], starts[index + 1]
        if (
            blocked[index]
            or blocked[index + 1]
            or not header_text.strip()
            or not (is_delimiter_row(delimiter_text) or _one_column_delimiter(delimiter_text, header_text))
            or starts_other_block(header_text)
            or header_text.startswith("    ")
        ):
            index += 1
            continue
        header = make_row(index + 1, header_text, "header", parse)
        delimiter = make_row(index + 2, delimiter_text, "delimiter", parse)
        rows: list[Row] = []
        split = not (header.unsplit_cells or delimiter.unsplit_cells)
        index += 2
        while index < count and not blocked[index]:
            text = lines[index]
            if not (_pipe_row(text) or _continues_table(text, False)):
                break
            rows.append(make_row(index + 1, text, "body", parse, split))
            index += 1
        tables.append(Table(header, delimiter, rows))
    return tables


def _pipe_row(text: str) -> bool:
    """A line that opens with a pipe and holds more than it: a row of the table above, as ``_continues_table``
    says (no other block starts with ``|``), told without its five patterns -- nearly every row of a list."""
    return text[:1] == "|" and len(text.rstrip(" \t")) > 1


def _continues_table(text: str, blocked: bool) -> bool:
    if blocked or not text.strip() or starts_other_block(text):
        return False
    if text[:1] in " \t" and indent_width(text) >= 4:  # an indented code block: GitHub ends the table there
        return False
    if is_html_tag_line(text):
        return False
    _, position, stop, _, trailing = _bounds(text)
    return trailing or position < stop  # the row has a cell (split_row's spans are not empty)
