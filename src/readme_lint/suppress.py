"""Inline suppression comments, applied once by the decision step after the rules ran.

* ``<!-- readme-lint-disable RL501 -->`` ... ``<!-- readme-lint-enable RL501 -->``: a region (to the end of
  the file when never enabled again);
* ``<!-- readme-lint-disable-next-line RL304 -->``: the line after the comment;
* ``<!-- readme-lint-disable-line RL104 -->``: the comment's own line (e.g. at the end of a table row);
* ``<!-- readme-lint-disable-file -->``: the whole file.

Codes may be full codes, prefixes (``RL4``) or rule names; no code means every rule. Comments inside code
blocks are text, not directives. Each code of a comment is one Suppression, which remembers whether it
suppressed anything (for RL902, unused-suppression).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from readme_lint.diagnostics import Diagnostic
from readme_lint.selectors import specificity

_DIRECTIVE = re.compile(
    r"<!--[ \t]*readme-lint-(disable-file|disable-next-line|disable-line|disable|enable)((?:[ \t,]+[\w-]+)*)[ \t]*-->"
)
_SELECTOR = re.compile(r"[\w-]+")
ALL = "*"


class Selector(NamedTuple):
    """One code (or name, or prefix) written in a directive, with its position; ``*`` for a bare directive."""

    text: str
    line: int
    col: int
    end_col: int


class Directive(NamedTuple):
    """A suppression comment: its kind (``disable-line`` ...) and the selectors it names."""

    kind: str
    line: int
    col: int
    end_col: int
    selectors: tuple[Selector, ...]


def directives(lines: list[str], code_lines: set[int]) -> Iterator[Directive]:
    """Every directive comment outside code blocks, in source order."""
    for number, text in enumerate(lines, start=1):
        if "readme-lint-" not in text or number in code_lines:
            continue
        for match in _DIRECTIVE.finditer(text):
            start = match.start(2)
            selectors = tuple(
                Selector(found.group(), number, start + found.start() + 1, start + found.end() + 1)
                for found in _SELECTOR.finditer(match.group(2))
            ) or (Selector(ALL, number, match.start() + 1, match.end() + 1),)
            yield Directive(match.group(1), number, match.start() + 1, match.end() + 1, selectors)


class Suppression(NamedTuple):
    """A selector of a directive, in force over lines ``start``..``end``."""

    selector: Selector
    start: int
    end: int
    directive: Directive

    def matches(self, diagnostic: Diagnostic) -> bool:
        if not self.start <= diagnostic.line <= self.end:
            return False
        return self.selector.text == ALL or specificity(self.selector.text, diagnostic.code, diagnostic.name) > 0


class Suppressions:
    """Which (line, rule) pairs are suppressed, built from a document's directive comments."""

    def __init__(self, entries: list[Suppression]) -> None:
        self.entries = entries
        self.used: set[int] = set()  # indices into entries that suppressed a finding

    @classmethod
    def from_lines(cls, lines: list[str], code_lines: set[int]) -> Suppressions:
        entries: list[Suppression] = []
        open_regions: dict[str, tuple[Selector, Directive]] = {}
        last = len(lines) + 1
        for directive in directives(lines, code_lines):
            if directive.kind == "enable":
                names = {s.text for s in directive.selectors}
                for text in list(open_regions) if ALL in names else [t for t in names if t in open_regions]:
                    selector, opening = open_regions.pop(text)
                    entries.append(Suppression(selector, selector.line, directive.line, opening))
                continue
            for selector in directive.selectors:
                if directive.kind == "disable-file":
                    entries.append(Suppression(selector, 0, last, directive))
                elif directive.kind == "disable-next-line":
                    entries.append(Suppression(selector, directive.line + 1, directive.line + 1, directive))
                elif directive.kind == "disable-line":
                    entries.append(Suppression(selector, directive.line, directive.line, directive))
                else:
                    open_regions.setdefault(selector.text, (selector, directive))
        entries.extend(
            Suppression(selector, selector.line, last, opening) for selector, opening in open_regions.values()
        )
        return cls(entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def suppresses(self, diagnostic: Diagnostic) -> bool:
        """Whether any suppression covers the diagnostic; every one that does counts as used."""
        found = False
        for index, entry in enumerate(self.entries):
            if entry.matches(diagnostic):
                self.used.add(index)
                found = True
        return found

    def unused(self) -> list[Suppression]:
        return [entry for index, entry in enumerate(self.entries) if index not in self.used]
