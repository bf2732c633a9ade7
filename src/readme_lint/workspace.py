"""Working-tree facts: what the intro rules (RL4xx) may know about the repository, gathered once per lint.

Rules never touch the file system themselves: the linter builds one ``Workspace`` before any rule runs (only
when a selected rule declares ``needs_workspace``) and every question about files goes through it. It is the
single place that enforces the boundary: a path is looked at only when it lies inside the linted file's
repository root after resolving symlinks, so a README cannot make readme-lint read or probe anything else
(``../../secret/creds.txt``, ``/etc/passwd``, a symlink to ``/``); such links are simply not judged.

The repository identity (OWNER/REPO of intro links) is the config's ``repository``, else the repository the
file's own GitHub links point at, else the ``upstream`` remote, else ``origin``. Links win over remotes on
purpose: in a contributor's fork ``origin`` is the fork, while the list links its upstream repository.
Without git there is no working tree: questions about files get "cannot tell" (None) and rules stay quiet.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol
from urllib.parse import unquote

from readme_lint.papers import slugify
from readme_lint.patterns import lazy_pattern

if TYPE_CHECKING:
    from readme_lint.document import Document, Section
    from readme_lint.markdown import Link


class RepositorySettings(Protocol):
    """What the workspace reads of the settings (``config.Config`` and the rules' config view are ones)."""

    @property
    def repository(self) -> str | None: ...
    @property
    def branch(self) -> str | None: ...
    def section(self, title: str) -> Any: ...


# ``\s`` of a str pattern spelled out (the characters ``str.isspace`` accepts; a test holds the two together): a
# class of characters is matched from a table, where ``\s`` asks each character's category -- on the long path of
# every intro link, that was a third of gathering the working-tree facts.
_SPACE = "\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
GITHUB_URL = re.compile(
    rf"^https?://(?:www\.)?github\.com/([^/{_SPACE}]+)/([^/{_SPACE}]+)/(blob|tree)/([^/{_SPACE}]+)/([^?#{_SPACE}]*)"
)
_GITHUB_STARTS = ("https://github.com/", "http://github.com/", "https://www.github.com/", "http://www.github.com/")
_SCHEME = lazy_pattern(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_REMOTE_URL = lazy_pattern(r"github\.com[:/]+([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")
_SAFE_REF = lazy_pattern(r"^[A-Za-z0-9._][A-Za-z0-9._/-]*$")
_MAX_INTRO_BYTES = 1 << 20  # an intro README bigger than 1 MiB is not read (RL405)
_GIT_TIMEOUT = 10
_BRANCH_REFS = ("refs/heads/", "refs/remotes/origin/", "refs/remotes/upstream/")  # where a branch is looked up


class LocalTarget(NamedTuple):
    """A link resolved into the repository: a normalized POSIX path relative to the root ('' is the root).

    ``kind`` is 'blob', 'tree' (GitHub URLs) or 'relative'; ``branch`` is None for the working tree, else the
    other branch a GitHub URL names.
    """

    path: str
    kind: str
    branch: str | None = None


class Identity(NamedTuple):
    """Which GitHub repository this README belongs to, and where that was learned."""

    slug: str | None  # OWNER/REPO
    branch: str
    source: str  # 'config', 'links', 'upstream', 'origin' or 'none'
    confirmed: bool  # the working tree is known to be that repository's (config, a remote, or a linked file)


def section_folder(config: RepositorySettings, section: Section | None) -> str | None:
    """The folder of a section's intro files: its ``folder`` override, else the heading slugged."""
    if section is None or section.heading is None:
        return None
    override = config.section(section.title)
    return override.folder if override and override.folder else slugify(section.title)


class Workspace:
    """A read-only view of the repository's working tree (and its local branches), bounded by its root."""

    def __init__(
        self,
        root: Path | None,
        readme_dir: str,
        identity: Identity,
        other_branches: dict[tuple[str, str], str | None] | None = None,
    ) -> None:
        self.root = root  # resolved; None: no git working tree, nothing on disk is judged
        self.readme_dir = readme_dir  # the README's folder, relative to the root ('' at the root)
        self.identity = identity
        self._other = other_branches or {}
        self._exists: dict[str, str | None] = {}
        self._listed: dict[str, dict[str, str] | None] = {}  # folder -> {name: kind}, each folder listed once
        self._targets: dict[str | tuple[str, str], LocalTarget | None] = {}
        self._local_links: tuple[list[Link], list[tuple[Link, LocalTarget]]] | None = None
        self._github: dict[str, tuple[str, ...]] = {}  # target -> GITHUB_URL's groups, as gathering read them

    # -- links -----------------------------------------------------------------------------------------

    def points_into_repository(self, target: str) -> bool:
        """Whether ``target`` is a GitHub blob/tree URL of this repository or a relative path (no network)."""
        parts = _github_parts(target)
        if parts is not None:
            return self._is_this_repository(parts[0], parts[1])
        return _relative_path(target) is not None

    def _is_this_repository(self, owner: str, repo: str) -> bool:
        """Whether OWNER/REPO of a GitHub URL names this repository (compared without case)."""
        slug = self.identity.slug
        return slug is not None and f"{owner}/{repo}".lower() == slug.lower()

    def local_target(self, target: str, base: str | None = None) -> LocalTarget | None:
        """``target`` as a path in this repository, or None: not into it, outside its root, or no root.

        ``base`` is the folder relative links start from (default: the README's). Memoized: five intro rules
        ask about the same 100,000 targets, and each answer is a regular expression, unquoting and normalizing.
        """
        if self.root is None or (not self.identity.confirmed and target.startswith(("https://", "http://"))):
            return None  # as ``_local_target`` says, without a memo entry per web address (8 MB at 100,000 rows)
        key = target if base is None else (target, base)  # the README's folder: the target alone, no tuple built
        targets = self._targets
        if key in targets:
            return targets[key]
        found = targets[key] = self._local_target(target, base)
        return found

    def local_links(self, links: list[Link]) -> list[tuple[Link, LocalTarget]]:
        """The links among ``links`` (a document's ``links()``) that point into this repository, with their
        ``local_target``, in order; memoized for the last list asked about, which RL402 and RL404 both walk."""
        if self._local_links is not None and self._local_links[0] is links:
            return self._local_links[1]
        found = []
        local_target = self.local_target
        for link in links:
            local = local_target(link.target) if link.target_col is not None else None
            if local is not None:
                found.append((link, local))
        self._local_links = (links, found)
        return found

    def _local_target(self, target: str, base: str | None) -> LocalTarget | None:
        """``local_target``, unmemoized (a web address under an unconfirmed identity never reaches here)."""
        if target.startswith(("https://", "http://")):  # a web address (never a relative path), and any GitHub URL
            parts = self._github.pop(target, None) or _github_parts(target)  # read once: memoized in _targets
            if parts is None or not self._is_this_repository(parts[0], parts[1]):
                return None
            _owner, _repo, kind, branch, raw_path = parts
            path = _inside(unquote(raw_path))
            if path is None:
                return None
            return LocalTarget(path, kind, None if branch == self.identity.branch else branch)
        relative = _relative_path(target)
        if relative is None:
            return None
        start = "" if relative.startswith("/") else (self.readme_dir if base is None else base)
        path = _inside(posixpath.join(start, relative.lstrip("/")))
        return None if path is None else LocalTarget(path, "relative")

    # -- files -----------------------------------------------------------------------------------------

    def exists(self, local: LocalTarget) -> bool | None:
        """Whether the target exists (a folder for 'tree' links); None when that cannot be told."""
        if local.branch is not None:
            kind = self._other.get((local.branch, local.path), "unknown")
            if kind == "unknown":
                return None
            return kind is not None and (kind == "tree" if local.kind == "tree" else True)
        found = self._kind(local.path)
        if found == "outside":
            return None
        return found == "dir" if local.kind == "tree" else found is not None

    def is_file(self, path: str) -> bool | None:
        """Whether a repository-relative path is a regular file in the working tree (None: cannot tell)."""
        found = self._kind(path)
        return None if found == "outside" else found == "file"

    def read_text(self, path: str) -> str | None:
        """A small UTF-8 text file of the working tree, or None (missing, outside, too big, not text)."""
        if self._kind(path) != "file" or self.root is None:
            return None
        try:
            with open(self.root / path, "rb") as handle:
                data = handle.read(_MAX_INTRO_BYTES + 1)
        except OSError:
            return None
        if len(data) > _MAX_INTRO_BYTES:
            return None
        try:
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None

    def intro_folders(self, folder: str) -> list[str]:
        """Subfolders of ``folder`` (repository-relative) that hold a README.md, sorted; [] when unknown."""
        if self._kind(folder) != "dir" or self.root is None:
            return []
        try:
            names = sorted(os.listdir(self.root / folder))
        except OSError:
            return []
        found = []
        for name in names:
            child = posixpath.join(folder, name)
            if self._kind(child) == "dir" and self._kind(posixpath.join(child, "README.md")) == "file":
                found.append(child)
        return found

    def has(self, path: str) -> bool:
        """Whether a normalized repository-relative path is a file or folder of the working tree: ``_kind``, but
        a path under a top-level name that is missing, a file or no folder is answered from that name alone
        (gathering asks about every linked path: 100,000 intro links under missing section folders). A name
        leading out of the root takes ``_kind``: a symlink out and back in may still reach the path."""
        top, slash, _rest = path.partition("/")
        if slash and self._kind(top) in (None, "file", "other"):
            return False
        return self._kind(path) in ("file", "dir")

    def _kind(self, path: str) -> str | None:
        """'file', 'dir', 'other', None (missing) or 'outside' (no root, or a symlink leading out of it)."""
        if path in self._exists:
            return self._exists[path]
        found: str | None = "outside"
        if self.root is not None:
            found = self._listed_kind(path)
        if found == "unlisted":
            found = self._resolved_kind(path)
        self._exists[path] = found
        return found

    def _listed_kind(self, path: str) -> str | None:
        """``_kind`` answered from the listings of the folders on the way (each folder listed once per run,
        only when asked about), or 'unlisted' when they cannot answer: a symlink on the way or a folder that
        cannot be listed -- those take the resolving path. 100,000 missing intro targets under one missing
        section folder cost one listing of the root instead of 100,000 ``realpath`` calls."""
        if not path:
            return "dir"
        folder = ""
        parts = path.split("/")
        for depth, name in enumerate(parts):
            listing = self._listing(folder) if name not in ("", ".", "..") else None
            if listing is None:
                return "unlisted"
            kind = listing.get(name)
            if kind is None:
                return None
            if kind == "link":
                return "unlisted"
            if depth == len(parts) - 1:
                return kind
            if kind != "dir":
                return None  # a file's "child"
            folder = f"{folder}/{name}" if folder else name
        return None  # not reached: the loop returns at its last part

    def _listing(self, folder: str) -> dict[str, str] | None:
        """{name: 'file' | 'dir' | 'other' | 'link'} of one folder of the working tree; None if unreadable."""
        if folder in self._listed:
            return self._listed[folder]
        assert self.root is not None
        listing: dict[str, str] | None = None
        try:
            names: dict[str, str] = {}
            with os.scandir(self.root / folder if folder else self.root) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        kind = "link"
                    elif entry.is_dir(follow_symlinks=False):
                        kind = "dir"
                    elif entry.is_file(follow_symlinks=False):
                        kind = "file"
                    else:
                        kind = "other"
                    names[entry.name] = kind
            listing = names
        except OSError:
            pass
        self._listed[folder] = listing
        return listing

    def _resolved_kind(self, path: str) -> str | None:
        """``_kind`` by resolving symlinks: 'outside' when the real path leaves the root."""
        found: str | None = "outside"
        if self.root is not None:
            candidate = self.root / path if path else self.root
            real = Path(os.path.realpath(candidate))
            if real == self.root or self.root in real.parents:
                found = "file" if real.is_file() else "dir" if real.is_dir() else "other" if real.exists() else None
        return found


def _github_parts(target: str) -> tuple[str, ...] | None:
    """OWNER, REPO, 'blob' or 'tree', BRANCH and the path as written, of a GitHub URL (``GITHUB_URL``)."""
    match = GITHUB_URL.match(target) if target.startswith(_GITHUB_STARTS) else None
    return None if match is None else match.groups()


def _relative_path(target: str) -> str | None:
    """The path part of a relative link (no scheme, no ``//host``, no bare anchor), percent-decoded."""
    target = target.strip()
    if not target or target.startswith(("#", "//")) or _SCHEME().match(target) or "\\" in target:
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return path or None


def _inside(path: str) -> str | None:
    """``path`` normalized, or None when it climbs above the root (``../``) or holds a NUL."""
    if "\0" in path:
        return None
    stripped = path.strip("/")
    if "//" not in stripped and "/." not in f"/{stripped}":
        return stripped  # no empty, "." or ".." part: already normal (nearly every intro link's path)
    normalized = posixpath.normpath(stripped) if stripped else ""
    if normalized in (".", ""):
        return ""
    if normalized == ".." or normalized.startswith("../"):
        return None
    return normalized


# -- gathering ---------------------------------------------------------------------------------------------


def gather(
    doc: Document,
    config: RepositorySettings,
    file_path: Path | None,
    labels: Iterable[str] = ("intro",),
    root: Path | None = None,
) -> Workspace:
    """Build the workspace for one lint of ``doc`` (the README at ``file_path``, in the repository at ``root``:
    the config's root, the nearest folder up with ``.git`` or the config file's folder)."""
    checkout = root
    root = None
    if checkout is not None and file_path is not None and (checkout / ".git").exists():
        root = Path(os.path.realpath(checkout))  # a config file's folder is no working tree without git
    readme_dir = ""
    if root is not None and file_path is not None:
        real_dir = Path(os.path.realpath(file_path)).parent
        if real_dir != root and root not in real_dir.parents:
            root = None  # the README itself lies outside the repository (a symlink): judge nothing on disk
        else:
            readme_dir = real_dir.relative_to(root).as_posix() if real_dir != root else ""
    links = doc.links()
    draft = Workspace(root, readme_dir, Identity(None, config.branch or "main", "none", False))
    identity = _identity(links, config, root, draft, {label.casefold() for label in labels})
    workspace = Workspace(root, readme_dir, identity)
    workspace._exists, workspace._listed = draft._exists, draft._listed  # the tree's facts, whoever's it is
    if root is not None and identity.confirmed:  # else ``local_target`` reads no GitHub URL: the groups go (57 MB)
        workspace._github = draft._github  # the GitHub URLs read, not matched again by ``local_target``
        workspace._other = _other_branch_kinds(root, workspace, links)
    return workspace


def _identity(
    links: list[Link], config: RepositorySettings, root: Path | None, draft: Workspace, labels: set[str]
) -> Identity:
    """Whose repository this is (see the module doc). The working tree is asked about a linked path only when
    the answer can matter: for the identity itself when no intro link names one, else to confirm it -- where
    the first linked file present settles it (a list whose intro files exist costs one lookup, not one per row)."""
    intro: list[tuple[str, ...]] = []  # (OWNER, REPO, blob/tree, branch, path) of each intro link, in order
    linked: list[tuple[str, ...]] = []  # ... of every GitHub blob/tree link
    parsed = draft._github
    for link in links:
        if link.target_col is None:
            continue
        target = link.target
        groups = _github_parts(target)
        if groups is None:
            continue
        parsed[target] = groups
        linked.append(groups)
        if link.label.strip().casefold() in labels:
            intro.append(groups)
    present: list[tuple[str, ...]] | None = None  # the links to a path the working tree has, when needed
    if not intro:
        present = [groups for groups in linked if _is_present(root, draft, groups[4])]
    # Counted once at the end, first seen first (as the counts kept link by link were: most_common's ties).
    owners = Counter([f"{groups[0]}/{groups[1]}" for groups in intro or present or ()])
    branches = Counter([groups[3] for groups in intro or present or ()])
    remotes = _remotes(root)
    slug: str | None = None
    if config.repository:
        slug, source = config.repository, "config"
    elif owners:
        slug, source = owners.most_common(1)[0][0], "links"
    elif remotes.get("upstream") or remotes.get("origin"):
        source = "upstream" if remotes.get("upstream") else "origin"
        slug = remotes[source]
    else:
        slug, source = None, "none"
    branch = config.branch or (branches.most_common(1)[0][0] if branches else "main")
    lowered = (slug or "").lower()
    confirmed = slug is not None and (
        source != "links"
        or any(lowered == (remote or "").lower() for remote in remotes.values())
        or any(
            f"{groups[0]}/{groups[1]}".lower() == lowered and _is_present(root, draft, groups[4])
            for groups in (linked if present is None else present)
        )
    )
    return Identity(slug, branch, source, confirmed)


def _is_present(root: Path | None, draft: Workspace, path: str) -> bool:
    """Whether a GitHub link's path (as written in the URL) is a file or folder of the working tree."""
    if root is None:
        return False
    inside = _inside(unquote(path))
    return inside is not None and draft.has(inside)


def _remotes(root: Path | None) -> dict[str, str | None]:
    """GitHub OWNER/REPO of each remote, read from the git config (no subprocess; worktrees followed)."""
    if root is None:
        return {}
    git = root / ".git"
    try:
        if git.is_file():  # a worktree or submodule: "gitdir: <path>", whose commondir holds the config
            gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
            gitdir = gitdir if gitdir.is_absolute() else root / gitdir
            common = gitdir / "commondir"
            git = (gitdir / common.read_text(encoding="utf-8").strip()) if common.is_file() else gitdir
        text = (git / "config").read_text(encoding="utf-8", errors="replace")
    except (OSError, IndexError):
        return {}
    found: dict[str, str | None] = {}
    remote = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            header = re.match(r'^\[remote\s+"([^"]+)"\]$', line)
            remote = header.group(1) if header else None
        elif remote and line.startswith("url") and "=" in line:
            match = _REMOTE_URL().search(line.split("=", 1)[1].strip())
            found[remote] = f"{match.group(1)}/{match.group(2)}" if match else None
    return found


def _other_branch_kinds(root: Path, workspace: Workspace, links: list[Link]) -> dict[tuple[str, str], str | None]:
    """For links to another branch of this repository: 'blob' / 'tree' / None (missing) per (branch, path),
    asked of git in one batch; branches that do not exist locally are left out (their links are not judged)."""
    wanted: set[tuple[str, str]] = set()
    for _link, local in workspace.local_links(links):
        if local.branch is not None and _SAFE_REF().match(local.branch) and "\n" not in local.path:
            wanted.add((local.branch, local.path))
    if not wanted:
        return {}
    branches = sorted({branch for branch, _ in wanted})
    candidates = [
        f"{prefix}{branch}"
        for branch in branches
        for prefix in ("refs/heads/", "refs/remotes/origin/", "refs/remotes/upstream/")
    ]
    answers = _batch_check(root, [f"{ref}^{{tree}}" for ref in candidates])
    if answers is None:
        return {}
    refs: dict[str, str] = {}
    for ref, answer in zip(candidates, answers):
        branch = ref.split("/", 3)[-1] if ref.startswith("refs/remotes/") else ref.removeprefix("refs/heads/")
        if answer is not None and branch not in refs:
            refs[branch] = ref
    pairs = sorted((branch, path) for branch, path in wanted if branch in refs)
    answers = _batch_check(root, [f"{refs[branch]}:{path}" for branch, path in pairs])
    if answers is None:
        return {}
    return {pair: ("tree" if answer == "tree" else "blob" if answer else None) for pair, answer in zip(pairs, answers)}


def _batch_check(root: Path, objects: list[str]) -> list[str | None] | None:
    """Object types from ``git cat-file --batch-check`` (None per missing object); None when git fails."""
    if not objects:
        return []
    import subprocess  # only a list whose intro links name other branches runs git; a lint should not pay for it

    try:
        result = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch-check=%(objecttype)"],
            input="".join(f"{name}\n" for name in objects),
            capture_output=True,
            text=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) != len(objects):
        return None
    return [None if line.endswith(" missing") or line.endswith(" ambiguous") else line.strip() for line in lines]
