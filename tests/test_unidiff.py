"""readme_lint.unidiff prints what difflib.unified_diff prints, for files edited here and there."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.unidiff import unified_diff

ENDINGS = ("\n", "\r\n")


@st.composite
def edited(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """A file of mostly distinct lines (some repeated, as blank and rule lines are) and a copy with edits."""
    size = draw(st.integers(0, 400))
    ending = draw(st.sampled_from(ENDINGS))
    before = [f"| row {i} |{ending}" if i % 7 else ending for i in range(size)]
    if before and draw(st.booleans()):
        before[-1] = before[-1].rstrip("\r\n")
    after = list(before)
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(after)))
        kind = draw(st.sampled_from(("replace", "insert", "delete")))
        new = [f"| new {draw(st.integers(0, 50))} |{ending}" for _ in range(draw(st.integers(1, 3)))]
        if kind == "insert" or at == len(after):
            after[at:at] = new
        elif kind == "replace":
            after[at : at + len(new)] = new
        else:
            del after[at : at + len(new)]
    return before, after


@settings(max_examples=400, deadline=None)
@given(edited())
def test_same_as_difflib(texts: tuple[list[str], list[str]]) -> None:
    before, after = texts
    assert list(unified_diff(before, after, "a/x", "b/x")) == list(difflib.unified_diff(before, after, "a/x", "b/x"))


def test_edits_far_apart_and_at_both_ends() -> None:
    before = [f"line {i}\n" for i in range(1000)]
    after = ["first\n", *before[1:500], "middle\n", *before[500:998], "last"]
    assert list(unified_diff(before, after, "a", "b")) == list(difflib.unified_diff(before, after, "a", "b"))


def test_no_change_no_diff() -> None:
    assert list(unified_diff(["a\n"], ["a\n"], "a", "b")) == []
