"""Shared helpers: building reference-style tables, linting text, running the installed command."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readme_lint.config import Config, parse_config
from readme_lint.diagnostics import Diagnostic
from readme_lint.fixer import fix_source
from readme_lint.linter import Linter, Selection, enabled_rules
from readme_lint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REFERENCE_TREE = CORPUS / "llm-inference-acceleration" / "tree"
TODAY = dt.date(2026, 11, 26)

HEADER = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"
REPO_URL = "https://github.com/OWNER/REPO/blob/main"


def row(
    n: int = 0,
    *,
    keywords: str = "GQA",
    title: str | None = None,
    paper: str | None = None,
    affiliation: str = "Google",
    date: str = "2023.05",
    citation: str = "174",
) -> str:
    """A clean reference-style row; ``n`` makes its title and arXiv ID unique."""
    title = f"**Paper {n}: Training Models** [EMNLP 2023]" if title is None else title
    paper = f"[[pdf](https://arxiv.org/abs/2305.{13245 + n})]" if paper is None else paper
    return f"|{keywords}|{title}|{paper}|{affiliation}|{date}|{citation}|\n"


def col(text: str, line: int, needle: str) -> int:
    """1-based column of ``needle`` in line ``line`` of ``text`` (tests state positions through it)."""
    return text.splitlines()[line - 1].index(needle) + 1


def table(*rows: str, heading: str = "## Attention Mechanism", note: bool = True) -> str:
    note_text = "Last update of citation was on 28th July, 2024.\n\n" if note else ""
    return f"{heading}\n{note_text}{HEADER}{''.join(rows)}"


def make_config(data: dict | None = None, root: Path | None = None) -> Config:
    return parse_config(data or {}, None, root)


def lint(
    text: str,
    config: dict | None = None,
    select: tuple[str, ...] | None = None,
    file_path: Path | None = None,
    root: Path | None = None,
) -> list[Diagnostic]:
    cfg = make_config(config, root)
    linter = Linter(cfg, enabled_rules(cfg, Selection(select=select)), file_path=file_path, today=TODAY)
    return linter.lint_text(SourceText(text))[1]


def fix(text: str, config: dict | None = None, select: tuple[str, ...] | None = None, unsafe: bool = False) -> str:
    cfg = make_config(config)
    linter = Linter(cfg, enabled_rules(cfg, Selection(select=select)), today=TODAY)
    return fix_source(SourceText(text), lambda source: linter.lint_text(source), unsafe=unsafe).text


def positions(diagnostics: list[Diagnostic], code: str | None = None) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in diagnostics if code is None or d.code == code]


def run_command(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``readme-lint`` command as a user would (falls back to ``python -m``)."""
    executable = shutil.which("readme-lint", path=os.path.dirname(sys.executable))
    command = [executable] if executable else [sys.executable, "-m", "readme_lint"]
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(command + args, cwd=cwd, capture_output=True, text=True, input=stdin, env=env, timeout=120)


@pytest.fixture(autouse=True, scope="session")
def _link_cache_of_the_tests(tmp_path_factory: pytest.TempPathFactory):
    """The link cache of every run in the tests (and their subprocesses) lives in a folder of the session, never
    in the user's cache; each config folder (each test's tmp_path) gets its own folder below it."""
    previous = os.environ.get("READMELINT_CACHE_DIR")
    os.environ["READMELINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("link-cache"))
    yield
    if previous is None:
        del os.environ["READMELINT_CACHE_DIR"]
    else:
        os.environ["READMELINT_CACHE_DIR"] = previous


def citations_cache(base: Path) -> Path:
    """The folder the citation counts of the config folder ``base`` are cached in by default in the tests."""
    from readme_lint.links.cache import folder_for

    return folder_for(Path(os.environ["READMELINT_CACHE_DIR"]), base, "citations")


def link_cache(base: Path) -> Path:
    """The folder the link cache of the config folder ``base`` uses by default in the tests."""
    from readme_lint.links.cache import folder_for

    return folder_for(Path(os.environ["READMELINT_CACHE_DIR"]), base)


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the checkout in ../shared)")
    return CORPUS


def init_git_repo(path: Path, origin: str | None = None) -> None:
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    if origin:
        subprocess.run(["git", "-C", str(path), "remote", "add", "origin", origin], check=True)


@pytest.fixture
def reference_tree(corpus: Path, tmp_path: Path) -> Path:
    """A git checkout of the reference repository's tree, with the omitted images restored as empty files."""
    target = tmp_path / "LLM-Inference-Acceleration"
    shutil.copytree(REFERENCE_TREE, target)
    for line in (corpus / "llm-inference-acceleration" / "omitted-images.txt").read_text().splitlines():
        if line.strip():
            image = target / line.strip()
            image.parent.mkdir(parents=True, exist_ok=True)
            image.touch()
    init_git_repo(target, "https://github.com/shishishu/LLM-Inference-Acceleration.git")
    return target
