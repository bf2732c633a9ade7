"""``--diff-base REF``: which lines of a file changed since a git ref, for reporting only on those.

A pull request check on a big list with old debt wants to judge what the pull request changed. The base is
``git merge-base REF HEAD``, as ``git diff REF...HEAD`` and GitHub's pull request view use: comparing with the
tip of REF would blame a branch for problems REF has fixed since the branch started. ``git diff --unified=0
BASE -- FILE`` gives the changed line ranges of the working-tree file; a file that did not exist at the base
counts as changed everywhere. A pure deletion marks the line after it, so a removed row that breaks the order
of its neighbours is still reported. ``--fix`` needs the changed lines of each text it produces (a sort moves
rows), so ``base_text`` and ``lines_changed`` compare texts in memory.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from readme_lint.errors import GitError

_HUNK = re.compile(r"^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,([0-9]+))? @@", re.MULTILINE)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"cannot run git: {error}") from None


class _Base(NamedTuple):
    """Where a file's base version lives: the repository top, the file's path in it, the base commit."""

    root: Path
    relative: str
    commit: str


class GitBases:
    """git's answers about one run's files, each asked once.

    The pre-commit hook (``--changed-files``) asks, for every file, whether HEAD exists, which lines changed and
    what the base text was; each answer needs the repository top, the base commit and the file at that commit.
    Asked separately that was thirteen git processes for one README (three ``rev-parse --show-toplevel``, three
    ``rev-parse --verify``, two ``merge-base HEAD HEAD``): about a third of the hook's time on a small list. One
    object lives for one run (a later run, after a commit, asks again).
    """

    def __init__(self) -> None:
        self._resolved: dict[tuple[Path, str], tuple[str, str | None] | None] = {}
        self._bases: dict[tuple[Path, str], _Base] = {}
        self._text: tuple[_Base, str | None] | None = None  # the last file's: a run may see many big lists

    def _resolve(self, directory: Path, ref: str) -> tuple[str, str | None] | None:
        """(repository top, the commit ``ref`` names or None) from one ``git rev-parse``; None outside a repository."""
        key = (directory, ref)
        if key not in self._resolved:
            found = _git(["rev-parse", "--show-toplevel", "--verify", "--quiet", f"{ref}^{{commit}}"], directory)
            lines = found.stdout.split("\n")
            if found.returncode not in (0, 1) or not lines[0].strip():
                self._resolved[key] = None
            else:
                commit = lines[1].strip() if found.returncode == 0 and len(lines) > 1 else ""
                self._resolved[key] = (lines[0].strip(), commit or None)
        return self._resolved[key]

    def has_head(self, path: Path) -> bool:
        """Whether ``path`` is in a git repository with a commit checked out (the first commit has none before it)."""
        try:
            resolved = self._resolve(path.resolve().parent, "HEAD")
        except GitError:
            return False
        return resolved is not None and resolved[1] is not None

    def _base(self, path: Path, ref: str) -> _Base:
        """The file's base: the merge base of ``ref`` and HEAD -- or a GitError."""
        file = path.resolve()
        key = (file, ref)
        if key in self._bases:
            return self._bases[key]
        directory = file.parent
        resolved = self._resolve(directory, ref)
        if resolved is None:
            raise GitError(f"{path}: not inside a git repository (needed for --diff-base)")
        top, commit = resolved
        if commit is None:
            raise GitError(f"--diff-base: unknown git revision {ref!r}")
        if ref != "HEAD":  # the merge base of HEAD and HEAD is HEAD
            found = _git(["merge-base", ref, "HEAD"], directory)
            if found.returncode != 0:
                raise GitError(f"--diff-base: {ref!r} and HEAD have no common ancestor (is the clone shallow?)")
            commit = found.stdout.strip()
        root = Path(top).resolve()
        base = self._bases[key] = _Base(root, file.relative_to(root).as_posix(), commit)
        return base

    def base_text(self, path: Path, ref: str) -> str | None:
        """The file's text at the merge base of ``ref`` and HEAD; None when it did not exist there."""
        base = self._base(path, ref)
        if self._text is None or self._text[0] != base:
            try:
                shown = subprocess.run(
                    ["git", "show", f"{base.commit}:{base.relative}"], cwd=base.root, capture_output=True, timeout=60
                )
            except (OSError, subprocess.TimeoutExpired) as error:
                raise GitError(f"cannot run git: {error}") from None
            text = shown.stdout.decode("utf-8-sig", errors="replace") if shown.returncode == 0 else None
            self._text = (base, text)
        return self._text[1]

    def changed_lines(self, path: Path, ref: str) -> set[int] | None:
        """Line numbers changed since the merge base of ``ref`` and HEAD; None when the whole file is new."""
        if self.base_text(path, ref) is None:  # also read by the hook's baseline: one ``git show`` for both
            return None
        root, relative, base = self._base(path, ref)
        diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", base, "--", relative], root)
        if diff.returncode != 0:
            raise GitError(
                f"git diff failed: {diff.stderr.strip().splitlines()[0] if diff.stderr.strip() else diff.returncode}"
            )
        lines: set[int] = set()
        for match in _HUNK.finditer(diff.stdout):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            lines.update(range(start, start + count) if count else (max(start, 0) + 1,))
        return lines | _lines_linking_changes(path, root, relative, base)


def _lines_linking_changes(path: Path, root: Path, relative: str, base: str) -> set[int]:
    """Lines that link to a file changed since the base, or into its intro folder.

    Renaming or deleting an intro folder changes no line of the list, yet breaks the list's link to it: the
    line holding that link counts as changed, so the branch that broke it is the one told.
    """
    names = _git(["diff", "--name-only", "--no-renames", "-z", base], root)
    folder = relative.rpartition("/")[0]
    prefix = f"{folder}/" if folder else ""
    needles: set[str] = set()
    for name in names.stdout.split("\0") if names.returncode == 0 else ():
        if not name or name == relative or not name.startswith(prefix):
            continue
        below = name[len(prefix) :]
        needles.update((below, quote(below)))
        parent = below.rpartition("/")[0]
        if "/" in parent:  # an intro folder (<section>/<slug>/), not a whole section
            needles.update((f"{parent}/", f"{quote(parent)}/"))
    if not needles:
        return set()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {number for number, line in enumerate(text.splitlines(), 1) if any(needle in line for needle in needles)}


def lines_changed(before: str | None, after: str) -> set[int] | None:
    """Lines of ``after`` that differ from ``before`` (None: all), with the deletion rule of ``changed_lines``."""
    if before is None:
        return None
    import difflib

    from readme_lint.source import split_lines

    old, new = split_lines(before)[0], split_lines(after)[0]
    lines: set[int] = set()
    for tag, _, _, start, end in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            lines.update(range(start + 1, end + 1))
        elif tag == "delete":
            lines.add(start + 1)
    return lines
