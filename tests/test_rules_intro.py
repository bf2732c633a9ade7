"""RL4xx: intro links checked against a real working tree in a temporary git repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import col, init_git_repo, lint, positions, row, table

BASE = "https://github.com/OWNER/REPO/blob/main"
GQA = "**GQA: Training Models** [EMNLP 2023]"
GQA_SLUG = "gqa--training-models"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    init_git_repo(tmp_path, "git@github.com:OWNER/REPO.git")
    intro = tmp_path / "attention-mechanism" / GQA_SLUG
    intro.mkdir(parents=True)
    (intro / "README.md").write_text("# GQA: Training Models\n\n![fig](fig.1.jpg)\n")
    (intro / "fig.1.jpg").write_bytes(b"")
    return tmp_path


def lint_in(repo: Path, text: str, select: tuple[str, ...]) -> list:
    readme = repo / "README.md"
    readme.write_text(text)
    from readme_lint.config import ConfigLoader

    config = ConfigLoader().for_file(readme)
    from readme_lint.linter import Linter, Selection, enabled_rules
    from readme_lint.source import SourceText

    linter = Linter(config, enabled_rules(config, Selection(select=select)), file_path=readme)
    return linter.lint_text(SourceText(text))[1]


def intro_row(n: int, path: str, title: str = GQA) -> str:
    paper = f"[[pdf](https://arxiv.org/abs/2305.{13245 + n})] [[intro]({BASE}/{path})]"
    return row(n, title=title, paper=paper)


def test_rl401_convention_and_fix(repo: Path) -> None:
    good = intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md")
    moved = intro_row(1, f"more/{GQA_SLUG}/README.md", title="**GQA: Training Models**")
    old = intro_row(2, "Attention%20Mechanism/GQA_Training%20Models/README.md", title="**New Paper**")
    text = table(good, moved, old)
    found = lint_in(repo, text, ("RL401",))
    assert positions(found) == [
        (7, col(text, 7, f"{BASE}/more"), "RL401"),
        (8, col(text, 8, f"{BASE}/Attention"), "RL401"),
    ]
    assert found[0].fix.safe and not found[1].fix.safe
    assert f"{BASE}/attention-mechanism/new-paper/README.md (that file does not exist yet)" in found[1].message


def test_rl401_slug_rules() -> None:
    from readme_lint.papers import slugify

    assert slugify("LLM.int8(): 8-bit Matrix Multiplication") == "llm.int8----8-bit-matrix-multiplication"
    assert slugify("Learning to (Learn at Test Time): RNNs") == "learning-to--learn-at-test-time---rnns"
    assert slugify("Contextual Position Encoding: Learning to Count What's Important") == (
        "contextual-position-encoding--learning-to-count-what-s-important"
    )


def test_rl402_missing_targets(repo: Path) -> None:
    text = "See [x](docs/missing.md) and [ok](attention-mechanism/).\n\n" + table(
        intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md"),
        intro_row(1, "attention-mechanism/gone/README.md", title="**Gone**"),
    )
    found = lint_in(repo, text, ("RL402",))
    assert positions(found) == [
        (1, 9, "RL402"),
        (9, col(text, 9, f"{BASE}/attention-mechanism/gone"), "RL402"),
    ]
    assert "attention-mechanism/gone/README.md does not exist" in found[1].message


def test_rl402_needs_a_checkout_for_blob_urls(tmp_path: Path) -> None:
    text = table(intro_row(0, "attention-mechanism/gone/README.md"))
    (tmp_path / "README.md").write_text(text)
    assert lint(text, select=("RL402",), file_path=tmp_path / "README.md") == []


def test_rl403_unlinked_intro_gets_a_link(repo: Path) -> None:
    text = table(row(0, title=GQA))
    found = lint_in(repo, text, ("RL403",))
    assert positions(found) == [(6, col(text, 6, "[[pdf"), "RL403")]
    readme = repo / "README.md"
    from tests.conftest import run_command

    result = run_command(["--select", "RL403", "--fix", "README.md"], cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"[[pdf](https://arxiv.org/abs/2305.13245)] [[intro]({BASE}/attention-mechanism/{GQA_SLUG}/README.md)]" in (
        readme.read_text()
    )


def test_rl404_orphan_folder(repo: Path) -> None:
    orphan = repo / "attention-mechanism" / "forgotten"
    orphan.mkdir()
    (orphan / "README.md").write_text("# Forgotten\n")
    text = table(intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md"))
    found = lint_in(repo, text, ("RL404",))
    assert positions(found) == [(1, 4, "RL404")]
    assert "attention-mechanism/forgotten/" in found[0].message


def test_rl405_intro_title_and_missing_image(repo: Path) -> None:
    intro = repo / "attention-mechanism" / GQA_SLUG / "README.md"
    intro.write_text("# GQA\n\n![fig](fig.2.jpg)\n")
    text = table(intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md"))
    found = lint_in(repo, text, ("RL405",))
    target = col(text, 6, f"{BASE}/attention")
    assert positions(found) == [(6, target, "RL405"), (6, target, "RL405")]
    assert "starts with 'GQA'" in found[0].message
    assert "line 3 references 'fig.2.jpg'" in found[1].message


def git(repo: Path, *args: str) -> None:
    import subprocess

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    import os

    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **env})


def test_rl401_in_a_fork_keeps_the_upstream_repository(tmp_path: Path) -> None:
    """origin is the contributor's fork; the list links its upstream: nothing is rewritten to the fork."""
    init_git_repo(tmp_path, "git@github.com:CONTRIBUTOR/REPO.git")
    intro = tmp_path / "attention-mechanism" / GQA_SLUG
    intro.mkdir(parents=True)
    (intro / "README.md").write_text("# GQA: Training Models\n")
    text = table(
        intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md"),
        intro_row(1, f"more/{GQA_SLUG}/README.md", title="**GQA: Training Models**"),
    )
    found = lint_in(tmp_path, text, ("RL401", "RL402"))
    assert positions(found) == [(7, col(text, 7, f"{BASE}/more"), "RL401"), (7, col(text, 7, f"{BASE}/more"), "RL402")]
    assert f"should be {BASE}/attention-mechanism/{GQA_SLUG}/README.md" in found[0].message
    assert found[0].fix.safe  # same OWNER/REPO, and the file exists


def test_rl401_a_fix_that_changes_the_repository_is_never_safe(repo: Path) -> None:
    other = f"https://github.com/SOMEONE/ELSE/blob/main/attention-mechanism/{GQA_SLUG}/README.md"
    text = table(
        intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md"),
        intro_row(1, f"attention-mechanism/{GQA_SLUG}/README.md"),
        row(2, title=GQA, paper=f"[[pdf](https://arxiv.org/abs/2305.13249)] [[intro]({other})]"),
    )
    found = lint_in(repo, text, ("RL401",))
    assert positions(found) == [(8, col(text, 8, other), "RL401")]
    assert not found[0].fix.safe


def test_intro_rules_without_git_stay_quiet(tmp_path: Path) -> None:
    """No git: no working tree to judge, so no 'missing' and no 'orphaned' folder (RL401 still checks names)."""
    intro = tmp_path / "attention-mechanism" / "forgotten"
    intro.mkdir(parents=True)
    (intro / "README.md").write_text("# Forgotten\n")
    text = "![fig](img/missing.png)\n\n" + table(
        intro_row(0, "attention-mechanism/gone/README.md", title="**Gone**"),
        intro_row(1, f"more/{GQA_SLUG}/README.md"),
    )
    (tmp_path / "README.md").write_text(text)
    found = lint(text, select=("RL4",), file_path=tmp_path / "README.md")
    assert positions(found) == [(9, col(text, 9, f"{BASE}/more"), "RL401")]
    assert not found[0].fix.safe


def test_links_out_of_the_repository_are_never_read_or_probed(tmp_path: Path) -> None:
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "creds.txt").write_text("# TOKEN=hunter2\n")
    repo = tmp_path / "checkout"
    repo.mkdir()
    init_git_repo(repo, "git@github.com:OWNER/REPO.git")
    (repo / "escape").symlink_to(outside)
    (repo / "attention-mechanism").mkdir()
    (repo / "attention-mechanism" / "link").symlink_to(outside, target_is_directory=True)
    (outside / "README.md").write_text("# TOKEN=hunter2\n")
    text = (
        "[a](../secret/creds.txt) [b](../secret/nothing.txt) [c](escape/creds.txt) [d](escape/none.txt)\n"
        "[e](/../../etc/passwd) [f](../../issues)\n\n"
        + table(
            row(0, title="**A**", paper="[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](../secret/creds.txt)]"),
            row(1, title="**B**", paper="[[pdf](https://arxiv.org/abs/2305.13246)] [[intro](escape/README.md)]"),
        )
    )
    found = lint_in(repo, text, ("RL4",))
    assert [d for d in found if d.code in ("RL402", "RL404", "RL405")] == []
    assert not any("hunter2" in d.message for d in found)


def test_rl402_links_to_another_branch(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "init")
    git(repo, "branch", "-m", "main")
    git(repo, "checkout", "-qb", "Evaluation")
    (repo / "eval").mkdir()
    (repo / "eval" / "report.md").write_text("x\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "eval")
    git(repo, "checkout", "-q", "main")
    other = "https://github.com/OWNER/REPO/blob/Evaluation"
    text = (
        f"[ok]({other}/eval/report.md) [dir](https://github.com/OWNER/REPO/tree/Evaluation/eval) "
        f"[gone]({other}/eval/gone.md) [unknown](https://github.com/OWNER/REPO/blob/nobranch/x.md)\n\n"
        + table(intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md"))
    )
    assert not (repo / "eval").exists()  # only on the other branch
    found = lint_in(repo, text, ("RL402",))
    assert positions(found) == [(1, col(text, 1, f"{other}/eval/gone.md"), "RL402")]
    assert "branch 'Evaluation'" in found[0].message


def test_workspace_is_gathered_once_and_only_when_needed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import readme_lint.workspace as workspace

    calls = []
    real = workspace.gather
    monkeypatch.setattr(workspace, "gather", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    text = table(intro_row(0, f"attention-mechanism/{GQA_SLUG}/README.md"))
    lint_in(repo, text, ("RL4",))
    assert calls == [1]
    lint_in(repo, text, ("RL1", "RL2", "RL3", "RL5"))
    assert calls == [1]


def test_a_config_file_without_git_is_no_working_tree(tmp_path: Path) -> None:
    (tmp_path / ".readme-lint.toml").write_text('select = ["RL4"]\n')
    text = "![fig](img/missing.png)\n"
    found = lint_in(tmp_path, text, ("RL4",))
    assert found == []
    init_git_repo(tmp_path)
    assert positions(lint_in(tmp_path, text, ("RL4",))) == [(1, 8, "RL402")]
