"""Reading and writing README files without losing a byte.

A fix must keep everything outside its edits exactly: the UTF-8 BOM, each line's own ending (LF, CRLF or a
lone CR) and the presence or absence of a final newline. So a file is read as bytes, the BOM is split off,
the rest is decoded strictly, and lines are split the way mistune splits them (on CRLF, CR and LF only --
not ``str.splitlines()``, which also splits on U+2028, form feeds and friends that markdown treats as text).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from readme_lint.errors import ReadmeLintError

BOM = "\ufeff"
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


class InputError(ReadmeLintError):
    """A file that cannot be linted; the message is one line meant for the user."""


class SourceText(NamedTuple):
    """Decoded file content: the text without BOM, and whether a BOM was there."""

    text: str
    has_bom: bool = False

    def encode(self) -> bytes:
        return ((BOM if self.has_bom else "") + self.text).encode("utf-8")


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Split text into line contents and their endings ('' for a last line without newline).

    An empty text has no lines; a text ending with a newline has no empty last line.
    """
    if "\r" not in text:
        lines = text.split("\n")
        endings = ["\n"] * (len(lines) - 1)
        if lines[-1] == "":
            lines.pop()
        else:
            endings.append("")
        return lines, endings
    lines, endings = [], []
    for match in _LINE.finditer(text):
        content, ending = match.group(1), match.group(2)
        if not content and not ending:
            break
        lines.append(content)
        endings.append(ending)
    return lines, endings


def decode(data: bytes, display_path: str) -> SourceText:
    """Decode UTF-8 bytes (BOM kept aside); binary or non-UTF-8 data is an InputError."""
    if b"\x00" in data:
        raise InputError(f"{display_path}: binary file (contains NUL bytes), not linted")
    has_bom = data.startswith(b"\xef\xbb\xbf")
    if has_bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{display_path}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
            f"{error.start + (3 if has_bom else 0)})"
        ) from None
    return SourceText(text, has_bom)


def read_source(path: Path, display_path: str | None = None) -> SourceText:
    """Read and decode a file, turning every OS-level failure into a one-line InputError."""
    shown = display_path or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot read ({error.strerror or error})") from None
    return decode(data, shown)


def write_atomic(path: Path, source: SourceText) -> None:
    """Replace the file's content atomically, keeping its mode; a symlink is written through.

    The new content goes to a temporary file in the target's directory and is renamed over the target,
    so a reader (or a crash) never sees half a file.
    """
    import tempfile  # only --fix writes; linting should not pay for the import

    target = Path(os.path.realpath(path))
    data = source.encode()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({error.strerror or error})") from None
