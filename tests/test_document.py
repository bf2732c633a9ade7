"""The document model: headings and anchors, sections, link positions, CRLF."""

from __future__ import annotations

from readme_lint.document import Document, github_anchor
from tests.conftest import row, table


def test_github_anchors_and_repeats() -> None:
    doc = Document.parse("# A\n## HW/SW Co-design\n## Framework/System/Architecture\n## A\n## `code` *em*\n")
    assert [h.anchor for h in doc.headings] == [
        "a",
        "hwsw-co-design",
        "frameworksystemarchitecture",
        "a-1",
        "code-em",
    ]
    assert github_anchor("Listing of Papers By Topics") == "listing-of-papers-by-topics"


def test_heading_positions() -> None:
    doc = Document.parse("# Title\n\n##   Spaced   \n")
    assert [(h.line, h.col, h.end_col, h.text) for h in doc.headings] == [
        (1, 3, 8, "Title"),
        (3, 6, 12, "Spaced"),
    ]


def test_link_positions_in_cells_are_exact() -> None:
    text = table(row(paper="[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](https://x.org/a_(b))]"))
    doc = Document.parse(text)
    line = doc.tables[0].rows[0].line
    line_text = doc.line_text(line)
    pdf, intro = doc.tables[0].rows[0].cells[2].inline.links
    assert line_text[pdf.col - 1 : pdf.end_col - 1] == "[pdf](https://arxiv.org/abs/2305.13245)"
    assert line_text[pdf.target_col - 1 : pdf.target_end_col - 1] == "https://arxiv.org/abs/2305.13245"
    assert intro.target == "https://x.org/a_(b)"
    assert line_text[intro.target_col - 1 : intro.target_end_col - 1] == "https://x.org/a_(b)"


def test_link_positions_after_escaped_pipes() -> None:
    doc = Document.parse("|a|b|\n|-|-|\n" + r"|x \| y [l](u)|z|" + "\n")
    (link,) = doc.tables[0].rows[0].cells[0].inline.links
    assert doc.line_text(3)[link.col - 1 : link.end_col - 1] == "[l](u)"


def test_crlf_document_lines_and_offsets() -> None:
    text = "# T\r\n\r\n|a|b|\r\n|-|-|\r\n|1|2|"
    doc = Document.parse(text)
    assert doc.tables[0].rows[0].line == 5
    assert doc.offset(5, 2) == text.index("1|2")
    assert doc.dominant_ending == "\r\n"


def test_sections_cover_the_file() -> None:
    doc = Document.parse("intro\n# A\ntext\n## B\n")
    assert [(s.title, s.start_line, s.end_line) for s in doc.sections] == [
        ("", 1, 1),
        ("A", 2, 3),
        ("B", 4, 4),
    ]


def test_links_outside_tables() -> None:
    doc = Document.parse("- [A](#a)\n- [B](#b)\n\nSee ![img](x.png).\n")
    assert [(link.line, link.target) for link in doc.links()] == [(1, "#a"), (2, "#b"), (4, "x.png")]
