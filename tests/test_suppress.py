"""Inline suppression comments."""

from __future__ import annotations

from tests.conftest import lint, positions, row, table


def test_disable_enable_region_next_line_line_and_file() -> None:
    bad = table(row(1, affiliation=" X"), heading="## A")
    region = (
        "<!-- readme-lint-disable RL104 -->\n\n"
        + bad
        + "\n<!-- readme-lint-enable RL104 -->\n\n"
        + bad.replace("## A", "## B").replace("Paper 1", "Paper 2").replace("13246", "13247")
    )
    found = lint(region, select=("RL104",))
    assert [d.line for d in found] == [len(region.splitlines())]


def test_disable_next_line_and_same_line_and_names() -> None:
    note = "Last update of citation was on 22th July, 2024."
    text = table(row(1)).replace("28th July, 2024.", "22th July, 2024.")
    assert [d.code for d in lint(text)] == ["RL304"]
    assert lint(text.replace(note, note + " <!-- readme-lint-disable-line update-note -->")) == []
    assert lint(text.replace(note, "<!-- readme-lint-disable-next-line RL3 -->\n" + note)) == []
    assert [d.code for d in lint(text.replace(note, "<!-- readme-lint-disable-next-line RL1 -->\n" + note))] == [
        "RL304"
    ]


def test_disable_file_without_codes_silences_everything_but_not_in_code_blocks() -> None:
    bad = table(row(1, affiliation=" X"))
    assert lint("<!-- readme-lint-disable-file -->\n\n" + bad) == []
    fenced = "```\n<!-- readme-lint-disable-file -->\n```\n\n" + bad
    assert positions(lint(fenced, select=("RL104",)))


def test_section_ignore_from_config() -> None:
    first = table(row(1, affiliation=" X"), heading="## Attention Mechanism")
    second = table(row(2, affiliation=" Y"), heading="## KV Cache")
    text = first + "\n" + second
    config = {"sections": {"kv cache": {"ignore": ["cell-spacing"]}}}
    assert [d.line for d in lint(text, config, select=("RL104",))] == [6]
    assert [d.line for d in lint(text, select=("RL104",))] == [6, 13]
