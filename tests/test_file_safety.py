"""--fix and the file system: read-only folders, a full disk, symlinks, concurrent runs."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import fix, row, run_command, table

BAD = table(row(1, affiliation=" DeepSeek"), row(2, date="2023-05"), row(3, citation="1,000"))


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def test_read_only_folder_fails_with_a_message_and_keeps_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "list"
    folder.mkdir()
    readme = folder / "README.md"
    readme.write_text(BAD)
    if _is_root():
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode != 0:
            pytest.skip("running as root without chattr: no way to make a folder read-only")
    else:
        folder.chmod(0o500)
    try:
        result = run_command(["--fix", "README.md"], cwd=folder)
    finally:
        if _is_root():
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o700)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("readme-lint: error: README.md: cannot write (")
    assert "Traceback" not in result.stderr
    assert readme.read_text() == BAD
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


def test_full_disk_fails_with_a_message_and_keeps_the_file(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    if (
        not _is_root()
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a small tmpfs here to fill up")
    try:
        readme = mount / "README.md"
        readme.write_text(BAD)
        filler = mount / "filler"
        with filler.open("wb") as stream, contextlib.suppress(OSError):
            stream.write(b"x" * 64_000)
        result = run_command(["--fix", "README.md"], cwd=mount)
        assert result.returncode == 2
        assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
        assert readme.read_text() == BAD
        assert sorted(p.name for p in mount.iterdir()) == ["README.md", "filler"]
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_symlinked_readme_is_fixed_through_the_link(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    target = tmp_path / "docs" / "papers.md"
    target.write_text(BAD)
    (tmp_path / "README.md").symlink_to(Path("docs") / "papers.md")
    result = run_command(["--fix", "README.md"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "README.md").is_symlink()
    assert target.read_text() == fix(BAD)


def test_concurrent_fixes_never_leave_a_half_written_file(tmp_path: Path) -> None:
    big = table(*[row(n, affiliation=f" Lab{n}", date="2023-05") for n in range(400)])
    readme = tmp_path / "README.md"
    readme.write_text(big)
    expected = fix(big)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: run_command(["--fix", "-q", "README.md"], cwd=tmp_path), range(4)))
    assert all(result.returncode in (0, 1) for result in results)
    assert readme.read_text() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]
