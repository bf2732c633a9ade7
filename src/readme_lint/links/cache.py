"""The link cache: successful results only, for ``cache-max-age`` seconds.

Failures and unverifiable answers are never cached, so a fixed link is seen at once and a host that refused
us once is asked again next time.

Where it lives (:func:`default_root`): outside the working tree, in a place the environment names (it belongs
to whoever runs readme-lint; a pull request writes files, not variables): ``READMELINT_CACHE_DIR``, else in a
GitHub Actions job the runner's per-job ``RUNNER_TEMP``, else the user cache folder (``XDG_CACHE_HOME``,
``LOCALAPPDATA`` on Windows, ``~/.cache``), one folder per config folder. A cache folder inside a git work tree,
tracked or not, is never read or written (:func:`work_tree`): a pull request could have committed it, verdicts
included (issue 17: a committed ``redirect`` entry made ``--fix`` write the attacker's host into the list).

The cache file can come from a pull request (committed by force), so nothing in it is trusted: a file that is
not the expected JSON, an entry of the wrong shape, a ``checked`` time that is not a finite time in the past,
or a ``final_url`` that is not a clean URL is ignored (and rebuilt), never a traceback. The cache folder must
resolve (symlinks followed) inside the repository, and the file is read only when it is a regular file of
sane size; otherwise the cache is not used at all.

A ``links.cache-dir`` must name a folder of its own (:func:`folder_problem`): not the repository root, the
config's folder or the working folder, and not an existing folder of other files, since the ``.gitignore`` of
``*`` it gets would hide them from git.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

VERSION = 1
MAX_FILE = 64 * 1048576
_KINDS = ("ok", "redirect")
# The first line of the .gitignore every cache folder gets: it marks the folder as ours.
MARKER = "# Created by readme-lint: the link cache is local state.\n"


class LinkCache:
    def __init__(self, directory: Path | None, max_age: float, root: Path | None = None) -> None:
        self.directory = directory if directory is not None and _inside(directory, root) else None
        self.max_age = max_age
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        if self.directory is not None:
            data = _load(self.directory / "links.json")
            if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry for ``key`` when it is fresh and well-formed, else None (a bad entry is dropped)."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        if not _valid(key, entry) or time.time() - entry["checked"] > self.max_age:
            del self.entries[key]
            self.changed = True
            return None
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        self.entries[key] = {**entry, "checked": time.time()}
        self.changed = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is skipped silently (it is only a cache)."""
        if self.directory is None or not self.changed:
            return
        write_cache_file(self.directory, "links.json", {"version": VERSION, "entries": self.entries})


def write_cache_file(directory: Path, name: str, data: Any) -> bool:
    """Write ``data`` as JSON to ``directory/name`` atomically, beside a ``.gitignore`` of ``*``; False when it
    cannot be written (a cache is only a cache) or the folder turned into a symlink meanwhile. The rename
    replaces a symlink at ``name``, never writes through it."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if not _inside(directory, None):  # made a symlink meanwhile: not ours to write through
            return False
        _write_gitignore(directory / ".gitignore")
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{Path(name).stem}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream)
        os.replace(temporary, directory / name)
    except OSError:
        return False
    return True


def default_root(environ: Mapping[str, str]) -> Path | None:
    """The folder that holds readme-lint's caches, from the environment; None when it names none (no cache).

    In a GitHub Actions job ``RUNNER_TEMP`` comes before the user's cache folder: it is emptied for every job,
    while the home folder of a self-hosted runner outlives jobs, other workflows' included.
    """
    for variable, below in (
        ("READMELINT_CACHE_DIR", ()),
        ("RUNNER_TEMP", ("readme-lint-cache",)),
        ("XDG_CACHE_HOME", ("readme-lint",)),
        ("LOCALAPPDATA", ("readme-lint", "Cache")),
    ):
        value = environ.get(variable, "")
        if value and os.path.isabs(value) and (variable != "RUNNER_TEMP" or environ.get("GITHUB_ACTIONS")):
            return Path(value).joinpath(*below)
    try:
        return Path.home() / ".cache" / "readme-lint"
    except (RuntimeError, KeyError):  # no home folder: no cache
        return None


def folder_for(root: Path, base: Path, kind: str = "links") -> Path:
    """The cache folder of the config folder ``base`` under ``root``: verdicts depend on a config's ``accept``
    and headers, so each config folder keeps its own (``kind``: ``links``, or ``citations`` for the counts)."""
    digest = hashlib.sha256(str(base.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return root / kind / f"{base.resolve().name[:40] or 'root'}-{digest}"


def work_tree(directory: Path) -> Path | None:
    """The git work tree ``directory`` (symlinks resolved) lies in, or None: a folder up the path that holds a
    ``.git`` folder or file (a worktree or submodule). Whether git tracks the cache does not matter: an
    untracked file in a checkout came with it too (an archive, a build step of the pull request)."""
    try:
        resolved = directory.resolve()
    except (OSError, RuntimeError):
        return None
    for folder in (resolved, *resolved.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _inside(directory: Path, root: Path | None) -> bool:
    """Whether ``directory`` (symlinks resolved) lies inside ``root`` (default: where it says it is)."""
    try:
        resolved = directory.resolve()
        base = (root or directory.parent).resolve()
    except (OSError, RuntimeError):
        return False
    return resolved == base or base in resolved.parents


def folder_problem(directory: Path, taken: dict[str, Path]) -> str | None:
    """Why ``directory`` cannot hold the cache (one line), or None when it can.

    The cache writes a ``.gitignore`` of ``*`` into its folder: in the repository root, or in a folder of the
    project's own files, that hides every untracked file there from ``git status``. So the cache needs a folder
    of its own: none of ``taken`` (name -> place, e.g. the repository root and the working folder), and, when it
    exists, an empty folder or one readme-lint made (its ``.gitignore`` starts with :data:`MARKER`).
    """
    try:
        resolved = directory.resolve()
        for name, place in taken.items():
            if resolved == place.resolve():
                return f"is {name}"
        if not os.path.lexists(resolved):
            return None
        if not resolved.is_dir():
            return "is not a folder"
        if any(True for _ in resolved.iterdir()) and not _ours(resolved):
            return "holds files that are not a readme-lint cache"
    except (OSError, RuntimeError) as error:
        return f"cannot be read ({getattr(error, 'strerror', None) or error})"
    return None


def _ours(directory: Path) -> bool:
    """Whether ``directory`` is a cache folder readme-lint made: a regular ``.gitignore`` starting with MARKER."""
    try:
        descriptor = os.open(directory / ".gitignore", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    with os.fdopen(descriptor, "rb") as stream:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode) and stream.read(len(MARKER)) == MARKER.encode()


def _load(path: Path) -> Any:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:
            return None
        with os.fdopen(descriptor, "rb") as stream:
            descriptor = -1
            return json.loads(stream.read(MAX_FILE + 1).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def _valid(key: str, entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    checked = entry.get("checked")
    if isinstance(checked, bool) or not isinstance(checked, (int, float)) or not math.isfinite(checked):
        return False
    if checked > time.time() + 60:  # from the future: would never expire
        return False
    if key.startswith("arxiv:"):
        return isinstance(entry.get("title"), str) and isinstance(entry.get("published", ""), str)
    status = entry.get("status")
    return (
        entry.get("kind") in _KINDS
        and (status is None or (isinstance(status, int) and not isinstance(status, bool)))
        and isinstance(entry.get("detail", ""), str)
        and "\n" not in entry.get("detail", "")
        and (entry.get("final_url") is None or isinstance(entry.get("final_url"), str))
        and (entry.get("kind") != "redirect" or isinstance(entry.get("final_url"), str))
    )


def _write_gitignore(path: Path) -> None:
    """Create the folder's ``.gitignore`` once; never through a symlink (O_EXCL | O_NOFOLLOW)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(MARKER + "*\n")
