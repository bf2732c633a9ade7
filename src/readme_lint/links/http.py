"""The HTTP link checker: polite, bounded, and safe.

* One pooled ``requests`` session; a worker pool with a global limit (``max-concurrency``) and a per-host limit
  (``max-per-host``) plus a minimum interval between request starts to one host.
* HEAD first; GET (streamed, body never read) where HEAD is refused or answers an error, since many servers
  treat HEAD badly.
* Redirects are followed by hand, up to ``max-redirects``: each hop is checked for address safety again and
  gets its own headers, so a GITHUB_TOKEN never follows a redirect to another host.
* Up to ``retries`` retries with exponential backoff on 429, 5xx, 408 and timeouts, honouring Retry-After
  (capped). A waiting URL is parked in the scheduler, not in a worker, so a slow host never blocks the others.
* A global ``deadline``: what has not started by then is reported as unchecked.
"""

from __future__ import annotations

import heapq
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

import requests

from readme_lint import __version__
from readme_lint.links.safety import blocked_reason
from readme_lint.links.settings import LinkSettings

USER_AGENT = f"readme-lint/{__version__} (+https://github.com/readme-lint/readme-lint)"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
PERMANENT_REDIRECTS = frozenset({301, 308})
BOT_WALL_STATUSES = frozenset({403, 503, 999})


class LinkResult(NamedTuple):
    """The verdict on one URL. ``kind``: ok, broken, redirect, unverifiable, excluded or unchecked."""

    url: str
    kind: str
    status: int | None = None
    detail: str = ""
    final_url: str | None = None
    cached: bool = False


class _Attempt(NamedTuple):
    """What one fetch learned: a final verdict, or a wish to retry after some seconds."""

    result: LinkResult | None
    retry_after: float | None = None
    reason: str = ""


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or ''}"


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError):
            return None
    return max(0.0, min(seconds, cap))


def _bot_wall(response: requests.Response) -> bool:
    """403/503/999 answers that come from bot protection rather than from the page."""
    if response.status_code == 999:
        return True
    headers = response.headers
    if "cf-mitigated" in headers or "x-amzn-waf-action" in headers:
        return True
    server = headers.get("server", "").lower()
    return response.status_code in (403, 503) and ("cloudflare" in server or "akamai" in server)


class Checker:
    """Checks many URLs with the politeness and safety rules above; ``check(urls)`` returns verdicts."""

    def __init__(self, settings: LinkSettings, progress: Callable[[int, int, str], None] | None = None) -> None:
        self.settings = settings
        self.progress = progress
        self.session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=64, pool_maxsize=max(settings.max_concurrency, 10))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.token = os.environ.get("GITHUB_TOKEN") or None
        self.requests_sent = 0
        self._lock = threading.Lock()

    # -- one URL ----------------------------------------------------------------------------------------

    def _headers(self, url: str) -> dict[str, str]:
        host = host_of(url)
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
        headers.update(self.settings.for_host(host).headers)
        port = urlsplit(url).port
        if self.token and (host in self.settings.token_hosts or f"{host}:{port}" in self.settings.token_hosts):
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _request(self, method: str, url: str) -> requests.Response:
        with self._lock:
            self.requests_sent += 1
        timeout = (min(self.settings.timeout, 10.0), self.settings.timeout)
        return self.session.request(
            method, url, headers=self._headers(url), allow_redirects=False, timeout=timeout, stream=True
        )

    def _fetch(self, url: str) -> _Attempt:
        current, permanent, hops = url, True, 0
        while True:
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https"):
                return _Attempt(LinkResult(url, "excluded", detail=f"redirects to a {parts.scheme}: URL"))
            if not self.settings.allow_private:
                reason = blocked_reason(parts.hostname or "", parts.port)
                if reason:
                    return _Attempt(LinkResult(url, "excluded", detail=f"{reason} (use --allow-private)"))
            try:
                response = self._request("HEAD", current)
                response.close()
                if response.status_code >= 400 and response.status_code not in (429,):
                    response = self._request("GET", current)
                    response.close()
            except requests.Timeout:
                return _Attempt(None, reason=f"timed out after {self.settings.timeout:g} s")
            except requests.exceptions.SSLError as error:
                return _Attempt(LinkResult(url, "broken", detail=f"TLS error: {_short(error)}"))
            except requests.ConnectionError as error:
                return _Attempt(LinkResult(url, "broken", detail=_connection_problem(error)))
            except requests.RequestException as error:
                return _Attempt(LinkResult(url, "broken", detail=_short(error)))
            status = response.status_code
            location = response.headers.get("location")
            if 300 <= status < 400 and location:
                hops += 1
                if hops > self.settings.max_redirects:
                    detail = f"more than {self.settings.max_redirects} redirects"
                    return _Attempt(LinkResult(url, "broken", status, detail))
                permanent = permanent and status in PERMANENT_REDIRECTS
                current = urljoin(current, location)
                continue
            return self._verdict(url, current, status, response, permanent and hops > 0)

    def _verdict(
        self, url: str, final: str, status: int, response: requests.Response, moved_permanently: bool
    ) -> _Attempt:
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
        deadline = time.monotonic() + settings.deadline if settings.deadline else None
        in_flight: dict[str, int] = {}
        last_start: dict[str, float] = {}
        running: dict[Future[_Attempt], tuple[str, int]] = {}
        with ThreadPoolExecutor(max_workers=settings.max_concurrency) as pool:
            while running or any(queues.values()):
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    for queue in queues.values():
                        for _, _, url, _ in queue:
                            results[url] = LinkResult(url, "unchecked", detail="not checked before the deadline")
                        queue.clear()
                wake = self._launch(queues, in_flight, last_start, running, pool, now)
                if not running and not any(queues.values()):
                    break
                timeout = None if wake is None else max(0.0, wake - now)
                if deadline is not None:
                    timeout = max(0.0, deadline - now) if timeout is None else min(timeout, max(0.0, deadline - now))
                if not running:
                    time.sleep(timeout if timeout is not None else 0.01)
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


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:160]


def _connection_problem(error: BaseException) -> str:
    text = str(error)
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "DNS lookup failed"
    if "Connection refused" in text:
        return "connection refused"
    if "Read timed out" in text or "timed out" in text:
        return "timed out"
    return f"connection failed: {_short(error)}"


def get_json_like(checker: Checker) -> Callable[[str, dict[str, Any]], requests.Response]:
    """The arXiv client's HTTP call: same session, User-Agent and timeouts, no redirects beyond requests'."""

    def get(url: str, params: dict[str, Any]) -> requests.Response:
        with checker._lock:
            checker.requests_sent += 1
        return checker.session.get(
            url, params=params, headers={"User-Agent": USER_AGENT}, timeout=(10.0, max(checker.settings.timeout, 30.0))
        )

    return get
