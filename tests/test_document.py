"""The document model: headings and anchors, sections, link positions, CRLF."""

from __future__ import annotations

from readme_lint.document import Document, github_anchor, link_address
from tests.conftest import lint, row, table


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


# -- anchors as GitHub makes them: github-slugger's fixtures (test/fixtures.json), one heading each -------------------

SLUGGER_FIXTURES = [  # (heading text, anchor), in order: repeats count across the list, as in the fixtures
    ("alpha", "alpha"),
    ("alpha", "alpha-1"),
    ("bravoCharlieDelta", "bravocharliedelta"),
    ("__proto__", "__proto__"),
    ("__proto__", "__proto__-1"),
    ("echo", "echo"),
    ("echo", "echo-1"),
    ("echo 1", "echo-1-1"),
    ("echo-1", "echo-1-2"),
    ("echo", "echo-2"),
    ("foxtrot-1", "foxtrot-1"),
    ("foxtrot", "foxtrot"),
    ("foxtrot", "foxtrot-2"),
    ("heading with a - dash", "heading-with-a---dash"),
    ("heading with an _ underscore", "heading-with-an-_-underscore"),
    ("heading with a period.txt", "heading-with-a-periodtxt"),
    ("exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"),
    ("-a-", "-a-"),
    ("apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"),
    ("I ♥ unicode", "i--unicode"),
    ("en–dash", "endash"),
    ("😄 unicode emoji", "-unicode-emoji"),
    ("😄-😄 unicode emoji", "--unicode-emoji"),
    ("😄_😄 unicode emoji", "_-unicode-emoji"),
    (":smile: - a gemoji", "smile---a-gemoji"),
    ("Привет non-latin 你好", "привет-non-latin-你好"),
    ("a_ ‿ ⁀ ⁔ ︳ ︴ ﹍ ﹎ ﹏ ＿b", "a_-‿-⁀-⁔-︳-︴-﹍-﹎-﹏-＿b"),  # Connector_Punctuation: kept
    ("a¦ ⒪ Ⓔ Ⓣ ⓘ ⓨ ┍ 🄺 🅊 🅙 🅨 🅻 🆊b", "a--ⓔ-ⓣ-ⓘ-ⓨ--🄺--🅙-🅨-🅻-b"),  # Other_Symbol: enclosed letters kept
    ("aᛮ Ⅰ ⅰ 〇b", "aᛮ-ⅰ-ⅰ-〇b"),  # Letter_Number: kept
    ("a² ¹ ½ ①b", "a---b"),  # Other_Number: dropped
    ("a» ’ ” ›b", "a---b-1"),  # Final_Punctuation: dropped
    ("a$ ¢ € ₿b", "a---b-2"),  # Currency_Symbol: dropped
    ("aà ̅ ःb", "aà-̅-ःb"),  # marks: kept
]


def test_anchors_are_github_sluggers() -> None:
    # written so that markdown renders the fixture's text: `__proto__` would be bold "proto"
    text = "".join(f"## {heading.replace('_', chr(92) + '_')}\n\n" for heading, _ in SLUGGER_FIXTURES)
    doc = Document.parse(text)
    assert [heading.anchor for heading in doc.headings] == [anchor for _, anchor in SLUGGER_FIXTURES]


def test_anchors_of_the_text_github_renders() -> None:
    """GitHub slugs the rendered text: entities decoded, escapes removed, markup and images dropped."""
    doc = Document.parse(
        "## Q&amp;A\n## Tom &#x26; Jerry &copy;\n## a\\_b \\*c\\*\n## `x&amp;y` code\n## **Bold** [Link](#x)\n"
        "## Tools &amp; Ⓐ‿Ⓑ\n## R&D (not &bogus;)\n"
    )
    assert [heading.anchor for heading in doc.headings] == [
        "qa",
        "tom--jerry-",
        "a_b-c",
        "xampy-code",
        "bold-link",
        "tools--ⓐ‿ⓑ",
        "rd-not-bogus",
    ]
    assert github_anchor("Listing of Papers By Topics") == "listing-of-papers-by-topics"


def test_live_anchors_are_not_called_dead() -> None:
    """RL502 (ToC) and RL504 (anchor-link) accept the anchors GitHub gives: no false dead anchor."""
    text = (
        "# List\n\n## Table of Contents\n\n- [Q&A](#qa)\n- [Ⓐ‿Ⓑ](#ⓐ‿ⓑ)\n- [Tom &amp; Jerry](#tom--jerry)\n\n"
        "## Q&amp;A\n\nSee [the tools](#ⓐ‿ⓑ) and [jerry](#tom--jerry).\n\n## Ⓐ‿Ⓑ\n\n## Tom &amp; Jerry\n"
    )
    assert [(d.code, d.line) for d in lint(text, select=("RL502", "RL504"))] == []
    dead = text.replace("(#qa)", "(#q-a)").replace("[jerry](#tom--jerry)", "[jerry](#tom-jerry)")
    assert [(d.code, d.line) for d in lint(dead, select=("RL502", "RL504"))] == [
        ("RL502", 5),  # the dead entry
        ("RL502", 9),  # so its heading has none
        ("RL504", 11),
    ]


def test_the_address_checked_is_the_destination_as_github_resolves_it() -> None:
    """Escapes removed where markdown reads them, entities decoded, no percent-encoding yet (the URL policy does
    it, and reads an IPv6 host's brackets); ``url`` is the encoded href GitHub writes."""
    text = (
        "[a](https://a.org/a\\_b?x=1&amp;y=é) <https://a.org/\\_c&amp;d> https://a.org/e\\_f&amp;g\n\n"
        '<a href="https://a.org/h?i=1&amp;j=2">h</a> [k](http://[::1]:8080/k) [r][ref]\n\n'
        "[ref]: https://a.org/r\\_s\n"
    )
    links = Document.parse(text).rendered_links()
    addresses = [link_address(link) for link in links]
    assert addresses == [
        "https://a.org/a_b?x=1&y=é",
        "https://a.org/%5C_c&d",
        "https://a.org/e%5C_f&amp;g",
        "https://a.org/h?i=1&j=2",
        "http://[::1]:8080/k",
        "https://a.org/r_s",  # the use of [ref]
        "https://a.org/r_s",  # its definition, where it is written
    ]
    assert [link.url for link in links[:3]] == [
        "https://a.org/a_b?x=1&y=%C3%A9",
        "https://a.org/%5C_c&d",
        "https://a.org/e%5C_f&amp;g",
    ]
