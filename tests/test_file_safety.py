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


def test_fix_never_writes_outside_the_repository_through_a_committed_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "x.md"
    victim.write_text(BAD)
    repository = tmp_path / "repo"
    (repository / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / "docs" / "README.md").symlink_to(victim)
    result = run_command(["--fix", "."], cwd=repository)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"readme-lint: error: docs/README.md: resolves to {victim}, outside the repository {repository}; not read"
    ]
    assert victim.read_text() == BAD
    assert sorted(p.name for p in outside.iterdir()) == ["x.md"]


def test_symlink_inside_the_repository_is_still_fixed_in_a_git_checkout(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    target = tmp_path / "docs" / "papers.md"
    target.write_text(BAD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "README.md").symlink_to(Path("..") / "docs" / "papers.md")
    result = run_command(["--fix", "sub/README.md"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.read_text() == fix(BAD)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_readme_linked_to_a_device_is_refused_in_one_line(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} not available")
    (tmp_path / "README.md").symlink_to(device)
    result = run_command(["--fix", "README.md"], cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and "outside the repository" in result.stderr


def test_a_device_inside_the_boundary_is_not_a_regular_file(tmp_path: Path) -> None:
    from readme_lint.source import InputError, read_source

    with pytest.raises(InputError, match=r"^/dev/zero: not a regular file \(a character device\); not read$"):
        read_source(Path("/dev/zero"), root=Path("/"))


def test_a_fifo_input_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "README.md")
    result = run_command(["README.md"], cwd=tmp_path)  # run_command has a 120 s timeout; it used to hang
    assert result.returncode == 2
    assert result.stderr.strip() == "readme-lint: error: README.md: not a regular file (a FIFO); not read"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from readme_lint.source import MAX_FILE_BYTES

    readme = tmp_path / "README.md"
    with readme.open("wb") as stream:  # sparse: no 64 MB written to disk
        stream.truncate(MAX_FILE_BYTES + 1)
    result = run_command(["README.md"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"readme-lint: error: README.md: {MAX_FILE_BYTES + 1:,} bytes, over the {MAX_FILE_BYTES // 2**20} MB "
        "limit; not read"
    )
