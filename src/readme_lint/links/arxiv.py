"""arXiv IDs verified through the arXiv query API, 100 IDs a request, paced as arXiv asks (3 s apart).

One API call confirms that up to 100 papers exist and returns their titles (for RL212), where fetching abs
pages one by one gets a checker rate-limited or blocked. The API base URL is a setting, so tests point it at a
local server that answers in arXiv's Atom format.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from typing import Any, NamedTuple

# Pure title helpers the rules share (RL212 compares titles); they live below both the rules and this package.
from readme_lint.papers import GREEK_LETTERS, clean_title, normalize_title

__all__ = ["GREEK_LETTERS", "ArxivAnswer", "ArxivPaper", "clean_title", "normalize_title", "parse_feed", "query"]

ATOM = "{http://www.w3.org/2005/Atom}"
BATCH = 100
_ENTRY_ID = re.compile(r"arxiv\.org/abs/([^\s]+?)(v[0-9]+)?$")


class ArxivPaper(NamedTuple):
    identifier: str
    title: str
    published: str
    withdrawn: bool


class ArxivAnswer(NamedTuple):
    """Per ID: the paper, None when arXiv does not know it; ``error`` when the API could not be asked."""

    papers: dict[str, ArxivPaper | None]
    error: str | None
    requests: int


def parse_feed(text: str) -> dict[str, ArxivPaper]:
    root = ElementTree.fromstring(text)
    found: dict[str, ArxivPaper] = {}
    for entry in root.findall(f"{ATOM}entry"):
        match = _ENTRY_ID.search((entry.findtext(f"{ATOM}id") or "").strip())
        title = entry.findtext(f"{ATOM}title") or ""
        if match is None or title.strip() == "Error":
            continue
        summary = (entry.findtext(f"{ATOM}summary") or "").lower()
        comment = (entry.findtext("{http://arxiv.org/schemas/atom}comment") or "").lower()
        withdrawn = "withdrawn" in comment or summary.strip().startswith("this paper has been withdrawn")
        found[match.group(1)] = ArxivPaper(
            match.group(1), clean_title(title), (entry.findtext(f"{ATOM}published") or "").strip(), withdrawn
        )
    return found


def _reason(error: Exception) -> str:
    if isinstance(error, ElementTree.ParseError):
        return "the answer is not an Atom feed"
    text = " ".join(str(error).split())[:160]
    return text or type(error).__name__


def query(
    identifiers: list[str],
    get: Callable[[str, dict[str, Any]], Any],
    api: str,
    interval: float,
    deadline: float | None = None,
) -> ArxivAnswer:
    """Ask the API about ``identifiers`` (without versions) in batches; ``get(url, params)`` is the HTTP call.

    ``deadline`` (monotonic): no pause between batches runs past it; the IDs left are unchecked.
    """
    papers: dict[str, ArxivPaper | None] = {}
    unique = list(dict.fromkeys(identifiers))
    requests_made = 0
    last = 0.0
    for start in range(0, len(unique), BATCH):
        batch = unique[start : start + BATCH]
        wait = last + interval - time.monotonic()
        if requests_made and wait > 0:
            if deadline is not None and time.monotonic() + wait >= deadline:
                return ArxivAnswer(papers, "not asked before the deadline", requests_made)
            time.sleep(wait)
        last = time.monotonic()
        requests_made += 1
        try:
            response = get(api, {"id_list": ",".join(batch), "max_results": str(len(batch))})
            if response.status_code != 200:
                return ArxivAnswer(papers, f"arXiv API answered {response.status_code}", requests_made)
            found = parse_feed(response.text)
        except Exception as error:  # network errors, refused URLs and bad XML alike make the IDs unverifiable
            return ArxivAnswer(papers, f"arXiv API failed: {_reason(error)}", requests_made)
        for identifier in batch:
            papers[identifier] = found.get(identifier)
    return ArxivAnswer(papers, None, requests_made)
