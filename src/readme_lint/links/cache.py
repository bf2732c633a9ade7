"""The link cache: successful results only, for ``cache-max-age`` seconds.

Failures and unverifiable answers are never cached, so a fixed link is seen at once and a host that refused
us once is asked again next time. The default location is ``.readme-lint-cache/`` at the repository root,
git-ignored by a ``.gitignore`` inside it.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

VERSION = 1


class LinkCache:
    def __init__(self, directory: Path | None, max_age: float) -> None:
        self.directory = directory
        self.max_age = max_age
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        if directory is not None:
            try:
                data = json.loads((directory / "links.json").read_text(encoding="utf-8"))
                if data.get("version") == VERSION and isinstance(data.get("entries"), dict):
                    self.entries = data["entries"]
            except (OSError, ValueError):
                self.entries = {}

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self.entries.get(key)
        if entry is None or time.time() - float(entry.get("checked", 0)) > self.max_age:
            return None
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        self.entries[key] = {**entry, "checked": time.time()}
        self.changed = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is skipped silently (it is only a cache)."""
        if self.directory is None or not self.changed:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by readme-lint: the link cache is local state.\n*\n")
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".links.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"version": VERSION, "entries": self.entries}, stream)
            os.replace(temporary, self.directory / "links.json")
        except OSError:
            return
