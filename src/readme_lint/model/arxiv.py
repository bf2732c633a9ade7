"""arXiv URLs taken apart (any spelling: abs, pdf, .pdf, html, www, a query), and the list's URL convention."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

    from readme_lint.markdown import Link

# arXiv: any URL on an arXiv host; the ID part is taken loosely so that impossible IDs are seen too.
_ARXIV_URL = re.compile(
    r"^(?P<scheme>https?)://(?P<host>(?:www\.|export\.)?arxiv\.org)/(?P<kind>abs|pdf|html)/"
    r"(?P<id>[0-9]{3,4}\.[0-9]{3,6}|[a-z][a-z.-]*/[0-9]{7})(?P<version>v[0-9]+)?(?P<suffix>\.pdf)?"
    r"(?P<tail>\.?/?(?:[?#].*)?)$",
    re.IGNORECASE,
)
_VALID_ID = re.compile(r"^(?:[0-9]{4}\.[0-9]{4,5}|[a-z][a-z.-]*/[0-9]{7})$", re.IGNORECASE)
_ARXIV_HOST = re.compile(r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/", re.IGNORECASE)


class ArxivUrl(NamedTuple):
    """An arXiv URL taken apart: ``scheme://host/kind/ID[version][suffix][tail]``."""

    scheme: str
    host: str
    kind: str
    id: str
    version: str
    suffix: str
    tail: str

    @property
    def valid(self) -> bool:
        """Whether the ID has a shape arXiv uses (the month and digit count are checked by RL204)."""
        return _VALID_ID.match(self.id) is not None


def parse_arxiv_url(url: str) -> ArxivUrl | None:
    match = _ARXIV_URL.match(url.strip())
    if match is None:
        return None
    scheme, host, kind, identifier, version, suffix, tail = match.groups()
    return ArxivUrl(scheme, host, kind, identifier, version or "", suffix or "", tail)


_USUAL_PREFIX = "https://arxiv.org/abs/"
USUAL_SPELLING = ("https", "arxiv.org", "abs", "")


def usual_arxiv_id(url: str) -> tuple[str, str] | None:
    """(ID, "") of a URL in the usual spelling, ``https://arxiv.org/abs/`` and a new-style ID alone (nearly every
    arXiv link of a list): its spelling is ``USUAL_SPELLING`` and its ID valid (``valid_arxiv_id``). None for
    any other URL, arXiv or not."""
    if url.startswith(_USUAL_PREFIX) and len(url) in (31, 32) and url[26] == "." and url.isascii():
        identifier = url[22:]
        if identifier[:4].isdigit() and identifier[5:].isdigit():
            return identifier, ""
    return None


def arxiv_spelling(url: str) -> tuple[tuple[str, str, str, str], tuple[str, str]] | None:
    """((scheme, host, kind, suffix), (ID, version)) of an arXiv URL as ``parse_arxiv_url`` reads it, host and kind
    lower case and suffix "" unless the kind is pdf; no ArxivUrl built (the model reads every link of a list).
    The usual spelling is told without the pattern (``usual_arxiv_id``)."""
    usual = usual_arxiv_id(url)
    if usual is not None:
        return USUAL_SPELLING, usual
    match = _ARXIV_URL.match(url.strip())
    if match is None:
        return None
    scheme, host, kind, identifier, version, suffix, _tail = match.groups()
    kind = kind.lower()
    return (scheme, host.lower(), kind, (suffix or "") if kind == "pdf" else ""), (identifier, version or "")


Spelling = tuple[str, str, str, str]  # (scheme, host, kind, suffix) of an arXiv URL (``arxiv_spelling``)


def read_arxiv_links(text: str, links: Iterable[Link], spelled: list[Spelling], paper: bool) -> list[tuple[str, str]]:
    """A cell's arXiv URLs: each spelling appended to ``spelled`` when the cell names arXiv (``text``); and, for a
    paper row (``paper``), the (ID, version)s as ``Paper.arxiv_ids`` reads them -- every link target that names
    arXiv, first seen first. ``links``: the cell's links (of any kind), in order."""
    ids: list[tuple[str, str]] = []
    counted = "arxiv" in text or "arxiv" in text.lower()  # (as written: most cells, and no copy of the text)
    if not counted and not paper:
        return ids
    for link in links:
        target = link.target
        usual = usual_arxiv_id(target)
        if usual is not None:  # nearly every arXiv link: its spelling known, its ID valid
            if counted:
                spelled.append(USUAL_SPELLING)
            if paper and usual not in ids:
                ids.append(usual)
            continue
        names_arxiv = "arxiv" in target.lower()
        if not names_arxiv and (not counted or target.isascii()):
            continue  # an ASCII URL that does not name arXiv is no arXiv URL (the pattern is ASCII)
        found = arxiv_spelling(target)
        if found is None:
            continue
        if counted:
            spelled.append(found[0])
        if paper and names_arxiv and found[1] not in ids and valid_arxiv_id(found[1][0]):
            ids.append(found[1])
    return ids


def valid_arxiv_id(identifier: str) -> bool:
    """Whether an ID has a shape arXiv uses (``ArxivUrl.valid``)."""
    return _VALID_ID.match(identifier) is not None


def arxiv_id(url: str) -> tuple[str, str] | None:
    """(ID, version suffix or '') of a well-formed arXiv URL in any spelling (abs, pdf, .pdf, html, www, query)."""
    found = parse_arxiv_url(url)
    if found is None or not found.valid:
        return None
    return found.id, found.version


def is_arxiv_url(url: str) -> bool:
    return _ARXIV_HOST.match(url.strip()) is not None


class ArxivForm(NamedTuple):
    """The list's arXiv URL convention; each part is None where the list has no clear majority."""

    scheme: str | None
    host: str | None
    kind: str | None
    suffix: str | None  # ".pdf" or "" (only for kind "pdf")

    def canonical(self, url: ArxivUrl) -> str:
        """``url`` rewritten to the convention; parts without a convention are kept as written."""
        kind = self.kind or url.kind
        suffix = url.suffix if self.suffix is None or kind != "pdf" else self.suffix
        if kind != "pdf":
            suffix = ""
        tail = url.tail[1:] if url.tail.startswith(".") else url.tail  # a stray dot after the ID: a typo
        return f"{self.scheme or url.scheme}://{self.host or url.host}/{kind}/{url.id}{url.version}{suffix}{tail}"
