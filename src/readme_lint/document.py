"""The document model every rule reads: lines, headings with anchors, sections, tables, cells, links.

Built once per file from two parsers that cooperate (see ``markdown`` and ``tables``): mistune says which
lines are code, HTML, lists, quotes and headings; the table scanner reads the tables from the remaining
lines. Everything carries its position: 1-based line, 1-based column, end column exclusive.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from readme_lint.markdown import (
    Block,
    Inline,
    Link,
    MarkdownParser,
    collect_links,
    fast_inline,
    plain_text,
    strong_runs,
)
from readme_lint.source import SourceText, split_lines
from readme_lint.tables import Cell, Table, scan_tables

_NOT_ANCHOR_CHAR = re.compile(r"[^\w\- ]")
# Longest text (a cell, a line, a heading) handed to mistune's inline parser. Its tokens cost about 200 bytes per
# character of bracket- or tag-heavy text, so one long line of `[a](` would take gigabytes; real lines are under
# 1,000 characters. Longer text is read as plain text, and RL203 reports it (``Document.unread``).
MAX_INLINE = 100_000
_BLOCKING_KINDS = frozenset({"block_code", "block_html", "block_quote", "list"})


@lru_cache(maxsize=1)
def _parser() -> MarkdownParser:
    return MarkdownParser()


def github_anchor(text: str) -> str:
    """GitHub's heading anchor (github-slugger): lowercase; letters, marks, decimal and letter numbers, '-', '_'
    and spaces kept, everything else dropped (punctuation, symbols, emoji, superscripts); spaces to '-'. Not
    stripped: the space before a heading's badge image stays (`# Awesome-LLM [![Awesome](…)](…)` is
    `#awesome-llm-`), as in the heading's text content GitHub slugs."""
    lowered = text.lower()
    if lowered.isascii():
        return _NOT_ANCHOR_CHAR.sub("", lowered).replace(" ", "-")
    import unicodedata

    kept = (
        char
        for char in lowered
        if char in " -_" or unicodedata.category(char)[0] in "LM" or unicodedata.category(char) in ("Nd", "Nl")
    )
    return "".join(kept).replace(" ", "-")


def unique_anchor(anchor: str, seen: dict[str, int]) -> str:
    """github-slugger's de-duplication: count per base slug, skipping suffixes a heading already took
    (`A, A, A-1` are `a, a-1, a-1-1`)."""
    result = anchor
    while result in seen:
        seen[anchor] += 1
        result = f"{anchor}-{seen[anchor]}"
    seen[result] = 0
    return result


class Heading(NamedTuple):
    line: int
    level: int
    text: str
    plain: str
    anchor: str
    col: int
    end_col: int


class SectionHead(NamedTuple):
    """Where a section stands: what a table or a paper row knows of its section (never its contents, so the
    document holds no reference cycle and is freed as soon as it is dropped)."""

    heading: Heading | None
    start_line: int
    end_line: int

    @property
    def title(self) -> str:
        return self.heading.plain if self.heading else ""


class Section:
    """A heading and what follows it up to the next heading; the part before the first heading has none."""

    __slots__ = ("end_line", "head", "heading", "paragraphs", "start_line", "tables")

    def __init__(self, heading: Heading | None, start_line: int, end_line: int) -> None:
        self.heading = heading
        self.start_line = start_line
        self.end_line = end_line
        self.head = SectionHead(heading, start_line, end_line)
        self.tables: list[Table] = []
        self.paragraphs: list[Block] = []

    def __repr__(self) -> str:
        return f"Section({self.title!r}, lines {self.start_line}-{self.end_line})"

    @property
    def title(self) -> str:
        return self.heading.plain if self.heading else ""


class InlineReader:
    """Parses inline markdown at a known position; what a table cell calls to parse itself on first use.

    It holds only the link reference definitions, never the Document: a cell that pointed back at its
    document would make every parsed document a reference cycle.
    """

    __slots__ = ("env", "references")

    def __init__(self, env: dict[str, Any]) -> None:
        self.env = env
        self.references = bool(env.get("ref_links"))  # asked once, not once per cell

    def cell(self, cell: Cell) -> Inline:
        """The cell's Inline: the fast path first (nearly every cell of a list), as ``inline`` would try it."""
        text = cell.text
        if "\\|" not in text:
            if len(text) > MAX_INLINE:
                return self.inline(cell.line, cell.text_col, text)
            line, col = cell.line, cell.text_col
            return fast_inline(text, line, col, self.references) or self.slow(line, col, text)
        positions, pieces, kept = [], text.split("\\|"), 0
        for piece in pieces[:-1]:
            kept += len(piece)
            positions.append(kept)
            kept += 1
        return self.inline(cell.line, cell.text_col, "|".join(pieces), tuple(positions))

    def inline(self, line: int, col: int, text: str, moved: tuple[int, ...] = ()) -> Inline:
        if len(text) > MAX_INLINE:
            return Inline(text, (), (), False, text)
        if not moved:
            fast = fast_inline(text, line, col, self.references)
            if fast is not None:
                return fast
        return self.slow(line, col, text, moved)

    def slow(self, line: int, col: int, text: str, moved: tuple[int, ...] = ()) -> Inline:
        """The Inline from mistune's tokens (what the fast paths must agree with)."""
        tokens = _parser().parse_inline(text, self.env)

        def column(offset: int) -> int:
            if not moved:
                return col + offset
            return col + offset + sum(1 for position in moved if position <= offset)

        links = tuple(_make_link(token, text, line, column) for token in collect_links(tokens, []))
        loose = "".join(token.get("raw", "") for token in tokens if token.get("type") == "text")
        starts_strong = bool(tokens) and tokens[0].get("type") == "strong"
        return Inline(plain_text(tokens), tuple(strong_runs(tokens)), links, starts_strong, loose)


class Document:
    """A parsed README. Construct with ``Document.parse(source, path)``."""

    def __init__(self, path: str, source: SourceText) -> None:
        self.path = path
        self.source = source
        self.lines, self.endings = split_lines(source.text)
        parser = _parser()
        self.blocks, self._env = parser.blocks(self.lines) if self.lines else ([], {})
        blocked = [False] * len(self.lines)
        self.code_lines: set[int] = set()
        for block in self.blocks:
            if block.kind == "block_code":
                self.code_lines.update(range(block.start_line, block.end_line + 1))
            if block.kind in _BLOCKING_KINDS:
                for index in range(block.start_line - 1, min(block.end_line, len(self.lines))):
                    blocked[index] = True
        self._reader = InlineReader(self._env)
        self.tables = scan_tables(self.lines, blocked, self._reader.cell)
        table_lines = {line for table in self.tables for line in range(table.start_line, table.end_line + 1)}
        self.headings = self._headings(table_lines)
        self.sections = self._sections(table_lines)
        self._line_starts: list[int] | None = None
        self._links: list[Link] | None = None
        self._unread: list[tuple[int, int, int]] = []

    @classmethod
    def parse(cls, source: SourceText | str, path: str = "README.md") -> Document:
        if isinstance(source, str):
            source = SourceText(source)
        return cls(path, source)

    # -- positions ---------------------------------------------------------------------------------------

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def offset(self, line: int, col: int) -> int:
        """Character offset into ``source.text`` of a 1-based (line, col); line past the end is the end."""
        if self._line_starts is None:
            starts, position = [], 0
            for content, ending in zip(self.lines, self.endings):
                starts.append(position)
                position += len(content) + len(ending)
            starts.append(position)
            self._line_starts = starts
        if line > len(self.lines):
            return self._line_starts[-1]
        return self._line_starts[line - 1] + col - 1

    @property
    def dominant_ending(self) -> str:
        """The file's most common line ending, used when a fix inserts new lines."""
        counts: dict[str, int] = {}
        for ending in self.endings:
            if ending:
                counts[ending] = counts.get(ending, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else "\n"

    # -- blocks ------------------------------------------------------------------------------------------

    def lists(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "list"]

    def links(self) -> list[Link]:
        """Every link and image in the document -- table cells, paragraphs, lists, quotes -- in line order.

        Outside tables each line is parsed on its own: a link written across two lines is not seen,
        which is rare in these lists and keeps every position exact.
        """
        if self._links is None:
            found: list[Link] = []
            table_lines = {row.line: row for table in self.tables for row in table.rows}
            text_kinds = {"paragraph", "list", "block_quote", "heading"}
            text_lines = {
                line
                for block in self.blocks
                if block.kind in text_kinds
                for line in range(block.start_line, min(block.end_line, len(self.lines)) + 1)
            }
            unread = self._unread
            for line in sorted(text_lines | set(table_lines)):
                row = table_lines.get(line)
                if row is not None:
                    for cell in row.cells:
                        if "[" in cell.text or "<" in cell.text:
                            if len(cell.text) > MAX_INLINE:
                                unread.append((line, cell.text_col, cell.text_end_col))
                            found.extend(cell.inline.links)
                    continue
                text = self.lines[line - 1]
                if "](" in text or "<" in text or "]:" in text:
                    if len(text) > MAX_INLINE:
                        unread.append((line, 1, len(text) + 1))
                    found.extend(self.parse_inline(line, 1, text).links)
            self._links = found
        return self._links

    def unread(self) -> list[tuple[int, int, int]]:
        """(line, column, end column) of the cells and lines ``links()`` read as plain text: longer than
        ``MAX_INLINE`` characters, with something link-like in them, so their links are not checked."""
        self.links()
        return self._unread

    def section_at(self, line: int) -> Section | None:
        for section in self.sections:
            if section.start_line <= line <= section.end_line:
                return section
        return None

    def parse_inline(self, line: int, col: int, text: str) -> Inline:
        """Inline content of ``text``, which stands at (line, col); link positions are mapped back."""
        return self._reader.inline(line, col, text)

    # -- construction ------------------------------------------------------------------------------------

    def slow_inline(self, line: int, col: int, text: str, moved: tuple[int, ...] = ()) -> Inline:
        """The Inline from mistune's tokens (what the fast paths must agree with)."""
        return self._reader.slow(line, col, text, moved)

    def _headings(self, table_lines: set[int]) -> list[Heading]:
        headings: list[Heading] = []
        seen: dict[str, int] = {}
        for block in self.blocks:
            if block.kind != "heading" or block.start_line in table_lines:
                continue
            line_text = self.lines[block.start_line - 1]
            raw = block.token.get("text", "").split("\n")[0].strip()
            col = line_text.find(raw, len(line_text) - len(line_text.lstrip(" #"))) + 1 if raw else 0
            tokens = (
                _parser().parse_inline(raw, self._env) if len(raw) <= MAX_INLINE else [{"type": "text", "raw": raw}]
            )
            plain = plain_text(tokens).strip()
            # GitHub slugs the heading's text content: an image adds nothing, the space before it stays.
            anchor = unique_anchor(github_anchor(plain_text(tokens, images=False)), seen)
            level = block.token.get("attrs", {}).get("level", 1)
            col = col if col > 0 else len(line_text) + 1
            headings.append(Heading(block.start_line, level, raw, plain, anchor, col, col + len(raw)))
        return headings

    def _sections(self, table_lines: set[int]) -> list[Section]:
        last_line = len(self.lines)
        sections: list[Section] = []
        if not self.headings or self.headings[0].line > 1:
            first_heading = self.headings[0].line if self.headings else last_line + 1
            sections.append(Section(None, 1, first_heading - 1))
        for number, heading in enumerate(self.headings):
            following = self.headings[number + 1].line if number + 1 < len(self.headings) else last_line + 1
            sections.append(Section(heading, heading.line, following - 1))
        index = 0
        for table in self.tables:
            while index + 1 < len(sections) and sections[index].end_line < table.start_line:
                index += 1
            table.section = sections[index].head
            sections[index].tables.append(table)
        index = 0
        for block in self.blocks:
            if block.kind == "paragraph" and block.start_line not in table_lines:
                while index + 1 < len(sections) and sections[index].end_line < block.start_line:
                    index += 1
                sections[index].paragraphs.append(block)
        return sections


def _make_link(token: dict[str, Any], text: str, line: int, column: Any) -> Link:
    label = plain_text(token.get("children", []))
    url = token.get("attrs", {}).get("url", "")
    span = token.get("_span")
    if span is None:
        return Link(token["type"], label, url, url, line, column(0), column(len(text)), None, None)
    start, end = span
    label_end = token.get("_label_end")
    if label_end is None:
        return Link(token["type"], label, url, url, line, column(start), column(end), None, None)
    known = token.get("_target")
    if known is not None:
        target_start, target_end = known
    else:
        target_start, target_end = _target_span(text, label_end + 2, end - 1)
    target = text[target_start:target_end]
    return Link(
        token["type"],
        label,
        target,
        url,
        line,
        column(start),
        column(end),
        column(target_start),
        column(target_end),
    )


_SPACE = re.compile(r"[ \t]")


def _target_span(text: str, start: int, stop: int) -> tuple[int, int]:
    """The destination inside ``(`` ... ``)``: skip blanks, honour ``<...>``, stop at a title."""
    while start < stop and text[start] in " \t":
        start += 1
    if text.startswith("<", start):
        close = text.find(">", start)
        return start + 1, close if close != -1 else stop
    blank = _SPACE.search(text, start, stop)
    return start, blank.start() if blank else stop
