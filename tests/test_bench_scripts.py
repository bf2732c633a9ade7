"""The bench scripts in a clone without ../shared: one line saying what they need, exit 2, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["run.py", "links.py"])
def test_bench_script_without_shared_says_what_it_needs(script: str, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    (clone / "bench").mkdir(parents=True)
    for name in ("run.py", "links.py"):
        shutil.copy(ROOT / "bench" / name, clone / "bench" / name)
    result = subprocess.run(
        [sys.executable, str(clone / "bench" / script), *(["--quick"] if script == "run.py" else [])],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"bench/{script}: needs the shared bench files beside the checkout")
    assert str(tmp_path / "shared") in lines[0] and "gen_large.py" in lines[0]
    assert not (clone / "bench" / ".venv").exists()  # nothing installed before the check
