"""RL5xx and RL6xx: sort order, Table of Contents, empty sections, citations."""

from __future__ import annotations

import pytest

from tests.conftest import col, fix, lint, positions, row, table


def test_rl501_date_order_and_stable_fix() -> None:
    rows = [
        row(1, date="2023.05"),
        row(2, date="2021.08", paper="[[pdf](https://arxiv.org/abs/2108.12409)]"),
        row(3, date="2023.05"),
        row(4, date="2019.11", paper="[[pdf](https://arxiv.org/abs/1911.02150)]"),
    ]
    text = table(*rows)
    (finding,) = lint(text, select=("RL501",))
    assert (finding.line, finding.column) == (7, col(text, 7, "2021.08"))
    assert "2021.08 on line 7 comes after 2023.05 on line 6" in finding.message
    assert fix(text, select=("RL501",)) == table(rows[3], rows[1], rows[0], rows[2])


def test_rl501_section_override_and_orders() -> None:
    text = table(row(1, date="2023.05"), row(2, date="2021.08", paper="[[pdf](https://arxiv.org/abs/2108.12409)]"))
    assert (
        lint(
            text,
            {"sections": {"Attention Mechanism": {"rules": {"sort-order": {"order": "none"}}}}},
            select=("RL501",),
        )
        == []
    )
    assert lint(text, {"rules": {"RL501": {"order": "-date"}}}, select=("RL501",)) == []
    by_citation = table(row(1, citation="5"), row(2, citation="10"))
    assert len(lint(by_citation, {"rules": {"RL501": {"order": "-citation"}}}, select=("RL501",))) == 1


def test_rl501_unreadable_key_makes_fix_unsafe_and_keeps_crlf() -> None:
    text = table(row(1, date="2023.06"), row(2, date="soon"), row(3, date="2023.05")).replace("\n", "\r\n")
    (finding,) = lint(text, select=("RL501",))
    assert not finding.fix.safe
    fixed = fix(text, select=("RL501",), unsafe=True)
    assert fixed.count("\r\n") == text.count("\r\n") and "\n" not in fixed.replace("\r\n", "")
    assert sorted(fixed.splitlines()) == sorted(text.splitlines())


TOC = """# List

## Table of Contents

 - [About](#about)
 - [Listing](#listing)
   - [HW/SW Co-design](#hw/sw-co-design)
   - [Review](#review)

## About

## Listing

## Review

## HW/SW Co-design

## More
"""


def test_rl502_toc_dead_anchor_missing_heading_and_order() -> None:
    found = lint(TOC, select=("RL502",))
    assert positions(found) == [(7, 24, "RL502"), (8, 6, "RL502"), (18, 4, "RL502")]
    assert "did you mean #hwsw-co-design" in found[0].message
    fixed = fix(TOC, select=("RL502",))
    assert fixed.splitlines()[4:9] == [
        " - [About](#about)",
        " - [Listing](#listing)",
        "   - [Review](#review)",
        "   - [HW/SW Co-design](#hwsw-co-design)",
        "   - [More](#more)",  # the same level as its predecessor: indented like its entry
    ]
    assert lint(fixed, select=("RL502",)) == []


def _toc_fix_is_stable(text: str, config: dict | None = None) -> str:
    fixed = fix(text, config, select=("RL502",))
    assert lint(fixed, config, select=("RL502",)) == []
    assert fix(fixed, config, select=("RL502",)) == fixed
    return fixed


def test_rl502_duplicate_headings_get_githubs_anchors() -> None:
    from readme_lint.document import Document
    from readme_lint.source import SourceText

    text = "## A\n\n## A\n\n## A-1\n\n## A\n\n## a-2\n"
    anchors = [h.anchor for h in Document.parse(SourceText(text), "x").headings]
    assert anchors == ["a", "a-1", "a-1-1", "a-2", "a-2-1"]  # github-slugger: A, A, A-1 -> a, a-1, a-1-1
    toc = "## Contents\n\n- [A](#a)\n- [A](#a-1)\n- [A-1](#a-1-1)\n\n## A\n\n## A\n\n## A-1\n"
    assert lint(toc, select=("RL502",)) == []


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("Café au lait", "café-au-lait"),
        ("Cafe\u0301 (decomposed)", "cafe\u0301-decomposed"),  # combining marks stay, as in github-slugger
        ("E = mc²", "e--mc"),  # superscripts (No) go
        ("日本語の見出し", "日本語の見出し"),
        ("😄 emoji", "-emoji"),
        ("٣ Arabic-Indic ٣", "٣-arabic-indic-٣"),
        ("A\u00a0B", "ab"),  # a no-break space is not a space
        ("Foo_Bar-Baz", "foo_bar-baz"),
        ("Awesome-LLM ", "awesome-llm-"),  # the text content of `# Awesome-LLM [![Awesome](badge)](link)`
    ],
)
def test_github_anchor_follows_github_slugger(text: str, anchor: str) -> None:
    from readme_lint.document import github_anchor

    assert github_anchor(text) == anchor


@pytest.mark.parametrize(
    "heading",
    [
        "Atte](ntion",
        "a*b*",
        "[Link](https://x.org)",
        "a\\\\b",
        "`code` here",
        "<b>x</b>",
        "a|b",
        "😄 emoji",
        "a_b_",
        "x [y",
        "!",
        "1. ordered",
        "&amp; more",
        "a~~b~~",
    ],
)
def test_rl502_fix_for_hostile_headings_is_idempotent(heading: str) -> None:
    text = f"# T\n\n## Contents\n\n- [First](#first)\n\n## First\n\n## {heading}\n"
    fixed = _toc_fix_is_stable(text)
    assert len(fixed.splitlines()) == len(text.splitlines()) + 1


def test_rl502_consecutive_missing_headings_are_all_added_in_one_pass() -> None:
    text = "## Contents\n\n- [A](#a)\n\n## A\n\n" + "".join(f"## B{n}\n\n" for n in range(30))
    fixed = _toc_fix_is_stable(text)
    assert fixed.splitlines()[2:33] == ["- [A](#a)", *[f"- [B{n}](#b{n})" for n in range(30)]]


def test_rl502_a_subheading_entry_nests_under_its_parent() -> None:
    text = (
        "## Contents\n\n* [A](#a)\n    * [A1](#a1)\n* [B](#b)\n\n## A\n\n### A1\n\n### A2\n\n## B\n\n### B1\n\n## C\n"
    )
    fixed = _toc_fix_is_stable(text)
    assert fixed.splitlines()[2:9] == [
        "* [A](#a)",
        "    * [A1](#a1)",
        "    * [A2](#a2)",
        "* [B](#b)",
        "    * [B1](#b1)",
        "* [C](#c)",
        "",
    ]


def test_rl502_a_new_level_nests_by_the_markers_width() -> None:
    # The ToC has no entry of level 3 to learn from: the nesting is a guess, so the fix is unsafe.
    text = "## Contents\n\n1. [A](#a)\n2. [B](#b)\n\n## A\n\n### A1\n\n## B\n"
    config = {"rules": {"RL502": {"max-level": 3}}}
    assert fix(text, config, select=("RL502",)) == text
    fixed = fix(text, config, select=("RL502",), unsafe=True)
    assert fixed.splitlines()[2:6] == ["1. [A](#a)", "   1. [A1](#a1)", "2. [B](#b)", ""]


def test_rl502_reordering_never_moves_a_subsection_under_another_parent() -> None:
    # A1 is listed under A but its heading comes after B: moving the lines would re-parent it under B.
    text = "## Contents\n\n- [A](#a)\n  - [A1](#a1)\n- [B](#b)\n\n## A\n\n## B\n\n### A1\n"
    (order,) = [d for d in lint(text, select=("RL502",)) if "out of order" in d.message]
    assert order.fix is not None and not order.fix.safe
    assert fix(text, select=("RL502",)) == text
    # Siblings swapped under one parent keep their parent: safe.
    siblings = "## Contents\n\n- [A](#a)\n  - [A2](#a2)\n  - [A1](#a1)\n\n## A\n\n### A1\n\n### A2\n"
    assert fix(siblings, select=("RL502",)).splitlines()[3:5] == ["  - [A1](#a1)", "  - [A2](#a2)"]


def test_rl502_is_linear_in_the_number_of_headings() -> None:
    import time

    text = "# T\n\n## Contents\n\n- [H0](#h0)\n\n" + "".join(f"## H{n}\n\ntext\n\n" for n in range(20_000))
    started = time.perf_counter()
    fixed = fix(text, select=("RL502",))
    elapsed = time.perf_counter() - started
    assert fixed.count("](#h") == 20_000
    assert elapsed < 20, f"20,000 headings took {elapsed:.1f} s (it was quadratic: 60 s for a lint)"


def test_rl503_empty_sections_are_opt_in() -> None:
    text = "## Contents\n- [A](#a)\n- [B](#b)\n\n" + table(row(1), heading="## A") + "\n## B\n"
    assert lint(text) == []
    found = lint(text, select=("RL503",))
    assert positions(found) == [(len(text.splitlines()), 4, "RL503")]
    assert found[0].severity.value == "info"


def test_rl601_citations() -> None:
    text = table(row(1, citation="1,234"), row(2, citation="~300"), row(3, citation=""))
    found = lint(text, select=("RL601",))
    assert positions(found) == [(6, col(text, 6, "1,234"), "RL601"), (7, col(text, 7, "~300"), "RL601")]
    assert "|1234|" in fix(text, select=("RL601",))
    strict = lint(text, {"rules": {"citation-format": {"allow-empty": False}}}, select=("RL601",))
    assert len(strict) == 3


def test_rl504_dead_in_page_links_outside_the_toc() -> None:
    """RL502 owns the ToC's links; RL504 every other `#anchor` link, with GitHub's anchors for the headings."""
    text = (
        "## Contents\n\n- [Gone](#gone)\n\n## Intro\n\nSee [intro](#intro) and [missing](#missing).\n\n"
        "| Title | Link |\n|---|---|\n| A | [up](#intro-1) |\n\n## Intro\n"
    )
    found = lint(text, select=("RL504",))
    assert [(d.line, d.column, d.message) for d in found] == [
        (7, 35, "No heading has the anchor '#missing'"),
    ]
    assert [d.line for d in lint(text, select=("RL502",))] == [3, 5, 13]  # the dead entry; two headings missing
