"""Regular expressions compiled on first use, for the ones a typical lint never needs.

About a hundred patterns are compiled across the package, and compiling is most of what importing a module
costs; one a run may never reach (a config key's syntax, a lost-row heuristic, a git ref) is declared
``_X = lazy_pattern(r"...")`` and used as ``_X().match(text)``: compiled once, on the first call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast


def lazy_pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(source, flags)``, compiled on its first call and kept."""
    compiled: re.Pattern[str] | None = None

    def pattern() -> re.Pattern[str]:
        nonlocal compiled
        if compiled is None:
            compiled = re.compile(source, flags)
        return compiled

    return pattern


_PATTERN_ATTRIBUTES: tuple[str, ...] = ("match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer")
_PATTERN_ATTRIBUTES += ("scanner", "pattern", "flags", "groups", "groupindex")


class _LazyPattern:
    """Stands in for a compiled pattern: the first attribute looked up compiles it and keeps its bound methods in
    the instance, so later calls cost what the pattern's own would (no ``__getattr__`` on the hot path)."""

    def __init__(self, source: str, flags: int) -> None:
        self._lazy = (source, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._lazy)
        for attribute in _PATTERN_ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy_compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` deferred to the first use, for a module whose call sites say ``_X.match``:
    declaring ``_X = lazy_compile(r"...")`` changes no line that uses it. Only its methods and attributes are
    there (``_X.sub(...)``), not the type: ``isinstance`` and ``re.sub(_X, ...)`` would not take it."""
    return cast("re.Pattern[str]", _LazyPattern(source, flags))
