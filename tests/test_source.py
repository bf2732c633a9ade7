"""The file layer: decoding, line splitting and atomic writes keep every byte."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from readme_lint.source import InputError, SourceText, decode, read_source, split_lines, write_atomic


@pytest.mark.parametrize(
    ("text", "lines", "endings"),
    [
        ("", [], []),
        ("a", ["a"], [""]),
        ("a\n", ["a"], ["\n"]),
        ("a\r\nb", ["a", "b"], ["\r\n", ""]),
        ("a\rb\r", ["a", "b"], ["\r", "\r"]),
        ("a\n\nb\n", ["a", "", "b"], ["\n", "\n", "\n"]),
        ("a\u2028b\x0cc\n", ["a\u2028b\x0cc"], ["\n"]),  # only CR/LF split, like mistune
        ("\r\n\r\n", ["", ""], ["\r\n", "\r\n"]),
    ],
)
def test_split_lines_keeps_endings(text: str, lines: list[str], endings: list[str]) -> None:
    assert split_lines(text) == (lines, endings)
    assert "".join(content + ending for content, ending in zip(*split_lines(text))) == text


def test_bom_is_kept_aside_and_restored() -> None:
    source = decode(b"\xef\xbb\xbf# T\r\n", "x.md")
    assert source.has_bom and source.text == "# T\r\n"
    assert source.encode() == b"\xef\xbb\xbf# T\r\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"ab\x00cd", "binary file"), (b"caf\xe9\n", "not valid UTF-8 (byte 0xe9 at offset 3)")],
)
def test_bad_bytes_are_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as error:
        decode(data, "x.md")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_read_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "missing.md")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_write_atomic_keeps_mode_and_writes_through_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / "README.md"
    link.symlink_to(target)
    write_atomic(link, SourceText("new\r\n", has_bom=True))
    assert link.is_symlink()
    assert target.read_bytes() == b"\xef\xbb\xbfnew\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "real.md"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root can write anywhere")
def test_write_atomic_in_read_only_directory_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_text("old\n")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(InputError, match="cannot write"):
            write_atomic(target, SourceText("new\n"))
    finally:
        tmp_path.chmod(0o700)
    assert target.read_text() == "old\n"


def test_write_atomic_refuses_a_symlink_that_leaves_the_boundary(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("keep\n")
    (tmp_path / "repo").mkdir()
    link = tmp_path / "repo" / "README.md"
    link.symlink_to(outside)
    with pytest.raises(InputError, match=r"outside the repository .*; not written$"):
        write_atomic(link, SourceText("new\n"), root=tmp_path / "repo")
    assert outside.read_text() == "keep\n"
    assert sorted(p.name for p in (tmp_path / "repo").iterdir()) == ["README.md"]


def test_repository_boundary_is_the_git_root_of_the_unresolved_path(tmp_path: Path) -> None:
    from readme_lint.source import repository_boundary

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "docs").mkdir()
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "repo" / "docs" / "README.md"
    link.symlink_to(tmp_path / "elsewhere" / "x.md")
    assert repository_boundary(link) == (tmp_path / "repo").resolve()


def test_read_source_takes_a_file_at_the_limit_and_refuses_one_byte_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readme_lint import source

    monkeypatch.setattr(source, "MAX_FILE_BYTES", 100)
    readme = tmp_path / "README.md"
    readme.write_bytes(b"x" * 100)
    assert read_source(readme).text == "x" * 100
    readme.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match="101 bytes, over the 0 MB limit; not read"):
        read_source(readme)


def test_a_symlink_loop_is_a_one_line_error(tmp_path: Path) -> None:
    from readme_lint.source import check_inside

    (tmp_path / "README.md").symlink_to(tmp_path / "README.md")
    with pytest.raises(InputError, match=r"^README.md: a symlink loop; not read$"):
        check_inside(tmp_path / "README.md", tmp_path, "README.md")
