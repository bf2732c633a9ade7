"""``[tool.readme-lint.citations]`` and the environment: which API, where it is, how old a cached count may be.

The API base URLs can be set in the config (tests point them at 127.0.0.1) or in the environment
(``READMELINT_S2_API``, ``READMELINT_OPENALEX_API``). A config file can come from a pull request, so the
Semantic Scholar key (``S2_API_KEY``) is sent only to ``https://api.semanticscholar.org`` or to the URL the
environment names -- never to a host a config file chose.
"""

from __future__ import annotations

import os
from typing import Any, NamedTuple

from readme_lint.errors import unknown_key

SOURCES = ("semantic-scholar", "openalex")
LABELS = {"semantic-scholar": "Semantic Scholar", "openalex": "OpenAlex"}
DEFAULT_URLS = {"semantic-scholar": "https://api.semanticscholar.org/graph/v1", "openalex": "https://api.openalex.org"}
_ENV_URLS = {"semantic-scholar": "READMELINT_S2_API", "openalex": "READMELINT_OPENALEX_API"}
_KEY_HOST = "https://api.semanticscholar.org/"
_KEYS = {"source", "api-url", "openalex-url", "max-age", "interval", "source-name", "min-change"}


class CitationSettingsError(ValueError):
    """A bad ``citations`` setting; the message starts with the key."""


class CitationSettings(NamedTuple):
    source: str = "semantic-scholar"
    api_url: str = DEFAULT_URLS["semantic-scholar"]
    openalex_url: str = DEFAULT_URLS["openalex"]
    max_age: float = 7 * 86400.0  # a count fetched within a week is not asked again (a run resumes)
    interval: float = 1.0  # seconds between two requests to the API (Semantic Scholar asks 1 per second)
    source_name: str | None = None  # the wording a note that names its source gets (default: LABELS)
    min_change: int = 1
    api_key: str | None = None  # S2_API_KEY, when it may be sent to ``api_url``
    mailto: str | None = None  # OPENALEX_MAILTO: OpenAlex's polite pool

    @property
    def label(self) -> str:
        return self.source_name or LABELS[self.source]

    @property
    def base_url(self) -> str:
        return self.api_url if self.source == "semantic-scholar" else self.openalex_url


def parse_citation_settings(data: dict[str, Any], source: str | None = None, **overrides: Any) -> CitationSettings:
    """Validate the ``citations`` table; ``source`` and ``overrides`` (the command line) win where not None."""
    from readme_lint.links.settings import LinkSettingsError, _check_url, count, seconds

    unknown = set(data) - _KEYS
    if unknown:
        first = sorted(unknown)[0]
        raise CitationSettingsError(f"citations.{first}: {unknown_key(first, _KEYS)}")
    values: dict[str, Any] = {}
    try:
        if "source" in data:
            if data["source"] not in SOURCES:
                raise CitationSettingsError(f"citations.source: expected one of {', '.join(SOURCES)}")
            values["source"] = data["source"]
        for key, name in (("api-url", "api_url"), ("openalex-url", "openalex_url"), ("source-name", "source_name")):
            if key in data:
                if not isinstance(data[key], str) or not data[key].strip() or "\n" in data[key]:
                    raise CitationSettingsError(f"citations.{key}: expected a string on one line")
                values[name] = data[key].strip()
                if key != "source-name":
                    _check_url(values[name], f"citations.{key}")
        if "max-age" in data:
            values["max_age"] = seconds(data["max-age"], "citations.max-age", maximum=365 * 86400.0)
        if "interval" in data:
            values["interval"] = seconds(data["interval"], "citations.interval", maximum=60.0)
        if "min-change" in data:
            values["min_change"] = count(data["min-change"], "citations.min-change", 1, 1_000_000)
    except LinkSettingsError as error:
        raise CitationSettingsError(str(error)) from None
    if source is not None:
        values["source"] = source
    for name, environment in (("api_url", _ENV_URLS["semantic-scholar"]), ("openalex_url", _ENV_URLS["openalex"])):
        if os.environ.get(environment):
            values[name] = os.environ[environment].strip()
    values.update({name: value for name, value in overrides.items() if value is not None})
    settings = CitationSettings(**values)
    api_key = os.environ.get("S2_API_KEY") or None
    from_environment = settings.api_url == os.environ.get(_ENV_URLS["semantic-scholar"], "").strip()
    trusted = settings.api_url.startswith(_KEY_HOST) or from_environment
    mailto = os.environ.get("OPENALEX_MAILTO") or None
    return settings._replace(api_key=api_key if trusted else None, mailto=mailto)


def validate(data: Any) -> None:
    """For config loading: raise CitationSettingsError on a bad table (the environment is not read)."""
    if not isinstance(data, dict):
        raise CitationSettingsError("citations: expected a table")
    parse_citation_settings(data)
