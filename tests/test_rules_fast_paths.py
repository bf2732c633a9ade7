"""The rules' fast paths give what the general functions they stand in for give (RL205's title key, the intro
slug of RL401/RL403, RL202's pattern for ASCII cells, RL204's test for an x), on the characters where the two
could differ."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.listmodel import is_arxiv_url, normalized_title
from readme_lint.papers import slugify
from readme_lint.rules._intro import _slug
from readme_lint.rules.cell_spacing import CellSpacing
from readme_lint.rules.duplicate_paper import _normalized
from readme_lint.rules.paper_cell import _UNITS, ASCII_SPACE, _canonical_cell
from tests.conftest import CORPUS, lint

TITLES = [
    "",
    "GQA: Training Generalized Multi-Query Transformer Models",
    "  DPM-Solver++ : fast  ",
    "C# and F#",
    "a_-b",  # an underscore run is replaced apart from the run beside it
    "__init__",
    "Tab\there\x1fand\x0bcontrols",
    "Ünïcode Títle",
    "İstanbul",  # lowercases to two characters
    "Ｆｕｌｌｗｉｄｔｈ",
    "v1.2 (beta) [2024]",
    "".join(chr(code) for code in range(128)),
]


@pytest.mark.parametrize("title", TITLES)
def test_title_key_fast_path(title: str) -> None:
    assert _normalized(title) == normalized_title(title)


@pytest.mark.parametrize("title", TITLES)
def test_intro_slug_fast_path(title: str) -> None:
    assert _slug(title) == slugify(title)


def test_ascii_space_is_what_a_space_class_matches_among_ascii_characters() -> None:
    ascii_space = re.compile(f"[{ASCII_SPACE}]")
    for code in range(128):
        assert (ascii_space.fullmatch(chr(code)) is None) == (re.fullmatch(r"\s", chr(code)) is None), code


_UNIT_PARTS = st.text(alphabet="ab.:/ \t\x1c\x1f\x0b()[]<>*_`&!é\u00a0\u2003\n", max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_UNIT_PARTS, _UNIT_PARTS), min_size=1, max_size=3), st.sampled_from([" ", " | ", ", "]))
def test_rl202_ascii_pattern_agrees_on_ascii_cells(links: list[tuple[str, str]], separator: str) -> None:
    """RL202 reads an ASCII cell with the pattern whose ``\\s`` is ``ASCII_SPACE``: the same verdict as the
    general pattern (a non-ASCII cell takes the general one)."""
    for form, (before, after) in _UNITS.items():
        text = separator.join(f"{before}{label}]({target}){after}" for label, target in links)
        general, fast = _canonical_cell(form, separator), _canonical_cell(form, separator, True)
        assert general is not None and fast is not None
        if text.isascii():
            assert (general.fullmatch(text) is None) == (fast.fullmatch(text) is None), text


def test_rl204_a_target_without_x_is_no_arxiv_url() -> None:
    """RL204 skips a link whose target has no ``x``: the arXiv host pattern (case-insensitive) needs one, and
    only ``x`` and ``X`` match an ``x`` without case."""
    x = re.compile("x", re.IGNORECASE)
    assert [chr(code) for code in range(sys.maxunicode + 1) if x.fullmatch(chr(code))] == ["X", "x"]
    assert is_arxiv_url("HTTPS://ARXIV.ORG/abs/2401.00001") and not is_arxiv_url("https://arxiv.or/abs/1")


def _rl104_both_ways(monkeypatch: pytest.MonkeyPatch, text: str, config: dict | None = None) -> None:
    """RL104's findings with its quiet-row test and with every row read cell by cell (``_cells``) are the same."""
    fast = lint(text, config, select=("RL104",))
    with monkeypatch.context() as patched:
        patched.setattr(CellSpacing, "check_row", lambda self, visit, row, paper: self._cells(visit, row))
        general = lint(text, config, select=("RL104",))
    assert fast == general


def test_rl104_quiet_rows_on_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in [*sorted(CORPUS.glob("*/README.md")), CORPUS.parent / "seed" / "README.md"]:
        if path.is_file():
            _rl104_both_ways(monkeypatch, path.read_text(encoding="utf-8"))


_CELL_TEXTS = st.sampled_from(["a", " a", "a ", " a ", "a  b", "a\\", "\ta", "", "  ", "`a  b`", "a\\|b"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_CELL_TEXTS, min_size=1, max_size=4), min_size=1, max_size=8),
    st.sampled_from(["auto", "none", "single", "any"]),
    st.booleans(),
)
def test_rl104_quiet_rows(rows: list[list[str]], padding: str, piped: bool) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        edge = "|" if piped else ""
        lines = ["| A | B | C | D |", "|---|---|---|---|"] + [edge + "|".join(cells) + edge for cells in rows]
        _rl104_both_ways(monkeypatch, "\n".join(lines) + "\n", {"rules": {"RL104": {"padding": padding}}})
