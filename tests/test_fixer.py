"""The fixer keeps every byte outside its edits, never drops or duplicates a row, and is idempotent."""

from __future__ import annotations

import gc
import itertools
import weakref

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readme_lint.config import parse_config
from readme_lint.diagnostics import Edit, Fix
from readme_lint.document import Document
from readme_lint.fixer import apply_fixes, choose_non_overlapping
from readme_lint.linter import Linter, enabled_rules
from readme_lint.source import SourceText
from tests.conftest import fix, lint, row, table


def test_apply_fixes_bottom_up_with_insertions() -> None:
    doc = Document.parse("abc\r\ndef")
    fixes = [
        Fix((Edit.replace_span(1, 2, 3, "X"),)),
        Fix((Edit.insert(2, 4, "!"),)),
        Fix((Edit.insert(1, 1, ">"),)),
    ]
    assert apply_fixes(doc, fixes) == ">aXc\r\ndef!"


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    fixes = [
        Fix((Edit.replace_span(1, 3, 7, "b"),)),
        Fix((Edit.replace_span(1, 5, 6, "d"),)),
        Fix((Edit.replace_span(1, 1, 5, "a"),)),
        Fix((Edit.insert(1, 1, "c"),)),
        Fix((Edit.replace_span(1, 8, 9, "e"),)),
    ]
    chosen = choose_non_overlapping(fixes)
    spans = sorted((f.start, f.end) for f in chosen)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert len({start for start, _ in spans}) == len(spans)
    assert Fix((Edit.replace_span(1, 8, 9, "e"),)) in chosen
    assert len(chosen) == 3


def test_fix_keeps_crlf_bom_free_text_and_missing_final_newline() -> None:
    text = table(row(1, affiliation=" DeepSeek"), row(2, date="2023-05")).replace("\n", "\r\n").rstrip("\r\n")
    fixed = fix(text)
    assert fixed.count("\r\n") == text.count("\r\n")
    assert not fixed.endswith("\n")
    assert "|DeepSeek|" in fixed and "|2023.05|" in fixed


def test_fixing_a_clean_file_changes_nothing_and_twice_equals_once() -> None:
    clean = table(row(1), row(2))
    assert fix(clean) == clean
    messy = table(
        row(3, date="2024-5", paper="[[pdf](https://arxiv.org/abs/2405.13248)]"),
        row(1, affiliation=" X"),
        row(2, citation="1,000"),
    )
    once = fix(messy)
    assert fix(once) == once
    assert not any(d.fixable for d in lint(once))


# -- properties ---------------------------------------------------------------------------------------

_DEFECTS = st.sampled_from(["none", "date", "space", "pad", "pipe", "order", "citation", "arxiv", "venue"])


def _defective_row(n: int, defect: str, year: int) -> str:
    date = f"{year}.0{1 + n % 9}"
    identifier = f"{year % 100:02d}0{1 + n % 9}.{10000 + n}"
    kwargs = {"date": date, "paper": f"[[pdf](https://arxiv.org/abs/{identifier})]"}
    if defect == "date":
        kwargs["date"] = f"{year}-{1 + n % 9}"
    elif defect == "space":
        kwargs["affiliation"] = "A,  B"
    elif defect == "pad":
        kwargs["affiliation"] = " A "
    elif defect == "citation":
        kwargs["citation"] = "1,234"
    elif defect == "arxiv":
        kwargs["paper"] = f"[[pdf](http://arxiv.org/pdf/{identifier}.pdf)]"
    elif defect == "venue":
        kwargs["title"] = f"**Paper {n}**[ICML {year}]"
    text = row(n, **kwargs)
    if defect == "pipe":
        text = text.lstrip("|")
    return text


def _row_titles(text: str) -> list[str]:
    return sorted(
        cell.inline.strong[0]
        for t in Document.parse(text).tables
        for r in t.rows
        for cell in r.cells[1:2]
        if cell.inline and cell.inline.strong
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_DEFECTS, st.integers(2019, 2024)), min_size=1, max_size=8),
    st.booleans(),
    st.booleans(),
)
def test_fix_properties(defects: list[tuple[str, int]], crlf: bool, final_newline: bool) -> None:
    rows = [_defective_row(n, defect, year) for n, (defect, year) in enumerate(defects)]
    text = table(*rows)
    if crlf:
        text = text.replace("\n", "\r\n")
    if not final_newline:
        text = text.rstrip("\r\n")
    once = fix(text)
    assert fix(once) == once
    assert _row_titles(once) == _row_titles(text)
    assert len(once.splitlines()) == len(text.splitlines())
    assert once.endswith("\n") == text.endswith("\n")
    assert ("\r\n" in once) == crlf
    assert not any(d.fixable for d in lint(once))


def test_a_fix_pass_keeps_nothing_of_the_document_before_it() -> None:
    """The linter outlives each pass's Document (``--fix`` on a big list must not hold two): once a pass's
    findings are decided, the linter holds none of that document's lines."""
    config = parse_config({}, None, None)
    linter = Linter(config, enabled_rules(config))
    doc, _ = linter.lint_text(SourceText("# List\n\n| Title | Date |\n|---|---|\n| **A** | 2023-05 |\n"))
    assert linter.decider._lines == []
    gc.collect()
    alive = weakref.ref(doc)
    del doc
    assert alive() is None
