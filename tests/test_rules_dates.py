"""RL3xx: date format, range, agreement with arXiv, update notes."""

from __future__ import annotations

import pytest

from tests.conftest import col, fix, lint, positions, row, table


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("2023-05", "2023.05"),
        ("2023/5", "2023.05"),
        ("2023.5", "2023.05"),
        ("May 2023", "2023.05"),
        ("May. 2023", "2023.05"),
        ("September 2023", "2023.09"),
        ("Sept 2023", "2023.09"),
        ("2023 05", "2023.05"),
    ],
)
def test_rl301_unambiguous_dates_are_fixed(written: str, fixed: str) -> None:
    text = table(row(1, date=written))
    (finding,) = lint(text, select=("RL301",))
    assert (finding.line, finding.column) == (6, col(text, 6, written))
    assert fix(text, select=("RL301",)) == table(row(1, date=fixed))


@pytest.mark.parametrize("written", ["05/2023", "2023", "soon", "2023.13.1"])
def test_rl301_ambiguous_dates_are_only_reported(written: str) -> None:
    text = table(row(1, date=written))
    assert positions(lint(text, select=("RL301",))) == [(6, col(text, 6, f"|{written}|") + 1, "RL301")]
    assert fix(text, select=("RL301",)) == text


def test_rl301_custom_pattern_and_html_comment() -> None:
    config = {"columns": [{"name": "Date", "format": "date", "pattern": "YYYY/MM"}]}
    text = "|Date|\n|-|\n|2023/03<!--13-->|\n|2023.04|\n"
    found = lint(text, config, select=("RL301",))
    assert positions(found) == [(4, 2, "RL301")]
    assert "'2023/04'" in found[0].message


def test_rl302_impossible_dates() -> None:
    text = table(row(1, date="2023.13"), row(2, date="2027.01"), row(3, date="1989.01"))
    found = lint(text, select=("RL302",))
    assert [d.line for d in found] == [6, 7, 8]
    assert "month 13" in found[0].message and "after today" in found[1].message and "before 1990" in found[2].message


def test_rl303_date_disagrees_with_arxiv_id() -> None:
    text = table(row(1, date="2023.07"))
    (finding,) = lint(text, select=("RL303",))
    assert finding.severity.value == "warning"
    assert "first submitted 2023.05" in finding.message
    assert (finding.line, finding.column) == (6, col(text, 6, "2023.07"))


def test_rl304_update_notes() -> None:
    text = (
        "## A\nLast update of citation was on 22th July, 2024.\n\n"
        + table(row(1), heading="", note=False)
        + "\n## B\nLast update of citation was on 20th Oct, 2024.\n\n"
        + table(row(2), heading="", note=False)
        + "\n## C\nLast update of citation was on 31st June, 2024.\n\n"
        + table(row(3), heading="", note=False)
        + "\n## D\n\n"
        + table(row(4), heading="", note=False)
        + "\n## E\nLast update of citation was on 1st May, 2027.\n\n"
        + table(row(5), heading="", note=False)
    )
    found = lint(text, select=("RL304",))
    lines = text.splitlines()
    notes = [number for number, line in enumerate(lines, start=1) if line.startswith("Last update")]
    assert [(d.line, d.column) for d in found] == [
        (notes[0], 32),
        (notes[1], 32),
        (notes[2], 32),
        (lines.index("## D") + 1, 4),
        (notes[3], 32),
    ]
    fixed = fix(text, select=("RL304",))
    assert "was on 22nd July, 2024." in fixed and "was on 20th October, 2024." in fixed
    assert "31st June" in fixed


def test_rl304_consistent_abbreviations_are_fine() -> None:
    text = table(row(1)).replace("28th July", "28th Jul")
    assert lint(text, select=("RL304",)) == []


@pytest.mark.parametrize("month", ["January", "July", "December", "Feb"])
def test_rl304_year_zero_is_reported_not_a_crash(month: str) -> None:
    text = table(row(1)).replace("28th July, 2024", f"28th {month}, 0000")
    (finding,) = lint(text, select=("RL304",))
    assert (finding.line, finding.column) == (2, 32)
    assert finding.message == f"Year 0000 in '28th {month}, 0000.' does not exist; write the year of the update"
    assert fix(text, select=("RL304",)) == text


def test_rl302_and_rl301_handle_year_zero() -> None:
    text = table(row(1, date="0000.05"), row(2, date="0000-05"))
    found = lint(text, select=("RL301", "RL302"))
    assert [(d.line, d.code) for d in found] == [(6, "RL302"), (7, "RL301")]
    assert "before 1990" in found[0].message


@pytest.mark.parametrize(
    ("venue", "arxiv", "reported"),
    [
        ("NeurIPS 2024", "2502.19361", False),  # two months after the conference: a camera-ready
        ("NeurIPS 2024", "2508.09889", True),  # eight months after: NeurIPS 2025
        ("ICLR 2021", "2110.02910", True),  # five months after ICLR 2021 (May): ICLR 2022
        ("ICLR 2022", "2110.02910", False),
        ("TMLR 2022", "2307.01234", False),  # a journal a paper reached before arXiv, within a year
        ("TMLR 2021", "2307.01234", True),  # eighteen months after the venue year's end
    ],
)
def test_rl303_venue_before_arxiv_as_the_world_works(venue: str, arxiv: str, reported: bool) -> None:
    head = "| Title | Venue | Date |\n|---|---|---|\n"
    text = f"## S\n\n{head}| [A Paper](https://arxiv.org/abs/{arxiv}) | {venue} | 20{arxiv[:2]}.{arxiv[2:4]} |\n"
    found = [(d.line, d.column) for d in lint(text, select=("RL303",))]
    assert found == ([(5, col(text, 5, venue))] if reported else [])
