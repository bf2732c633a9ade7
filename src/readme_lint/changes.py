"""``--changed-files``: from the files a commit touched to the READMEs that must be linted again.

pre-commit passes a hook the changed files, never the list that links them: renaming or deleting an intro
folder (``<section>/<slug>/README.md`` and its images) breaks the list's intro links without touching the list.
With ``--changed-files`` a README path is linted as itself, and every path -- an image, another file, a
README, or a path that no longer exists -- also brings in each README in a folder above it that links into the
folder holding it (the first path component below the README's folder, e.g. ``attention-mechanism``). Files the
list does not link into (scripts, CI config) bring in nothing, so a commit that only touches them stays fast.
pre-commit never passes deleted files, so files deleted in git's index count as changed too (the hook runs
with ``always_run`` to see a commit that only deletes).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote


def is_readme(path: Path) -> bool:
    return path.name.lower() == "readme.md"


class ListFinder:
    """Finds the READMEs above a path that link into its folder; directory listings and texts are read once."""

    def __init__(self) -> None:
        self._readme_in: dict[Path, Path | None] = {}
        self._texts: dict[Path, str] = {}
        self._links: dict[tuple[Path, str], bool] = {}

    def lists_for(self, path: Path) -> list[Path]:
        """READMEs in the folders above ``path`` (up to the repository's top) whose links lead into its folder."""
        target = Path(os.path.abspath(path))
        here = Path.cwd()
        found = []
        for directory in target.parents:
            readme = self._readme(directory)
            if readme is not None and readme != target:
                first = target.relative_to(directory).parts[0]
                if self._links_into(readme, first):
                    found.append(readme)
            if directory == here or (directory / ".git").exists():
                break  # the repository's top, or outside one the folder readme-lint runs in
        return found

    def _readme(self, directory: Path) -> Path | None:
        if directory not in self._readme_in:
            try:
                names = sorted(name for name in os.listdir(directory) if name.lower() == "readme.md")
            except OSError:
                names = []
            readme = directory / names[0] if names else None
            self._readme_in[directory] = readme if readme is not None and readme.is_file() else None
        return self._readme_in[directory]

    def _links_into(self, readme: Path, first: str) -> bool:
        """Whether the README's text has a link target starting with (or passing through) ``first``."""
        key = (readme, first)
        if key not in self._links:
            if readme not in self._texts:
                try:
                    self._texts[readme] = readme.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    self._texts[readme] = ""
            names = {re.escape(first), re.escape(quote(first))}
            pattern = rf"[(/<\"'](?:{'|'.join(sorted(names))})(?=[/)#?>\"'\s]|$)"
            self._links[key] = re.search(pattern, self._texts[readme], re.MULTILINE) is not None
        return self._links[key]


def staged_deletions() -> list[Path]:
    """Paths deleted in git's index: pre-commit never passes deleted files, so the hook asks git itself.

    Outside a git repository, or when git cannot answer, there are none.
    """
    import subprocess

    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30)
        if top.returncode != 0:
            return []
        deleted = subprocess.run(
            ["git", "diff", "--cached", "--name-only", "--no-renames", "--diff-filter=D", "-z"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    root = Path(top.stdout.strip())
    return [_relative(root / name) for name in deleted.stdout.split("\0") if name]


def readmes_for_changes(paths: list[Path]) -> list[Path]:
    """What to lint for a set of changed paths, in order, without repeats (see the module doc)."""
    finder = ListFinder()
    chosen: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        own = [path] if path.is_dir() or (is_readme(path) and path.is_file()) else []
        for candidate in own + finder.lists_for(path):
            key = Path(os.path.abspath(candidate))
            if key not in seen:
                seen.add(key)
                chosen.append(candidate if candidate is path else _relative(key))
    return chosen


def _relative(path: Path) -> Path:
    try:
        return Path(os.path.relpath(path))
    except ValueError:
        return path
