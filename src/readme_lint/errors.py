"""The error types a run reports as one line and exit code 2, in a module cheap enough to import at start.

Every error the user can act on (a config typo, an unreadable file, a git revision that does not exist)
derives from ReadmeLintError, so the runner and the CLI catch them by type, never by class name.
"""

from __future__ import annotations

from collections.abc import Iterable


class ReadmeLintError(Exception):
    """A problem with the input or the setup, not a bug; the message is one line meant for the user."""


class GitError(ReadmeLintError):
    """git could not answer (``--diff-base``); the message is one line."""


def unknown_key(key: str, known: Iterable[str]) -> str:
    """``unknown key`` with ruff's and click's "did you mean" when a known key is a likely typo of ``key``."""
    import difflib

    match = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return f"unknown key (did you mean {match[0]!r}?)" if match else "unknown key"
