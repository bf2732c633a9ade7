"""The working-tree view: answers from one listing per folder, the same as resolving every path on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readme_lint.workspace import Identity, LocalTarget, Workspace
from tests.conftest import init_git_repo

PATHS = [
    "",
    "a",
    "a/file.md",
    "a/file.md/child",
    "a/missing.md",
    "a/b/deep.md",
    "missing/one/README.md",
    "inner-link",
    "inner-link/deep.md",
    "inner-link/none.md",
    "file-link",
    "outer-link",
    "outer-link/creds.txt",
    "outer-file",
    "fifo",
    "a/../a/file.md",
]


def tree(tmp_path: Path) -> Path:
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "creds.txt").write_text("x\n")
    root = tmp_path / "repo"
    (root / "a" / "b").mkdir(parents=True)
    init_git_repo(root)
    (root / "a" / "file.md").write_text("x\n")
    (root / "a" / "b" / "deep.md").write_text("x\n")
    (root / "inner-link").symlink_to(root / "a" / "b", target_is_directory=True)
    (root / "file-link").symlink_to(root / "a" / "file.md")
    (root / "outer-link").symlink_to(outside, target_is_directory=True)
    (root / "outer-file").symlink_to(outside / "creds.txt")
    os.mkfifo(root / "fifo")
    return root


def workspace(root: Path) -> Workspace:
    return Workspace(Path(os.path.realpath(root)), "", Identity("OWNER/REPO", "main", "config", True))


def test_listing_answers_as_resolving_does(tmp_path: Path) -> None:
    root = tree(tmp_path)
    listed = workspace(root)
    resolved = workspace(root)
    assert [listed._kind(path) for path in PATHS] == [resolved._resolved_kind(path) for path in PATHS]
    assert [listed._kind(path) for path in PATHS] == [
        "dir",
        "dir",
        "file",
        None,
        None,
        "file",
        None,
        "dir",
        "file",
        None,
        "file",
        "outside",
        "outside",
        "outside",
        "other",
        "file",
    ]


def test_each_folder_is_listed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tree(tmp_path)
    view = workspace(root)
    listed: list[str] = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(str(path)) or real(path))
    for number in range(1000):
        assert view.exists(LocalTarget(f"review/paper-{number}/README.md", "blob")) is False
        assert view.exists(LocalTarget(f"a/b/paper-{number}.md", "blob")) is False
    assert view.exists(LocalTarget("a/b", "tree")) is True
    assert listed == [str(view.root), str(view.root / "a"), str(view.root / "a/b")]


def test_local_targets_are_memoized_per_base(tmp_path: Path) -> None:
    view = workspace(tree(tmp_path))
    url = "https://github.com/OWNER/REPO/blob/main/a/file.md"
    assert view.local_target(url) is view.local_target(url) == LocalTarget("a/file.md", "blob")
    assert view.local_target("file.md", base="a") == LocalTarget("a/file.md", "relative")
    assert view.local_target("file.md") == LocalTarget("file.md", "relative")
