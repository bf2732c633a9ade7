"""Link verdicts, gathered before the rules run: the service owns the checker, the arXiv client and the cache.

The linter asks :meth:`LinkService.report` for the verdicts on a document's URLs and arXiv IDs (a fact, like
the working tree) and hands the :class:`LinkReport` to the online rules, which only read it. The service
answers from memory (the fixer lints the same file several times), then from the cache, then from the
network -- each URL at most once a run.

Offline is not broken: when every host of a batch fails DNS or connect on every link (at least two hosts, or one
host and the arXiv API; a host that answered any link was reached), the network is taken as unreachable, those
links become ``offline`` (no finding, one warning line for the run) and arXiv is not asked. An arXiv API
failure is a warning naming the IDs left unchecked.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from readme_lint.links.settings import DEFAULT_DEADLINE, EXCLUDE_BUDGET, LinkSettings


class LinkReport(NamedTuple):
    """The verdicts the online rules read (they never ask the network themselves)."""

    results: dict[str, Any]  # normalized URL -> LinkResult
    arxiv: dict[str, Any]  # ID -> ArxivPaper or None (unknown to arXiv); IDs not here went unchecked
    arxiv_error: str | None

    def verdict(self, url: str) -> Any:
        """The LinkResult for ``url`` as written in the document, or None when it was not checked."""
        return self.results.get(normalize_url(url))


def normalize_url(url: str) -> str:
    """The key a URL is checked under: its canonical form without fragment (one request per page, whatever the
    anchor); a URL the policy refuses keeps its text, and the checker reports why it was refused."""
    from readme_lint.links.policy import UrlRejected, parse_target

    try:
        return parse_target(url.strip()).url
    except UrlRejected:
        return url.strip()


class RunClock:
    """The deadline of a run's link checks: one for all its configs, started by the first one that goes online."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started: float | None = None

    def remaining(self) -> float:
        if self.started is None:
            self.started = time.monotonic()
        return self.seconds - (time.monotonic() - self.started)


class LinkService:
    def __init__(
        self, settings: LinkSettings, cache_dir: Path | None, show_progress: bool = False, root: Path | None = None
    ) -> None:
        from readme_lint.links.cache import LinkCache

        self.settings = settings
        self.cache = LinkCache(cache_dir if settings.use_cache else None, settings.cache_max_age, root)
        self.show_progress = show_progress
        self.results: dict[str, Any] = {}
        self.arxiv: dict[str, Any] = {}
        self.arxiv_error: str | None = None
        self.counts: Counter[str] = Counter()
        self.offline = False
        self._exclude_budget = EXCLUDE_BUDGET
        self.errors: list[str] = []  # config problems found while checking (a links.exclude over its budget)
        self.unchecked_ids: list[str] = []
        self._checker: Any = None
        self.fresh_redirects = False  # a cached redirect is asked again: its fix needs an answer of this run
        self.clock: RunClock | None = None  # the run's deadline, shared by every config's service

    @property
    def checker(self) -> Any:
        if self._checker is None:
            from readme_lint.links.http import Checker  # imports the network code: only now

            settings = self.settings
            if self.clock is not None:  # what is left of the run's deadline, if sooner than this config's
                left = max(0.001, self.clock.remaining())
                settings = settings._replace(deadline=min(settings.deadline or left, left))
            self._checker = Checker(settings, self._progress if self.show_progress else None)
        return self._checker

    def _progress(self, done: int, total: int, host: str) -> None:
        sys.stderr.write(f"\r\x1b[Kchecking links {done}/{total} {host}"[:120])
        if done >= total:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    def report(self, urls: list[str], arxiv_ids: list[str]) -> LinkReport:
        from readme_lint.links.http import LinkResult
        from readme_lint.links.settings import LinkSettingsError, excluded_urls

        todo: list[str] = []
        fresh = [url for url in dict.fromkeys(normalize_url(u) for u in urls) if url not in self.results]
        start = time.monotonic()
        try:
            excluded = excluded_urls(self.settings.exclude, fresh, self._exclude_budget)
        except LinkSettingsError as error:
            self.errors.append(str(error))
            for url in fresh:
                self._record(LinkResult(url, "unchecked", detail="links.exclude took too long"))
            fresh, excluded = [], set()
        self._exclude_budget -= time.monotonic() - start
        for url in fresh:
            if url in excluded:
                self._record(LinkResult(url, "excluded", detail="excluded by links.exclude"))
                continue
            cached = self.cache.get(url)
            if cached is not None and not (self.fresh_redirects and cached["kind"] == "redirect"):
                status, detail, final = cached.get("status"), cached.get("detail", ""), cached.get("final_url")
                self._record(LinkResult(url, cached["kind"], status, detail, final, cached=True))
                continue
            todo.append(url)
        if todo:
            verdicts = self._unreachable(self.checker.check(todo))
            for url, result in verdicts.items():
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

    def _unreachable(self, verdicts: dict[str, Any]) -> dict[str, Any]:
        """``verdicts`` with DNS and connect failures made ``offline`` when no host at all could be reached.

        A host that answered any of its links was reached, whatever happened to its other links: offline means
        no answer from any host, so one such host keeps every failure a broken link.
        """
        checked = [
            (_host(url), result) for url, result in verdicts.items() if result.kind not in ("excluded", "unchecked")
        ]
        hosts = {host for host, _ in checked}
        reached = {host for host, result in checked if not result.network}  # a connection, if not an answer
        if not hosts or reached or (len(hosts) < 2 and not self._arxiv_unreachable()):
            return verdicts
        self.offline = True
        return {
            url: result._replace(kind="offline", detail="network unreachable") if result.network else result
            for url, result in verdicts.items()
        }

    def _arxiv_unreachable(self) -> bool:
        """Whether the arXiv API host fails DNS or connect too (asked only when all link hosts failed)."""
        from readme_lint.links.client import Blocked, FetchError
        from readme_lint.links.policy import UrlRejected, parse_target

        try:
            self.checker.client.request("HEAD", parse_target(self.settings.arxiv_api), {})
        except FetchError as error:
            return error.kind in ("dns", "connect")
        except (Blocked, UrlRejected):
            return False
        return False

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
        if self.offline:
            self.arxiv_error = "network unreachable"
            self.unchecked_ids.extend(missing)
            return
        from readme_lint.links.http import get_json_like

        settings, checker = self.settings, self.checker
        answer = query(
            missing, get_json_like(checker), settings.arxiv_api, settings.arxiv_interval, checker.client.deadline_at
        )
        self.arxiv_error = answer.error or self.arxiv_error
        self.unchecked_ids.extend(i for i in missing if i not in answer.papers)
        for identifier, paper in answer.papers.items():
            self.arxiv[identifier] = paper
            if paper is not None and not paper.withdrawn:
                self.cache.put(f"arxiv:{identifier}", {"title": paper.title, "published": paper.published})
        self.counts["arxiv"] += len(answer.papers)

    def close(self) -> None:
        self.cache.save()

    def summary(self) -> str:
        return format_summary(self.counts)

    def warnings(self) -> list[str]:
        """One line per kind of check that could not run (network unreachable, arXiv API failed)."""
        lines = []
        if self.offline:
            lines.append(
                f"network unreachable (every host failed DNS or connect): {self.counts['offline']} links not checked"
            )
        if self.unchecked_ids:
            ids = list(dict.fromkeys(self.unchecked_ids))
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            lines.append(f"arXiv IDs not checked ({self.arxiv_error or 'arXiv API failed'}): {shown}")
        return lines


def _check_cache_dir(directory: Path, setting: str, taken: dict[str, Path]) -> None:
    """A ``links.cache-dir`` that is not a folder of its own is a config error (LinkSettingsError)."""
    from readme_lint.links.cache import folder_problem
    from readme_lint.links.settings import LinkSettingsError

    with contextlib.suppress(OSError):
        taken = {**taken, "the working folder": Path.cwd()}
    problem = folder_problem(directory, taken)
    if problem:
        raise LinkSettingsError(f"links.cache-dir: {setting!r} {problem}; the cache needs a folder of its own")


def _host(url: str) -> str:
    from readme_lint.links.http import _host_key

    return _host_key(url)


def format_summary(c: Counter[str]) -> str:
    """``Links: 12 checked, 10 ok, ...`` from the counts of one or more services.

    "checked" counts only links that got a verdict, so an offline run reads ``0 checked, ... 2 unchecked``.
    """
    checked = sum(c[k] for k in ("ok", "broken", "redirect", "unverifiable"))
    parts = [
        f"{checked} checked",
        f"{c['ok']} ok",
        f"{c['broken']} broken",
        f"{c['redirect']} redirected",
        f"{c['unverifiable']} unverifiable",
        f"{c['excluded']} excluded",
        f"{c['cached']} cached",
    ]
    if c["unchecked"] or c["offline"]:
        parts.append(f"{c['unchecked'] + c['offline']} unchecked")
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
        fresh_redirects: bool = False,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> None:
        """``timeout``, ``max_retries``, ``deadline``: the command line's caps, which a config may only lower;
        the deadline (default :data:`DEFAULT_DEADLINE`) is the whole run's, whatever the number of configs.
        ``fresh_redirects``: unsafe fixes are on, so a cached redirect is asked again (a fix needs an answer of
        this run)."""
        self.caps: dict[str, Any] = {"timeout": timeout, "retries": max_retries, "deadline": deadline}
        self.clock = RunClock(deadline if deadline is not None else DEFAULT_DEADLINE)
        self.overrides: dict[str, Any] = {
            "max_concurrency": max_concurrency,
            "use_cache": False if no_cache else None,
            "allow_private": True if allow_private else None,
        }
        self.show_progress = show_progress and sys.stderr.isatty()
        self.services: dict[int, Any] = {}
        self.fresh_redirects = fresh_redirects
        self._notes: list[str] = []

    def for_config(self, config: Any, path: Path) -> LinkService:
        """The service for ``config``; a bad ``links`` table raises ValueError (LinkSettingsError)."""
        service = self.services.get(id(config))
        if service is None:
            from readme_lint.links.settings import parse_link_settings

            settings = parse_link_settings(config.links, self.caps, **self.overrides)
            base = config.source.parent if config.source else (config.root or path.resolve().parent)
            cache_dir, root = self._cache_dir(settings, base, config.root or base)
            service = LinkService(settings, cache_dir, self.show_progress, root=root)
            service.fresh_redirects = self.fresh_redirects
            service.clock = self.clock
            self.services[id(config)] = service
        return service

    def _cache_dir(self, settings: LinkSettings, base: Path, repository: Path) -> tuple[Path | None, Path | None]:
        """Where the cache of the config folder ``base`` lives, and the folder it must stay inside (None: no
        cache). ``links.cache-dir`` names a folder relative to the config; by default it is outside the
        working tree (:func:`readme_lint.links.cache.default_root`). Either way a folder inside a git work tree
        is not used, with one note per folder: a pull request could have committed its verdicts."""
        from readme_lint.links.cache import default_root, folder_for, work_tree

        if not settings.use_cache:
            return None, None
        if settings.cache_dir is not None:
            cache_dir, root = base / settings.cache_dir, repository
            taken = {"the repository root": repository, "the config's folder": base}
            _check_cache_dir(cache_dir, settings.cache_dir, taken)
        else:
            found = default_root(os.environ)
            if found is None:
                return None, None
            cache_dir, root = folder_for(found, base), None
        tree = work_tree(cache_dir)
        if tree is not None:
            self._notes.append(
                f"link cache {cache_dir} not used: it is inside the git work tree {tree}, where a pull request "
                "could commit it (set links.cache-dir outside a checkout, or READMELINT_CACHE_DIR)"
            )
            return None, None
        return cache_dir, root

    def notes(self) -> list[str]:
        """What the run chose not to do, once each (a cache inside a git work tree)."""
        return list(dict.fromkeys(self._notes))

    def close(self) -> None:
        for service in self.services.values():
            service.close()

    def summary(self) -> str:
        total: Counter[str] = Counter()
        for service in self.services.values():
            total.update(service.counts)
        return format_summary(total)

    def errors(self) -> list[str]:
        """Config errors found while checking (exit 2), each once."""
        return list(dict.fromkeys(e for service in self.services.values() for e in service.errors))

    def warnings(self) -> list[str]:
        """What could not be checked in this run, one line each (printed to stderr as warnings)."""
        return [line for service in self.services.values() for line in service.warnings()]
