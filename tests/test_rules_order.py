"""RL5xx and RL6xx: sort order, Table of Contents, empty sections, citations."""

from __future__ import annotations

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
        "   - [More](#more)",
    ]
    assert lint(fixed, select=("RL502",)) == []


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
