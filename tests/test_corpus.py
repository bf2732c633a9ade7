"""Real paper lists from ../shared/corpus: no crash anywhere, exact findings on the reference, trusted fixes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readme_lint.config import ConfigLoader
from readme_lint.document import Document
from readme_lint.fixer import fix_source
from readme_lint.linter import Linter, enabled_rules
from readme_lint.source import read_source
from tests.conftest import CORPUS, run_command

ALL_MARKDOWN = sorted(CORPUS.rglob("*.md")) if CORPUS.is_dir() else []


def rows_of(text: str) -> list[str]:
    return sorted(r.text for t in Document.parse(text).tables for r in t.rows)


@pytest.mark.parametrize("path", ALL_MARKDOWN, ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_corpus_file_lints_and_fixes_without_losing_rows(path: Path, corpus: Path) -> None:
    source = read_source(path)
    config = ConfigLoader(use_files=False).for_file(path)
    linter = Linter(config, enabled_rules(config), file_path=path)
    _, diagnostics = linter.lint_text(source, path.name)
    assert all(d.line >= 1 and d.column >= 1 for d in diagnostics)
    fixed = fix_source(source, lambda s: linter.lint_text(s, path.name))
    again = fix_source(fixed.source, lambda s: linter.lint_text(s, path.name))
    assert again.source.text == fixed.source.text
    assert not any(d.fixable for d in fixed.diagnostics)
    before, after = rows_of(source.text), rows_of(fixed.source.text)
    assert len(before) == len(after)
    assert source.text.endswith("\n") == fixed.source.text.endswith("\n")


def test_no_corpus_means_skip_with_reason() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    assert ALL_MARKDOWN


def test_newest_reference_readme_exact_findings(reference_tree: Path) -> None:
    result = run_command(["--output-format", "json"], cwd=reference_tree)
    import json

    found = [(d["line"], d["column"], d["code"], d["message"]) for d in json.loads(result.stdout)]
    lines = (reference_tree / "README.md").read_text().splitlines()
    assert found == [
        (34, lines[33].index("  Infinigence") + 1, "RL104", "2 spaces in a row inside the cell; use one"),
        (
            37,
            32,
            "RL304",
            "Update note date '23rd Jan, 2025.': month is abbreviated while others are spelled out; "
            "write '23rd January, 2025.'",
        ),
        (
            45,
            lines[44].index("|2021.08|") + 2,
            "RL501",
            "Rows are not sorted by Date ascending: 2021.08 on line 45 comes after 2023.05 on line 44",
        ),
        (
            56,
            lines[55].index("| DeepSeek|") + 2,
            "RL104",
            "Cell is padded as ' DeepSeek'; this table writes cells with no padding",
        ),
    ]
    assert lines[100].endswith("|2024.07||")  # the empty Citation cell is allowed by default


def test_fix_on_reference_tree_then_clean(reference_tree: Path) -> None:
    readme = reference_tree / "README.md"
    before = readme.read_bytes()
    first = run_command(["--fix"], cwd=reference_tree)
    assert first.returncode == 0, first.stdout
    after = readme.read_bytes()
    assert not after.endswith(b"\n") and not before.endswith(b"\n")
    old, new = before.decode().split("\n"), after.decode().split("\n")
    assert sorted(old) != sorted(new) and len(old) == len(new)
    changed = [(n + 1, a, b) for n, (a, b) in enumerate(zip(old, new)) if a != b]
    assert [n for n, _, _ in changed if n < 42 or n > 59] == [34, 37]
    assert changed[0][2].count("THU, Infinigence-AI") == 1
    assert new[36] == "Last update of citation was on 23rd January, 2025."
    attention = new[42:58]
    assert sorted(attention) == sorted(line.replace("| DeepSeek|", "|DeepSeek|") for line in old[42:58])
    dates = [line.split("|")[5] for line in attention]
    assert dates == sorted(dates)
    second = run_command([], cwd=reference_tree)
    assert second.returncode == 0 and second.stdout.strip() == "All checks passed."


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("001-873c523.md", [(11, "RL502"), (12, "RL502")]),
        ("004-233e50a.md", [(29, "RL103")]),
        ("005-837ba0e.md", [(36, "RL101"), (38, "RL101")]),
        ("037-248002e.md", [(55, "RL401")]),
    ],
)
def test_reference_history_defects_are_found(version: str, expected: list, corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    shutil.copy(corpus / "llm-inference-acceleration" / "history" / version, target)
    codes = {code for _, code in expected}
    result = run_command(["--select", ",".join(sorted(codes)), "--output-format", "json"], cwd=tmp_path)
    import json

    found = [(d["line"], d["code"]) for d in json.loads(result.stdout)]
    assert [item for item in found if item[0] in {line for line, _ in expected}] == expected


CONFIGS = Path(__file__).resolve().parents[1] / "examples" / "configs"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("awesome-llm-inference", {"RL203": [127]}),
        ("awesome-llm", {}),
        ("awesome-rl-ai-agents", {"RL301": [119, 139, 226]}),
        ("open-llms", {"RL101": [25, 39, 60, 84, 85], "RL501": [51]}),
        ("paper-reading", {"RL103": []}),  # its video table is not held to the paper tables' alignment
    ],
)
def test_example_configs_lint_other_schemas(name: str, expected: dict, corpus: Path) -> None:
    """Each list lints through config alone; the known real defects (see the corpus README) are found."""
    import json

    result = run_command(
        ["--config", str(CONFIGS / f"{name}.toml"), "--output-format", "json", "README.md"], cwd=corpus / name
    )
    assert result.returncode in (0, 1), result.stderr
    found = json.loads(result.stdout)
    for code, lines in expected.items():
        assert [d["line"] for d in found if d["code"] == code] == lines
    assert not [d for d in found if d["code"] in {"RL102", "RL201", "RL202"} and d["line"] not in {81, 562}]


@pytest.mark.parametrize(
    "path",
    [p for p in ALL_MARKDOWN if p.name == "README.md" and "tree/" not in p.as_posix()] or [None],
    ids=lambda p: str(p.relative_to(CORPUS)) if p else "none",
)
def test_init_on_corpus_gives_the_zero_config_findings(path: Path | None, corpus: Path, tmp_path: Path) -> None:
    """`init` writes down what the list model learned: linting after it reports exactly what zero config does."""
    if path is None:
        pytest.skip("no README in the corpus")
    import json

    shutil.copy(path, tmp_path / "README.md")
    without = run_command(["--no-config", "--output-format", "json"], cwd=tmp_path)
    assert run_command(["init", "--file"], cwd=tmp_path).returncode == 0
    written = (tmp_path / ".readme-lint.toml").read_text()
    with_config = run_command(["--output-format", "json"], cwd=tmp_path)
    assert with_config.returncode in (0, 1), with_config.stderr
    assert json.loads(with_config.stdout) == json.loads(without.stdout), written
