"""Escaping for everything readme-lint prints: a path, a message or an error line may come from a pull request.

A README quotes links and headings into messages, a committed folder name becomes a path in the report, a server
answers with a status line: none of it may add a line, drive the terminal (ESC, CSI, OSC) or become a GitHub
workflow command (a log line starting with ``::``). Cheap to import: the CLI's error path uses it at start-up.
"""

from __future__ import annotations

import re

from readme_lint.patterns import lazy_compile

# Compiled on the first text that needs it: the range up to U+2029 makes a large charset, milliseconds to build.
_CONTROL = lazy_compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_JSON_EXTRA = lazy_compile("[\x7f-\x9f\u2028\u2029]")  # what json.dumps leaves raw of _CONTROL


def printable(text: str) -> str:
    """Control characters (and the Unicode line separators) written as escapes: a message quotes text from the
    README, and a newline or a terminal escape in a link must not forge a line or recolor the output."""
    if text.isprintable() or _CONTROL.search(text) is None:  # all of _CONTROL is unprintable (Cc, Zl, Zp)
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


# GitHub markdown (the Action's job summary). Every ASCII punctuation character may be backslash-escaped in
# CommonMark; these are the ones that start or end markup (links, images, emphasis, code, tables, headings,
# lists, autolinks, strikethrough, math). `<`, `>` and `&` become entities (no raw HTML, no entity of the attacker's).
_MARKDOWN = lazy_compile(r"[\\`*_{}\[\]()#+\-.!|~:$]")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def markdown_text(text: str) -> str:
    """``text`` as literal GitHub markdown on one line: :func:`printable` (no line break can end a table row or a
    fence), whitespace runs as one space, markup punctuation backslash-escaped, ``<``, ``>``, ``&`` as entities,
    and a word joiner (U+2060, invisible) after ``@``: cmark-gfm turns ``x@host.example`` into a ``mailto:``
    link after escapes are read, and GitHub ``@name`` into a mention, whatever the backslashes say."""
    flat = " ".join(printable(text).split())
    flat = _MARKDOWN.sub(lambda match: "\\" + match.group(0), flat)
    return re.sub("[<>&]", lambda match: _ENTITIES[match.group(0)], flat).replace("@", "@&#8288;")


def markdown_fence(lines: list[str], info: str = "text") -> list[str]:
    """``lines`` as a fenced code block whose fence is longer than any run of backticks in them, so no line can
    close it early; each line :func:`printable` (a line break inside one cannot start a line of markdown)."""
    shown = [printable(line) for line in lines]
    longest = max((len(run) for line in shown for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, *shown, fence]


def markdown_code(text: str) -> str:
    """``text`` as an inline code span on one line: delimiters longer than any backtick run inside, and spaces
    inside them when the text starts or ends with a backtick (so it stays text). Not for table cells: GFM
    splits a row at a ``|`` even inside a code span."""
    flat = " ".join(printable(text).split())
    longest = max((len(run) for run in re.findall("`+", flat)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if flat[:1] == "`" or flat[-1:] == "`" else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"
