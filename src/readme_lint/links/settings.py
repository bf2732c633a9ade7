"""``[tool.readme-lint.links]``: validated once, with command-line overrides layered on top."""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

from readme_lint.errors import unknown_key

_KEYS = {
    "accept",
    "exclude",
    "hosts",
    "timeout",
    "retries",
    "max-concurrency",
    "max-per-host",
    "min-interval",
    "cache-max-age",
    "cache-dir",
    "arxiv-api",
    "arxiv-interval",
    "deadline",
    "max-redirects",
}
# Upper bounds: a config from a pull request must not make a run hang or exhaust the machine.
MAX_CONCURRENCY = 256
MAX_SECONDS = 3600.0
DEFAULT_DEADLINE = 300.0  # seconds for the link checks of a run, unless the command line says otherwise
# What the command line caps (``--timeout``, ``--max-retries``, ``--deadline``): the config may only lower them.
CAPPED = ("timeout", "retries", "deadline")
MAX_PATTERN = 500
EXCLUDE_BUDGET = 2.0  # seconds of links.exclude matching per run
_HOST_KEYS = {"max-per-host", "min-interval", "headers", "accept"}
# Headers a config may not set: they decide where a request goes and how it is framed (request smuggling).
_FRAMING_HEADERS = {"host", "content-length", "transfer-encoding", "connection", "te", "upgrade", "trailer"}


class HostSettings(NamedTuple):
    max_per_host: int | None = None
    min_interval: float | None = None
    headers: dict[str, str] = {}  # never mutated
    accept: frozenset[int] | None = None


class LinkSettings(NamedTuple):
    """Everything the online checker needs; defaults are polite to the hosts and safe for CI."""

    accept: frozenset[int] = frozenset(range(200, 300))
    exclude: tuple[re.Pattern[str], ...] = ()  # checked by exclude_pattern: bounded size, no nested repeats
    hosts: dict[str, HostSettings] = {}  # never mutated
    timeout: float = 10.0
    retries: int = 3
    max_concurrency: int = 32
    max_per_host: int = 4
    min_interval: float = 0.0
    cache_max_age: float = 86400.0
    cache_dir: str | None = None
    use_cache: bool = True
    allow_private: bool = False
    arxiv_api: str = "https://export.arxiv.org/api/query"
    arxiv_interval: float = 3.0
    deadline: float | None = DEFAULT_DEADLINE
    max_redirects: int = 10
    retry_after_cap: float = 60.0

    def for_host(self, host: str) -> HostSettings:
        return self.hosts.get(host.lower(), HostSettings())


class LinkSettingsError(ValueError):
    """A bad ``links`` setting; the message names the key."""


def _accept(value: Any, key: str) -> frozenset[int]:
    if not isinstance(value, list):
        raise LinkSettingsError(f"{key}: expected a list of status codes or ranges like '200-299'")
    codes: set[int] = set()
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool) and 100 <= item <= 999:
            codes.add(item)
        elif isinstance(item, str) and re.fullmatch(r"[1-9][0-9]{2}-[1-9][0-9]{2}", item):
            low, high = (int(part) for part in item.split("-"))
            if low > high:
                raise LinkSettingsError(f"{key}: {item!r} is an empty range (the low code comes first)")
            codes.update(range(low, high + 1))
        else:
            raise LinkSettingsError(f"{key}: {item!r} is not a status code or a range like '200-299'")
    return frozenset(codes)


def seconds(value: Any, key: str, positive: bool = False, maximum: float = MAX_SECONDS) -> float:
    """A finite number of seconds in range; ``positive``: 0 is refused too (a 0 timeout or deadline would
    mean "give up at once", never "no limit")."""
    number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    low = "more than 0" if positive else "at least 0"
    if number is None or not math.isfinite(number) or number < 0 or (positive and number == 0) or number > maximum:
        raise LinkSettingsError(f"{key}: expected a number of seconds, {low} and at most {maximum:g}")
    return float(number)


def count(value: Any, key: str, minimum: int = 1, maximum: int = 1000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise LinkSettingsError(f"{key}: expected a whole number from {minimum} to {maximum}")
    return value


def exclude_pattern(pattern: Any, key: str) -> re.Pattern[str]:
    """A ``links.exclude`` regex, refused when its shape can backtrack exponentially (ReDoS from a config).

    Python's ``re`` backtracks and has no time limit of its own. Two guards: here, the pattern's parse tree is
    checked up front -- at most 500 characters, no backreferences, no repeat or alternation inside a repeat
    (``(a+)+``, ``(a|aa)*``, ``(\\w+\\.)*``); and :func:`excluded_urls` runs the matching under a time budget,
    since even ``.*.*x`` takes seconds on a long URL.
    """
    if not isinstance(pattern, str):
        raise LinkSettingsError(f"{key}: expected a list of regular expressions")
    if len(pattern) > MAX_PATTERN:
        raise LinkSettingsError(f"{key}: pattern longer than {MAX_PATTERN} characters")
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise LinkSettingsError(f"{key}: bad regular expression ({error})") from None
    problem = _backtracking(_parse(pattern), inside_repeat=False)
    if problem:
        raise LinkSettingsError(f"{key}: {pattern!r} {problem}, which can take exponential time; simplify it")
    return compiled


def _parse(pattern: str) -> Any:
    """The parse tree ``re`` itself builds."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        return _parser.parse(pattern)
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse

        return sre_parse.parse(pattern)


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _backtracking(tree: Any, inside_repeat: bool) -> str | None:
    """Why the parsed pattern could backtrack catastrophically, or None."""
    for op, value in tree:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "uses a backreference"
        if name in _REPEATS:
            unbounded = value[1] > 1
            if unbounded and inside_repeat:
                return "repeats a repeated group"
            found = _backtracking(value[2], inside_repeat or unbounded)
        elif name == "BRANCH":
            if inside_repeat:
                return "repeats an alternation"
            found = next((f for f in (_backtracking(b, inside_repeat) for b in value[1]) if f), None)
        elif name == "SUBPATTERN":
            found = _backtracking(value[-1], inside_repeat)
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _backtracking(value[1], inside_repeat)
        else:
            found = None
        if found:
            return found
    return None


def excluded_urls(patterns: tuple[re.Pattern[str], ...], urls: list[str], budget: float) -> set[str]:
    """The ``urls`` a ``links.exclude`` pattern matches; raises LinkSettingsError past ``budget`` seconds in all.

    The budget is enforced with a timer signal (``re`` checks for signals while it backtracks), available in
    the main thread on POSIX systems; elsewhere only the shape check of :func:`exclude_pattern` applies.
    """
    if not patterns or not urls:
        return set()
    import signal
    import threading

    def matching() -> set[str]:
        found = set()
        for url in urls:
            for pattern in patterns:
                current[0] = pattern.pattern
                if pattern.search(url):
                    found.add(url)
                    break
        return found

    current: list[str] = [""]
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return matching()
    if budget <= 0:
        raise LinkSettingsError("links.exclude: the patterns used up their time budget; simplify them")

    def interrupt(signum: int, frame: Any) -> None:
        raise LinkSettingsError(f"links.exclude: {current[0]!r} took too long (over {budget:.3g} s); simplify it")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return matching()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_link_settings(data: dict[str, Any], caps: dict[str, Any] | None = None, **overrides: Any) -> LinkSettings:
    """Validate the ``links`` table; ``overrides`` (from the command line) win where not None.

    ``caps`` (from the command line: ``timeout``, ``retries``, ``deadline``) are the values used when the config
    does not set them, and the most it may ask: a config may only lower them, since a pull request writes it and
    would otherwise decide how long a run lasts (600 s a request and 10 retries is two hours a link). The
    deadline is capped even without a command line: at :data:`DEFAULT_DEADLINE`.
    """
    if "token-hosts" in data:
        raise LinkSettingsError(
            "links.token-hosts: not a setting any more: GITHUB_TOKEN goes to github.com and api.github.com only"
        )
    unknown = set(data) - _KEYS
    if unknown:
        first = sorted(unknown)[0]
        raise LinkSettingsError(f"links.{first}: {unknown_key(first, _KEYS)}")
    values: dict[str, Any] = {}
    if "accept" in data:
        values["accept"] = _accept(data["accept"], "links.accept")
    if "exclude" in data:
        patterns = data["exclude"]
        if not isinstance(patterns, list):
            raise LinkSettingsError("links.exclude: expected a list of regular expressions")
        values["exclude"] = tuple(exclude_pattern(p, "links.exclude") for p in patterns)
    for key, name, positive, maximum in (
        ("timeout", "timeout", True, 600.0),
        ("min-interval", "min_interval", False, 60.0),
        ("cache-max-age", "cache_max_age", False, 365 * 86400.0),
        ("arxiv-interval", "arxiv_interval", False, 60.0),
        ("deadline", "deadline", True, 86400.0),
    ):
        if key in data:
            values[name] = seconds(data[key], f"links.{key}", positive, maximum)
    for key, name, minimum, maximum in (
        ("retries", "retries", 0, 10),
        ("max-concurrency", "max_concurrency", 1, MAX_CONCURRENCY),
        ("max-per-host", "max_per_host", 1, 64),
        ("max-redirects", "max_redirects", 0, 30),
    ):
        if key in data:
            values[name] = count(data[key], f"links.{key}", minimum, maximum)
    for key, name in (("arxiv-api", "arxiv_api"), ("cache-dir", "cache_dir")):
        if key in data:
            if not isinstance(data[key], str) or not data[key]:
                raise LinkSettingsError(f"links.{key}: expected a string")
            values[name] = data[key]
    if "cache-dir" in data and not _relative_inside(data["cache-dir"]):
        raise LinkSettingsError("links.cache-dir: expected a folder inside the repository (relative, no '..')")
    if "cache-dir" in data and not _below(data["cache-dir"]):
        raise LinkSettingsError(
            f"links.cache-dir: {data['cache-dir']!r} is the config's own folder; the cache needs a folder of its own"
        )
    if "arxiv-api" in data:
        _check_url(data["arxiv-api"], "links.arxiv-api")
    if "hosts" in data:
        values["hosts"] = _hosts(data["hosts"])
    limits = {"deadline": DEFAULT_DEADLINE, **{k: v for k, v in (caps or {}).items() if v is not None}}
    for name, cap in limits.items():
        values[name] = min(values[name], cap) if values.get(name) is not None else cap
    for name, value in overrides.items():
        if value is not None:
            values[name] = value
    return LinkSettings(**values)


def _relative_inside(text: str) -> bool:
    from pathlib import PurePosixPath, PureWindowsPath

    parts = PurePosixPath(text.replace("\\", "/"))
    return not parts.is_absolute() and not PureWindowsPath(text).drive and ".." not in parts.parts


def _below(text: str) -> bool:
    """Whether ``text`` (relative, no ``..``) names a folder below the config's, not the folder itself (``.``):
    the cache's ``.gitignore`` of ``*`` would hide the whole project from git there."""
    from pathlib import PurePosixPath

    return bool(PurePosixPath(text.replace("\\", "/")).parts)


def _check_url(text: str, key: str) -> None:
    from readme_lint.links.policy import UrlRejected, parse_target

    try:
        parse_target(text)
    except UrlRejected as error:
        raise LinkSettingsError(f"{key}: {error}") from None


def _hosts(value: Any) -> dict[str, HostSettings]:
    if not isinstance(value, dict):
        raise LinkSettingsError("links.hosts: expected a table keyed by host name")
    hosts = {}
    for host, settings in value.items():
        key = f'links.hosts."{host}"'
        if not isinstance(settings, dict):
            raise LinkSettingsError(f"{key}: expected a table")
        unknown = set(settings) - _HOST_KEYS
        if unknown:
            first = sorted(unknown)[0]
            raise LinkSettingsError(f"{key}.{first}: {unknown_key(first, _HOST_KEYS)}")
        headers = settings.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise LinkSettingsError(f"{key}.headers: expected a table of strings")
        for name, text in headers.items():
            if not re.fullmatch(r"[A-Za-z0-9-]{1,64}", name) or name.lower() in _FRAMING_HEADERS:
                raise LinkSettingsError(f"{key}.headers: {name!r} cannot be set (framing or not a header name)")
            if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text) or len(text) > 1024:
                raise LinkSettingsError(f"{key}.headers.{name}: control characters or over 1024 characters")
        hosts[host.lower()] = HostSettings(
            count(settings["max-per-host"], f"{key}.max-per-host", 1, 64) if "max-per-host" in settings else None,
            (
                seconds(settings["min-interval"], f"{key}.min-interval", maximum=60.0)
                if "min-interval" in settings
                else None
            ),
            dict(headers),
            _accept(settings["accept"], f"{key}.accept") if "accept" in settings else None,
        )
    return hosts
