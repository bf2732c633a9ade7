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
    assert hook["entry"] == "readme-lint --changed-files" and hook["language"] == "python"
    assert "files" not in hook and "types" not in hook  # intro folders' images and renamed READMEs reach it
    assert hook["always_run"] is True  # a commit that only deletes passes no file
    import re

    files = re.compile(links["files"])
    assert files.search("README.md") and files.search("docs/readme.md") and not files.search("CHANGELOG.md")
    for manifest in hooks.values():
        # one process for all files (else pre-commit splits them into batches, each with its own summary);
        # `pre-push` as a stage name needs pre-commit 3.2
        assert manifest["require_serial"] is True and manifest["minimum_pre_commit_version"] == "3.2.0"


def _head() -> str | None:
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def _pre_commit(repo: Path, home: Path, *args: str, all_files: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *(["--all-files"] if all_files else []), *args],
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


def _hook_repo(repo: Path) -> Path:
    """A git repository whose .pre-commit-config.yaml uses this checkout's readme-lint hook at HEAD."""
    head = _head()
    if head is None:
        pytest.skip("this checkout has no commit for pre-commit to install from")
    init_git_repo(repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: readme-lint\n"
    )
    return repo


def test_real_pre_commit_reports_all_files_in_one_run(tmp_path: Path, pre_commit_home: Path) -> None:
    """Without require_serial pre-commit splits the files over processes: `Found 1 problem.` per batch."""
    repo = _hook_repo(tmp_path / "lists")
    for name in ("a", "b", "c", "d"):
        (repo / name).mkdir()
        (repo / name / "README.md").write_text(table(row(1, affiliation=" DeepSeek"), row(2)))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = _pre_commit(repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("Found ") == 1 and "Found 4 problems" in result.stdout, result.stdout


def test_real_pre_commit_catches_a_renamed_intro_folder(tmp_path: Path, pre_commit_home: Path) -> None:
    """`git mv` of an intro folder stages only the intro's files; the list that links the old path must fail."""
    repo = _hook_repo(tmp_path / "list")
    slug = "paper-1--training-models"
    link = f"[[intro](attention-mechanism/{slug}/README.md)]"
    (repo / "README.md").write_text(table(row(1, paper=f"[[pdf](https://arxiv.org/abs/2305.13246)] {link}")))
    (repo / "attention-mechanism" / slug).mkdir(parents=True)
    (repo / "attention-mechanism" / slug / "README.md").write_text("# Paper 1: Training Models\n")
    (repo / "attention-mechanism" / slug / "core.png").write_bytes(b"\x89PNG\r\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    assert _pre_commit(repo, pre_commit_home, all_files=False).returncode == 0
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    subprocess.run(["git", "commit", "-qm", "list", "--no-verify"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "mv", f"attention-mechanism/{slug}", "attention-mechanism/renamed"], cwd=repo, check=True)
    result = _pre_commit(repo, pre_commit_home, all_files=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "README.md:6:" in result.stdout and "RL402" in result.stdout
    # a commit that only deletes the folder: pre-commit passes no file at all
    subprocess.run(["git", "mv", "attention-mechanism/renamed", f"attention-mechanism/{slug}"], cwd=repo, check=True)
    assert _pre_commit(repo, pre_commit_home, all_files=False).returncode == 0
    subprocess.run(["git", "rm", "-rq", f"attention-mechanism/{slug}"], cwd=repo, check=True)
    deleted = _pre_commit(repo, pre_commit_home, all_files=False)
    assert deleted.returncode == 1 and "RL402" in deleted.stdout, deleted.stdout + deleted.stderr


def test_real_pre_commit_blocks_a_row_github_drops(tmp_path: Path, pre_commit_home: Path) -> None:
    """Issue 11: a row appended below the table's closing blank line used to pass; the hook now stops it."""
    repo = _hook_repo(tmp_path / "list")
    (repo / "README.md").write_text(table(row(1), row(2)) + "\n" + row(3))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = _pre_commit(repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "README.md:9:1: RL107 GitHub renders line 9 as a paragraph: the blank line on line 8 ends the table that "
        "starts on line 4 [*]" in result.stdout
    )


def test_real_pre_commit_never_reads_file_names_as_options(tmp_path: Path, pre_commit_home: Path) -> None:
    """Issue 17 item 2: empty files named like options made the offline hook check links, reach a loopback
    address, pass a README with an error and overwrite .pre-commit-config.yaml with its report."""
    import http.server
    import threading

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_HEAD = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        repo = _hook_repo(tmp_path / "list")
        link = f"[[code](http://127.0.0.1:{server.server_address[1]}/code)]"
        paper = f"[[pdf](https://arxiv.org/abs/2305.13246)] {link}"
        (repo / "README.md").write_text(table(row(1, paper=paper, affiliation=" DeepSeek")))
        config = (repo / ".pre-commit-config.yaml").read_text()
        for name in ("--check-links", "--allow-private", "--exit-zero", "--output-file=.pre-commit-config.yaml"):
            (repo / name).write_text("")
        subprocess.run(["git", "add", "--", "."], cwd=repo, check=True)
        result = _pre_commit(repo, pre_commit_home)
    finally:
        server.shutdown()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "RL104 Cell is padded as ' DeepSeek'" in result.stdout and "RL21" not in result.stdout
    assert "no such option" not in result.stdout + result.stderr
    assert requests == []
    assert (repo / ".pre-commit-config.yaml").read_text() == config


def _commit(repo: Path, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", message, "--no-verify"], cwd=repo, check=True, env=env)


def test_real_pre_commit_judges_the_commit_not_the_files_history(tmp_path: Path, pre_commit_home: Path) -> None:
    """Issue 19 item 3: old debt (a padded cell committed before the hook) never blocks a clean commit; a bad new
    row does, and `args: [--whole-files]` judges the whole file."""
    repo = _hook_repo(tmp_path / "list")
    (repo / "README.md").write_text(table(row(1, affiliation=" DeepSeek"), row(2)))
    _commit(repo, "old debt")
    (repo / "README.md").write_text(table(row(1, affiliation=" DeepSeek"), row(2), row(3)))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    clean = _pre_commit(repo, pre_commit_home, all_files=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "README.md").write_text(table(row(1, affiliation=" DeepSeek"), row(2), row(3, date="2023-5")))
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    bad = _pre_commit(repo, pre_commit_home, all_files=False)
    assert bad.returncode == 1 and "README.md:8:" in bad.stdout and "RL301" in bad.stdout, bad.stdout
    assert "RL104" not in bad.stdout
    config = (
        (repo / ".pre-commit-config.yaml")
        .read_text()
        .replace("id: readme-lint\n", "id: readme-lint\n        args: [--whole-files]\n")
    )
    (repo / ".pre-commit-config.yaml").write_text(config)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    whole = _pre_commit(repo, pre_commit_home, all_files=False)
    assert whole.returncode == 1 and "RL104" in whole.stdout and "RL301" in whole.stdout, whole.stdout
