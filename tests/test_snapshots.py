"""Every corpus list's exact zero-config findings, recorded in ``tests/snapshots/<list>.txt``.

A change in what readme-lint reports on a real list shows up here as a diff to read: each line of a snapshot is a
finding (``line:column CODE message``) that was read and judged (see docs/accuracy.md). To record new findings
after such a change, run ``READMELINT_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readme_lint.config import ConfigLoader
from readme_lint.linter import Linter, enabled_rules
from readme_lint.source import read_source
from tests.conftest import CORPUS, TODAY

SNAPSHOTS = Path(__file__).parent / "snapshots"
LISTS = sorted(
    path
    for path in (CORPUS.glob("*/README.md") if CORPUS.is_dir() else [])
    if path.parent.name != "llm-inference-acceleration"
) + ([CORPUS / "llm-inference-acceleration" / "tree" / "README.md"] if CORPUS.is_dir() else [])


def _name(path: Path) -> str:
    return path.relative_to(CORPUS).parts[0]


def findings(path: Path) -> str:
    """The zero-config findings on ``path``, one per line, as a maintainer reads them."""
    config = ConfigLoader(use_files=False).for_file(path)
    linter = Linter(config, enabled_rules(config), file_path=path, today=TODAY)
    _, diagnostics = linter.lint_text(read_source(path), path.name)
    return "".join(f"{d.line}:{d.column} {d.code} {d.message}\n" for d in diagnostics)


@pytest.mark.parametrize("path", LISTS or [None], ids=lambda p: _name(p) if p else "none")
def test_corpus_findings_match_the_snapshot(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    snapshot = SNAPSHOTS / f"{_name(path)}.txt"
    found = findings(path)
    if os.environ.get("READMELINT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(found, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot for {_name(path)}: run with READMELINT_UPDATE_SNAPSHOTS=1"
    assert found == snapshot.read_text(encoding="utf-8")
