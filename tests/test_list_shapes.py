"""Lists as their maintainers write them: fixtures of real list shapes (written by us) and what the model
learns from each -- small tables that share a convention, decorated cells, whole-table habits."""

from __future__ import annotations

from tests.conftest import FIXTURES, col, lint

LISTS = FIXTURES / "lists"


def test_small_tables_learn_the_date_format_their_siblings_share() -> None:
    # Three tables of 3-4 rows: none alone has enough dates to learn YYYY-MM, together they clearly do.
    text = (LISTS / "small-tables.md").read_text(encoding="utf-8")
    found = [(d.line, d.column, d.code) for d in lint(text) if d.code.startswith("RL3")]
    assert found == [
        (9, col(text, 9, "Sept 2023"), "RL301"),
        (25, col(text, 25, "2024-5"), "RL301"),
    ]


def test_a_table_keeps_a_convention_of_its_own_and_a_mixed_list_teaches_nothing() -> None:
    # A fourth table writes its five dates its own way: that is its convention, not five defects. The list as a
    # whole then has no one date format (8 of 15), so the small tables learn none and stay silent: no guess.
    text = (LISTS / "small-tables.md").read_text(encoding="utf-8")
    rows = [f"| [Paper {n}](https://arxiv.org/abs/230{n}.01234) | ICASSP | 0{n}/2023 |" for n in range(1, 6)]
    own = "\n".join(["## Audio", "", "| Title | Venue | Date |", "|---|---|---|", *rows, ""])
    assert [d for d in lint(text + "\n" + own) if d.code == "RL301"] == []
