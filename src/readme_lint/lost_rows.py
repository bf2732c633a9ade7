"""Rows GitHub does not render as rows: pipe lines next to a table that GFM turns into a paragraph, code or a list.

The table scanner (``tables``) reads the tables GitHub renders. This module reads what lies *around* them: runs of
pipe lines outside every table, and list blocks that touch a table, and says for each run why GFM does not make
it a table row (cmark-gfm's behaviour, checked case by case):

* a blank line, an HTML comment line or a line that is one HTML tag (``<br>``) ends a table, so rows after it are
  a paragraph, or text of that HTML block (``split``);
* a header needs a delimiter row right under it; without one -- missing (``no-delimiter``), mistyped like
  ``|:---;|`` (``bad-delimiter``) or pushed down by a blank line (``blank-delimiter``) -- the whole table is a
  paragraph; over a plain ``---`` line the header is a setext heading (``setext-delimiter``);
* a row typed between the header and the delimiter row becomes the header, and the real header a paragraph line
  above the table; rows typed right above a header are a paragraph too (``above-delimiter``);
* pipe rows with no header and delimiter row at all, where the file's other tables have them (``headless``);
* a row indented four columns right under a table is an indented code block (``indented``);
* a row written as a list item right under a table is a list (``list-item``), and a table written right under a
  list item, without a blank line, is lazy text of that item (``list-swallowed``).

A delimiter row with another cell count than its header is not here: the scanner keeps it as a table that does
not render, and RL103 reports it. Everything is computed once per lint run (``lost_rows``) and read by the
RL107-RL111 rules, which turn it into diagnostics and fixes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from readme_lint.memo import per_run
from readme_lint.patterns import lazy_pattern
from readme_lint.tables import (
    MAX_CELLS,
    Table,
    count_cells,
    indent_width,
    is_delimiter_row,
    is_html_tag_line,
    normalize_name,
    split_row,
    starts_other_block,
)

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.rules.base import RuleContext

_LIST_MARKER = re.compile(r"( {0,3})([-+*]|[0-9]{1,9}[.)])( {1,4}(?! )|[ \t]|$)")
# A line that was meant as a delimiter row: only dashes, colons, pipes, blanks and the characters a slip of the
# finger puts there (';' for ':', '=' or '_' or a dash from an autocorrecting editor for '-', '.').
_DELIMITERISH = lazy_pattern(r"^ {0,3}[|:\-;.=_\u2013\u2014\u2212~+ \t]*$")
_DASHES = lazy_pattern(r"[-=_\u2013\u2014\u2212~]")
_DELIMITER_CELL = lazy_pattern(r"^:?-+:?$")
_SETEXT_DASHES = lazy_pattern(r" {0,3}-+[ \t]*$")


class LostRows:
    """Lines that look like rows of a table but that GitHub renders as something else.

    ``line``..``end_line`` are the lost lines (``line`` is the first, where the finding is reported); ``cause``
    and ``cause_end`` the line(s) that make GitHub drop them (a blank line, a comment, a bad delimiter row);
    ``table`` the table they belong to, when there is one; ``header`` the line that is (or should be) their
    header, for the delimiter kinds.
    """

    def __init__(
        self,
        kind: str,
        line: int,
        end_line: int,
        cause: int,
        cause_end: int,
        table: Table | None = None,
        header: int = 0,
    ) -> None:
        self.kind = kind
        self.line = line
        self.end_line = end_line
        self.cause = cause
        self.cause_end = cause_end
        self.table = table
        self.header = header


@per_run
def lost_rows(doc: Document, ctx: RuleContext) -> list[LostRows]:
    """Every run of lost rows in ``doc``, computed once per lint run and shared by the rules that read it."""
    return find(doc, tuple(column.name for column in ctx.config.columns))


def lines_text(first: int, last: int) -> str:
    """``line 5`` or ``lines 5–9``: how messages name a range of lines."""
    return f"line {first}" if first == last else f"lines {first}\u2013{last}"


def cells_of(text: str) -> list[str]:
    """The stripped cell texts of a pipe line."""
    spans = split_row(text)[0]
    return [text[a:b].strip(" \t") for a, b in spans]


def list_marker(text: str) -> re.Match[str] | None:
    """The list marker that opens ``text`` (group 2), with the spaces after it; None when it opens no list item."""
    return _LIST_MARKER.match(text)


def delimiter_problem(text: str) -> tuple[int, str] | None:
    """For a line meant as a delimiter row that GFM does not accept: (1-based column, what is wrong).

    Meant as a delimiter row: it has pipes, every cell has a dash, and dashes, colons and blanks make up at least
    two thirds of it (`|:---;|`, `|:--<!--:|`), so that a row of words is never taken for one."""
    if "|" not in text or is_delimiter_row(text):
        return None
    body = text.replace("|", "").replace(" ", "").replace("\t", "")
    dashes = len(_DASHES().findall(body))
    if dashes < 2 or 3 * (dashes + body.count(":")) < 2 * len(body):
        return None
    if not all(_DASHES().search(cell) or not cell for cell in cells_of(text)):
        return None
    for start, end in split_row(text)[0]:
        cell = text[start:end]
        stripped = cell.strip(" \t")
        offset = start + len(cell) - len(cell.lstrip(" \t"))
        if not stripped:
            return start + 1, "a cell is empty"
        if _DELIMITER_CELL().match(stripped):
            continue
        for position, char in enumerate(stripped):
            if char not in "-:" or (char == ":" and 0 < position < len(stripped) - 1):
                shown = "a blank" if char in " \t" else repr(char)
                return offset + position + 1, f"{shown} is not allowed in a delimiter cell"
        return offset + 1, "a delimiter cell needs at least one '-'"
    return None


def only_typos(text: str) -> bool:
    """A mistyped delimiter row whose stray characters are typos (';' for ':', '=' or an em dash for '-', ...),
    so that writing the right row over it loses nothing."""
    return _DELIMITERISH().match(text) is not None


def repaired_delimiter(text: str, columns: int) -> str:
    """The delimiter row ``text`` meant: ';' read as ':', other stray characters dropped, ``columns`` cells."""
    cells = []
    for cell in cells_of(text):
        cell = cell.replace(";", ":")
        left, right = cell.startswith(":"), cell.endswith(":") and len(cell) > 1
        dashes = max(3, len(_DASHES().findall(cell)))
        cells.append((":" if left else "") + "-" * dashes + (":" if right else ""))
    cells = (cells + [cells[-1] if cells else "---"] * columns)[:columns]
    leading, trailing = text.lstrip(" \t").startswith("|"), text.rstrip(" \t").endswith("|")
    return ("|" if leading else "") + "|".join(cells) + ("|" if trailing else "")


def sibling_style(tables: list[Table], columns: int) -> tuple[str, str] | None:
    """(header, delimiter row) that a majority of the rendering tables with ``columns`` columns share (2+ of them,
    or the only one)."""
    counter: Counter[tuple[str, str]] = Counter(
        (table.header.text.strip(), table.delimiter.text.strip())
        for table in tables
        if table.renders and len(table.header.cells) == columns
    )
    if not counter:
        return None
    (style, count), total = counter.most_common(1)[0], sum(counter.values())
    return style if count * 2 > total and (count >= 2 or total == 1) else None


def sibling_delimiter(tables: list[Table], columns: int) -> str | None:
    """The delimiter row a majority of the rendering tables with ``columns`` columns use (2+, or the only one)."""
    counter: Counter[str] = Counter(
        table.delimiter.text.strip() for table in tables if table.renders and len(table.header.cells) == columns
    )
    if not counter:
        return None
    (text, count), total = counter.most_common(1)[0], sum(counter.values())
    return text if count * 2 > total and (count >= 2 or total == 1) else None


def looks_like_data(cells: list[str]) -> bool:
    """A row that holds papers rather than column names: a link, bold text or a number in some cell."""
    return any("](" in cell or "**" in cell or "http" in cell or cell.replace(".", "").isdigit() for cell in cells)


def find(doc: Document, schema: tuple[str, ...] = ()) -> list[LostRows]:
    """Lost rows of ``doc``, in line order (``schema``: configured column names, to recognise a header)."""
    return _Scan(doc, schema).run()


class _Scan:
    """One pass over the lines outside tables; see the module docstring for the kinds it finds."""

    def __init__(self, doc: Document, schema: tuple[str, ...]) -> None:
        self.doc = doc
        self.lines = doc.lines
        count = len(doc.lines)
        self.kind: list[str | None] = [None] * (count + 2)
        self.html = [False] * (count + 2)  # lines of an HTML comment, or one HTML tag alone (`<br>`)
        for block in doc.blocks:
            first_text = doc.line_text(block.start_line).lstrip(" ")
            for line in range(block.start_line, min(block.end_line, count) + 1):
                self.kind[line] = block.kind
                self.html[line] = block.kind == "block_html" and first_text.startswith("<!--")
        self.in_table = [False] * (count + 2)
        for table in doc.tables:
            for line in range(table.start_line, table.end_line + 1):
                self.in_table[line] = True
        self.ends = {table.end_line: table for table in doc.tables if table.renders}
        self.starts = {table.start_line: table for table in doc.tables}
        self.headers = {tuple(normalize_name(cell.text) for cell in t.header.cells) for t in doc.tables if t.renders}
        self.schema = {normalize_name(name) for name in schema}
        self.found: list[LostRows] = []
        self.consumed: set[int] = set()

    def run(self) -> list[LostRows]:
        self._setext()
        line, count = 1, len(self.lines)
        while line <= count:
            if not self._eligible(line):
                line += 1
                continue
            end = line
            while end < count and self._eligible(end + 1):
                end += 1
            if line not in self.consumed:
                self._classify(line, end)
            line = end + 1
        self._lists()
        self.found.sort(key=lambda lost: lost.line)
        return self.found

    # -- lines -------------------------------------------------------------------------------------------

    def _text(self, line: int) -> str:
        return self.lines[line - 1]

    def _blank(self, line: int) -> bool:
        return not self._text(line).strip()

    def _eligible(self, line: int) -> bool:
        """A pipe line that mistune put in a paragraph and that no table holds."""
        if self.in_table[line] or self.kind[line] not in ("paragraph", None):
            return False
        text = self._text(line)
        if not text.strip() or "|" not in text or (starts_other_block(text) and indent_width(text) < 4):
            return False
        cells = count_cells(text)
        if cells > MAX_CELLS:  # never a table row that lost its table (and splitting it would cost ~85 bytes a byte)
            return False
        return text.lstrip(" \t").startswith("|") or cells >= 2

    def _gap_line(self, line: int) -> bool:
        """A line that ends a table without being text: blank, an HTML comment, or one HTML tag alone."""
        return self._blank(line) or self.html[line] or (not self.in_table[line] and is_html_tag_line(self._text(line)))

    def _cells(self, line: int) -> list[str]:
        return cells_of(self._text(line))

    def _is_header(self, line: int) -> bool:
        """A header by evidence: another table's header, or only configured column names, half of them or more."""
        names = tuple(normalize_name(cell) for cell in self._cells(line))
        if len(names) < 2:
            return False
        if names in self.headers:
            return True
        known = [name for name in names if name]
        return all(name in self.schema for name in known) and 2 * len(set(known)) >= len(self.schema) > 0

    def _leading(self, line: int) -> bool:
        return self._text(line).lstrip(" \t").startswith("|")

    def _add(self, kind: str, first: int, last: int, cause: int, cause_end: int, **extra: object) -> None:
        self.found.append(LostRows(kind, first, last, cause, cause_end, **extra))  # type: ignore[arg-type]

    # -- runs of pipe lines ------------------------------------------------------------------------------

    def _classify(self, first: int, last: int) -> None:
        before = self.ends.get(first - 1)
        if before is not None and indent_width(self._text(first)) >= 4:
            if self._belongs(first, before, self._text(first).lstrip(" \t")):
                self._add("indented", first, last, first, first, table=before)
            return
        gap_end = first - 1
        gap_start = gap_end + 1
        while gap_start > 1 and (self._gap_line(gap_start - 1)):
            gap_start -= 1
        table = self.ends.get(gap_start - 1) if gap_start <= gap_end else None
        if table is not None:
            if self._is_header(first) and last > first:
                self._headerless(first, last)  # the next table, not rows of this one
            elif not (self._is_header(first) and self._blank_then_delimiter(first)) and self._belongs(first, table):
                self._add("split", first, last, gap_start, gap_end, table=table)
            return
        below = self.starts.get(last + 1)
        if below is not None and below.renders and table is None:
            if all(len(self._cells(line)) == len(below.header.cells) for line in range(first, last + 1)):
                self._add("above-delimiter", first, last, below.header.line, below.delimiter.line, table=below)
            return
        self._headerless(first, last)

    def _belongs(self, line: int, table: Table, text: str | None = None) -> bool:
        """A line after a table that is one of its rows: written with the table's leading-pipe style, with its
        cell count -- or, with a leading pipe, at least half of it (a row that also lost a cell). Prose with a
        pipe in it, or a one-cell ``| [Back to top](#top) |`` line, is neither."""
        text = self._text(line) if text is None else text
        leading = text.lstrip(" \t").startswith("|")
        if leading != table.header.leading_pipe:
            return False
        cells, columns = len(cells_of(text)), len(table.header.cells)
        return cells == columns or (leading and cells >= 2 and 2 * cells >= columns)

    def _headerless(self, first: int, last: int) -> None:
        """A run that is no table's continuation: a header without delimiter row, or rows without both."""
        if last > first and delimiter_problem(self._text(first + 1)) is not None:
            self._add("bad-delimiter", first, last, first + 1, first + 1, header=first)
            return
        if last == first and self._blank_then_delimiter(first):
            return
        columns = len(self._cells(first))
        if self._is_header(first):
            self._add("no-delimiter", first, last, first, first, header=first)
            return
        siblings = self._sibling_tables(first, columns)
        if siblings and columns >= 2 and self._leading(first) == siblings[0].header.leading_pipe:
            self._add("headless", first, last, first, first, table=siblings[0])
            return
        boxed = last > first and columns >= 2 and self._boxed(first, last)
        if boxed and len(self._cells(first + 1)) == columns and not looks_like_data(self._cells(first)):
            self._add("no-delimiter", first, last, first, first, header=first)

    def _sibling_tables(self, line: int, columns: int) -> list[Table]:
        """Tables with ``columns`` columns in the other sections at the level of the section holding ``line``,
        when that section has a heading and no table above ``line``."""
        section = self.doc.section_at(line)
        if section is None or section.heading is None:
            return []
        if any(table.start_line < line for table in section.tables):
            return []
        level = section.heading.level
        return [
            table
            for other in self.doc.sections
            if other is not section and other.heading is not None and other.heading.level == level
            for table in other.tables
            if table.renders and len(table.header.cells) == columns
        ]

    def _boxed(self, first: int, last: int) -> bool:
        """Every line starts and ends with a pipe: a table typed without its delimiter row, not prose."""
        return all(
            self._text(line).strip().startswith("|") and self._text(line).rstrip().endswith("|")
            for line in range(first, last + 1)
        )

    def _blank_then_delimiter(self, header: int) -> bool:
        """A header, blank lines, then a delimiter row with as many cells: GFM sees two paragraphs."""
        line = header + 1
        count = len(self.lines)
        while line <= count and self._blank(line):
            line += 1
        if line == header + 1 or line > count or not self._eligible(line) or not is_delimiter_row(self._text(line)):
            return False
        if len(self._cells(line)) != len(self._cells(header)):
            return False
        end = line
        while end < count and self._eligible(end + 1):
            end += 1
        self.consumed.add(line)
        self._add("blank-delimiter", header, end, header + 1, line - 1, header=header)
        return True

    def _setext(self) -> None:
        """A header over a plain ``---`` line: GFM reads a setext heading, and the rows under it as a paragraph."""
        for block in self.doc.blocks:
            if block.kind != "heading" or block.end_line != block.start_line + 1:
                continue
            header, underline = block.start_line, block.end_line
            if not _SETEXT_DASHES().match(self._text(underline)) or len(self._cells(header)) < 2:
                continue
            end = underline
            while end < len(self.lines) and self._eligible(end + 1):
                end += 1
            if end == underline and not self._leading(header):
                continue  # a heading that happens to hold a pipe, with no rows under it
            self.consumed.add(underline + 1)
            self._add("setext-delimiter", header, end, underline, underline, header=header)

    # -- lists next to tables ----------------------------------------------------------------------------

    def _lists(self) -> None:
        for block in self.doc.blocks:
            if block.kind != "list":
                continue
            last = min(block.end_line, len(self.lines))
            while last > block.start_line and self._blank(last):
                last -= 1
            table = self.ends.get(block.start_line - 1)
            if table is not None:
                self._list_item_row(block.start_line, last, table)
            self._swallowed(block.start_line, last)

    def _list_item_row(self, first: int, last: int, table: Table) -> None:
        """A list item right under a table whose text is one of the table's rows."""
        marker = list_marker(self._text(first))
        if marker is None:
            return
        content = self._text(first)[marker.end() :]
        if "|" in content and self._belongs(first, table, content):
            end = first
            while end < last and "|" in self._text(end + 1):
                end += 1
            self._add("list-item", first, end, first, first, table=table)

    def _swallowed(self, first: int, last: int) -> None:
        """A header and delimiter row that are lazy continuation lines of a list item: no table, just text."""
        content_col = 0
        for line in range(first, last):
            text = self._text(line)
            marker = list_marker(text)
            if marker is not None:
                content_col = marker.end() if marker.group(3) else marker.end() + 1
                continue
            following = self._text(line + 1)
            if (
                is_delimiter_row(following)
                and indent_width(text) < content_col
                and indent_width(following) < content_col
                and "|" in text
                and len(cells_of(text)) == len(cells_of(following))
            ):
                item = next(n for n in range(line, first - 1, -1) if list_marker(self._text(n)) is not None)
                self._add("list-swallowed", line, last, item, item)
                return
