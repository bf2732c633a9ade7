"""The GFM table scanner: what is a table, where it ends, and where every cell is."""

from __future__ import annotations

from readme_lint.document import Document
from readme_lint.tables import split_row


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
