"""Which paper a row names, as an ID both APIs understand: its arXiv ID (any URL form), else a DOI.

arXiv IDs come from the list model (``Paper.arxiv_ids``: abs, pdf, ``.pdf``, html, www and export hosts,
versions dropped). DOIs are read from any link of the row (``doi.org/10...``, ``dl.acm.org/doi/10...``); arXiv's
own DataCite DOIs (``10.48550/arXiv.2401.00001``) count as the arXiv ID they stand for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper

_DOI = re.compile(r"(?:^|[/=:])(10\.[0-9]{4,9}/[^\s?#&\"'<>]+)", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_TRAILING = ".,;)]}"


class PaperId(NamedTuple):
    """``kind`` is ``arxiv`` or ``doi``; ``value`` is the arXiv ID without version, or the DOI lower-cased."""

    kind: str
    value: str

    @property
    def key(self) -> str:
        """The cache's and the summary's spelling: ``arxiv:2401.00001``, ``doi:10.1145/3600006.3613165``."""
        return f"{self.kind}:{self.value}"


def doi_in(url: str) -> str | None:
    """The DOI a URL carries (percent-decoded, trailing punctuation and ``.pdf`` dropped), lower-cased."""
    match = _DOI.search(unquote(url))
    if match is None:
        return None
    doi = match.group(1).rstrip(_TRAILING)
    if doi.lower().endswith(".pdf"):
        doi = doi[:-4]
    return doi.lower()


def paper_id(paper: Paper) -> PaperId | None:
    """The row's ID: the first arXiv ID, else the first DOI in its links; None when it names neither."""
    if paper.arxiv_ids:
        return PaperId("arxiv", paper.arxiv_ids[0][0])
    for link in paper.row_links:
        doi = doi_in(link.target)
        if doi is None:
            continue
        arxiv = _ARXIV_DOI.match(doi)
        if arxiv:
            return PaperId("arxiv", re.sub(r"v[0-9]+$", "", arxiv.group(1)))
        return PaperId("doi", doi)
    return None
