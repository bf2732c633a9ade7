"""The one fixer: apply the fixes of a lint run, relint, repeat until nothing fixable is left.

Each pass takes the applicable fixes (safe ones; unsafe ones too with ``unsafe=True``) in source order and
keeps those that do not overlap an earlier kept fix; the others wait for the next pass, where they are
recomputed against the new text. Edits are applied bottom-up, so earlier positions stay valid, and every
byte outside an edit is kept: line endings, the final newline or its absence (the BOM never enters the
text). A pass that changes nothing, or ``MAX_PASSES``, ends the loop -- so a rule that keeps proposing a
fix can never hang a run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from readme_lint.diagnostics import Diagnostic, Fix
from readme_lint.document import Document
from readme_lint.source import SourceText

MAX_PASSES = 10

LintFunction = Callable[[SourceText], tuple[Document, list[Diagnostic]]]
# The fixable rules' findings (None: not staged) and the completion to the whole lint (``Linter.lint_staged``).
StagedLintFunction = Callable[[SourceText], tuple[Document, "list[Diagnostic] | None", Callable[[], list[Diagnostic]]]]


class FixResult(NamedTuple):
    """The fixed source, what remains to report, and how many fixes went in."""

    source: SourceText
    diagnostics: list[Diagnostic]
    applied: int
    passes: int

    @property
    def text(self) -> str:
        return self.source.text


def applicable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Fix]:
    return [d.fix for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe)]


def choose_non_overlapping(fixes: list[Fix]) -> list[Fix]:
    """Greedy in source order; two fixes conflict when their spans intersect or insert at one point."""
    chosen: list[Fix] = []
    last_end: tuple[int, int] | None = None
    last_start: tuple[int, int] | None = None
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end)):
        if last_end is not None and (fix.start < last_end or fix.start == last_start):
            continue
        chosen.append(fix)
        last_start, last_end = fix.start, fix.end
    return chosen


def apply_fixes(doc: Document, fixes: list[Fix]) -> str:
    """Apply non-overlapping fixes to the document's text."""
    text = doc.source.text
    edits = sorted(
        ((doc.offset(e.line, e.col), doc.offset(e.end_line, e.end_col), e.text) for f in fixes for e in f.edits),
        reverse=True,
    )
    pieces: list[str] = []
    cursor = len(text)
    for start, end, replacement in edits:
        end = min(end, cursor)
        pieces.append(text[end:cursor])
        pieces.append(replacement)
        cursor = start
    pieces.append(text[:cursor])
    return "".join(reversed(pieces))


def fix_source(
    source: SourceText, lint: LintFunction, unsafe: bool = False, staged: StagedLintFunction | None = None
) -> FixResult:
    """Fix until stable; the diagnostics returned are those of the final text.

    Each pass's Document is released before the next one is built, so a big list never has two alive.
    With ``staged``, a pass first runs only the rules that propose fixes; the others run (on the same
    Document) only when those propose none -- the pass whose findings are reported. The fixes chosen are
    the same either way: the rules left out never carry one.
    """
    applied = 0
    for number in range(MAX_PASSES + 1):
        complete: Callable[[], list[Diagnostic]] | None = None
        if staged is None:
            doc, diagnostics = lint(source)
        else:
            doc, first, complete = staged(source)
            diagnostics = first if first is not None and applicable(first, unsafe) else complete()
        fixes = choose_non_overlapping([f for f in applicable(diagnostics, unsafe) if doc.fix_keeps_markers(f)])
        if not fixes or number == MAX_PASSES:
            return FixResult(source, complete() if complete is not None else diagnostics, applied, number)
        new_text = apply_fixes(doc, fixes)
        if new_text == source.text:
            return FixResult(source, complete() if complete is not None else diagnostics, applied, number + 1)
        applied += len(fixes)
        source = SourceText(new_text, source.has_bom)
        del doc, diagnostics, fixes, complete  # the pass's Document and model go before the next is built
    raise AssertionError("unreachable: the last pass returns")  # pragma: no cover
