"""What rules report: diagnostics, and the fixes they may carry as line/column text edits.

NamedTuples rather than dataclasses: a dataclass compiles its methods when its module is imported, which
showed up as milliseconds in every pre-commit run.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, Enum):
    """How far a fix can be trusted (ruff's ``Applicability``): safe fixes go in with ``--fix``, unsafe ones
    (they may change what the list means, or need a human look) only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    @classmethod
    def safe_if(cls, condition: bool) -> Applicability:
        return cls.SAFE if condition else cls.UNSAFE


class FixAvailability(str, Enum):
    """Whether a rule's findings carry fixes (ruff's ``FixAvailability``), declared by every rule."""

    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Edit(NamedTuple):
    """Replace the text from (line, col) up to (end_line, end_col), end exclusive, with ``text``.

    Positions are 1-based and in characters of the decoded text (never offsets into mistune's text, which
    has its line endings rewritten). A pure insertion has start == end.
    """

    line: int
    col: int
    end_line: int
    end_col: int
    text: str

    @classmethod
    def replace_span(cls, line: int, col: int, end_col: int, text: str) -> Edit:
        return cls(line, col, line, end_col, text)

    @classmethod
    def insert(cls, line: int, col: int, text: str) -> Edit:
        return cls(line, col, line, col, text)

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.col)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_col)


class Fix(NamedTuple):
    """A set of edits applied together or not at all. Unsafe fixes need ``--unsafe-fixes``."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    @property
    def start(self) -> tuple[int, int]:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> tuple[int, int]:
        return max(edit.end for edit in self.edits)


class Diagnostic(NamedTuple):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.safe

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def with_severity(self, severity: Severity) -> Diagnostic:
        return self._replace(severity=severity)

    def to_dict(self) -> dict[str, object]:
        """The JSON output's object: exactly these keys, in this order."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fixable,
        }
