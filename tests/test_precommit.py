"""The hook, run by the real pre-commit against this checkout (marked: it installs from the package index)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import init_git_repo, row, table

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.precommit


def test_hook_manifest_is_what_users_see() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"readme-lint", "readme-lint-links"}
    links = hooks["readme-lint-links"]
    assert links["entry"] == "readme-lint --check-links" and links["stages"] == ["pre-push", "manual"]
    hook = hooks["readme-lint"]
    assert hook["entry"] == "readme-lint" and hook["language"] == "python" and hook["types"] == ["markdown"]
    import re

    files = re.compile(hook["files"])
    assert files.search("README.md") and files.search("docs/readme.md") and not files.search("CHANGELOG.md")


def _head() -> str | None:
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def _pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.mark.parametrize("fix", [False, True], ids=["report", "fix"])
def test_real_pre_commit_blocks_then_fixes(tmp_path: Path, pre_commit_home: Path, fix: bool) -> None:
    head = _head()
    if head is None:
        pytest.skip("this checkout has no commit for pre-commit to install from")
    repo = tmp_path / "list"
    init_git_repo(repo)
    (repo / "README.md").write_text(table(row(1, affiliation=" DeepSeek"), row(2)))
    args = "\n        args: [--fix]" if fix else ""
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: readme-lint{args}\n"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    first = _pre_commit(repo, pre_commit_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "readme-lint (paper-list tables)" in first.stdout
    if not fix:
        assert "README.md:6:" in first.stdout and "RL104 Cell is padded as ' DeepSeek'" in first.stdout
        assert "|DeepSeek|" not in (repo / "README.md").read_text()
        return
    assert "files were modified by this hook" in first.stdout
    assert "|DeepSeek|" in (repo / "README.md").read_text()
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    second = _pre_commit(repo, pre_commit_home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_real_pre_commit_blocks_a_row_github_drops(tmp_path: Path, pre_commit_home: Path) -> None:
    """Issue 11: a row appended below the table's closing blank line used to pass; the hook now stops it."""
    head = _head()
    if head is None:
        pytest.skip("this checkout has no commit for pre-commit to install from")
    repo = tmp_path / "list"
    init_git_repo(repo)
    (repo / "README.md").write_text(table(row(1), row(2)) + "\n" + row(3))
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: readme-lint\n"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = _pre_commit(repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "README.md:9:1: RL107 GitHub renders line 9 as a paragraph: the blank line on line 8 ends the table that "
        "starts on line 4 [*]" in result.stdout
    )
