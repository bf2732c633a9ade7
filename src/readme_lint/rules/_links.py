"""Title, paper cell and link form (RL2xx, offline): what a reader clicks must be well formed.

The helpers ``duplicate-paper``, ``paper-cell`` share.
"""

from __future__ import annotations


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
