"""What GitHub's renderer (cmark-gfm) does that mistune does not, each held to cmark-gfm by the tests.

mistune reads the markdown links and images; GitHub also renders as links what mistune never sees, and it
resolves every destination before it writes the ``href``. This module answers, on one line of text and with
exact offsets, the questions the document model asks:

* :func:`bare_urls`: the extended autolinks of GFM -- ``www.`` and ``http(s)://`` text linked without any
  markup, cut by GFM's trailing-punctuation rules (``.``, ``,``, ``:``, ``!``, ``?``, ``*``, ``_``, ``~``,
  quotes, an unbalanced ``)``, an ``&entity;`` at the end are not part of the link);
* :func:`html_links`: ``<a href>`` and ``<img src>`` written as raw HTML (GitHub keeps both attributes);
* :func:`resolve_href`: the URL a destination becomes -- backslash escapes removed, entities decoded
  (:func:`resolve_destination`), then percent-encoded as cmark-gfm does (``a\\_b`` is ``a_b``, ``&amp;`` is
  ``&``);
* :func:`github_slug`: a heading's anchor as github-slugger makes it.

Offsets are 0-based into the text given; the document maps them to columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from html import unescape as _html_unescape

from readme_lint.patterns import lazy_compile

# -- URL resolution -----------------------------------------------------------------------------------------

_ESCAPABLE = lazy_compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# CommonMark entities: named ones and numeric ones, always with their ';' (html.unescape also takes `&amp`).
_ENTITY = lazy_compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What cmark's houdini_escape_href leaves as it is (alphanumerics and these); everything else is %XX of its
# UTF-8 bytes. '%' is kept: an encoded octet stays encoded.
_HREF_SAFE = frozenset("-_.+!*'(),%#@?=;:/&$~") | frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)


_ALL_HREF_SAFE = re.compile(r"[-_.+!*'(),%#@?=;:/&$~A-Za-z0-9]*")


def decode_entities(text: str) -> str:
    """HTML entities decoded as CommonMark does: only complete ones (``&amp;``, ``&#38;``), others kept."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda match: _entity(match.group(0)), text)


def _entity(entity: str) -> str:
    decoded = _html_unescape(entity)
    if decoded == entity:
        return entity  # not an entity HTML knows: left as written
    return decoded.replace("\x00", "\ufffd")


def percent_encode(url: str) -> str:
    """The ``href`` cmark-gfm writes for a resolved URL: unsafe characters as %XX of their UTF-8 bytes."""
    if _ALL_HREF_SAFE.fullmatch(url):
        return url
    return "".join(char if char in _HREF_SAFE else "".join(f"%{b:02X}" for b in char.encode()) for char in url)


def resolve_destination(destination: str, escapes: bool = True) -> str:
    """The address a destination as written stands for: backslash escapes removed (not in autolinks,
    ``escapes=False``, where a backslash is a character) and entities decoded -- not yet percent-encoded."""
    if escapes and "\\" in destination:
        destination = _ESCAPABLE.sub(r"\1", destination)
    return decode_entities(destination)


def resolve_href(destination: str, escapes: bool = True) -> str:
    """The ``href`` GitHub writes for a destination as written: ``resolve_destination``, percent-encoded."""
    return percent_encode(resolve_destination(destination, escapes))


# -- extended autolinks ---------------------------------------------------------------------------------------

# What the inline scan stops at: an escape, a bracket, a scheme's `://` (not after a letter: `xhttps://` is no
# scheme) or `www.`.
_AUTOLINK_EVENT = lazy_compile(r"\\.|\[|\]|(?<![A-Za-z])(?i:https?|ftp)://|www\.")
# cmark's spaces (ASCII) end a link, as does '<': a no-break space is part of a URL.
_URL_STOP = lazy_compile(r"[ \t\n\r\f\v<]")
_WWW_AFTER = frozenset(" \t\n\r\f\v*_~(")  # what may stand before `www.`
_TRAILING = frozenset("?!.,:*_~'\"")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MAX_DOMAIN = 255  # longer domains are not read (no host name is that long): keeps the scan linear
_ASCII_DOMAIN = lazy_compile(r"[A-Za-z0-9._-]*")
_ENDS_DOMAIN = _ASCII_PUNCTUATION | frozenset(" \t\n\r\f\v")


def bare_urls(
    text: str, claimed: list[tuple[int, int]] | None = None, final: bool = True
) -> Iterator[tuple[int, int, str]]:
    """(start, end, href) of each URL GFM's autolink extension links in ``text``, one run of inline content
    (a cell, a paragraph's line); ``text[start:end]`` is the URL as written.

    As cmark-gfm: the text is read left to right; what starts before a URL and was parsed already --
    ``claimed``, sorted (start, end) offsets of links, code spans and HTML -- keeps its span, while a URL
    takes everything up to the next space or ``<`` (what mistune would parse after it included). No URL is
    linked inside an open ``[``. ``final``: the run ends at the end of ``text`` (cmark never reads the last
    character of a run for the domain check: `_www.x.org_` is linked at the end of a paragraph only).
    """
    if "www." not in text and "://" not in text:
        return
    spans = claimed or []
    span_index = depth = consumed = 0
    for match in _AUTOLINK_EVENT.finditer(text):
        start = match.start()
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
        if start < consumed or (span_index < len(spans) and spans[span_index][0] <= start):
            continue  # inside a link, code span or HTML tag, or inside the URL found before
        token = match.group(0)
        if token == "[":
            depth += 1
        elif token == "]":
            depth = max(0, depth - 1)
        elif token[0] != "\\" and depth == 0:
            end = _autolink_end(text, start, match.end(), token != "www.", final)
            if end:
                consumed = end
                written = text[start:end]
                yield start, end, percent_encode(written if token != "www." else "http://" + written)


def _autolink_end(text: str, start: int, after: int, scheme: bool, final: bool) -> int:
    """The end of the URL starting at ``start`` (``after``: past its `://` or `www.`), or 0 when none is."""
    size = len(text) if final else len(text) + 1
    if scheme:
        if after >= len(text) or not _hostchar(text[after]) or not _domain_length(text, after, size, True):
            return 0
    elif (start > 0 and text[start - 1] not in _WWW_AFTER) or not _domain_length(text, start, size, False):
        return 0
    stop = _URL_STOP.search(text, after)
    end = _trim_trailing(text, start, stop.start() if stop else len(text))
    return end if end > start else 0


def _domain_length(text: str, position: int, size: int, allow_short: bool) -> int:
    """cmark-gfm's check_domain from ``position`` (``size``: where the run ends): how far the domain reaches
    (its first character is not looked at), 0 when it has an ``_`` in one of its last two segments, or -- not
    ``allow_short`` -- no dot."""
    limit = min(size - 1, position + _MAX_DOMAIN)
    run = _ASCII_DOMAIN.match(text, position + 1, max(position + 1, limit))
    stop = run.end() if run else position + 1
    if stop == limit or (stop < len(text) and text[stop] != "\\" and text[stop] in _ENDS_DOMAIN):
        return _domain_verdict(text[position + 1 : stop], stop - position, allow_short)  # the common case
    dots = before_dot = underscores = 0
    index = position + 1
    while index < limit:
        if text[index] == "\\" and index < size - 2:
            index += 1
        char = text[index] if index < len(text) else ""
        if char == "_":
            underscores += 1
        elif char == ".":
            before_dot, underscores = underscores, 0
            dots += 1
        elif char != "-" and not (char and _hostchar(char)):
            break
        index += 1
    if index >= position + _MAX_DOMAIN:
        return 0
    if (before_dot or underscores) and dots <= 10:
        return 0
    length = index - position
    return length if allow_short or dots else 0


def _domain_verdict(name: str, length: int, allow_short: bool) -> int:
    """``_domain_length``'s answer for a domain of ASCII letters, digits, ``.``, ``-`` and ``_``."""
    if length >= _MAX_DOMAIN:
        return 0
    segments = name.split(".")
    if "_" in "".join(segments[-2:]) and len(segments) - 1 <= 10:
        return 0
    return length if allow_short or len(segments) > 1 else 0


def _hostchar(char: str) -> bool:
    """Neither a space nor punctuation (ASCII punctuation, or a Unicode P* character)."""
    if char.isascii():
        return char not in _ASCII_PUNCTUATION and not char.isspace()
    return not char.isspace() and unicodedata.category(char)[0] != "P"


def _trim_trailing(text: str, start: int, end: int) -> int:
    """Drop what GFM leaves out of an autolink's end: trailing punctuation, an unbalanced ``)``, an entity."""
    opened = closed = -1  # counted on the first ')'
    while end > start:
        char = text[end - 1]
        if char in _TRAILING:
            end -= 1
        elif char == ")":
            if closed < 0:
                opened, closed = text.count("(", start, end), text.count(")", start, end)
            if closed <= opened:
                break
            end -= 1
            closed -= 1
        elif char == ";":
            letters = end - 1
            while letters - 1 > start and text[letters - 1].isascii() and text[letters - 1].isalpha():
                letters -= 1
            end = letters - 1 if letters < end - 1 and text[letters - 1] == "&" else end - 1
        else:
            break
    return end


# -- raw HTML ---------------------------------------------------------------------------------------------------

_HTML_LINK = lazy_compile(
    r"<(?:a|img)\b[^<>]*?\s(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))",
    re.IGNORECASE,
)
_HTML_COMMENT = lazy_compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def html_links(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, value) of each ``href`` of an ``<a>`` and ``src`` of an ``<img>`` tag in ``text``:
    ``text[start:end]`` is the attribute value as written; kind is ``link`` or ``image``. Tags inside HTML
    comments are not links."""
    if "<" not in text:
        return
    if "<!--" in text:
        text = _HTML_COMMENT.sub(lambda match: " " * len(match.group(0)), text)
    for match in _HTML_LINK.finditer(text):
        group = next(number for number in (1, 2, 3) if match.group(number) is not None)
        kind = "image" if match.group(0)[1:4].lower() == "img" else "link"
        yield match.start(group), match.end(group), kind, match.group(group)


# -- heading anchors -------------------------------------------------------------------------------------------

_NOT_ANCHOR_CHAR = re.compile(r"[^\w\- ]")
# github-slugger removes the general categories below -- but not what Unicode calls Alphabetic. The only
# Alphabetic characters in them are the enclosed letters (Other_Symbol): circled Ⓐ-ⓩ, squared and negative
# circled or squared A-Z; these are kept.
_REMOVED_CATEGORIES = frozenset({"No", "Pe", "Pf", "Pi", "Ps", "Po", "Pd", "Sc", "Sk", "Sm", "So", "Cc", "Co"})
_REMOVED_CATEGORIES |= {"Cf", "Cn", "Zs", "Zl", "Zp"}
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def github_slug(text: str) -> str:
    """github-slugger's slug of a heading's text content (entities already decoded): lowercased; letters,
    marks, decimal and letter numbers, connector punctuation (``_``, ``‿``, ``＿``), enclosed letters (``Ⓐ``),
    ``-`` and spaces kept, everything else dropped (other punctuation, symbols, emoji, superscripts); each
    space becomes ``-``. Nothing is stripped or collapsed: `# A - B` is ``a---b``."""
    lowered = text.lower()
    if lowered.isascii():
        return _NOT_ANCHOR_CHAR.sub("", lowered).replace(" ", "-")
    return "".join(char for char in lowered if _kept(char)).replace(" ", "-")


def _kept(char: str) -> bool:
    if char in " -":
        return True
    if unicodedata.category(char) not in _REMOVED_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _ALPHABETIC_SYMBOLS)
