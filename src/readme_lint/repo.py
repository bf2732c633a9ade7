"""Where a file's git repository starts, read from the file system alone (no subprocess, no config).

Both the config loader (configs are looked for up to the repository root) and the source layer (a file may not
leave its repository) need this; it lives below both so that neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

from readme_lint.patterns import lazy_pattern

_REMOTE_URL = lazy_pattern(r"github\.com[:/]+([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")


def find_repository_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding ``.git`` (a directory or a worktree file)."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def origin_repository(root: Path | None) -> str | None:
    """``owner/name`` of the ``origin`` remote when it is on GitHub, read from .git/config (no subprocess)."""
    if root is None:
        return None
    git_config = root / ".git" / "config"
    try:
        text = git_config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    in_origin = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_origin = line.replace(" ", "") == '[remote"origin"]'
        elif in_origin and line.startswith("url"):
            match = _REMOTE_URL().search(line.split("=", 1)[-1].strip())
            return f"{match.group(1)}/{match.group(2)}" if match else None
    return None
