"""Regular expressions compiled on first use, for the ones a typical lint never needs.

About a hundred patterns are compiled across the package, and compiling is most of what importing a module
costs; one a run may never reach (a config key's syntax, a lost-row heuristic, a git ref) is declared
``_X = lazy_pattern(r"...")`` and used as ``_X().match(text)``: compiled once, on the first call.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def lazy_pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(source, flags)``, compiled on its first call and kept."""
    compiled: re.Pattern[str] | None = None

    def pattern() -> re.Pattern[str]:
        nonlocal compiled
        if compiled is None:
            compiled = re.compile(source, flags)
        return compiled

    return pattern
