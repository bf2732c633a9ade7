"""The link service handed to the online rules: it owns the checker, the arXiv client and the cache.

Rules ask it for verdicts on the URLs and arXiv IDs of a document; it answers from memory (the fixer lints
the same file several times), then from the cache, then from the network -- each URL at most once a run.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from readme_lint.links.settings import LinkSettings


class LinkReport(NamedTuple):
    results: dict[str, Any]  # normalized URL -> LinkResult
    arxiv: dict[str, Any]  # ID -> ArxivPaper or None (unknown to arXiv)
    arxiv_error: str | None


def normalize_url(url: str) -> str:
    """The URL that is fetched: fragment dropped (one request per page, whatever the anchor)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


class LinkService:
    def __init__(self, settings: LinkSettings, cache_dir: Path | None, show_progress: bool = False) -> None:
        from readme_lint.links.cache import LinkCache

        self.settings = settings
        self.cache = LinkCache(cache_dir if settings.use_cache else None, settings.cache_max_age)
        self.show_progress = show_progress
        self.results: dict[str, Any] = {}
        self.arxiv: dict[str, Any] = {}
        self.arxiv_error: str | None = None
        self.counts: Counter[str] = Counter()
        self._checker: Any = None

    @property
    def checker(self) -> Any:
        if self._checker is None:
            from readme_lint.links.http import Checker  # imports requests: only now

            self._checker = Checker(self.settings, self._progress if self.show_progress else None)
        return self._checker

    @property
    def requests_sent(self) -> int:
        return self._checker.requests_sent if self._checker is not None else 0

    def _progress(self, done: int, total: int, host: str) -> None:
        sys.stderr.write(f"\r\x1b[Kchecking links {done}/{total} {host}"[:120])
        if done >= total:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    def report(self, urls: list[str], arxiv_ids: list[str]) -> LinkReport:
        from readme_lint.links.http import LinkResult

        todo: list[str] = []
        for url in dict.fromkeys(normalize_url(u) for u in urls):
            if url in self.results:
                continue
            if any(pattern.search(url) for pattern in self.settings.exclude):
                self._record(LinkResult(url, "excluded", detail="excluded by links.exclude"))
                continue
            cached = self.cache.get(url)
            if cached is not None:
                self._record(
                    LinkResult(
                        url,
                        cached["kind"],
                        cached.get("status"),
                        cached.get("detail", ""),
                        cached.get("final_url"),
                        cached=True,
                    )
                )
                continue
            todo.append(url)
        if todo:
            for url, result in self.checker.check(todo).items():
                self._record(result)
                if result.kind in ("ok", "redirect"):
                    self.cache.put(
                        url,
                        {
                            "kind": result.kind,
                            "status": result.status,
                            "detail": result.detail,
                            "final_url": result.final_url,
                        },
                    )
        self._ask_arxiv([i for i in dict.fromkeys(arxiv_ids) if i not in self.arxiv])
        return LinkReport(self.results, self.arxiv, self.arxiv_error)

    def _record(self, result: Any) -> None:
        self.results[result.url] = result
        self.counts[result.kind] += 1
        self.counts["cached"] += int(result.cached)

    def _ask_arxiv(self, identifiers: list[str]) -> None:
        from readme_lint.links.arxiv import ArxivPaper, query

        missing = []
        for identifier in identifiers:
            cached = self.cache.get(f"arxiv:{identifier}")
            if cached is not None:
                self.arxiv[identifier] = ArxivPaper(identifier, cached["title"], cached.get("published", ""), False)
                self.counts["cached"] += 1
            else:
                missing.append(identifier)
        if not missing:
            return
        from readme_lint.links.http import get_json_like

        answer = query(missing, get_json_like(self.checker), self.settings.arxiv_api, self.settings.arxiv_interval)
        self.arxiv_error = answer.error or self.arxiv_error
        for identifier, paper in answer.papers.items():
            self.arxiv[identifier] = paper
            if paper is not None and not paper.withdrawn:
                self.cache.put(f"arxiv:{identifier}", {"title": paper.title, "published": paper.published})
        self.counts["arxiv"] += len(answer.papers)

    def close(self) -> None:
        self.cache.save()

    def summary(self) -> str:
        return format_summary(self.counts)


def format_summary(c: Counter[str]) -> str:
    """``Links: 12 checked, 10 ok, ...`` from the counts of one or more services."""
    checked = sum(c[k] for k in ("ok", "broken", "redirect", "unverifiable", "unchecked"))
    parts = [
        f"{checked} checked",
        f"{c['ok']} ok",
        f"{c['broken']} broken",
        f"{c['redirect']} redirected",
        f"{c['unverifiable']} unverifiable",
        f"{c['excluded']} excluded",
        f"{c['cached']} cached",
    ]
    if c["unchecked"]:
        parts.append(f"{c['unchecked']} unchecked")
    if c["arxiv"]:
        parts.append(f"{c['arxiv']} arXiv IDs verified")
    return "Links: " + ", ".join(parts) + "."


class LinkServices:
    """One link service per config (a config's ``links`` table sets the checker up), shared by its files."""

    def __init__(
        self,
        timeout: float | None,
        max_concurrency: int | None,
        no_cache: bool,
        allow_private: bool,
        show_progress: bool,
    ) -> None:
        self.overrides: dict[str, Any] = {
            "timeout": timeout,
            "max_concurrency": max_concurrency,
            "use_cache": False if no_cache else None,
            "allow_private": True if allow_private else None,
        }
        self.show_progress = show_progress and sys.stderr.isatty()
        self.services: dict[int, Any] = {}

    def for_config(self, config: Any, path: Path) -> LinkService:
        """The service for ``config``; a bad ``links`` table raises ValueError (LinkSettingsError)."""
        service = self.services.get(id(config))
        if service is None:
            from readme_lint.links.settings import parse_link_settings

            settings = parse_link_settings(config.links, **self.overrides)
            base = config.source.parent if config.source else (config.root or path.resolve().parent)
            cache_dir = base / (settings.cache_dir or ".readme-lint-cache")
            service = LinkService(settings, cache_dir, self.show_progress)
            self.services[id(config)] = service
        return service

    def close(self) -> None:
        for service in self.services.values():
            service.close()

    def summary(self) -> str:
        total: Counter[str] = Counter()
        for service in self.services.values():
            total.update(service.counts)
        return format_summary(total)
