"""--changed-files: which READMEs a commit's changed (or deleted) paths bring in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from readme_lint.changes import readmes_for_changes

LIST = """# Papers

|Title|Paper|
|---|---|
|**A**|[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](https://github.com/o/r/blob/main/attention-mechanism/a/README.md)]|
|**B**|[[pdf](https://arxiv.org/abs/2305.13246)] [[intro](kv%20cache/b/README.md)]|

See [the notes](./notes/guide.md).
"""


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(LIST)
    for folder in ("attention-mechanism/a", "kv cache/b", "scripts", "notes", "sub/topic"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "attention-mechanism" / "a" / "README.md").write_text("# A\n\n![core](core.png)\n")
    (tmp_path / "attention-mechanism" / "a" / "core.png").write_bytes(b"\x89PNG")
    (tmp_path / "scripts" / "build.py").write_text("")
    (tmp_path / "sub" / "readme.md").write_text("|T|\n|---|\n|[x](topic/x.md)|\n")
    (tmp_path / "sub" / "topic" / "x.md").write_text("")
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def chosen(*paths: str) -> list[str]:
    return [path.as_posix() for path in readmes_for_changes([Path(path) for path in paths])]


def test_an_image_in_an_intro_folder_brings_in_the_list_and_the_intro_that_links_it(repo: Path) -> None:
    assert chosen("attention-mechanism/a/core.png") == ["attention-mechanism/a/README.md", "README.md"]


def test_a_renamed_or_deleted_intro_brings_in_the_list(repo: Path) -> None:
    # after `git mv attention-mechanism/a attention-mechanism/a2`, pre-commit passes only the new paths
    assert chosen("attention-mechanism/a2/README.md") == ["README.md"]  # new path: not yet a file in the test
    (repo / "attention-mechanism" / "a2").mkdir()
    (repo / "attention-mechanism" / "a2" / "README.md").write_text("# A\n")
    assert chosen("attention-mechanism/a2/README.md") == ["attention-mechanism/a2/README.md", "README.md"]
    assert chosen("kv cache/b/README.md") == ["README.md"]  # deleted; the list links it percent-encoded


def test_files_the_list_does_not_link_into_bring_in_nothing(repo: Path) -> None:
    assert chosen("scripts/build.py", "LICENSE", ".github/workflows/ci.yml") == []


def test_readmes_are_linted_once_in_order(repo: Path) -> None:
    assert chosen("README.md", "notes/guide.md", "attention-mechanism/a/core.png") == [
        "README.md",
        "attention-mechanism/a/README.md",
    ]


def test_nested_lists_each_bring_in_their_own_readme(repo: Path) -> None:
    assert chosen("sub/topic/x.md") == ["sub/readme.md"]  # the root list does not link into sub/
    (repo / "README.md").write_text(LIST + "\n[Sub list](sub/readme.md)\n")
    assert chosen("sub/topic/x.md") == ["sub/readme.md", "README.md"]


def test_staged_deletions_count_as_changed(tmp_path: Path) -> None:
    """pre-commit passes no deleted file; `git rm` of an intro still brings in the list that links it."""
    from readme_lint.changes import staged_deletions
    from tests.test_action import commit_all, git

    git(tmp_path, "init", "-q")
    (tmp_path / "README.md").write_text(LIST)
    (tmp_path / "attention-mechanism" / "a").mkdir(parents=True)
    (tmp_path / "attention-mechanism" / "a" / "README.md").write_text("# A\n")
    commit_all(tmp_path, "list")
    git(tmp_path, "rm", "-rq", "attention-mechanism/a")
    old = Path.cwd()
    (tmp_path / "notes").mkdir()
    os.chdir(tmp_path / "notes")  # paths come back relative to where readme-lint runs
    try:
        assert staged_deletions() == [Path("../attention-mechanism/a/README.md")]
        assert readmes_for_changes(staged_deletions()) == [Path("../README.md")]
    finally:
        os.chdir(old)
