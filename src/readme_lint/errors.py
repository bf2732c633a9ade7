"""The error types a run reports as one line and exit code 2, in a module cheap enough to import at start.

Every error the user can act on (a config typo, an unreadable file, a git revision that does not exist)
derives from ReadmeLintError, so the runner and the CLI catch them by type, never by class name.
"""

from __future__ import annotations


class ReadmeLintError(Exception):
    """A problem with the input or the setup, not a bug; the message is one line meant for the user."""


class GitError(ReadmeLintError):
    """git could not answer (``--diff-base``); the message is one line."""
