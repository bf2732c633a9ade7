"""Small hostile inputs stay linear in time and bounded in memory (issue 17 items 4 and 5).

No test here measures time: each counts work (lines of our code executed, candidate comparisons, allocated
bytes), which a loaded machine does not change. ``python bench/hostile.py`` times the full-size shapes.
"""

from __future__ import annotations

import difflib
import functools
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint import markdown
from readme_lint.document import MAX_INLINE, Document
from readme_lint.rules import anchor_link
from readme_lint.rules.anchor_link import _COMPARISONS, _anchor_values, _Closest
from readme_lint.tables import MAX_CELLS, count_cells, is_delimiter_row, split_row
from tests.conftest import lint

ROOT = Path(__file__).resolve().parents[1]


def lines_run(action: Callable[[], object], source: str) -> int:
    """How many lines of ``source`` (a module's file) ``action`` executes, comprehensions' iterations included."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == source else None

    sys.settrace(tracer)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


def peak_bytes(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- item 4: time --------------------------------------------------------------------------------------------


def test_link_close_work_grows_linearly_with_the_brackets() -> None:
    """The tracked link close used to copy every token and bracket at each ``]``: quadratic (a 20 KB paragraph
    of ``](`` took 13 s, a 40 KB cell 87 s). Four times the input must cost about four times the lines."""
    shapes = {
        "paragraph of ](": lambda n: "# T\n\n" + "](" * n + "\n",
        "cell of ](": lambda n: "# T\n\n| A | B |\n|---|---|\n| " + "](" * n + " | b |\n",
        "[a]( repeated": lambda n: "# T\n\n" + "[a](" * n + "\n",
        "links closed at the end": lambda n: "# T\n\n" + "[a](" * n + ")" * n + "\n",
    }
    for name, make in shapes.items():
        small, large = (lines_run(functools.partial(lint, make(n)), markdown.__file__) for n in (500, 2000))
        assert large < 5 * small, (name, small, large)


def test_link_positions_survive_the_bounded_close() -> None:
    doc = Document.parse("# T\n\nSee [[a]](https://x.org) and ![i](b.png) [c](d)](e)\n")
    assert [(link.kind, link.target, link.col, link.end_col) for link in doc.links()] == [
        ("link", "https://x.org", 5, 25),
        ("image", "b.png", 30, 41),
        ("link", "d", 42, 48),
    ]


def test_html_anchor_scan_tries_each_stretch_once() -> None:
    """``finditer`` retried the anchor pattern at every ``<`` and each try scanned to the next ``>``: an 80 KB
    line of ``<a`` took 45 s. Now a failed tag skips to the ``>``: one try for the whole line."""
    tries = 0
    lazy = anchor_link._HTML_ANCHOR
    pattern = lazy()

    class Counting:
        def match(self, text: str, position: int) -> re.Match[str] | None:
            nonlocal tries
            tries += 1
            return pattern.match(text, position)

    counting = Counting()
    anchor_link._HTML_ANCHOR = lambda: counting  # type: ignore[assignment,return-value]
    try:
        assert list(_anchor_values("<a" * 40_000 + "=")) == []
        assert tries == 1
        assert list(_anchor_values("<a" * 1_000 + "> <b id=\"x\"> <a name='y'>")) == ["x", "y"]
    finally:
        anchor_link._HTML_ANCHOR = lazy


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<", ">", "<a", " id=", "name=", '"', "'", "x", " ", "=", "<b ", "é"]), max_size=20))
def test_html_anchor_scan_finds_what_finditer_finds(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert list(_anchor_values(line)) == [match.group(1) for match in anchor_link._HTML_ANCHOR().finditer(line)]


def test_closest_anchor_hint_is_difflibs_within_a_comparison_budget() -> None:
    """1,000 similar headings and 1,000 near-miss links compared every pair (106 s). Hints now come from at most
    ``_COMPARISONS`` comparisons per document, each from a full search, so each is difflib's own answer."""
    anchors = {f"section-heading-number-{n:05d}" for n in range(1_000)}
    closest = _Closest(anchors)
    hints = [closest.hint(f"section-heading-number-{n:05d}x") for n in range(1_000)]
    assert closest.comparisons <= _COMPARISONS
    given_hints = [hint for hint in hints if hint]
    assert len(given_hints) == _COMPARISONS // len(anchors)
    for n, hint in enumerate(given_hints):
        (expected,) = difflib.get_close_matches(f"section-heading-number-{n:05d}x", sorted(anchors), n=1, cutoff=0.75)
        assert hint == f"; did you mean '#{expected}'?"
    assert closest.hint("section-heading-number-00000x") == given_hints[0]  # asked again: no new search
    assert _Closest(anchors).hint("x" * 201) == ""  # too long to be a typo of a heading: not searched


def test_rl504_reports_every_dead_link_of_the_near_miss_shape() -> None:
    count = 300
    text = "# T\n\n" + "".join(f"- [s](#section-heading-number-{n:05d}x)\n" for n in range(count)) + "\n"
    text += "".join(f"## Section heading number {n:05d}\n\ntext\n\n" for n in range(count))
    found = lint(text, select=("RL504",))
    assert len(found) == count
    hinted = [finding for finding in found if "did you mean" in finding.message]
    assert len(hinted) == _COMPARISONS // (count + 1)  # the headings' anchors and the title's
    assert hinted[0].message.endswith("did you mean '#section-heading-number-00000'?")


# -- item 5: memory ------------------------------------------------------------------------------------------


def test_text_too_long_for_the_inline_parser_is_reported_not_parsed() -> None:
    """mistune's tokens cost ~200 bytes per character of ``[a](`` repeated; past MAX_INLINE a line or cell is
    read as plain text and RL203 says its links are not checked."""
    line = "[a](u)" * (MAX_INLINE // 6 + 1)
    text = f"# T\n\n{line}\n\n| A | B |\n|---|---|\n| {line} | [b](https://b.org) |\n"
    doc = Document.parse(text)
    assert [(link.line, link.target) for link in doc.links()] == [(7, "https://b.org")]
    assert doc.unread() == [(3, 1, len(line) + 1), (7, 3, len(line) + 3)]
    found = lint(text, select=("RL203",))
    assert [(finding.line, finding.column) for finding in found] == [(3, 1), (7, 3)]
    assert found[0].message == (
        f"Text of {len(line):,} characters: readme-lint reads the links of a cell or line of at most 100,000 "
        "characters, so none in this one is checked"
    )
    assert peak_bytes(lambda: lint(text)) < 10 * len(text) + 2_000_000
    at_the_cap = "[a](u)" * (MAX_INLINE // 6)
    assert len(Document.parse(f"# T\n\n{at_the_cap}\n").links()) == MAX_INLINE // 6


def test_a_row_too_wide_to_split_gets_one_finding_and_no_cells() -> None:
    text = "# T\n\n| A | B | C |\n|---|---|---|\n| a | b | c |\n" + "|a" * 80_000 + "|\n" + "|b" * 600 + "|\n"
    doc = Document.parse(text)
    (table,) = doc.tables
    wide = table.rows[1]
    assert wide.cells == () and wide.cell_count == 80_000 and not table.too_wide
    assert len(table.rows[0].cells) == 3
    (finding,) = lint(text, select=("RL101",))
    assert (finding.line, finding.column) == (6, 1)
    assert finding.message == (
        "Row has 80,000 cells, the header has 3: readme-lint reads at most 500 cells a row and does not check "
        "this one (nor the 1 other such row of this table)"
    )
    assert peak_bytes(lambda: lint(text)) < 4 * len(text) + 2_000_000


def test_a_table_too_wide_to_split_is_reported_once_and_not_checked() -> None:
    columns = 30_000  # a tenth of the 300,000 columns that took 964 MB
    text = "# T\n\n" + "|a" * columns + "|\n" + "|-" * columns + "|\n" + ("|a" * columns + "|\n") * 3
    (table,) = Document.parse(text).tables
    assert table.too_wide and table.renders and all(row.cells == () for row in table.rows)
    found = lint(text)
    assert [(finding.code, finding.line) for finding in found] == [("RL101", 3)]
    assert found[0].message == (
        "Table has 30,000 columns (the delimiter row 30,000): readme-lint reads at most 500 cells a row, "
        "so none of its rows is checked"
    )
    assert peak_bytes(lambda: lint(text)) < 4 * len(text) + 2_000_000


def test_a_pipe_line_too_wide_outside_tables_is_not_split() -> None:
    text = "# T\n\n" + "|a" * 80_000 + "|\n"
    assert lint(text) == []
    assert peak_bytes(lambda: lint(text)) < 4 * len(text) + 2_000_000


def test_rows_at_the_cap_are_split_as_before() -> None:
    text = "|h" * MAX_CELLS + "|\n" + "|-" * MAX_CELLS + "|\n" + "|a" * MAX_CELLS + "|\n"
    (table,) = Document.parse(text).tables
    assert not table.too_wide and len(table.rows[0].cells) == MAX_CELLS and table.rows[0].unsplit_cells == 0


def test_the_fast_paths_keep_the_size_limits() -> None:
    """A cell of a common shape over MAX_INLINE is read as text, not by its fast path; at the cap it is parsed.
    A row of escaped pipes at MAX_CELLS is split by the one-split path, one cell more and it is only counted."""
    title = "**" + "a" * (MAX_INLINE - 4) + "**"
    over = "[[pdf](https://x.org/" + "a" * MAX_INLINE + ")]"
    doc = Document.parse(f"| A | B |\n|---|---|\n|{title}|{over}|\n")
    at_cap, past_cap = doc.tables[0].rows[0].cells
    assert at_cap.inline.strong == ("a" * (MAX_INLINE - 4),) and at_cap.inline.starts_with_strong
    assert past_cap.inline == markdown.Inline(over, (), (), False, over)
    escaped = "|a\\|b" * MAX_CELLS + "|"
    header = "|h" * MAX_CELLS + "|\n" + "|-" * MAX_CELLS + "|\n"
    (table,) = Document.parse(header + escaped + "\n" + escaped.replace("|a", "|a|c", 1) + "\n").tables
    split, counted = table.rows
    assert [cell.text for cell in split.cells] == ["a\\|b"] * MAX_CELLS
    assert split.cells[-1].start_col == len(escaped) - 4 and split.cells[1].inline.plain == "a|b"
    assert counted.cells == () and counted.cell_count == MAX_CELLS + 1


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["|", "\\", "a", " ", "\t", "\\|", "||", "-", ":"]), max_size=14))
def test_cell_count_and_delimiter_match_without_allocation_agree_with_the_spec_forms(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert count_cells(text) == len(split_row(text)[0])
    pattern = r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
    assert is_delimiter_row(text) == ("|" in text and "-" in text and re.match(pattern, text) is not None)


def test_delimiter_row_match_keeps_no_state_per_cell() -> None:
    """As one pattern the delimiter row kept ~400 bytes per cell in the regex engine (116 MB for 300,000)."""
    row = "|-" * 100_000 + "|"
    assert peak_bytes(lambda: is_delimiter_row(row)) < 100_000


def test_the_benchmark_runs_every_shape() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hostile.py"), "--scale", "0.02"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| (")]
    assert [row[3] for row in rows] == list("abcdefgh")
    assert all(re.search(r"\| [0-9.]+ s \| [0-9.]+ s \| [0-9]+ MB \| [01] \|$", row) for row in rows), rows
