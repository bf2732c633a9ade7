"""Gathering the working-tree facts asks the tree only what can matter; its answers are those of asking everything.

``workspace._identity`` checks linked paths lazily (only without intro links, or to confirm the identity, where the
first linked file present settles it), ``Workspace.has`` answers paths under a missing top-level name from that
name, and ``Workspace.local_links`` / ``local_target`` skip web addresses early. Each is held here to the plain
form it replaced, over generated trees and link mixes.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest

from readme_lint.document import Document
from readme_lint.source import SourceText
from readme_lint.workspace import (
    GITHUB_URL,
    Identity,
    Workspace,
    _inside,
    _relative_path,
    _remotes,
    gather,
)
from tests.conftest import init_git_repo

# The pattern as it was written, with ``\s``: the one the working tree's URLs are read by must match as it does.
REFERENCE_GITHUB_URL = re.compile(
    r"^https?://(?:www\.)?github\.com/([^/\s]+)/([^/\s]+)/(blob|tree)/([^/\s]+)/([^?#\s]*)"
)


class Settings:
    """The few settings gathering reads."""

    def __init__(self, repository: str | None = None, branch: str | None = None) -> None:
        self.repository = repository
        self.branch = branch

    def section(self, title: str) -> None:
        return None


def reference_identity(
    links: list, config: Settings, root: Path | None, draft: Workspace, labels: set[str]
) -> Identity:
    """The identity as it was derived before: every linked path asked about, eagerly."""
    intro: list[tuple[str, str]] = []
    linked_present: list[tuple[str, str]] = []
    for link in links:
        match = REFERENCE_GITHUB_URL.match(link.target) if link.target_col is not None else None
        if match is None:
            continue
        owner, repo, _blob_or_tree, branch, path = match.groups()
        if link.label.strip().casefold() in labels:
            intro.append((f"{owner}/{repo}", branch))
        if (
            root is not None
            and (inside := _inside(unquote(path))) is not None
            and draft._kind(inside) in ("file", "dir")
        ):
            linked_present.append((f"{owner}/{repo}", branch))
    intro_owners = Counter([slug for slug, _branch in intro])
    intro_branches = Counter([branch for _slug, branch in intro])
    present = Counter([slug for slug, _branch in linked_present])
    present_branches = Counter([branch for _slug, branch in linked_present])
    remotes = _remotes(root)
    slug: str | None
    if config.repository:
        slug, source = config.repository, "config"
    elif intro_owners or present:
        slug, source = (intro_owners or present).most_common(1)[0][0], "links"
    elif remotes.get("upstream") or remotes.get("origin"):
        source = "upstream" if remotes.get("upstream") else "origin"
        slug = remotes[source]
    else:
        slug, source = None, "none"
    branches = intro_branches or present_branches
    branch = config.branch or (branches.most_common(1)[0][0] if branches else "main")
    lowered = (slug or "").lower()
    confirmed = slug is not None and (
        source != "links"
        or any(lowered == found.lower() for found in present)
        or any(lowered == (remote or "").lower() for remote in remotes.values())
    )
    return Identity(slug, branch, source, confirmed)


def reference_local_target(workspace: Workspace, target: str, base: str | None = None) -> object:
    """``local_target`` as it was: the GitHub pattern tried on every target first."""
    if workspace.root is None:
        return None
    match = REFERENCE_GITHUB_URL.match(target)
    if match:
        if not workspace.identity.confirmed or not workspace.points_into_repository(target):
            return None
        path = _inside(unquote(match.group(5)))
        if path is None:
            return None
        branch = match.group(4)
        kind = match.group(3)
        return (path, kind, None if branch == workspace.identity.branch else branch)
    relative = _relative_path(target)
    if relative is None:
        return None
    start = "" if relative.startswith("/") else (workspace.readme_dir if base is None else base)
    import posixpath

    path = _inside(posixpath.join(start, relative.lstrip("/")))
    return None if path is None else (path, "relative", None)


TARGETS = [
    "https://github.com/OWNER/REPO/blob/main/a/one/README.md",
    "https://github.com/owner/repo/tree/main/a/two",
    "https://github.com/OWNER/REPO/blob/dev/a/one/README.md",
    "https://www.github.com/OWNER/REPO/blob/main/a/../a/one/README.md?plain=1#top",
    "http://github.com/OWNER/REPO/blob/main/missing/x/README.md",
    "https://github.com/OWNER/REPO/blob/main/a%2Fone/README.md",
    "https://github.com/OWNER/REPO/blob/main/../../etc/passwd",
    "https://github.com/OTHER/FORK/blob/main/a/one/README.md",
    "https://github.com/OTHER/FORK/blob/trunk/b/file.md",
    "https://github.com/OWNER/REPO/issues/1",
    "HTTPS://github.com/OWNER/REPO/blob/main/a/one/README.md",
    " https://github.com/OWNER/REPO/blob/main/a/one/README.md",
    "https://arxiv.org/abs/2305.13245",
    "a/one/README.md",
    "./b/file.md",
    "/b/file.md",
    "b/missing.md",
    "link-out/back/file.md",
    "#anchor",
    "//example.org/x",
    "mailto:x@example.org",
    "example.org/paper",
]
LABELS = ["intro", "pdf", "Intro ", "code"]


def make_tree(tmp_path: Path, layout: str, remote: str | None) -> Path:
    root = tmp_path / f"repo-{layout}-{remote is not None}"
    root.mkdir()
    init_git_repo(root, remote)
    if layout in ("some", "all"):
        (root / "a" / "one").mkdir(parents=True)
        (root / "a" / "one" / "README.md").write_text("# One\n")
    if layout == "all":
        (root / "a" / "two").mkdir()
        (root / "b").mkdir()
        (root / "b" / "file.md").write_text("x\n")
        outside = tmp_path / f"outside-{remote is not None}"
        outside.mkdir()
        (outside / "back").symlink_to(root / "b", target_is_directory=True)
        (root / "link-out").symlink_to(outside, target_is_directory=True)
    if layout == "file-at-top":
        (root / "missing").write_text("a file where a folder is linked\n")
    return root


def documents() -> list[Document]:
    """Lists of links in varied orders and labels: intro links or none, one repository or two."""
    found = []
    for count, shift, labels in itertools.product((0, 3, 7, len(TARGETS)), (0, 5, 11), (LABELS, ["pdf"])):
        lines = [
            f"- [{labels[(index + shift) % len(labels)]}]({TARGETS[(index * 7 + shift) % len(TARGETS)]})"
            for index in range(count)
        ]
        found.append(Document.parse(SourceText("# List\n\n" + "\n".join(lines) + "\n")))
    return found


@pytest.mark.parametrize("layout", ["none", "some", "all", "file-at-top"])
@pytest.mark.parametrize("remote", [None, "git@github.com:OWNER/REPO.git", "https://github.com/OTHER/FORK"])
def test_identity_and_targets_are_those_of_asking_every_linked_path(
    tmp_path: Path, layout: str, remote: str | None
) -> None:
    root = make_tree(tmp_path, layout, remote)
    real = Path(os.path.realpath(root))
    readme = root / "README.md"
    for doc, config in itertools.product(documents(), (Settings(), Settings(branch="dev"), Settings("owner/repo"))):
        links = doc.links()
        draft = Workspace(real, "", Identity(None, config.branch or "main", "none", False))
        expected = reference_identity(links, config, real, draft, {"intro"})
        workspace = gather(doc, config, readme, ("intro",), root)
        assert workspace.identity == expected
        if not workspace.identity.confirmed:  # no GitHub URL is ever read again: gathering's groups are dropped
            assert not workspace._github
        for target in [*TARGETS, *(link.target for link in links)]:
            local = workspace.local_target(target)
            assert (None if local is None else (local.path, local.kind, local.branch)) == reference_local_target(
                workspace, target
            ), target
        listed = [(link, workspace.local_target(link.target)) for link in links if link.target_col is not None]
        assert workspace.local_links(links) == [(link, local) for link, local in listed if local is not None]
        assert workspace.local_links(links) is workspace.local_links(links)
        assert not workspace._github  # each URL's groups go once its local target is memoized
        if not workspace.identity.confirmed:  # a web address is no local target then, and takes no memo entry
            assert not [key for key in workspace._targets if str(key).startswith(("http", "('http"))]


def test_has_answers_as_kind_does(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "repo"
    (root / "a" / "b").mkdir(parents=True)
    init_git_repo(root)
    (root / "a" / "file.md").write_text("x\n")
    (root / "top.md").write_text("x\n")
    (outside / "back").symlink_to(root / "a", target_is_directory=True)
    (outside / "creds.txt").write_text("x\n")
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "in").symlink_to(root / "a", target_is_directory=True)
    os.mkfifo(root / "fifo")
    paths = [
        "",
        "a",
        "a/b",
        "a/file.md",
        "a/file.md/child",
        "a/missing/README.md",
        "missing",
        "missing/x/README.md",
        "top.md",
        "top.md/child",
        "fifo",
        "fifo/child",
        "out",
        "out/creds.txt",
        "out/back/file.md",
        "in/file.md",
        "in/b",
        "in/none.md",
    ]
    real = Path(os.path.realpath(root))
    fast = Workspace(real, "", Identity("OWNER/REPO", "main", "config", True))
    plain = Workspace(real, "", Identity("OWNER/REPO", "main", "config", True))
    assert [fast.has(path) for path in paths] == [plain._kind(path) in ("file", "dir") for path in paths]
    assert fast.has("out/back/file.md")  # out of the root and back in: the path is the repository's own file


GITHUB_SHAPES = [
    "https://github.com/O/R/blob/main/a/b.md",
    "http://www.github.com/O/R/tree/dev/",
    "https://github.com/O/R/blob/main/",
    "https://github.com/O/R/blob/main/a b.md",
    "https://github.com/O/R/blob/main/ a.md",
    "https://github.com/O/R/blob/main/a?x=1#y",
    "https://github.com/O/R/blob/main/a#b?c",
    "https://github.com/O/R/blob/main/a\u3000b",
    "https://github.com/O/R/blob/main/a\x1cb",
    "https://github.com/O/R/blob/main/a\x85b",
    "https://github.com/O/R/blob/main/a\u200bb",
    "https://github.com/O/R/blob/main/a\tb\nc",
    "https://github.com/O/R/blob/main/\u00e9t\u00e9/%20x",
    "https://github.com/O/R/blob/main/??",
    "https://github.com/O R/R/blob/main/a",
    "https://github.com/O/R/blob/ma in/a",
    "https://github.com/O/R/raw/main/a",
    "https://github.com/O/R/blob/main",
    "https://github.com//R/blob/main/a",
    "https://github.com/O/R/blob//a",
    "https://www.github.com/O/R/blob/main/a",
    "https://wwwgithub.com/O/R/blob/main/a",
    "https://gist.github.com/O/R/blob/main/a",
    "HTTPS://github.com/O/R/blob/main/a",
    " https://github.com/O/R/blob/main/a",
    "https://github.com/O/R/blob/main/a/b.md/",
    "https://arxiv.org/abs/2305.13245",
    "",
]


def test_github_parts_are_the_patterns_groups(corpus: Path) -> None:

    targets = list(GITHUB_SHAPES)
    for readme in sorted(corpus.rglob("*.md")):
        doc = Document.parse(SourceText(readme.read_text(encoding="utf-8", errors="replace")))
        targets.extend(link.target for link in doc.links())
    assert_github_parts(targets)


def test_github_parts_of_generated_shapes() -> None:
    targets = list(GITHUB_SHAPES)
    chars = " \t\n\r\x0b\x0c\u3000\x1b\x1c\x1f\x85\xa0\u2028\u200b\u180e\ufeff?#/%a."
    for shape, char in itertools.product(GITHUB_SHAPES[:3], chars):
        targets.extend([shape + char + "x", shape.replace("/a", f"/{char}a"), shape.replace("O/R", f"O{char}/R")])
        targets.append(shape.replace("/main/", f"/ma{char}in/"))
    assert_github_parts(targets)


def assert_github_parts(targets: list[str]) -> None:
    from readme_lint.workspace import _github_parts

    for target in targets:
        match = REFERENCE_GITHUB_URL.match(target)
        expected = None if match is None else match.groups()
        assert _github_parts(target) == expected, repr(target)
        new = GITHUB_URL.match(target)
        assert (None if new is None else new.groups()) == expected, repr(target)


def test_the_spelled_out_space_class_is_str_isspace() -> None:
    from readme_lint.workspace import _SPACE

    space = re.compile(f"[{_SPACE}]").fullmatch
    assert [code for code in range(sys.maxunicode + 1) if space(chr(code))] == [
        code for code in range(sys.maxunicode + 1) if chr(code).isspace()
    ]
    assert all(space(char) for char in " \t\n\r\x0b\x0c\u3000\x85\xa0")
