"""Nothing a pull request names can forge our output (issue 17, items 8 and 10): committed folder names with
ESC, newlines and ``::`` workflow commands, and a server's status line with terminal escapes, run through the
real command in every output format. No raw control character reaches stdout or stderr, and no line starts
with ``::`` unless it is one of our annotations.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from readme_lint.escape import printable, printable_json, printable_path
from tests.conftest import row, table
from tests.hostile import HostileServer

# Raw control characters a terminal or a log reader acts on; tab and newline are ours (statistics, line ends).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Our annotation, and nothing else, may start a line with "::" (the properties are percent-encoded).
ANNOTATION = re.compile(
    r"::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]*::[^\n]*"
)

ESC_FOLDER = "esc\x1b]0;owned\x07\x1b[2Jred"  # OSC (set the window title), then CSI (clear the screen)
NEWLINE_FOLDER = "x\n::warning file=README.md,line=1::forged\n::stop-commands::pwn\n"
COMMAND_FOLDER = "::stop-commands::pwn"
OTHER_FOLDERS = ("c1\x9b2J", "cr\rdel\x7f", " ::error::lead")  # C1 CSI; CR and DEL; a leading space


def assert_clean(text: str) -> None:
    """``text`` (a whole stdout or stderr) has no raw control character and no ``::`` line but ours."""
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw {found.group(0)!r} in {text!r}"
    for line in text.split("\n"):
        if line.lstrip().startswith("::"):
            assert ANNOTATION.fullmatch(line), f"forged workflow command: {line!r}"


@pytest.fixture
def hostile_tree(tmp_path: Path) -> Path:
    """A checkout whose folders are named to attack the output: each holds a README with one finding, the ESC
    and newline folders a README that is not UTF-8 (so their names reach the error lines too)."""
    finding = table(row(1, affiliation=" DeepSeek"))
    for name in (COMMAND_FOLDER, *OTHER_FOLDERS):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text(finding)
    for name in (ESC_FOLDER, NEWLINE_FOLDER):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_bytes(b"# T\n\n\xff\xfe not UTF-8\n")
    return tmp_path


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m readme_lint`` as a subprocess; text decoded leniently so a stray byte shows, not raises."""
    command = [sys.executable, "-m", "readme_lint", *args]
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, errors="surrogateescape", env=environment, timeout=120
    )


@pytest.mark.parametrize("output_format", ["text", "github", "json", "sarif"])
def test_hostile_folder_names_never_forge_output(hostile_tree: Path, output_format: str) -> None:
    result = run(["--output-format", output_format, "."], hostile_tree)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert_clean(result.stdout)
    assert_clean(result.stderr)
    errors = result.stderr.splitlines()
    assert sorted(errors) == sorted(
        f"readme-lint: error: {printable(name)}/README.md: not valid UTF-8 (byte 0xff at offset 5)"
        for name in (ESC_FOLDER, NEWLINE_FOLDER)
    )
    if output_format == "text":
        lines = result.stdout.splitlines()
        assert f"{printable_path(COMMAND_FOLDER)}/README.md:6:90: RL104" in "\n".join(lines)
        assert "./::stop-commands::pwn/README.md:6:90: RL104 Cell is padded" in result.stdout
        assert "./ ::error::lead/README.md:6:90: RL104" in result.stdout
        assert len([line for line in lines if " RL104 " in line]) == 1 + len(OTHER_FOLDERS)
    if output_format == "github":
        annotations = result.stdout.splitlines()
        assert len(annotations) == 1 + len(OTHER_FOLDERS) and all(ANNOTATION.fullmatch(a) for a in annotations)
        assert "::error file=%3A%3Astop-commands%3A%3Apwn/README.md,line=6," in result.stdout
    if output_format in ("json", "sarif"):
        json.loads(result.stdout)  # still valid JSON: the paths are escaped as JSON escapes them


def test_hostile_folder_names_in_the_other_commands(hostile_tree: Path) -> None:
    """--show-files, --diff, --fix and --show-settings print paths too; a missing path is a usage-style error."""
    for args in (["--show-files", "."], ["--diff", "."], ["--fix", "."], ["--show-settings", NEWLINE_FOLDER]):
        result = run(args, hostile_tree)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert_clean(result.stdout)
        assert_clean(result.stderr)
    shown = run(["--show-files", COMMAND_FOLDER, OTHER_FOLDERS[2]], hostile_tree).stdout.splitlines()
    assert shown == ["./::stop-commands::pwn/README.md", "./ ::error::lead/README.md"]
    missing = run(["nothing\x1b[2J\n::warning::x"], hostile_tree)
    assert missing.returncode == 2
    assert_clean(missing.stderr)
    assert missing.stderr == "readme-lint: error: nothing\\x1b[2J\\n::warning::x: no such file or directory\n"


def test_a_server_status_line_with_terminal_escapes_is_printed_escaped(tmp_path: Path) -> None:
    """The issue's hostile arXiv endpoint: its status line (OSC and CSI in it) ends up in a warning, escaped."""

    def status_line(request: bytes, connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 \x1b]0;owned\x07\x1b[2J200 OK\r\nContent-Length: 0\r\n\r\n")

    row_text = "|K|**A title**|[[pdf](https://arxiv.org/abs/2305.10001)]|A|2023.05|1|\n"
    header = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"
    with HostileServer(status_line) as server:
        (tmp_path / "README.md").write_text("## Papers\n\n" + header + row_text)
        (tmp_path / ".readme-lint.toml").write_text(f'[links]\narxiv-api = "{server.url}/api"\nretries = 0\n')
        for output_format in ("text", "github"):
            args = ["--check-links", "--allow-private", "--no-cache", "--select", "RL212"]
            result = run([*args, "--output-format", output_format], tmp_path)
            assert_clean(result.stdout)
            assert_clean(result.stderr)
            assert "arXiv IDs not checked (arXiv API failed: " in result.stderr
            assert "\\x1b]0;owned\\x07\\x1b[2J200 OK" in result.stderr


def test_escapes_are_exact() -> None:
    assert printable("a\x1b[31mb\r\n\x7f\x9b\u2028") == "a\\x1b[31mb\\r\\n\\x7f\\x9b\\u2028"
    assert printable_path("::stop-commands::x/README.md") == "./::stop-commands::x/README.md"
    assert printable_path(" ::x") == "./ ::x" and printable_path("docs/README.md") == "docs/README.md"
    assert printable_json(["\x1b\x7f\x9bü\u2029"]) == '[\n  "\\u001b\\u007f\\u009bü\\u2029"\n]'
    assert json.loads(printable_json(["\x1b\x7f\x9bü\u2029"])) == ["\x1b\x7f\x9bü\u2029"]
