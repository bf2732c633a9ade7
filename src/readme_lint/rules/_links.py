"""Title, paper cell and link form (RL2xx, offline): what a reader clicks must be well formed.

The helpers ``duplicate-paper``, ``paper-cell``, ``link-syntax`` and ``intro-missing`` share.
"""

from __future__ import annotations

import re


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_DOMAIN = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# `www.x.org`, or a domain followed by a path (`arxiv.org/abs/...`); `timeline.png` alone is a file name.
_DOMAIN_WITHOUT_SCHEME = re.compile(rf"^(?:www\.{_DOMAIN}(?:[/?#]|$)|{_DOMAIN}/)")


def web_address_without_scheme(target: str) -> bool:
    """``example.org/zeta``: a web address missing its ``https://``, which GitHub reads as a path in the repository
    (RL203 reports it; RL402 leaves it alone rather than report the same slip as a missing file)."""
    return bool(_DOMAIN_WITHOUT_SCHEME.match(target)) and not target.startswith(("./", "../"))
