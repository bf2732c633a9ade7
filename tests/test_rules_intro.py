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
