"""``[tool.readme-lint.links]``: validated once, with command-line overrides layered on top."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

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
    "token-hosts",
    "max-redirects",
}
_HOST_KEYS = {"max-per-host", "min-interval", "headers", "accept"}


class HostSettings(NamedTuple):
    max_per_host: int | None = None
    min_interval: float | None = None
    headers: dict[str, str] = {}  # never mutated
    accept: frozenset[int] | None = None


class LinkSettings(NamedTuple):
    """Everything the online checker needs; defaults are polite to the hosts and safe for CI."""

    accept: frozenset[int] = frozenset(range(200, 300))
    exclude: tuple[re.Pattern[str], ...] = ()
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
    deadline: float | None = None
    token_hosts: frozenset[str] = frozenset({"github.com", "api.github.com"})
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
            codes.update(range(low, high + 1))
        else:
            raise LinkSettingsError(f"{key}: {item!r} is not a status code or a range like '200-299'")
    return frozenset(codes)


def _number(value: Any, key: str, minimum: float = 0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise LinkSettingsError(f"{key}: expected a number of at least {minimum}")
    return float(value)


def _count(value: Any, key: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise LinkSettingsError(f"{key}: expected a whole number of at least {minimum}")
    return value


def parse_link_settings(data: dict[str, Any], **overrides: Any) -> LinkSettings:
    """Validate the ``links`` table; ``overrides`` (from the command line) win where not None."""
    unknown = set(data) - _KEYS
    if unknown:
        raise LinkSettingsError(f"links.{sorted(unknown)[0]}: unknown key")
    values: dict[str, Any] = {}
    if "accept" in data:
        values["accept"] = _accept(data["accept"], "links.accept")
    if "exclude" in data:
        patterns = data["exclude"]
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise LinkSettingsError("links.exclude: expected a list of regular expressions")
        try:
            values["exclude"] = tuple(re.compile(p) for p in patterns)
        except re.error as error:
            raise LinkSettingsError(f"links.exclude: bad regular expression ({error})") from None
    for key, name in (
        ("timeout", "timeout"),
        ("min-interval", "min_interval"),
        ("cache-max-age", "cache_max_age"),
        ("arxiv-interval", "arxiv_interval"),
        ("deadline", "deadline"),
    ):
        if key in data:
            values[name] = _number(data[key], f"links.{key}")
    for key, name, minimum in (
        ("retries", "retries", 0),
        ("max-concurrency", "max_concurrency", 1),
        ("max-per-host", "max_per_host", 1),
        ("max-redirects", "max_redirects", 0),
    ):
        if key in data:
            values[name] = _count(data[key], f"links.{key}", minimum)
    for key, name in (("arxiv-api", "arxiv_api"), ("cache-dir", "cache_dir")):
        if key in data:
            if not isinstance(data[key], str) or not data[key]:
                raise LinkSettingsError(f"links.{key}: expected a string")
            values[name] = data[key]
    if "token-hosts" in data:
        hosts = data["token-hosts"]
        if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
            raise LinkSettingsError("links.token-hosts: expected a list of host names")
        values["token_hosts"] = frozenset(h.lower() for h in hosts)
    if "hosts" in data:
        values["hosts"] = _hosts(data["hosts"])
    for name, value in overrides.items():
        if value is not None:
            values[name] = value
    return LinkSettings(**values)


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
            raise LinkSettingsError(f"{key}.{sorted(unknown)[0]}: unknown key")
        headers = settings.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise LinkSettingsError(f"{key}.headers: expected a table of strings")
        hosts[host.lower()] = HostSettings(
            _count(settings["max-per-host"], f"{key}.max-per-host") if "max-per-host" in settings else None,
            _number(settings["min-interval"], f"{key}.min-interval") if "min-interval" in settings else None,
            dict(headers),
            _accept(settings["accept"], f"{key}.accept") if "accept" in settings else None,
        )
    return hosts
