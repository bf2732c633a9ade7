"""mypy accepts src/ (CI runs only pytest, so this test is what enforces it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_is_clean() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extras: pip install -e '.[test]'")
    cache = ROOT / ".mypy_cache"  # reused between runs: a warm check takes about a second
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), "src/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
