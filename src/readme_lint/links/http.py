"""The HTTP link checker: polite, bounded, and safe.

* A worker pool with a global limit (``max-concurrency``) and a per-host limit (``max-per-host``) plus a minimum
  interval between request starts to one host.
* Every request goes through the URL policy and the bounded client (``policy``, ``client``): one parse, one DNS
  lookup, a pinned connection, a total time limit per request and the run's deadline.
* HEAD first; GET (body never read) where HEAD is refused or answers an error, since many servers treat HEAD
  badly.
* Redirects are followed by hand, up to ``max-redirects``: each hop goes through the policy again (a public page
  may redirect to a private address) and a GITHUB_TOKEN is sent on the first hop only.
* Up to ``retries`` retries with exponential backoff on 429, 5xx, 408 and timeouts, honouring Retry-After
  (capped). A waiting URL is parked in the scheduler, not in a worker, so a slow host never blocks the others.
* A global ``deadline``: what has not finished by then is reported as unchecked; requests still running are cut.
"""

from __future__ import annotations

import heapq
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple
from urllib.parse import urlencode

from readme_lint import __version__
from readme_lint.links.client import Answer, Blocked, Client, FetchError
from readme_lint.links.policy import Target, UrlRejected, join, parse_target
from readme_lint.links.settings import LinkSettings

USER_AGENT = f"readme-lint/{__version__} (+https://github.com/readme-lint/readme-lint)"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
PERMANENT_REDIRECTS = frozenset({301, 308})
BOT_WALL_STATUSES = frozenset({403, 503, 999})
MAX_BODY = 16 * 1048576  # the most read of one answer (only the arXiv feed's body is read at all)


class LinkResult(NamedTuple):
    """The verdict on one URL. ``kind``: ok, broken, redirect, unverifiable, excluded or unchecked."""

    url: str
    kind: str
    status: int | None = None
    detail: str = ""
    final_url: str | None = None
    cached: bool = False
    network: bool = False  # broken because DNS or the connection failed (no HTTP answer at all)


class _Attempt(NamedTuple):
    """What one fetch learned: a final verdict, or a wish to retry after some seconds."""

    result: LinkResult | None
    retry_after: float | None = None
    reason: str = ""


def host_of(url: str) -> str:
    try:
        return parse_target(url).host
    except UrlRejected:
        return ""


def _host_key(url: str) -> str:
    try:
        target = parse_target(url)
    except UrlRejected:
        return ":"
    return f"{target.host}:{target.port}"


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return max(0.0, min(seconds, cap))


def _bot_wall(response: Answer) -> bool:
    """403/503/999 answers that come from bot protection rather than from the page."""
    if response.status == 999:
        return True
    headers = response.headers
    if "cf-mitigated" in headers or "x-amzn-waf-action" in headers:
        return True
    server = headers.get("server", "").lower()
    return response.status in (403, 503) and ("cloudflare" in server or "akamai" in server)


class Checker:
    """Checks many URLs with the politeness and safety rules above; ``check(urls)`` returns verdicts.

    The run's deadline starts when the checker is made (the first online check of a run) and covers the link
    checks and the arXiv queries alike.
    """

    def __init__(self, settings: LinkSettings, progress: Callable[[int, int, str], None] | None = None) -> None:
        self.settings = settings
        self.progress = progress
        deadline_at = time.monotonic() + settings.deadline if settings.deadline is not None else None
        self.client = Client(settings.timeout, settings.allow_private, deadline_at, MAX_BODY)
        self.token = os.environ.get("GITHUB_TOKEN") or None

    # -- one URL ----------------------------------------------------------------------------------------

    def _headers(self, target: Target, hop: int) -> dict[str, str]:
        """Request headers; the token only on the first hop, only over https to the GitHub hosts in the code."""
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}  # kept alive: the client reuses connections per host
        headers.update(self.settings.for_host(target.host).headers)
        if self.token and hop == 0 and target.gets_token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _fetch(self, url: str) -> _Attempt:
        try:
            current = parse_target(url)
        except UrlRejected as error:
            return _Attempt(LinkResult(url, "broken", detail=f"unsafe or malformed URL: {error}"))
        permanent, hops = True, 0
        while True:
            try:
                response = self.client.request("HEAD", current, self._headers(current, hops))
                if response.status >= 400 and response.status != 429:
                    response = self.client.request("GET", current, self._headers(current, hops))
            except Blocked as error:
                return _Attempt(LinkResult(url, "excluded", detail=f"{error} (use --allow-private)"))
            except FetchError as error:
                return self._failure(url, error)
            status = response.status
            location = response.headers.get("location")
            if 300 <= status < 400 and location:
                hops += 1
                if hops > self.settings.max_redirects:
                    detail = f"more than {self.settings.max_redirects} redirects"
                    return _Attempt(LinkResult(url, "broken", status, detail))
                permanent = permanent and status in PERMANENT_REDIRECTS
                try:
                    current = join(current, location)
                except UrlRejected as error:
                    detail = f"redirects to an unsafe or malformed URL: {error}"
                    return _Attempt(LinkResult(url, "broken", status, detail))
                continue
            return self._verdict(url, current.url, status, response, permanent and hops > 0)

    def _failure(self, url: str, error: FetchError) -> _Attempt:
        if error.kind == "deadline":
            return _Attempt(LinkResult(url, "unchecked", detail=error.detail))
        if error.kind == "timeout":
            return _Attempt(None, reason=error.detail)
        return _Attempt(LinkResult(url, "broken", detail=error.detail, network=error.kind in ("dns", "connect")))

    def _verdict(self, url: str, final: str, status: int, response: Answer, moved_permanently: bool) -> _Attempt:
        accept = self.settings.for_host(host_of(final)).accept or self.settings.accept
        if status in accept:
            if moved_permanently:
                return _Attempt(LinkResult(url, "redirect", status, "moved permanently", final))
            return _Attempt(LinkResult(url, "ok", status, final_url=final if final != url else None))
        if status in RETRY_STATUSES and not _bot_wall(response):
            wait_for = _retry_after(response.headers.get("retry-after"), self.settings.retry_after_cap)
            return _Attempt(None, wait_for, f"HTTP {status}")
        if status in BOT_WALL_STATUSES and _bot_wall(response):
            return _Attempt(LinkResult(url, "unverifiable", status, f"HTTP {status} from bot protection"))
        return _Attempt(LinkResult(url, "broken", status, f"HTTP {status}"))

    def get_text(self, url: str) -> tuple[int, str]:
        """GET ``url`` (the arXiv API) under the same policy, redirects followed by hand, the body capped."""
        target = parse_target(url)
        for hop in range(self.settings.max_redirects + 1):
            answer = self.client.request("GET", target, self._headers(target, hop), read_body=True)
            location = answer.headers.get("location")
            if not (300 <= answer.status < 400 and location):
                return answer.status, answer.body.decode("utf-8", "replace")
            target = join(target, location)
        raise FetchError("protocol", f"more than {self.settings.max_redirects} redirects")

    # -- many URLs ----------------------------------------------------------------------------------------

    def check(self, urls: list[str]) -> dict[str, LinkResult]:
        """Verdicts for every URL, within the limits; never raises for a network problem.

        Each host has its own queue (a heap by the time a URL may start, for retries that wait), so one
        loop over the hosts finds what can start now: no host waits for another, and the work per loop is
        the number of hosts, not the number of URLs.
        """
        settings = self.settings
        results: dict[str, LinkResult] = {}
        queues: dict[str, list[tuple[float, int, str, int]]] = {}
        order = 0
        for order, url in enumerate(dict.fromkeys(urls)):
            queues.setdefault(_host_key(url), []).append((0.0, order, url, 0))
        total = sum(len(queue) for queue in queues.values())
        deadline = self.client.deadline_at
        in_flight: dict[str, int] = {}
        last_start: dict[str, float] = {}
        running: dict[Future[_Attempt], tuple[str, int]] = {}
        with ThreadPoolExecutor(max_workers=min(settings.max_concurrency, total or 1)) as pool:
            while running or any(queues.values()):
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    _give_up(queues, results)  # requests still running are cut by the client's watchdog
                    wake = None
                else:
                    wake = self._launch(queues, in_flight, last_start, running, pool, now)
                if not running and not any(queues.values()):
                    break
                timeout = _until(wake, deadline, now)
                if not running:
                    time.sleep(timeout if timeout is not None else 0.0)  # never None: a queued URL has a start
                    continue
                done, _ = wait(list(running), timeout=timeout, return_when=FIRST_COMPLETED)
                for future in done:
                    order += 1
                    url = self._finish(future, running, in_flight, queues, results, order)
                    if self.progress:
                        self.progress(len(results), total, host_of(url))
        return results

    def _launch(
        self,
        queues: dict[str, list[tuple[float, int, str, int]]],
        in_flight: dict[str, int],
        last_start: dict[str, float],
        running: dict[Future[_Attempt], tuple[str, int]],
        pool: ThreadPoolExecutor,
        now: float,
    ) -> float | None:
        """Start what each host allows now; the earliest time a waiting URL may start, if any."""
        settings = self.settings
        wake: float | None = None
        for key, queue in queues.items():
            if not queue:
                continue
            host = settings.for_host(key.rsplit(":", 1)[0])
            limit = host.max_per_host or settings.max_per_host
            interval = host.min_interval if host.min_interval is not None else settings.min_interval
            while queue and in_flight.get(key, 0) < limit and len(running) < settings.max_concurrency:
                start = max(queue[0][0], last_start.get(key, -1e18) + interval)
                if start > now:
                    wake = start if wake is None else min(wake, start)
                    break
                _, _, url, attempt = heapq.heappop(queue)
                in_flight[key] = in_flight.get(key, 0) + 1
                last_start[key] = now
                running[pool.submit(self._fetch, url)] = (url, attempt)
        return wake

    def _finish(
        self,
        future: Future[_Attempt],
        running: dict[Future[_Attempt], tuple[str, int]],
        in_flight: dict[str, int],
        queues: dict[str, list[tuple[float, int, str, int]]],
        results: dict[str, LinkResult],
        order: int,
    ) -> str:
        url, attempt = running.pop(future)
        key = _host_key(url)
        in_flight[key] -= 1
        outcome = future.result()
        if outcome.result is not None:
            results[url] = outcome.result
        elif attempt < self.settings.retries:
            backoff = outcome.retry_after if outcome.retry_after is not None else 0.5 * 2**attempt
            heapq.heappush(queues[key], (time.monotonic() + backoff, order, url, attempt + 1))
        else:
            kind = "unverifiable" if "429" in outcome.reason else "broken"
            results[url] = LinkResult(url, kind, detail=f"{outcome.reason} (after {attempt + 1} tries)")
        return url


def _give_up(queues: dict[str, list[tuple[float, int, str, int]]], results: dict[str, LinkResult]) -> None:
    for queue in queues.values():
        for _, _, url, _ in queue:
            results[url] = LinkResult(url, "unchecked", detail="not checked before the deadline")
        queue.clear()


def _until(wake: float | None, deadline: float | None, now: float) -> float | None:
    """How long the scheduler may sleep: until the next start or the deadline; None (until a request ends)
    once the deadline has passed, so the loop never spins while the last requests are being cut."""
    if deadline is not None and now < deadline:
        wake = deadline if wake is None else min(wake, deadline)
    return None if wake is None else max(0.0, wake - now)


class ApiAnswer(NamedTuple):
    status_code: int
    text: str


def get_json_like(checker: Checker) -> Callable[[str, dict[str, Any]], ApiAnswer]:
    """The arXiv client's HTTP call: the link checker's policy, deadline and User-Agent; the feed is capped."""

    def get(url: str, params: dict[str, Any]) -> ApiAnswer:
        separator = "&" if "?" in url else "?"
        status, text = checker.get_text(f"{url}{separator}{urlencode(params)}")
        return ApiAnswer(status, text)

    return get
