"""What GitHub's renderer (cmark-gfm) does that mistune does not, each held to cmark-gfm by the tests.

mistune reads the markdown links and images; GitHub also renders as links what mistune never sees, and it
resolves every destination before it writes the ``href``. This module answers, on one line of text and with
exact offsets, the questions the document model asks:

* :func:`bare_urls`: the extended autolinks of GFM -- ``www.`` and ``http(s)://`` text linked without any
  markup, cut by GFM's trailing-punctuation rules (``.``, ``,``, ``:``, ``!``, ``?``, ``*``, ``_``, ``~``,
  quotes, an unbalanced ``)``, an ``&entity;`` at the end are not part of the link);
* :func:`html_links`: ``<a href>`` and ``<img src>`` written as raw HTML (GitHub keeps both attributes);
* :func:`resolve_href`: the URL a destination becomes -- backslash escapes removed, entities decoded, then
  percent-encoded as cmark-gfm does (``a\\_b`` is ``a_b``, ``&amp;`` is ``&``);
* :func:`github_slug`: a heading's anchor as github-slugger makes it.

Offsets are 0-based into the text given; the document maps them to columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from html import unescape as _html_unescape

# -- URL resolution -----------------------------------------------------------------------------------------

_ESCAPABLE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# CommonMark entities: named ones and numeric ones, always with their ';' (html.unescape also takes `&amp`).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What cmark's houdini_escape_href leaves as it is (alphanumerics and these); everything else is %XX of its
# UTF-8 bytes. '%' is kept: an encoded octet stays encoded.
_HREF_SAFE = frozenset("-_.+!*'(),%#@?=;:/&$~") | frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)


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
    if all(char in _HREF_SAFE for char in url):
        return url
    return "".join(char if char in _HREF_SAFE else "".join(f"%{b:02X}" for b in char.encode()) for char in url)


def resolve_href(destination: str, escapes: bool = True) -> str:
    """The URL GitHub links to for a destination as written: backslash escapes removed (not in autolinks,
    ``escapes=False``, where a backslash is a character), entities decoded, unsafe characters percent-encoded."""
    if escapes and "\\" in destination:
        destination = _ESCAPABLE.sub(r"\1", destination)
    return percent_encode(decode_entities(destination))


# -- extended autolinks ---------------------------------------------------------------------------------------

# Where one may start: a scheme or `www.` at the start of the text or after a space or one of `*_~(`.
_AUTOLINK_START = re.compile(r"(?:(?<=[\s*_~(])|^)(?:(?i:https?|ftp)://|www\.)")
_TRAILING = frozenset("?!.,:*_~'\"")
# A link ends at a space (cmark's spaces are ASCII: a no-break space is part of a URL) or a '<'.
_URL_STOP = re.compile(r"[ \t\n\r\f\v<]")
_MAX_DOMAIN = 255
_DOMAIN = re.compile(r"[\w.-]+")  # letters and digits of any script, '_', '.', '-'
_ENTITY_TAIL = re.compile(r"&[A-Za-z0-9]+;$")


def bare_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, href) of each URL GFM's autolink extension links in ``text`` (a run of text with links,
    code and HTML already blanked out by the caller): the URL as written spans ``text[start:end]``.

    Linear in the text: the end of the word a candidate stands in is found once per word, a domain is read
    for at most ``_MAX_DOMAIN`` characters, and the trailing punctuation is counted once per link.
    """
    if "www." not in text and "://" not in text:
        return
    consumed = word_end = 0
    for match in _AUTOLINK_START.finditer(text):
        start = match.start()
        if start < consumed:
            continue  # inside the link found before
        if start >= word_end:
            stop = _URL_STOP.search(text, start)
            word_end = stop.start() if stop else len(text)
        scheme = "://" in match.group(0)
        domain_start = match.end() if scheme else start  # `www.` is part of the domain
        if not _valid_domain(text, domain_start, word_end, underscores=False):
            continue
        end = _trim_trailing(text, start, word_end)
        if end <= match.end() or not _valid_domain(text, domain_start, end):
            continue  # nothing after the scheme or the `www.`, or the domain was trailing punctuation
        consumed = end
        written = text[start:end]
        yield start, end, percent_encode(written if scheme else "http://" + written)


def _valid_domain(text: str, position: int, stop: int, underscores: bool = True) -> bool:
    """Whether a valid domain starts at ``position`` (before ``stop``): segments of letters, digits, ``-`` and
    ``_`` joined by dots, the first starting with a letter or digit, no ``_`` in the last two segments (not
    checked with ``underscores=False``: a trailing ``_`` may still be cut off as punctuation)."""
    domain = _DOMAIN.match(text, position, min(stop, position + _MAX_DOMAIN + 1))
    name = domain.group(0) if domain else ""
    if not name or len(name) > _MAX_DOMAIN or name[0] in ".-_":
        return False  # no domain, or none DNS could have: no host name is that long
    return not underscores or "_" not in "".join(name.rsplit(".", 2)[-2:])


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
            entity = _ENTITY_TAIL.search(text, max(start, end - 40), end)
            end = entity.start() if entity else end - 1
        else:
            break
    return end


# -- raw HTML ---------------------------------------------------------------------------------------------------

_HTML_LINK = re.compile(
    r"<(?:a|img)\b[^<>]*?\s(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))",
    re.IGNORECASE,
)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


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
