"""Counts already fetched, per source, with the time they were fetched: what makes a run resumable.

It lives where the link cache does, outside the working tree (``citations/<folder>-<hash>/citations.json``
under ``links.cache.default_root``; a folder inside a git work tree is never used, so a pull request cannot
commit counts into it), with a ``.gitignore`` of its own, and follows the link cache's rules: the
folder must resolve inside the repository, the file is only read when it is a regular file of sane size,
and nothing in it is trusted (an entry of the wrong shape, or from the future, is dropped). Entries are keyed
by source, so a run never takes one API's count for another's. It is saved after every batch: a run cut off
by a network failure keeps what it fetched, and the next run asks only for the rest.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

from readme_lint.links.cache import _inside, _load, write_cache_file

VERSION = 1
FILE = "citations.json"


class CountCache:
    def __init__(self, directory: Path | None, max_age: float, root: Path | None = None) -> None:
        self.directory = directory if directory is not None and _inside(directory, root) else None
        self.max_age = max_age
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        if self.directory is not None:
            data = _load(self.directory / FILE)
            if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]

    def get(self, source: str, key: str) -> int | None:
        """The count fetched for ``key`` from ``source`` within ``max_age``, else None."""
        entry = self.entries.get(f"{source}|{key}")
        if entry is None:
            return None
        if not _valid(entry) or time.time() - entry["fetched"] > self.max_age:
            del self.entries[f"{source}|{key}"]
            self.changed = True
            return None
        return int(entry["count"])

    def put(self, source: str, key: str, count: int) -> None:
        self.entries[f"{source}|{key}"] = {"count": count, "fetched": time.time()}
        self.changed = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is skipped (it is only a cache)."""
        if self.directory is None or not self.changed:
            return
        if write_cache_file(self.directory, FILE, {"version": VERSION, "entries": self.entries}):
            self.changed = False


def _valid(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    fetched, count = entry.get("fetched"), entry.get("count")
    if isinstance(fetched, bool) or not isinstance(fetched, (int, float)) or not math.isfinite(fetched):
        return False
    if fetched > time.time() + 60:  # from the future: would never expire
        return False
    return isinstance(count, int) and not isinstance(count, bool) and 0 <= count < 10**9
