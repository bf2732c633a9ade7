"""RL1xx table structure rules: findings at exact positions, and their fixes.

Rows of ``table()`` start on line 6 (heading, note, blank, header, delimiter).
"""

from __future__ import annotations

from tests.conftest import HEADER, col, fix, lint, positions, row, table


def test_clean_reference_table_has_no_findings() -> None:
    assert lint(table(row(1), row(2))) == []


def test_rl101_short_and_long_rows() -> None:
    short = "|GQA|**T**|[[pdf](https://arxiv.org/abs/2305.13245)]|Google|2023.05|\n"
    long = row(1).rstrip("\n") + "lost|\n"
    text = table(short, long)
    found = lint(text, select=("RL101",))
    assert positions(found) == [(6, 1, "RL101"), (7, col(text, 7, "lost"), "RL101")]
    assert "5 cells, the header has 6" in found[0].message
    assert "'lost'" in found[1].message


def test_rl101_fix_removes_only_empty_extra_cells() -> None:
    text = table(row(1).rstrip("\n") + "|\n")
    assert len(lint(text, select=("RL101",))) == 1
    assert fix(text, select=("RL101",)) == table(row(1))


def test_rl102_case_only_difference_is_fixed() -> None:
    text = "## S\n|keywords | Title | paper | Affiliation | Date | Citation|\n|-|-|-|-|-|-|\n"
    found = lint(text, select=("RL102",))
    assert positions(found) == [(2, 2, "RL102"), (2, col(text, 2, "paper"), "RL102")]
    assert fix(text, select=("RL102",)).splitlines()[1] == "|Keywords | Title | Paper | Affiliation | Date | Citation|"


def test_rl102_misspelled_missing_reordered() -> None:
    text = "|Keywords | Title | Paper | Affiliation | Date | Cititaion|\n|-|-|-|-|-|-|\n"
    (finding,) = lint(text, select=("RL102",))
    assert "'Cititaion' looks like a misspelling of 'Citation'" in finding.message
    assert (finding.line, finding.column) == (1, 2)
    reordered = "|Keywords | Title | Paper | Date | Affiliation | Citation|\n|-|-|-|-|-|-|\n"
    assert "different order" in lint(reordered, select=("RL102",))[0].message
    other = "|Name | Stars|\n|-|-|\n|x|1|\n"
    assert lint(other, select=("RL102",)) == []


def test_rl103_cell_count_mismatch_is_unsafe_fix() -> None:
    text = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|\n"
    (finding,) = lint(text, select=("RL103",))
    assert (finding.line, finding.column) == (2, 1)
    assert finding.fix is not None and not finding.fix.safe
    assert fix(text, select=("RL103",)) == text
    assert fix(text, select=("RL103",), unsafe=True).splitlines()[1] == "|:---:|:---:|:---:|:---:|:---:|:---:|"


def test_rl103_alignment_differs_from_siblings() -> None:
    odd = HEADER.replace("|:---:|:---:|:---:|:---:|:---:|:---:|", "|---|---|---|---|---|---|")
    text = table(row(1)) + "\n" + table(row(2)) + "\n## Odd\n" + odd + row(3)
    found = lint(text, select=("RL103",))
    assert positions(found) == [(17, 1, "RL103")]
    # Readers see alignment: the fix is unsafe (the odd table may be left-aligned on purpose).
    assert fix(text, select=("RL103",)) == text
    assert fix(text, select=("RL103",), unsafe=True).splitlines()[16] == "|:---:|:---:|:---:|:---:|:---:|:---:|"


def test_rl106_the_header_gets_its_pipes_with_the_delimiter_row() -> None:
    text = "## S\n\nTitle | Date\n:---: | :---:\n" + "".join(f"| **P{n}** | 2023.0{n} |\n" for n in range(1, 6))
    found = lint(text, select=("RL106",))
    assert positions(found) == [(3, 1, "RL106"), (4, 1, "RL106")]
    fixed = fix(text, select=("RL106",))
    assert fixed.splitlines()[2:4] == ["|Title | Date|", "|:---: | :---:|"]
    assert lint(fixed, select=("RL106",)) == []


def test_rl104_padding_and_doubled_spaces() -> None:
    text = table(row(1), row(2, affiliation=" DeepSeek"), row(3, affiliation="THU,  Infinigence-AI"))
    found = lint(text, select=("RL104",))
    assert positions(found) == [(7, col(text, 7, " DeepSeek"), "RL104"), (8, col(text, 8, "  "), "RL104")]
    assert (found[1].end_column - found[1].column) == 2
    fixed = fix(text, select=("RL104",))
    assert "|DeepSeek|" in fixed and "|THU, Infinigence-AI|" in fixed


def test_rl104_single_space_style_and_aligned_tables() -> None:
    single = "|a|b|\n|-|-|\n" + "| x | y |\n" * 5 + "|x | y |\n"
    assert positions(lint(single, select=("RL104",))) == [(8, 2, "RL104")]
    aligned = "|a|b|\n|-|-|\n|  x   | y |\n| xx | yyy   |\n"
    assert lint(aligned, select=("RL104",)) == []


def test_rl105_required_cells_and_placeholders() -> None:
    text = table(row(1, date=""), row(2, keywords="-"), row(3, citation=""))
    found = lint(text, select=("RL105",))
    assert positions(found) == [(6, col(text, 6, "||") + 1, "RL105"), (7, 2, "RL105")]
    assert "'Date' is empty" in found[0].message
    assert "placeholder '-'" in found[1].message


def test_rl106_missing_outer_pipes_are_added() -> None:
    text = table(row(1).lstrip("|"), row(2).rstrip("|\n") + "\n")
    found = lint(text, select=("RL106",))
    assert positions(found) == [(6, 1, "RL106"), (7, 1, "RL106")]
    assert "no leading pipe" in found[0].message and "no trailing pipe" in found[1].message
    assert fix(text, select=("RL106",)) == table(row(1), row(2))


def _cell_counts(text: str) -> list[int]:
    from readme_lint.document import Document
    from readme_lint.source import SourceText

    return [len(r.cells) for t in Document.parse(SourceText(text), "x").tables for r in t.rows]


def test_rl104_and_rl106_agree_on_a_cell_ending_in_a_backslash() -> None:
    from readme_lint.config import parse_config
    from readme_lint.fixer import MAX_PASSES, fix_source
    from readme_lint.linter import Linter, Selection, enabled_rules
    from readme_lint.source import SourceText

    others = [row(n) for n in range(4, 9)]  # a clear majority of rows with both pipes: the list's convention
    text = table(row(1), row(2, citation="12\\").rstrip("|\n") + "\n", row(3, affiliation="A\\ "), *others)
    config = parse_config({}, None, None)
    linter = Linter(config, enabled_rules(config, Selection(select=("RL104", "RL106"))))
    result = fix_source(SourceText(text), linter.lint_text)
    assert result.passes < MAX_PASSES
    assert result.text.splitlines()[6] == row(2, citation="12\\ ").rstrip("\n")
    assert result.text.splitlines()[7] == row(3, affiliation="A\\ ").rstrip("\n")
    assert _cell_counts(result.text) == [6] * 8
    assert result.diagnostics == []
    assert fix(result.text, select=("RL104", "RL106")) == result.text


def _own_list(header: str, delimiter: str, rows: list[str]) -> str:
    """A list in its own schema (not the reference one), so every convention is learned from it."""
    return f"## Tools\n\n{header}\n{delimiter}\n" + "".join(rows)


def test_rl105_a_placeholder_the_list_uses_on_purpose_is_not_missing() -> None:
    papers = [f"| 2024.01 | **Tool {n}** | [link](https://arxiv.org/abs/2401.{n:05d}) |\n" for n in range(1, 21)]
    tools = _own_list(
        "| Time | Title | Paper |", "| --- | --- | --- |", [f"| - | **Kit {n}** | - |\n" for n in range(3)]
    )
    # A toolkit row in the paper table writes `-` for its paper, as the tools table does on every row.
    lone = _own_list("| Time | Title | Paper |", "| --- | --- | --- |", [*papers, "| 2024.09 | **Kit** | - |\n"])
    assert lint(lone + "\n" + tools, select=("RL105",)) == []
    # Without that deliberate use elsewhere, the lone `-` in a column every row fills is reported.
    assert [d.line for d in lint(lone, select=("RL105",))] == [25]


def test_rl103_alignment_is_compared_among_tables_with_the_same_header() -> None:
    paper = _own_list("| Year | Name | Cites |", "| :-: | :-: | :-: |", ["| 2020 | A | 1 |\n"])
    video = _own_list("| Date | Title | Length |", "| --: | -- | --: |", ["| 9/04/24 | B | 10:41 |\n"])
    assert lint(video + "\n" + paper + "\n" + paper, select=("RL103",)) == []
    other = _own_list("| Year | Name | Cites |", "| --: | -- | --: |", ["| 2021 | C | 2 |\n"])
    assert [d.line for d in lint(paper + "\n" + paper + "\n" + other, select=("RL103",))] == [16]
