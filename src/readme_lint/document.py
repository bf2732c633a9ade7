"""The document model every rule reads: lines, headings with anchors, sections, tables, cells, links.

Built once per file from two parsers that cooperate (see ``markdown`` and ``tables``): mistune says which
lines are code, HTML, lists, quotes and headings; the table scanner reads the tables from the remaining
lines. Everything carries its position: 1-based line, 1-based column, end column exclusive.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from mistune.util import unikey

from readme_lint.gfm import (
    bare_urls,
    decode_entities,
    github_slug,
    html_links,
    percent_encode,
    resolve_destination,
    resolve_href,
)
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
from readme_lint.patterns import lazy_compile
from readme_lint.source import SourceText, split_lines
from readme_lint.tables import Cell, Row, Table, scan_tables

# Longest text (a cell, a line, a heading) handed to mistune's inline parser. Its tokens cost about 200 bytes per
# character of bracket- or tag-heavy text, so one long line of `[a](` would take gigabytes; real lines are under
# 1,000 characters. Longer text is read as plain text, and RL203 reports it (``Document.unread``).
MAX_INLINE = 100_000
# A link reference definition's label at the start of a line, and its destination (`<...>` or a run of non-blanks).
_DEFINITION = lazy_compile(r" {0,3}\[((?:[^\[\]\\]|\\.){1,999})\]:")
_DESTINATION = lazy_compile(r"[ \t]*(?:<([^<>\n]*)>|([^\s<][^\s]*))")
# Inline HTML (tags and comments) GitHub does not autolink inside; masked before bare URLs are looked for.
_HTML_TAG = lazy_compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
# Where a line's inline content starts: after quote markers and list markers in any nesting (`> - `, `* > `), a
# heading's `#`s.
_CONTENT_START = lazy_compile(
    r"[ \t]*(?:(?:>[ \t]?|(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+|$))[ \t]*)*(?:#{1,6}(?:[ \t]+|$))?"
)
_BLOCKING_KINDS = frozenset({"block_code", "block_html", "block_quote", "list"})


@lru_cache(maxsize=1)
def _parser() -> MarkdownParser:
    return MarkdownParser()


def github_anchor(text: str) -> str:
    """GitHub's heading anchor of a heading's text content (github-slugger, see ``gfm.github_slug``):
    lowercase; letters, marks, decimal and letter numbers, connector punctuation, enclosed letters (``Ⓐ``),
    '-' and spaces kept, everything else dropped (punctuation, symbols, emoji, superscripts); spaces to '-'.
    Not stripped: the space before a heading's badge image stays (`# Awesome-LLM [![Awesome](…)](…)` is
    `#awesome-llm-`), as in the heading's text content GitHub slugs."""
    return github_slug(text)


def unique_anchor(anchor: str, seen: dict[str, int]) -> str:
    """github-slugger's de-duplication: count per base slug, skipping suffixes a heading already took
    (`A, A, A-1` are `a, a-1, a-1-1`)."""
    result = anchor
    while result in seen:
        seen[anchor] += 1
        result = f"{anchor}-{seen[anchor]}"
    seen[result] = 0
    return result


class Heading:
    def __init__(self, line: int, level: int, text: str, plain: str, anchor: str, col: int, end_col: int) -> None:
        self.line = line
        self.level = level
        self.text = text
        self.plain = plain
        self.anchor = anchor
        self.col = col
        self.end_col = end_col


class SectionHead:
    """Where a section stands: what a table or a paper row knows of its section (never its contents, so the
    document holds no reference cycle and is freed as soon as it is dropped)."""

    def __init__(self, heading: Heading | None, start_line: int, end_line: int) -> None:
        self.heading = heading
        self.start_line = start_line
        self.end_line = end_line

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
        if "\\" not in text or "\\|" not in text:  # one character: memchr; two: a slower search, rarely needed
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
        view, self.container_prefix, region = _container_view(self.lines, self.blocks, blocked)
        if self.container_prefix:  # a table does not go on into another quote, list item or out of one
            going_on = [text if region[n] == region[n - 1] or n == 0 else "" for n, text in enumerate(view)]
            self.tables = scan_tables(going_on, blocked, self._reader.cell, view)
        else:
            self.tables = scan_tables(self.lines, blocked, self._reader.cell)
        if self.container_prefix:
            tabled = {row.line for table in self.tables for row in (table.header, table.delimiter, *table.rows)}
            self.container_prefix = {n: w for n, w in self.container_prefix.items() if n in tabled}
        self._definitions: dict[str, Link] | None = None
        if self._env.get("ref_links"):
            self._resolve_references()
        table_lines = {line for table in self.tables for line in range(table.start_line, table.end_line + 1)}
        self.headings = self._headings(table_lines)
        self.sections = self._sections(table_lines)
        self._line_starts: list[int] | None = None
        self._links: list[Link] | None = None
        self._rendered: list[Link] | None = None
        self._text_line_numbers: list[int] | None = None
        self._unread: list[tuple[int, int, int]] = []

    def fix_keeps_markers(self, fix: Any) -> bool:
        """Whether ``fix`` leaves the ``>`` and list markers of a table in a quote or a list item alone: a rule
        that rewrites a row from the start of its line (it reads the row with its markers blanked) would drop
        them, so such a fix is not applied."""
        if not self.container_prefix:
            return True
        for edit in fix.edits:
            for line in range(edit.line, edit.end_line + 1):
                width = self.container_prefix.get(line)
                if width is not None and (line != edit.line or edit.col <= width or edit.end_line != line):
                    return False
        return True

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
        """Every markdown link, image and autolink in the document -- table cells, paragraphs, lists, quotes,
        headings -- in line order (``rendered_links`` adds what GitHub links without markdown).

        Outside tables each line is parsed on its own: a link written across two lines is not seen,
        which is rare in these lists and keeps every position exact.
        """
        if self._links is None:
            found: list[Link] = []
            table_lines = self._row_lines()
            references = bool(self._env.get("ref_links"))
            unread = self._unread
            for line in self._text_lines():
                row = table_lines.get(line)
                if row is not None:
                    for cell in row.cells:
                        if "[" in cell.text or "<" in cell.text:
                            if len(cell.text) > MAX_INLINE:
                                unread.append((line, cell.text_col, cell.text_end_col))
                            found.extend(cell.inline.links)
                    continue
                text = self.lines[line - 1]
                if "](" in text or "<" in text or "]:" in text or (references and "[" in text):
                    if len(text) > MAX_INLINE:
                        unread.append((line, 1, len(text) + 1))
                    found.extend(self.parse_inline(line, 1, text).links)
            self._links = found
        return self._links

    def rendered_links(self) -> list[Link]:
        """Every link GitHub renders, in line order: ``links()``; the bare URLs GitHub autolinks (kind ``url``)
        in text lines and cells; the ``href`` of ``<a>`` and ``src`` of ``<img>`` in raw HTML (kinds ``html``
        and ``html-image``) outside code; and, for the reference links used, their definitions (kind
        ``definition``), where the URL is written. Each with exact columns of what is written and ``url``
        the address GitHub links to."""
        if self._rendered is None:
            links = self.links()
            found = list(links)
            by_line: dict[int, list[Link]] = {}
            for link in links:
                by_line.setdefault(link.line, []).append(link)
            table_lines = self._row_lines()
            for line in self._text_lines():
                text = self.lines[line - 1]
                if len(text) <= MAX_INLINE and ("://" in text or "www." in text):
                    on_line = by_line.get(line, [])
                    urls = list(self._bare_urls(line, text, on_line, table_lines.get(line)))
                    found.extend(urls)
                    # A link that starts inside a bare URL is part of it for GitHub (the URL takes all up to a space).
                    swallowed = {id(link) for link in on_line for url in urls if url.col <= link.col < url.end_col}
                    if swallowed:
                        found = [link for link in found if id(link) not in swallowed]
            for number, text in enumerate(self.lines, start=1):
                if "<" in text and number not in self.code_lines and len(text) <= MAX_INLINE:
                    masked = _mask_code_spans(text) if "`" in text else text
                    for start, end, kind, _ in html_links(masked):
                        written = text[start:end]
                        link_kind = "html-image" if kind == "image" else "html"
                        href = percent_encode(decode_entities(written))
                        found.append(Link(link_kind, "", written, href, number, start + 1, end + 1, start + 1, end + 1))
            found.extend(self._used_definitions(links))
            found.sort(key=lambda link: (link.line, link.col))
            self._rendered = found
        return self._rendered

    def definitions(self) -> dict[str, Link]:
        """The link reference definitions (`[label]: URL`) by mistune's key of their label: each a Link of
        kind ``definition`` at the destination as written (the first definition of a label wins, as in
        CommonMark; a destination on the line after the label is found there). Definitions inside block
        quotes or list items are not read here."""
        if self._definitions is None:
            refs = self._env.get("ref_links") or {}
            found: dict[str, Link] = {}
            table_lines = self._row_lines() if refs else {}
            for number, text in enumerate(self.lines, start=1):
                if not refs or "]:" not in text or number in self.code_lines or number in table_lines:
                    continue
                match = _DEFINITION.match(text)
                key = unikey(match.group(1)) if match else ""
                if match is None or key not in refs or key in found:
                    continue
                link = self._definition(number, text, match)
                if link is not None:
                    found[key] = link
            self._definitions = found
        return self._definitions

    def _row_lines(self) -> dict[int, Row]:
        return {row.line: row for table in self.tables for row in table.rows}

    def _text_lines(self) -> list[int]:
        """The lines whose inline markdown GitHub renders: paragraphs, lists, quotes, headings, table rows."""
        if self._text_line_numbers is None:
            text_kinds = {"paragraph", "list", "block_quote", "heading"}
            # The rows' own line numbers first: a set keeps the element it has, so the ints ``range`` makes for
            # the lines of a table (a paragraph to mistune) are dropped at once, not kept one per row (3 MB).
            lines = set(self._row_lines())
            lines.update(
                line
                for block in self.blocks
                if block.kind in text_kinds
                for line in range(block.start_line, min(block.end_line, len(self.lines)) + 1)
            )
            self._text_line_numbers = sorted(lines)
        return self._text_line_numbers

    def _bare_urls(self, line: int, text: str, links: Any, row: Row | None) -> Iterator[Link]:
        """The bare URLs of one line, read as cmark-gfm reads a run of inline content: each cell of a row on
        its own, another line from after its block markers (`> `, `- `, `# `); the links, code spans and HTML
        tags of the line claim their spans."""
        claimed = [(link.col - 1, link.end_col - 1) for link in links] + _code_spans(text)
        if "<" in text:
            claimed += [match.span() for match in _HTML_TAG.finditer(text)]
        claimed.sort()
        if row is not None:
            runs = [(cell.text_col - 1, cell.text_end_col - 1, True) for cell in row.cells]
        else:
            final = line >= len(self.lines) or not self.lines[line].strip()
            content = _CONTENT_START.match(text)
            end = len(text.rstrip(" \t")) if final else len(text)  # a paragraph's last blanks are not in it
            runs = [(content.end() if content else 0, end, final)]
        for run_start, run_end, final in runs:
            local = [(a - run_start, b - run_start) for a, b in claimed if a >= run_start and b <= run_end]
            for start, end, href in bare_urls(text[run_start:run_end], local, final):
                written = text[run_start + start : run_start + end]
                col = run_start + start + 1
                yield Link("url", written, written, href, line, col, col + len(written), col, col + len(written))

    def _resolve_references(self) -> None:
        """Give each reference link GitHub's href: mistune's URL of a definition becomes the href of the
        destination as written (cmark keeps a `'` that mistune percent-encodes), before any text is parsed."""
        refs = self._env["ref_links"]
        for key, link in self.definitions().items():
            refs[key] = {**refs[key], "url": link.url}

    def _used_definitions(self, links: list[Link]) -> list[Link]:
        """The definitions of the reference links in ``links`` (matched by the URL mistune gave the link)."""
        refs = self._env.get("ref_links") or {}
        used = {link.url for link in links if link.target_col is None and link.kind in ("link", "image")}
        if not used:
            return []
        return [link for key, link in self.definitions().items() if refs[key].get("url") in used]

    def _definition(self, number: int, text: str, match: re.Match[str]) -> Link | None:
        """The Link of a definition whose label ``match`` read; its destination on this line or the next."""
        line, position = number, match.end()
        if not text[position:].strip(" \t") and number < len(self.lines):
            line, text, position = number + 1, self.lines[number], 0
        destination = _DESTINATION.match(text, position)
        if destination is None:
            return None
        group = 1 if destination.group(1) is not None else 2
        start, end = destination.span(group)
        written = destination.group(group)
        col = text.find("[") + 1 if line == number else start + 1
        href = resolve_href(written)
        return Link("definition", match.group(1), written, href, line, col, end + 1, start + 1, end + 1)

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
            anchor = unique_anchor(github_anchor(plain_text(tokens, images=False, entities=True)), seen)
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


_QUOTE_MARKERS = lazy_compile(r"(?: {0,3}> ?)+")
_ITEM_MARKER = re.compile(r" {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?: {1,4}|$)")
_FENCE = re.compile(r"[ \t]*(?:`{3,}|~{3,})")


def _container_view(
    lines: list[str], blocks: list[Block], blocked: list[bool]
) -> tuple[list[str], dict[int, int], list[int]]:
    """The lines as the table scanner reads them -- GitHub renders tables inside block quotes and list items:
    there the container's markers (``> ``, ``- ``, ``1. ``, an item's indentation) are blanked to spaces of
    the same width, so every cell keeps its column in the original line, and those lines are no longer
    ``blocked``. Returns the view; by line number, the width of the blanked markers; and by line index, the
    container it stands in (0 outside any; one number per quote and per list item). Lines in a fenced code
    block inside the container, lazy lines (no ``>``) and markers four columns or wider (nested quotes and
    lists: the blanked width would read as indented code) stay as they were."""
    view = list(lines)
    prefix: dict[int, int] = {}
    region = [0] * len(lines)
    number = 0
    for block in blocks:
        if block.kind not in ("block_quote", "list"):
            continue
        fenced = False
        width = 0
        number += 1
        for index in range(block.start_line - 1, min(block.end_line, len(lines))):
            text = lines[index]
            marker = (_QUOTE_MARKERS if block.kind == "block_quote" else _ITEM_MARKER).match(text)
            if marker is not None:
                width = marker.end()
                number += block.kind == "list"  # each item is a container of its own
            region[index] = number
            if marker is None and (block.kind == "block_quote" or not text.startswith(" " * width) or not width):
                continue  # a lazy line, or less indented than the item's content
            if width >= 4 or ("|" not in text and not _FENCE.match(text[width:])):
                continue
            if _FENCE.match(text[width:]):
                fenced = not fenced
                continue
            if fenced:
                continue
            view[index] = " " * width + text[width:]
            prefix[index + 1] = width
            blocked[index] = False
    return view, prefix, region


def link_address(link: Link) -> str:
    """The address ``link`` leads to as GitHub resolves what is written -- backslash escapes removed (in a
    markdown destination or a definition; in a bare URL or an autolink a backslash is ``%5C``, as in GitHub's
    href), entities decoded (not in a bare URL) -- before the rest of the percent-encoding, which the URL policy
    does (``url`` is the encoded ``href``; the policy reads an IPv6 host's brackets, not ``%5B``). A reference
    link's is its ``url``."""
    if link.target_col is None:
        return link.url
    autolink = link.kind == "link" and link.target_col == link.col + 1
    if link.kind == "url" or autolink:  # a backslash here is a character: GitHub's href has it as %5C
        address = link.target if link.kind == "url" else decode_entities(link.target)
        return address.replace("\\", "%5C")
    return resolve_destination(link.target, escapes=link.kind != "html" and link.kind != "html-image")


def _make_link(token: dict[str, Any], text: str, line: int, column: Any) -> Link:
    """The Link of a mistune link token; ``url`` is GitHub's href of the destination (``gfm.resolve_href``)."""
    label = plain_text(token.get("children", []))
    url = token.get("attrs", {}).get("url", "")
    span = token.get("_span")
    if span is None:
        return Link(token["type"], label, url, url, line, column(0), column(len(text)), None, None)
    start, end = span
    known = token.get("_target")
    if known is not None:  # an autolink: no backslash escapes inside, entities decoded
        target_start, target_end = known
        href = percent_encode(decode_entities(text[target_start:target_end]))
    else:
        label_end = token.get("_label_end")
        if label_end is None:  # a reference link: the destination stands in its definition
            return Link(token["type"], label, url, url, line, column(start), column(end), None, None)
        target_start, target_end = _target_span(text, label_end + 2, end - 1)
        href = resolve_href(text[target_start:target_end])
    return Link(
        token["type"],
        label,
        text[target_start:target_end],
        href,
        line,
        column(start),
        column(end),
        column(target_start),
        column(target_end),
    )


_SPACE = re.compile(r"[ \t]")
_BACKTICKS = lazy_compile(r"`+")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the code spans of ``text``: a run of backticks up to the next run of the
    same length (a run with none after it is literal)."""
    if "`" not in text:
        return []
    runs = list(_BACKTICKS.finditer(text))
    by_length: dict[int, list[int]] = {}
    for index, run in enumerate(runs):
        by_length.setdefault(len(run.group(0)), []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        same = by_length[len(runs[index].group(0))]
        after = bisect.bisect_right(same, index)
        if after == len(same):
            index += 1
            continue
        spans.append((runs[index].start(), runs[same[after]].end()))
        index = same[after] + 1
    return spans


def _mask_code_spans(text: str) -> str:
    """``text`` with its code spans blanked (HTML in code is no HTML)."""
    for start, end in _code_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _target_span(text: str, start: int, stop: int) -> tuple[int, int]:
    """The destination inside ``(`` ... ``)``: skip blanks, honour ``<...>``, stop at a title."""
    while start < stop and text[start] in " \t":
        start += 1
    if text.startswith("<", start):
        close = text.find(">", start)
        return start + 1, close if close != -1 else stop
    blank = _SPACE.search(text, start, stop)
    return start, blank.start() if blank else stop
