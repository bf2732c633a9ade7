"""Reading and writing README files without losing a byte.

A fix must keep everything outside its edits exactly: the UTF-8 BOM, each line's own ending (LF, CRLF or a
lone CR) and the presence or absence of a final newline. So a file is read as bytes, the BOM is split off,
the rest is decoded strictly, and lines are split the way mistune splits them (on CRLF, CR and LF only --
not ``str.splitlines()``, which also splits on U+2028, form feeds and friends that markdown treats as text).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from readme_lint.errors import ReadmeLintError
from readme_lint.patterns import lazy_pattern
from readme_lint.repo import find_repository_root

BOM = "\ufeff"
_LINE = lazy_pattern(r"([^\r\n]*)(\r\n|\r|\n|$)")


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
    for match in _LINE().finditer(text):
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


MAX_FILE_BYTES = 64 * 2**20
"""Inputs larger than this are refused unread: 35 times the largest real list we know (1.7 MB), twice a
generated 100,000-row list, and small enough that a run stays around 1 GB of memory."""

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def repository_boundary(path: Path) -> Path:
    """The folder a file may not leave: its git repository (found from where the path itself sits, symlinks
    not followed), else the current directory when the path is below it, else the path's own folder."""
    where = Path(os.path.abspath(path))
    root = find_repository_root(where.parent)
    if root is None:
        cwd = Path.cwd()
        root = cwd if where.is_relative_to(cwd) else where.parent
    return Path(os.path.realpath(root))


def check_inside(path: Path, root: Path, shown: str, verb: str = "read") -> Path:
    """The path with every symlink resolved; an InputError when that leaves ``root``."""
    try:
        target = Path(path).resolve(strict=True)
    except FileNotFoundError:  # dangling: where it points still decides
        target = Path(os.path.realpath(path))
    except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13)
        raise InputError(f"{shown}: a symlink loop; not {verb}") from None
    if not target.is_relative_to(os.path.realpath(root)):
        raise InputError(f"{shown}: resolves to {target}, outside the repository {root}; not {verb}")
    return target


def read_source(path: Path, display_path: str | None = None, root: Path | None = None) -> SourceText:
    """Read and decode a regular file, turning every OS-level failure into a one-line InputError.

    With ``root`` the file (symlinks resolved) must lie inside it. FIFOs, devices and sockets are refused
    without blocking (opened non-blocking, checked with fstat), and so are files over MAX_FILE_BYTES.
    """
    shown = display_path or str(path)
    if root is not None:
        check_inside(path, root, shown)
    try:
        data = _read_regular(path, shown)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as error:
        raise InputError(f"{shown}: cannot read ({error.strerror or error})") from None
    return decode(data, shown)


def _read_regular(path: Path, shown: str) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        info = os.fstat(descriptor)
        for test, kind in _KINDS:
            if test(info.st_mode):
                if kind == "a directory":
                    raise IsADirectoryError
                raise InputError(f"{shown}: not a regular file ({kind}); not read")
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(f"{shown}: {info.st_size:,} bytes, over the {MAX_FILE_BYTES // 2**20} MB limit; not read")
        data = stream.read(MAX_FILE_BYTES + 1)  # the file may grow after fstat
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{shown}: over the {MAX_FILE_BYTES // 2**20} MB limit; not read")
    return data


def write_atomic(path: Path, source: SourceText, root: Path | None = None) -> None:
    """Replace the file's content atomically, keeping its mode; a symlink is written through -- but only to
    a target inside ``root`` (default: the path's repository_boundary), never outside the repository.

    The new content goes to a temporary file in the target's directory and is renamed over the target,
    so a reader (or a crash) never sees half a file.
    """
    import tempfile  # only --fix writes; linting should not pay for the import

    boundary = repository_boundary(path) if root is None else root
    target = check_inside(path, boundary, str(path), "written")
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
