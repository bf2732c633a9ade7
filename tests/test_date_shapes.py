"""Issue 18 item 7: every date shape public lists use is learned, so RL301 and RL303 run on those lists too.

Each fixture in ``tests/fixtures/dates/`` is a small list of our own whose Date column is written in one shape
(``YY-MM-DD``, ``MM/YYYY``, ``Mon., YYYY``, ``Mon, YYYY``, month names spelled out, day and month name ...). Row 4
breaks the shape (RL301), row 6 is dated a year before its arXiv ID (RL303); nothing else is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readme_lint.listmodel import Date, format_date, parse_date
from tests.conftest import FIXTURES, fix, lint

SHAPES = sorted((FIXTURES / "dates").glob("*.md"))


@pytest.mark.parametrize("path", SHAPES, ids=lambda p: p.stem)
def test_each_date_shape_is_learned_and_checked(path: Path) -> None:
    found = [f"{d.line}:{d.column} {d.code} {d.message}" for d in lint(path.read_text())]
    assert found == path.with_suffix(".expected").read_text().splitlines()


@pytest.mark.parametrize("path", SHAPES, ids=lambda p: p.stem)
def test_fixing_a_date_shape_is_idempotent_and_clean(path: Path) -> None:
    fixed = fix(path.read_text(), select=("RL301",))
    assert fix(fixed, select=("RL301",)) == fixed
    assert not any(d.fixable for d in lint(fixed, select=("RL301",)))


@pytest.mark.parametrize(
    ("text", "pattern", "date"),
    [
        ("24-05-31", "YY-MM-DD", Date(2024, 5, 31)),
        ("05/2024", "MM/YYYY", Date(2024, 5)),
        ("Jun., 2024", "MMM., YYYY", Date(2024, 6)),
        ("May, 2024", "MMM., YYYY", Date(2024, 5)),  # `May` has no dot to write in a list of `Jun.`
        ("Sep, 2024", "MMM, YYYY", Date(2024, 9)),
        ("September 2024", "MMMM YYYY", Date(2024, 9)),
        ("Dec 03, 2024", "MMM DD, YYYY", Date(2024, 12, 3)),
        ("3 Dec 2024", "D MMM YYYY", Date(2024, 12, 3)),
    ],
)
def test_month_names_and_two_digit_years_read_and_write(text: str, pattern: str, date: Date) -> None:
    assert parse_date(text, pattern) == date
    written = format_date(date, pattern)
    assert written is not None and parse_date(written, pattern) == date


@pytest.mark.parametrize(("text", "pattern"), [("Sept, 2024", "MMM, YYYY"), ("Jun 2024", "MMM., YYYY")])
def test_a_month_name_off_the_pattern_is_not_read(text: str, pattern: str) -> None:
    assert parse_date(text, pattern) is None
