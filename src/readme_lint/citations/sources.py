"""The two APIs, asked through the link checker's HTTP client: same URL policy (no private addresses
without ``--allow-private``), per-request time limit, run deadline, body cap and User-Agent.

* Semantic Scholar: ``POST {api}/paper/batch?fields=citationCount`` with ``{"ids": ["ARXIV:2401.00001",
  "DOI:10..."]}``, up to 500 IDs a request; the answer is a list in the same order, ``null`` where the paper is
  unknown. ``S2_API_KEY`` goes in ``x-api-key`` (see ``settings`` for where it may go).
* OpenAlex: ``GET {api}/works?filter=doi:A|B|...&select=doi,cited_by_count``, 50 DOIs a request (an arXiv
  paper is asked by its DataCite DOI, ``10.48550/arxiv.ID``).

Requests are paced (``interval`` apart) and retried on 429, 5xx and 408, honouring ``Retry-After`` (capped,
and never past the deadline), ``retries`` times -- the link checker's settings. Anything else -- no answer,
another status, an answer that is not the expected JSON -- is a :class:`SourceError`: one line, and the run
changes nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from readme_lint.citations.ids import PaperId
from readme_lint.citations.settings import CitationSettings
from readme_lint.links.settings import LinkSettings

S2_BATCH = 500
OPENALEX_BATCH = 50
_RETRY = frozenset({408, 429, 500, 502, 503, 504})


class SourceError(Exception):
    """The API could not be asked, or answered something unusable; the message is one line."""


class Api:
    """One API's transport: paced, retried requests through a link checker's client, JSON answers."""

    def __init__(self, settings: CitationSettings, links: LinkSettings, sleep: Callable[[float], None] = time.sleep):
        from readme_lint.links.http import Checker

        self.settings = settings
        self.links = links
        self.client = Checker(links).client  # the checker's client: policy, timeout, deadline, body cap
        self.deadline_at = time.monotonic() + links.deadline if links.deadline is not None else None
        self.sleep = sleep
        self.requests = 0
        self._last = -1e18

    def call(self, method: str, url: str, body: bytes | None = None) -> Any:
        """The decoded JSON of a 200 answer to ``method url``; raises SourceError."""
        from readme_lint.links.client import Blocked, FetchError
        from readme_lint.links.http import USER_AGENT, _retry_after
        from readme_lint.links.policy import UrlRejected, parse_target

        label = self.settings.label
        try:
            target = parse_target(url)
        except UrlRejected as error:
            raise SourceError(f"the {label} API URL is refused: {error}") from None
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json", "Connection": "close"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self.settings.api_key and self.settings.source == "semantic-scholar":
            headers["x-api-key"] = self.settings.api_key
        for attempt in range(self.links.retries + 1):
            self._pace(self._last + self.settings.interval - time.monotonic())
            self._last = time.monotonic()
            self.requests += 1
            try:
                answer = self.client.request(method, target, headers, read_body=True, body=body)
            except Blocked as error:
                raise SourceError(f"{label} API at {target.host}: {error} (use --allow-private)") from None
            except FetchError as error:
                if error.kind == "timeout" and attempt < self.links.retries:
                    continue
                raise SourceError(f"{label} API at {target.host}: {error.detail}") from None
            if answer.status == 200:
                try:
                    return json.loads(answer.body.decode("utf-8"))
                except (UnicodeDecodeError, ValueError, RecursionError):
                    raise SourceError(f"{label} API answered something that is not JSON") from None
            if answer.status not in _RETRY or attempt == self.links.retries:
                tries = f" after {attempt + 1} tries" if attempt else ""
                raise SourceError(f"{label} API answered HTTP {answer.status}{tries}")
            wait = _retry_after(answer.headers.get("retry-after"), self.links.retry_after_cap)
            self._pace(wait if wait is not None else 0.5 * 2**attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def _pace(self, seconds: float) -> None:
        if seconds <= 0:
            return
        if self.deadline_at is not None and time.monotonic() + seconds >= self.deadline_at:
            raise SourceError(f"{self.settings.label} API: not asked before the deadline")
        self.sleep(seconds)


def s2_batch(api: Api, ids: list[PaperId]) -> dict[str, int | None]:
    """Counts for up to 500 IDs from Semantic Scholar; None where it does not know the paper."""
    body = json.dumps({"ids": [("ARXIV:" if i.kind == "arxiv" else "DOI:") + i.value for i in ids]}).encode()
    answer = api.call("POST", f"{api.settings.api_url.rstrip('/')}/paper/batch?fields=citationCount", body)
    if not isinstance(answer, list):
        raise SourceError(f"{api.settings.label} API answered no list of papers")
    if len(answer) != len(ids):  # the answer is matched to the IDs by position: any other length is unusable
        raise SourceError(f"{api.settings.label} API answered {len(answer)} papers for {len(ids)} IDs")
    counts: dict[str, int | None] = {}
    for paper, entry in zip(ids, answer):
        if entry is not None and not isinstance(entry, dict):
            raise SourceError(f"{api.settings.label} API answered an entry that is not a paper")
        counts[paper.key] = _count(entry.get("citationCount") if entry else None)
    return counts


def openalex_batch(api: Api, ids: list[PaperId]) -> dict[str, int | None]:
    """Counts for up to 50 IDs from OpenAlex, matched back by DOI; None where it has no such work."""
    dois = {_openalex_doi(paper): paper.key for paper in ids}
    counts: dict[str, int | None] = dict.fromkeys((paper.key for paper in ids), None)
    asked = [doi for doi in dois if "|" not in doi and "," not in doi]  # the filter's own separators
    if not asked:
        return counts
    params = {"filter": "doi:" + "|".join(asked), "select": "doi,cited_by_count", "per-page": str(len(asked))}
    if api.settings.mailto:
        params["mailto"] = api.settings.mailto
    answer = api.call("GET", f"{api.settings.openalex_url.rstrip('/')}/works?{urlencode(params)}")
    results = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(results, list):
        raise SourceError(f"{api.settings.label} API answered without a results list")
    for work in results:
        if not isinstance(work, dict) or not isinstance(work.get("doi"), str):
            continue
        doi = work["doi"].lower().removeprefix("https://doi.org/")
        if doi in dois:
            counts[dois[doi]] = _count(work.get("cited_by_count"))
    return counts


def _openalex_doi(paper: PaperId) -> str:
    return f"10.48550/arxiv.{paper.value}".lower() if paper.kind == "arxiv" else paper.value


def _count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9:
        return value
    return None


def fetcher(source: str) -> tuple[Callable[[Api, list[PaperId]], dict[str, int | None]], int]:
    """The batch function and batch size of a source."""
    return (s2_batch, S2_BATCH) if source == "semantic-scholar" else (openalex_batch, OPENALEX_BATCH)
