"""``difflib.unified_diff``'s output, found without running SequenceMatcher over two whole files.

On a 100,000-row file with 5,000 fixes ``difflib.unified_diff`` spent ~35 s (issue 21): its matcher looks for the
longest common block over the whole remaining range again and again. A fix changes a few lines here and there, so
the two texts walk in step almost everywhere. We walk them in step, and where they part we look for the nearest
place where ``SYNC`` lines agree again; only the region between is handed to SequenceMatcher. The matcher sees each
line's popularity in the whole of ``b`` (its ``autojunk`` rule), as the whole-file matcher would, and the opcodes
are grouped and printed by difflib's own code, so hunks, context and ``@@`` ranges are difflib's.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, Literal

Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]

SYNC = 8  # lines that must agree to end a changed region (more than 2 * 3 context lines, so hunks split alike)
WINDOW = 400  # how far (lines on both sides together) to look for that agreement before diffing the rest whole


class _Segment(difflib.SequenceMatcher[str]):
    """A matcher on part of ``b`` that treats as popular the lines that are popular in the whole of ``b``: they
    leave its index of ``b`` (``b2j``, built on construction; matching starts on the first query), as the
    whole-file matcher's ``autojunk`` would leave them out."""

    def __init__(self, a: Sequence[str], b: Sequence[str], popular: frozenset[str]) -> None:
        super().__init__(None, a, b, autojunk=False)
        b2j: dict[str, Any] = self.b2j  # type: ignore[attr-defined]
        for line in popular.intersection(b2j):
            del b2j[line]
        self.bpopular = set(popular)


class _Precomputed(difflib.SequenceMatcher[str]):
    """A matcher that hands difflib's grouping its opcodes found elsewhere."""

    def __init__(self, opcodes: list[Opcode]) -> None:
        super().__init__(None, (), ())
        self._codes = opcodes

    def get_opcodes(self) -> list[Opcode]:
        return list(self._codes)


def _popular(b: Sequence[str]) -> frozenset[str]:
    """The lines difflib's ``autojunk`` leaves out of matching: more than 1% + 1 of ``b``, in 200 lines or more."""
    if len(b) < 200:
        return frozenset()
    limit = len(b) // 100 + 1
    return frozenset(line for line, count in Counter(b).items() if count > limit)


def _resync(a: Sequence[str], b: Sequence[str], i: int, j: int) -> tuple[int, int]:
    """The nearest ``(i2, j2)`` past a difference at ``(i, j)`` where ``SYNC`` lines agree; the ends if none."""
    for distance in range(1, WINDOW + 1):
        for x in range(distance + 1):
            i2, j2 = i + x, j + distance - x
            if i2 + SYNC <= len(a) and j2 + SYNC <= len(b) and a[i2 : i2 + SYNC] == b[j2 : j2 + SYNC]:
                return i2, j2
    return len(a), len(b)


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """Opcodes for ``a`` to ``b``: lockstep equal runs, SequenceMatcher only between them."""
    popular = _popular(b)
    codes: list[Opcode] = []
    i = j = 0
    while i < len(a) or j < len(b):
        start_i, start_j = i, j
        while i < len(a) and j < len(b) and a[i] == b[j]:
            i, j = i + 1, j + 1
        if i > start_i:
            codes.append(("equal", start_i, i, start_j, j))
        if i == len(a) and j == len(b):
            break
        i2, j2 = _resync(a, b, i, j)
        for tag, i1, i3, j1, j3 in _Segment(a[i:i2], b[j:j2], popular).get_opcodes():
            codes.append((tag, i + i1, i + i3, j + j1, j + j3))
        i, j = i2, j2
    return _merged(codes)


def _merged(codes: list[Opcode]) -> list[Opcode]:
    """Adjacent equal opcodes joined into one, as one matcher over the whole would report them."""
    merged: list[Opcode] = []
    for code in codes:
        if merged and code[0] == "equal" and merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1], code[2], merged[-1][3], code[4])
        else:
            merged.append(code)
    return merged


def unified_diff(a: Sequence[str], b: Sequence[str], fromfile: str, tofile: str, n: int = 3) -> Iterator[str]:
    """The lines ``difflib.unified_diff(a, b, fromfile, tofile, n=n)`` yields."""
    started = False
    for group in _Precomputed(_opcodes(a, b)).get_grouped_opcodes(n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in {"replace", "delete"}:
                yield from ("-" + line for line in a[i1:i2])
            if tag in {"replace", "insert"}:
                yield from ("+" + line for line in b[j1:j2])


def _range(start: int, stop: int) -> str:
    """A hunk's range in difflib's way: ``start,length``, one line as ``start``, an empty range from the line before."""
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if not length else start + 1},{length}"
