"""``--diff-base REF``: which lines of a file changed since a git ref, for reporting only on those.

A pull request check on a big list with old debt wants to judge what the pull request changed. ``git diff
--unified=0 REF -- FILE`` gives the changed line ranges of the working-tree file; a file that did not exist at
REF counts as changed everywhere. A pure deletion marks the line after it, so a removed row that breaks the
order of its neighbours is still reported.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from readme_lint.errors import GitError

_HUNK = re.compile(r"^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,([0-9]+))? @@", re.MULTILINE)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"cannot run git: {error}") from None


def changed_lines(path: Path, ref: str) -> set[int] | None:
    """Line numbers changed since ``ref``; None when the whole file is new."""
    directory = path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], directory)
    if top.returncode != 0:
        raise GitError(f"{path}: not inside a git repository (needed for --diff-base)")
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], directory).returncode != 0:
        raise GitError(f"--diff-base: unknown git revision {ref!r}")
    relative = path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    if _git(["cat-file", "-e", f"{ref}:{relative}"], directory).returncode != 0:
        return None
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--", relative], Path(top.stdout.strip()))
    if diff.returncode != 0:
        raise GitError(
            f"git diff failed: {diff.stderr.strip().splitlines()[0] if diff.stderr.strip() else diff.returncode}"
        )
    lines: set[int] = set()
    for match in _HUNK.finditer(diff.stdout):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count) if count else (max(start, 0) + 1,))
    return lines
