"""The pure paper helpers: lenient dates (with the ambiguity a spreadsheet export leaves) and arXiv months."""

from __future__ import annotations

import pytest

from readme_lint.papers import _arxiv_month, arxiv_month, read_date_leniently


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023-12", (2023, 12)), ("2023/1", (2023, 1)), ("2023.01", (2023, 1)), ("2023.2", (2023, 2))],
)
def test_unambiguous_spellings_are_read(text: str, expected: tuple[int, int]) -> None:
    assert read_date_leniently(text) == expected


def test_a_dotted_one_is_january_or_october_and_only_the_arxiv_month_tells() -> None:
    """pandas writes October (2024.10) as 2024.1: without a hint the date is not read at all."""
    assert read_date_leniently("2024.1") is None
    assert read_date_leniently("2024.1", (2024, 10)) == (2024, 10)
    assert read_date_leniently("2024.1", (2024, 9)) == (2024, 10)  # a paper dated a month before its ID
    assert read_date_leniently("2024.1", (2024, 1)) == (2024, 1)
    assert read_date_leniently("2024.1", (2023, 12)) == (2024, 1)
    assert read_date_leniently("2024.1", (2024, 5)) is None  # neither: no guess


def test_arxiv_month_of_new_style_ids_only() -> None:
    assert arxiv_month("2410.19355") == (2024, 10)
    assert arxiv_month("0704.0001") == (2007, 4)
    assert arxiv_month("cs/0101001") is None
    assert arxiv_month("2413.00001") is None
    assert arxiv_month(None) is None


def test_arxiv_month_read_once_per_prefix_is_what_the_prefix_gives() -> None:
    """``arxiv_month`` keeps each ID prefix's month: asked again (another ID of the month), it answers the same."""
    for identifier in ["2410.19355", "2410.00001", "2413.1", "24١0.12345", "2410", "", "ab12.3456", "0001.00001"]:
        first, again = arxiv_month(identifier), arxiv_month(identifier)
        digits = identifier[:4] if len(identifier) > 4 and identifier[4] == "." else ""
        assert first == again == _arxiv_month(digits), identifier
