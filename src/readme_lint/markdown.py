"""mistune, where it is good: block context (code, HTML, headings, lists) and inline parsing of cells.

mistune 3 gives no token a position. Two small hooks add what we need, without copying its code:

* Block positions. ``_TrackedState`` (a ``BlockState``) notes ``state.cursor`` whenever a top-level token is
  appended: mistune moves the cursor to a block's first character before it parses the block, so that is the
  block's start offset. A block ends where the next top-level token starts. mistune rewrites CRLF and CR to
  LF before parsing, and our ``source.split_lines`` splits on the same three endings, so line N of mistune's
  text is line N of the file: offsets become line numbers by bisecting mistune's line starts.
* Link positions. ``_TrackedInline.parse_link_close`` notes the opening bracket of the link that a ``]``
  closes and the offset returned after ``)``; the link's destination is then read between ``](`` and ``)``
  of that exact span. An autolink ``<https://...>`` notes its span and the destination inside the brackets.
  Offsets are into the text handed to the inline parser; the caller maps them back to the line (GFM
  unescapes ``\\|`` before inline parsing, which shifts offsets by one per escaped pipe).
"""

from __future__ import annotations

import bisect
import re
from typing import Any, NamedTuple

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.inline_parser import InlineParser

from readme_lint.gfm import decode_entities, percent_encode
from readme_lint.patterns import lazy_compile

# Fast paths for the cell shapes that make up nearly every row of a paper list. Each pattern admits only text that
# mistune parses in exactly one way (no escapes, code, HTML, nested brackets or emphasis markers inside), and the
# Inline built for it is the one built from mistune's tokens -- a property test compares the two on generated
# cells. Anything else goes to mistune. This makes big lists 20x faster to read. '&' is plain text to mistune's
# inline parser (an entity stays as written in the text tokens), so plain text and titles may hold it.
_PLAIN = re.compile(r"[^\\`*_\[\]<\n]*")
_STRONG = re.compile(r"\*\*([^\s\\`*_\[\]<](?:[^\\`*_\[\]<\n]*[^\s\\`*_\[\]<])?)\*\*( \[[^\\`*_\[\]<&\n()]*\])?")
_BRACKETED_LINK = re.compile(r"\[\[([A-Za-z0-9][A-Za-z0-9 ]*)\]\(([^\s()<>\\`\[\]&\"']+)\)\]")
# The commonest paper cell, ``[[pdf](URL)] [[intro](URL)]`` with URLs that are their own href, in one match.
_AS_IS_TARGET = r"([A-Za-z0-9_.~:/?#@!$*+,;=%-]+)"
_PAPER_PAIR = re.compile(
    r"\[\[([A-Za-z0-9][A-Za-z0-9 ]*)\]\("
    + _AS_IS_TARGET
    + r"\)\] \[\[([A-Za-z0-9][A-Za-z0-9 ]*)\]\("
    + _AS_IS_TARGET
    + r"\)\]"
)
# A cell that is one link, ``[Label](URL)``, ``[[Label]](URL)`` or either in ``**...**`` (a title or an arXiv ID
# linked, a bold code link, a bracketed ``[[pdf]](URL)``): the label is plain text as in _PLAIN (a '&' inside), not
# blank at either end, the URL as in _BRACKETED_LINK.
_LABEL = r"[^\s\\`*_\[\]<&](?:[^\\`*_\[\]<\n]*[^\s\\`*_\[\]<&])?"
_LINK_LABEL = r"(\*\*)?\[(" + _LABEL + r"|\[" + _LABEL + r"\])\]\("
_ONE_LINK = lazy_compile(_LINK_LABEL + r"([^\s()<>\\`\[\]&\"']+)\)(\*\*)?")
_ONE_LINK_AS_IS = lazy_compile(_LINK_LABEL + _AS_IS_TARGET + r"\)(\*\*)?")  # tried first: no second match for the URL
_new = tuple.__new__  # builds a NamedTuple without its Python-level __new__ (a third of a small cell's cost)
# The small strings every row of a list repeats -- link labels (``pdf``, ``intro``), a pair's plain text, a title's
# ``[Venue YYYY]`` tail -- shared, one object for all rows instead of one per row (100,000 rows: 17 MB). Bounded:
# a list of distinct labels keeps its own strings, as before.
_SHARED: dict[Any, Any] = {}
_SHARED_MAX = 4096


def _share(text: str) -> str:
    """One object for each small string the rows repeat (``_SHARED``)."""
    known: str | None = _SHARED.get(text)
    return _remember(text, text) if known is None else known


def _remember(key: Any, value: Any) -> Any:
    """``value``, kept in ``_SHARED`` under ``key`` while there is room (a list of distinct labels fills it once)."""
    if len(_SHARED) < _SHARED_MAX:
        _SHARED[key] = value
    return value


class Block(NamedTuple):
    """A top-level block: mistune's token type, its 1-based first and last line, and the token itself."""

    kind: str
    start_line: int
    end_line: int
    token: dict[str, Any]


class Link(NamedTuple):
    """A link or image in a cell or heading, with its position in the source line.

    ``target`` is the destination exactly as written (no unescaping, no percent-encoding), ``url`` the URL
    GitHub links to (its ``href``: escapes removed, entities decoded, percent-encoded; see ``gfm``). Columns
    are 1-based, end exclusive; ``target_col`` is None for reference links, whose destination stands in
    their definition (``Document.definitions``). ``kind`` is ``link`` or ``image`` for markdown, and for what
    only ``Document.rendered_links`` adds: ``url`` (a bare URL GitHub autolinks), ``html`` and ``html-image``
    (``<a href>``, ``<img src>``), ``definition`` (a reference definition's destination). A NamedTuple, not a
    dataclass: big lists create hundreds of thousands.
    """

    kind: str
    label: str
    target: str
    url: str
    line: int
    col: int
    end_col: int
    target_col: int | None
    target_end_col: int | None

    @property
    def target_span(self) -> tuple[int, int]:
        """Columns of the destination, or of the whole link when it has none here (reference links)."""
        return self.target_col or self.col, self.target_end_col or self.end_col


class Inline(NamedTuple):
    """What rules read from a cell: plain text, strong (bold) runs, links, and two facts about its shape.

    mistune's tokens are not kept: on a 100,000-row list they were a third of the memory.
    """

    plain: str
    strong: tuple[str, ...]
    links: tuple[Link, ...]
    starts_with_strong: bool  # the cell opens with bold text (a ``**Title**``)
    loose_text: str  # the top-level text outside links, emphasis and code, as written


class _TrackedState(BlockState):
    """A BlockState that records where each top-level token starts (see the module docstring)."""

    block_start: int | None = None

    def append_token(self, token: dict[str, Any]) -> None:
        if self.parent is None:
            token["_start"] = self.cursor if self.block_start is None else self.block_start
        super().append_token(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        if self.parent is None and not (last and last["type"] == "paragraph"):
            self.tokens.append({"type": "paragraph", "text": text, "_start": self.cursor})
            return
        super().add_paragraph(text)


class _TrackedBlock(BlockParser):
    """A BlockParser that tells the state where the block it is about to parse starts.

    Most parse functions append their token with the cursor still at the block's start, but some (lists)
    move the cursor first; the match's start is right for all of them.
    """

    def parse_method(self, m: Any, state: Any) -> int | None:
        if state.parent is not None:
            return super().parse_method(m, state)
        state.block_start = m.start()
        count = len(state.tokens)
        try:
            return super().parse_method(m, state)
        finally:
            state.block_start = None
            for token in state.tokens[count:]:
                token.setdefault("_start", m.start())


class _TrackedInline(InlineParser):
    """An InlineParser that records each link's source span as ``token['_span']`` and its label end."""

    def parse_link_close(self, m: Any, state: Any) -> int:
        """Find the link this run of ``]`` made, in time bounded by the run's length.

        mistune's stack of open brackets only shrinks here, by at most one bracket per ``]``, and a link made by
        closing a bracket replaces the tokens from that bracket's own ``[`` token on. So only the last
        ``len(run)`` brackets can close, and the token at a closed bracket's index says whether it became a
        link. (Comparing every token and bracket before and after, as this did, was quadratic: a paragraph of
        ``](`` repeated took seconds per kilobyte.)
        """
        open_before = len(state.brackets)
        candidates = state.brackets[max(0, open_before - len(m.group(0))) :]
        end = super().parse_link_close(m, state)
        tokens = state.tokens
        created = []
        for opener in candidates[max(0, len(state.brackets) - (open_before - len(candidates))) :]:
            index = opener.token_index
            if index < len(tokens) and tokens[index].get("type") in ("link", "image"):
                created.append((opener, tokens[index]))
        if len(created) == 1:
            opener, token = created[0]
            marker = 2 if opener.image else 1
            token["_span"] = (opener.start - marker, end)
            if "ref" not in token:
                token["_label_end"] = m.end() - 1
        return end

    def parse_auto_link(self, m: Any, state: Any) -> int:
        """An autolink ``<https://...>``: its span, and its destination between the angle brackets."""
        return self._autolink(super().parse_auto_link, m, state)

    def parse_inline_html(self, m: Any, state: Any) -> int | None:
        """Raw HTML; unlike mistune, an ``<a ...>`` does not stop the links after it from forming: GitHub
        (cmark-gfm) renders ``<a href="x">[y](z)</a>`` and ``<a ...><https://...>`` with their links."""
        was_in_link = state.in_link
        end: int | None = super().parse_inline_html(m, state)
        state.in_link = was_in_link
        return end

    @staticmethod
    def _autolink(parse: Any, m: Any, state: Any) -> int:
        count = len(state.tokens)
        end: int = parse(m, state)
        if len(state.tokens) > count and state.tokens[-1].get("type") == "link":
            state.tokens[-1]["_span"] = (m.start(), end)
            state.tokens[-1]["_target"] = (m.start() + 1, end - 1)
        return end


_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")


def _maskable(line: str) -> bool:
    """A table-like line mistune may read as a bare ``|`` (its indentation and pipe), but for a setext underline
    under it: it opens with a pipe and holds more, and has none of the HTML- or code-ish characters ``<>`~``."""
    stripped = line.lstrip(" \t")
    return (
        len(stripped) > 1
        and stripped[0] == "|"
        and "<" not in line
        and ">" not in line
        and "`" not in line
        and "~" not in line
    )


def _underline(line: str) -> bool:
    return line.lstrip(" ")[:1] in ("=", "-") and _SETEXT_UNDERLINE.match(line) is not None


# The end of a run of lines that open with a pipe and hold more: a line end not followed by such a line.
_RUN_BREAK = re.compile(r"\n(?!\|[^\n])")
_UNDERLINE_AT = re.compile(r" {0,3}(?:=+|-+)[ \t]*\n")


def _bare_run_end(text: str, position: int) -> int:
    """Where the run of lines read as a bare ``|`` (``_maskable``, no underline under it) that starts at
    ``position`` (a line start of ``text``, every line ending in a newline) ends: the start of its first line
    that is not one -- it does not open with a pipe and hold more, it has one of ``<>`~``, or the line under it
    is a setext underline. In C, over the whole run (``str.find`` and one search), not a line at a time."""
    if text[position : position + 1] != "|" or text[position + 1 : position + 2] in ("\n", ""):
        return position
    found = _RUN_BREAK.search(text, position)
    end = found.start() + 1 if found else len(text)
    for char in "<>`~":
        hit = text.find(char, position, end)
        if hit != -1:
            line_end = text.rfind("\n", position, hit)
            end = position if line_end == -1 else line_end + 1
    if end > position and _UNDERLINE_AT.match(text, end):
        line_end = text.rfind("\n", position, end - 1)
        end = position if line_end == -1 else line_end + 1
    return end


def _mistune_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """What mistune's block pass reads: each ``_maskable`` line (no underline under it) cut to its indentation and
    pipe, and each run of lines so masked to a bare ``|`` (rows
    of a table with outer pipes) given as two ``|`` lines; and for each line handed over, the 1-based number
    of its first line in ``lines``.

    Why two lines stand for the run: a bare ``|`` line is paragraph text (top-level, or a lazy line of a
    quote's or list item's paragraph), or text of the code or HTML block it stands in, and the line after
    it finds mistune in the state the line before left -- but the first may also be a reference definition's
    destination, so the second starts the paragraph, and a third changes nothing but the paragraph's text,
    which no one reads (nor a definition's title that would run across it). mistune reads such a run a line
    at a time, in Python (~12 k instructions a line); ``_bare_run_end`` skips it. The one thing that
    counts characters across lines is a definition's label (up to 999 of them, newlines included): a run is
    not collapsed when a label could be open before it -- the last bracket before it is a ``[`` or a ``]``
    after a backslash."""
    text = "\n".join(lines) + "\n"
    handed: list[str] = []
    origin: list[int] = []
    last = len(lines) - 1
    index = position = 0
    label_open = False  # the last bracket written so far could be inside a definition's label
    while index <= last:
        line = lines[index]
        position += len(line) + 1
        index += 1
        if _maskable(line) and not (index <= last and _underline(lines[index])):
            indent = len(line) - len(line.lstrip(" \t"))
            handed.append(line[: indent + 1])
            origin.append(index)
            end = position if indent or label_open else _bare_run_end(text, position)
            if end > position:
                handed.append("|")
                origin.append(index + 1)
                index += text.count("\n", position, end)
                position = end
            continue
        if "[" in line or "]" in line:
            opening, closing = line.rfind("["), line.rfind("]")
            label_open = opening > closing or (closing > 0 and line[closing - 1] == "\\")
        handed.append(line)
        origin.append(index)
    return handed, origin


def fast_inline(text: str, line: int, col: int, references: bool = False) -> Inline | None:
    """The Inline of a plain, a ``**Title** [Venue YYYY]``, a ``[[pdf](URL)] [[intro](URL)]`` or a one-link
    (``[Label](URL)``, ``[[Label]](URL)``) cell, built directly (no token dicts); None for anything else, which
    then goes to mistune. ``col`` is the column of ``text`` in its line. Only valid without escaped pipes.
    ``references``: the document defines reference links; then a ``[Venue YYYY]`` tail or a ``[Label]`` inside a
    link could be one, so such a cell goes to mistune (an inline ``[L](URL)`` is a link whatever the
    definitions, and a link deactivates the brackets around it).
    """
    first = text[:1]
    if first == "[":
        if text.startswith("[["):
            return _paper_links(text, line, col) or _one_link(text, line, col, references)
        return _one_link(text, line, col, references)
    if first == "*":
        match = _STRONG.fullmatch(text)
        if match is None:
            return _one_link(text, line, col, references)
        title, tail = match.group(1, 2)
        if tail is None:
            return _new(Inline, (title, (title,), (), True, ""))
        if references:
            return None
        tail = _share(tail)
        return _new(Inline, (title + tail, (title,), (), True, tail))
    if _PLAIN.fullmatch(text):
        return _new(Inline, (text, (), (), False, text))
    return None


def _paper_links(text: str, line: int, col: int) -> Inline | None:
    """The Inline of ``[[pdf](URL)] [[intro](URL)] ...`` (bracketed links one space apart); None otherwise."""
    match = _PAPER_PAIR.fullmatch(text)
    if match is not None:  # two links whose URLs are their own escaped form: one match, no loop
        first_label, first_target, second_label, second_target = match.group(1, 2, 3, 4)
        labels = (first_label, second_label)
        shared = _SHARED.get(labels)  # both labels and the plain text, one lookup for the row
        if shared is None:
            plain_text = "[" + first_label + "] [" + second_label + "]"
            shared = _remember(labels, (_share(first_label), _share(second_label), plain_text))
        first_label, second_label, pair_plain = shared
        first_start, first_end = match.span(2)
        second_start, second_end = match.span(4)
        links = (
            _new(
                Link,
                (
                    "link",
                    first_label,
                    first_target,
                    first_target,
                    line,
                    col + 1,
                    col + first_end + 1,
                    col + first_start,
                    col + first_end,
                ),
            ),
            _new(
                Link,
                (
                    "link",
                    second_label,
                    second_target,
                    second_target,
                    line,
                    col + first_end + 4,
                    col + len(text) - 1,
                    col + second_start,
                    col + second_end,
                ),
            ),
        )
        return _new(Inline, (pair_plain, (), links, False, "[] []"))
    plain: list[str] = []
    loose: list[str] = []
    found: list[Link] = []
    position = 0
    while True:
        match = _BRACKETED_LINK.match(text, position)
        if match is None:
            return None
        opening = "[" if position == 0 else "] ["
        label, target = match.group(1, 2)
        label = _share(label)
        plain += (opening, label)
        loose.append(opening)
        found.append(
            _new(
                Link,
                (
                    "link",
                    label,
                    target,
                    percent_encode(target),
                    line,
                    col + match.start() + 1,
                    col + match.end() - 1,
                    col + match.start(2),
                    col + match.end(2),
                ),
            )
        )
        position = match.end()
        if position == len(text):
            plain.append("]")
            loose.append("]")
            return _new(Inline, ("".join(plain), (), tuple(found), False, "".join(loose)))
        if text[position] != " ":
            return None
        position += 1


def _one_link(text: str, line: int, col: int, references: bool = False) -> Inline | None:
    """The Inline of a cell that is one ``[Label](URL)`` or ``[[Label]](URL)``, bold or not; None for anything
    else, and for ``[[Label]](URL)`` when the document defines references (``[Label]`` could be one)."""
    match = _ONE_LINK_AS_IS.fullmatch(text)
    as_is = match is not None
    if match is None:
        match = _ONE_LINK.fullmatch(text)
        if match is None:
            return None
    opening, label, target, closing = match.group(1, 2, 3, 4)
    if (opening is None) != (closing is None) or (references and label[0] == "["):
        return None
    start = 0 if opening is None else 2
    link = _new(
        Link,
        (
            "link",
            label,
            target,
            target if as_is else percent_encode(target),
            line,
            col + start,
            col + len(text) - start,
            col + match.start(3),
            col + match.end(3),
        ),
    )
    return _new(Inline, (label, () if opening is None else (label,), (link,), opening is not None, ""))


class MarkdownParser:
    """One mistune setup per process: a block parser that records positions and an inline parser."""

    def __init__(self) -> None:
        self.block = _TrackedBlock()
        self.inline = _TrackedInline()

    def blocks(self, lines: list[str]) -> tuple[list[Block], dict[str, Any]]:
        """Top-level blocks with line ranges, and mistune's env (reference link definitions).

        ``lines`` are the file's lines without endings. Table-like lines (first non-blank character '|') are
        handed to mistune as a bare '|': they are paragraph text to mistune either way, and their content
        cannot open, close or change a block -- except HTML-ish or code-ish characters, or a setext
        underline on the next line, so such lines are passed whole. A run of such rows is handed over as two
        bare '|' lines (``_mistune_lines``), and the line numbers mapped back. This keeps big lists linear and fast.
        """
        return self.blocks_of(*_mistune_lines(lines), len(lines))

    def blocks_of(self, handed: list[str], origin: list[int], count: int) -> tuple[list[Block], dict[str, Any]]:
        """``blocks`` of the lines handed to mistune, ``origin`` the number of each one's first line among the
        ``count`` lines of the file."""
        source = "\n".join(handed) + "\n"
        state = _TrackedState()
        state.process(source)
        self.block.parse(state)
        line_starts = [0]
        find = source.find
        position = find("\n")
        while position != -1:
            line_starts.append(position + 1)
            position = find("\n", position + 1)
        beyond = count - len(handed)

        def original(number: int) -> int:  # the first line of the file in line ``number`` handed over
            return origin[number - 1] if number <= len(origin) else number + beyond

        starts, previous = [], 0
        for token in state.tokens:
            previous = token.get("_start", previous)
            starts.append(previous)
        blocks = []
        for number, token in enumerate(state.tokens):
            start = starts[number]
            end = starts[number + 1] if number + 1 < len(starts) else len(source)
            first = bisect.bisect_right(line_starts, start)
            last = max(first, bisect.bisect_right(line_starts, max(start, end - 1)))
            blocks.append(Block(token["type"], original(first), original(last + 1) - 1, token))
        env = dict(state.env)
        env.pop("__blank_line_starts__", None)  # mistune's cache of the text it parsed: the block pass is over
        return blocks, env

    def parse_inline(self, text: str, env: dict[str, Any]) -> list[dict[str, Any]]:
        return self.inline(text, env)


def plain_text(tokens: list[dict[str, Any]], images: bool = True, entities: bool = False) -> str:
    """The text a reader sees: markup dropped, link labels and code kept, HTML dropped. ``images=False`` also
    drops images' alt text, and ``entities=True`` decodes entities in text outside code (``Q&amp;A`` is
    ``Q&A``), as in a heading's text content, what GitHub makes its anchor from. (mistune keeps entities as
    written.)"""
    parts: list[str] = []
    for token in tokens:
        kind = token.get("type")
        if kind == "text":
            raw = token.get("raw", "")
            parts.append(decode_entities(raw) if entities else raw)
        elif kind == "codespan":
            parts.append(token.get("raw", ""))
        elif kind in ("linebreak", "softbreak"):
            parts.append(" ")
        elif "children" in token and (images or kind != "image"):
            parts.append(plain_text(token["children"], images, entities))
    return "".join(parts)


def strong_runs(tokens: list[dict[str, Any]]) -> list[str]:
    runs: list[str] = []
    for token in tokens:
        if token.get("type") == "strong":
            runs.append(plain_text(token["children"]))
        elif "children" in token:
            runs.extend(strong_runs(token["children"]))
    return runs


def collect_links(tokens: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every link and image token, outer before inner, in source order."""
    for token in tokens:
        if token.get("type") in ("link", "image"):
            found.append(token)
        if "children" in token:
            collect_links(token["children"], found)
    return found
