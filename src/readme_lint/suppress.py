"""Inline suppression comments, applied once by the linter after the rules ran.

* ``<!-- readme-lint-disable RL501 -->`` ... ``<!-- readme-lint-enable RL501 -->``: a region (to the end of
  the file when never enabled again);
* ``<!-- readme-lint-disable-next-line RL304 -->``: the line after the comment;
* ``<!-- readme-lint-disable-line RL104 -->``: the comment's own line (e.g. at the end of a table row);
* ``<!-- readme-lint-disable-file -->``: the whole file.

Codes may be full codes, prefixes (``RL4``) or rule names; no code means every rule. Comments inside code
blocks are text, not directives.
"""

from __future__ import annotations

import re

from readme_lint.diagnostics import Diagnostic

_DIRECTIVE = re.compile(
    r"<!--[ \t]*readme-lint-(disable-file|disable-next-line|disable-line|disable|enable)((?:[ \t,]+[\w-]+)*)[ \t]*-->"
)
_ALL = "*"


class Suppressions:
    """Which (line, rule) pairs are suppressed, built from a document's directive comments."""

    def __init__(self) -> None:
        self.whole_file: set[str] = set()
        self.regions: list[tuple[int, int, set[str]]] = []
        self.lines: dict[int, set[str]] = {}

    @classmethod
    def from_lines(cls, lines: list[str], code_lines: set[int]) -> Suppressions:
        found = cls()
        open_regions: dict[str, int] = {}
        for number, text in enumerate(lines, start=1):
            if "readme-lint-" not in text or number in code_lines:
                continue
            for match in _DIRECTIVE.finditer(text):
                kind = match.group(1)
                codes = {code for code in re.split(r"[ \t,]+", match.group(2).strip()) if code} or {_ALL}
                if kind == "disable-file":
                    found.whole_file |= codes
                elif kind == "disable-next-line":
                    found.lines.setdefault(number + 1, set()).update(codes)
                elif kind == "disable-line":
                    found.lines.setdefault(number, set()).update(codes)
                elif kind == "disable":
                    for code in codes:
                        open_regions.setdefault(code, number)
                else:
                    closing = list(open_regions) if _ALL in codes else [c for c in codes if c in open_regions]
                    for code in closing:
                        found.regions.append((open_regions.pop(code), number, {code}))
        for code, start in open_regions.items():
            found.regions.append((start, len(lines) + 1, {code}))
        return found

    def __bool__(self) -> bool:
        return bool(self.whole_file or self.regions or self.lines)

    def suppresses(self, diagnostic: Diagnostic) -> bool:
        if _matches(self.whole_file, diagnostic) or _matches(self.lines.get(diagnostic.line, set()), diagnostic):
            return True
        return any(
            start <= diagnostic.line <= end and _matches(codes, diagnostic) for start, end, codes in self.regions
        )


def _matches(selectors: set[str], diagnostic: Diagnostic) -> bool:
    return any(
        selector == _ALL or diagnostic.code.startswith(selector.upper()) or selector.lower() == diagnostic.name
        for selector in selectors
    )
