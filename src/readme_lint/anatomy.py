"""A cell's anatomy: the decoration in front of a title, and the title part itself.

Real title cells are not one value. In front of the title they carry decoration -- star badges
(``[![Star](https://img.shields.io/github/stars/o/r)](https://github.com/o/r)``), venue badges
(``![NeurIPS](https://img.shields.io/badge/NeurIPS-2023-blue)``), emoji (``🔥``, ``⭐️``), HTML breaks and images
(``<br>``, ``<img ...>``) -- and after it an author or affiliation line. A title is the title part: never a
badge's alt text ("Star" on every row is not one paper listed 88 times), and a title's shape is the shape of the
title part (a row without the badge its neighbours carry is no title-format error).

This module only finds where the title part starts and what shape it has; it knows nothing of conventions.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from readme_lint.patterns import lazy_compile

if TYPE_CHECKING:
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell

_HTML_TAG = lazy_compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*)>")
_EMOJI_JOINERS = frozenset("\ufe0f\ufe0e\u200d\u20e3")
_ASCII_SYMBOLS = frozenset("^`")  # unicodedata.category: Sk, as for the modifier symbols beyond ASCII
_DECORATION_MARKS = ("!", "<", "[![")  # a cell opening with none of these (and no emoji) has no decoration


class TitlePart:
    """Where the title part starts in the cell text, its shape, and its link when it is a linked title."""

    __slots__ = ("link", "shape", "start")  # one per paper row

    def __init__(self, start: int, shape: str, link: Link | None) -> None:
        self.start = start
        self.shape = shape  # "bold", "linked" or "plain"
        self.link = link

    def __eq__(self, other: object) -> bool:  # a value: two reads of one cell are equal
        if not isinstance(other, TitlePart):
            return NotImplemented
        return (self.start, self.shape, self.link) == (other.start, other.shape, other.link)

    __hash__ = None  # type: ignore[assignment]  # mutable slots: not a dict key

    def __repr__(self) -> str:
        return f"TitlePart(start={self.start}, shape={self.shape!r}, link={self.link!r})"


def is_emoji(char: str) -> bool:
    """A pictograph or a part of one (variation selector, joiner, keycap): decoration, never title text."""
    if char.isascii():  # most first characters: no Unicode lookup (`^` and backtick are ASCII's only So/Sk)
        return char in _ASCII_SYMBOLS
    return char in _EMOJI_JOINERS or unicodedata.category(char) in ("So", "Sk")


def decoration_spans(cell: Cell) -> list[tuple[int, int]]:
    """(start, end) offsets in the cell text of its images and of the links that wrap an image (badges)."""
    links = cell.inline.links
    images = [link for link in links if link.kind == "image"]
    if not images:
        return []
    base = cell.text_col
    spans = [(image.col - base, image.end_col - base) for image in images]
    starts = {image.col for image in images}
    spans.extend(
        (link.col - base, link.end_col - base) for link in links if link.kind == "link" and link.col + 1 in starts
    )
    return spans


def decoration_end(cell: Cell) -> int:
    """The offset where the decoration in front of the title ends (0: the cell starts with its title)."""
    text = cell.text
    if not text or (not text.startswith(_DECORATION_MARKS) and not is_emoji(text[0])):
        return 0
    ends: dict[int, int] = {}
    for start, end in decoration_spans(cell):
        ends[start] = max(end, ends.get(start, 0))
    position = 0
    while position < len(text):
        char = text[position]
        if char in " \t":
            position += 1
        elif position in ends:
            position = ends[position]
        elif char == "<" and (tag := _HTML_TAG.match(text, position)):
            position = tag.end()
        elif is_emoji(char):
            position += 1
        else:
            break
    return position if position < len(text) else 0


def title_part(cell: Cell) -> TitlePart:
    """The title part of a title cell: after any decoration, bold (``**T**``), linked (``[T](u)``) or plain."""
    start = decoration_end(cell)
    rest = cell.text[start:]
    # (the closed-run test first: it settles nearly every bold title without parsing the cell's inline markup)
    if rest.startswith(("**", "__")) and (_closed_bold(rest) or (start == 0 and cell.inline.starts_with_strong)):
        return TitlePart(start, "bold", None)
    if rest.startswith("["):
        column = cell.text_col + start
        for link in cell.inline.links:
            if link.kind == "link" and link.col == column and link.col + 1 not in _image_starts(cell):
                return TitlePart(start, "linked", link)
    return TitlePart(start, "plain", None)


def _closed_bold(text: str) -> bool:
    """Whether ``text`` opens with a closed bold run (``**...**`` with text inside)."""
    marker = text[:2]
    close = text.find(marker, 2)
    return close > 2


def _image_starts(cell: Cell) -> set[int]:
    return {link.col for link in cell.inline.links if link.kind == "image"}
