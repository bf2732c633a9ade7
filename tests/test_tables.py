"""The GFM table scanner: what is a table, where it ends, and where every cell is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.document import Document
from readme_lint.tables import MAX_CELLS, Cell, Row, _continues_table, _pipe_row, count_cells, make_row, split_row


def tables(text: str) -> list:
    return Document.parse(text).tables


def test_reference_row_cells_and_columns() -> None:
    doc = Document.parse("|a | b|\n|:---:|---|\n|x|**y** [V 2023]|\n")
    (table,) = doc.tables
    assert table.column_names == ("a", "b")
    assert table.alignments == ("center", None)
    cells = table.rows[0].cells
    assert [(c.text, c.start_col, c.end_col, c.text_col) for c in cells] == [
        ("x", 2, 3, 2),
        ("**y** [V 2023]", 4, 18, 4),
    ]


def test_escaped_pipe_stays_in_its_cell_also_in_code_span() -> None:
    spans, leading, trailing, _ = split_row(r"|a \| b|`c \| d`|e|")
    assert leading and trailing
    assert len(spans) == 3
    (table,) = tables("|h1|h2|h3|\n|-|-|-|\n" + r"|a \| b|`c \| d`|e|" + "\n")
    row = table.rows[0]
    assert [c.text for c in row.cells] == [r"a \| b", r"`c \| d`", "e"]
    assert row.cells[0].inline.plain == "a | b"
    assert row.cells[1].inline.plain == "c | d"


def test_tables_in_code_fences_html_and_indented_code_are_not_tables() -> None:
    text = (
        "```\n|a|b|\n|-|-|\n```\n\n"
        "<!--\n|a|b|\n|-|-|\n-->\n\n"
        "<div>\n|a|b|\n|-|-|\n</div>\n\n"
        "    |a|b|\n    |-|-|\n\n"
        "~~~md\n|a|b|\n|-|-|\n"  # unterminated fence runs to the end
    )
    assert tables(text) == []


def test_table_ends_at_blank_line_and_block_starts() -> None:
    text = "|a|b|\n|-|-|\n|1|2|\n___\n|x|y|\n\n|c|d|\n|-|-|\n|3|4|\n# Heading\n|5|6|\n"
    found = tables(text)
    assert [(t.start_line, t.end_line, len(t.rows)) for t in found] == [(1, 3, 1), (7, 9, 1)]


def test_line_without_pipe_after_table_is_a_row_like_github() -> None:
    (table,) = tables("|a|b|\n|-|-|\n|1|2|\nbar\n")
    assert [len(r.cells) for r in table.rows] == [2, 1]


def test_rows_without_outer_pipes_and_short_and_long_rows_are_kept() -> None:
    (table,) = tables("a | b | c\n--- | --- | ---\n1 | 2\n1 | 2 | 3 | 4\n")
    assert [len(r.cells) for r in table.rows] == [2, 4]
    assert not table.header.leading_pipe and not table.header.trailing_pipe


def test_mismatched_delimiter_is_kept_but_does_not_render() -> None:
    (table,) = tables("|a|b|\n|-|-|-|\n|1|2|\n")
    assert not table.renders


def test_fullwidth_pipe_is_not_a_separator() -> None:
    (table,) = tables("|a|b|\n|-|-|\n|1｜2|\n")
    assert [c.text for c in table.rows[0].cells] == ["1｜2"]


def test_table_after_paragraph_line_and_sections() -> None:
    doc = Document.parse("# T\n\n## Sec\nNote line.\n|a|b|\n|-|-|\n|1|2|\n")
    (table,) = doc.tables
    assert table.start_line == 5
    assert table.section.title == "Sec"


def test_huge_row_and_many_columns_are_linear() -> None:
    wide = "|" + "|".join(["c"] * 50_000) + "|\n"
    delimiter = "|" + "|".join(["-"] * 50_000) + "|\n"
    (table,) = tables(wide + delimiter + wide)
    # Wider than MAX_CELLS: counted, not split into cell objects (RL101 reports the table).
    assert table.too_wide and table.renders
    assert table.rows[0].cells == () and table.rows[0].cell_count == 50_000


ROW_PIECES = ["|", "\\", "a", " ", "\t", "\\|", "||", "-", ":", "é", "<br>", "#", "> ", "`", "**", "1."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ROW_PIECES), max_size=12), st.sampled_from(["body", "header"]))
def test_rows_split_at_once_equal_the_span_by_span_split(pieces: list[str], kind: str) -> None:
    """make_row's one ``str.split`` gives split_row's spans: each cell's raw text, columns and padding."""
    text = "".join(pieces)
    spans, leading, trailing, indent = split_row(text)
    row = make_row(4, text, kind, None)
    assert (row.leading_pipe, row.trailing_pipe, row.indent) == (leading, trailing, indent)
    parse = None if kind == "header" else repr
    expected = [Cell.of(4, index, text[a:b], a + 1, parse) for index, (a, b) in enumerate(spans)]
    assert [(c.index, c.raw, c.start_col, c.text, c.text_col, c.end_col) for c in row.cells] == [
        (c.index, c.raw, c.start_col, c.text, c.text_col, c.end_col) for c in expected
    ]
    # make_row fills the slots itself (no ``__init__`` call): every slot as ``Row.__init__``, ``Cell.of`` fill it.
    reference = Row(4, text, kind, (), leading, trailing, indent)
    assert [getattr(row, slot) for slot in Row.__slots__ if slot != "cells"] == [
        getattr(reference, slot) for slot in Row.__slots__ if slot != "cells"
    ]
    assert [[getattr(c, slot) for slot in Cell.__slots__] for c in make_row(4, text, kind, repr).cells] == [
        [getattr(c, slot) for slot in Cell.__slots__] for c in expected
    ]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ROW_PIECES), max_size=8))
def test_a_line_opening_with_a_pipe_continues_the_table_as_the_full_check_says(pieces: list[str]) -> None:
    """The row loop's shortcut for lines that open with ``|`` answers as ``_continues_table`` does."""
    text = "|" + "".join(pieces)
    assert _pipe_row(text) == _continues_table(text, False)
    assert not _pipe_row("a|b|") and not _pipe_row(" |a|")  # the others take the full check


def test_cells_and_rows_are_slotted_and_unpadded_cells_share_their_text_and_column() -> None:
    """No per-instance dict; a cell without padding is its own text, and its text starts at its own column's
    int (column numbers over 256 are 28-byte objects)."""
    text = "|" + "x" * 300 + "|a|  b|c  |\td\t|"
    (table,) = tables("|h|h|h|h|h|\n|-|-|-|-|-|\n" + text + "\n")
    row = table.rows[0]
    assert isinstance(row, Row) and not hasattr(row, "__dict__")
    assert [(c.text, c.text_col) for c in row.cells] == [("x" * 300, 2), ("a", 303), ("b", 307), ("c", 309), ("d", 314)]
    assert all(not hasattr(cell, "__dict__") for cell in row.cells)
    unpadded, right_padded = row.cells[1], row.cells[3]
    assert unpadded.text is unpadded.raw and unpadded.text_col is unpadded.start_col
    assert right_padded.text_col is right_padded.start_col and right_padded.raw == "c  "
    assert row.cells[4].raw == "\td\t" and row.cells[4].end_col == 316


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "a", "  b "]), min_size=0, max_size=6))
def test_group_label_rows_are_those_with_only_the_first_cell_filled(cells: list[str]) -> None:
    """``is_group_label``'s early answers (a filled second cell, an empty first) agree with its definition."""
    row = make_row(3, "|" + "|".join(cells) + "|", "body", None)
    texts = [cell.text for cell in row.cells]
    assert row.is_group_label == (len(texts) > 1 and bool(texts[0]) and not any(texts[1:]))


@pytest.mark.parametrize("cells", [MAX_CELLS - 1, MAX_CELLS, MAX_CELLS + 1, MAX_CELLS + 2])
@pytest.mark.parametrize("escaped", [0, 1, 3])
def test_rows_at_the_split_bound_are_split_exactly_when_they_have_at_most_max_cells(cells: int, escaped: int) -> None:
    """The common row's bounded ``str.split`` hands rows at the bound to the general path: a row is split into
    cells exactly when GitHub sees at most MAX_CELLS in it, escaped pipes not counted."""
    text = "|" + "a\\|b|" * escaped + "|".join(["c"] * (cells - escaped)) + "|"
    row = make_row(1, text, "body", None)
    assert row.cell_count == cells == count_cells(text)
    assert (len(row.cells) == cells) == (cells <= MAX_CELLS) and (row.cells == ()) == (cells > MAX_CELLS)
