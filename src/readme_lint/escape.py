"""Escaping for everything readme-lint prints: a path, a message or an error line may come from a pull request.

A README quotes links and headings into messages, a committed folder name becomes a path in the report, a server
answers with a status line: none of it may add a line, drive the terminal (ESC, CSI, OSC) or become a GitHub
workflow command (a log line starting with ``::``). Cheap to import: the CLI's error path uses it at start-up.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_JSON_EXTRA = re.compile("[\x7f-\x9f\u2028\u2029]")  # what json.dumps leaves raw of _CONTROL


def printable(text: str) -> str:
    """Control characters (and the Unicode line separators) written as escapes: a message quotes text from the
    README, and a newline or a terminal escape in a link must not forge a line or recolor the output."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape_control, text)


def printable_path(path: str) -> str:
    """A path that starts a line of output: :func:`printable`, and ``./`` in front when it starts with ``:`` or
    a space. GitHub reads a line of a job's log starting with ``::`` (after leading spaces) as a workflow
    command, so a committed folder ``::stop-commands::x/`` must never start one of our lines."""
    shown = printable(path)
    return "./" + shown if shown[:1] in (":", " ") else shown


def printable_json(value: object) -> str:
    """``json.dumps(value, indent=2)`` keeping non-ASCII text readable, but with DEL, the C1 controls and the
    Unicode line separators escaped too (``json`` escapes only C0): a terminal reads U+009B as CSI."""
    import json

    return _JSON_EXTRA.sub(_json_escape, json.dumps(value, indent=2, ensure_ascii=False))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def _escape_control(match: re.Match[str]) -> str:
    char = match.group(0)
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def escape_data(text: str) -> str:
    """The message of a workflow command (``::error ...::MESSAGE``): printable, then GitHub's own encoding."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command property (``file=``, ``title=``): the message encoding plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
