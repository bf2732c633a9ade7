"""RL107-RL112: rows GitHub does not render as rows, at the first lost line, with what GitHub shows; their fixes.

What GitHub renders was checked for each case with cmark-gfm (GitHub's parser). Rows of ``table()`` start on
line 6 (heading, note, blank, header, delimiter).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readme_lint.document import Document
from readme_lint.lost_rows import delimiter_problem, find
from tests.conftest import CORPUS, HEADER, fix, lint, positions, row, table

LOST = ("RL107", "RL108", "RL109", "RL110", "RL111", "RL112")
HEADER_LINE, DELIMITER = HEADER.splitlines()


def lost(text: str, *codes: str) -> list[tuple[int, int, str]]:
    return positions(lint(text, select=codes or LOST))


def two_tables() -> str:
    """Two sections with reference tables: the siblings whose style a restored delimiter row copies."""
    return table(row(11), heading="## Quantization") + "\n" + table(row(12), heading="## KV Cache") + "\n"


# -- RL107: a blank line or a comment line ends the table ---------------------------------------------------


def test_rl107_row_appended_after_the_closing_blank_line() -> None:
    text = table(row(1), row(2)) + "\n" + row(3)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (9, 1, "RL107")
    assert finding.end_column == len(row(3))
    assert finding.message == (
        "GitHub renders line 9 as a paragraph: the blank line on line 8 ends the table that starts on line 4"
    )
    assert finding.fixable
    assert fix(text, select=LOST) == table(row(1), row(2), row(3))


def test_rl107_blank_lines_inside_a_table() -> None:
    text = table(row(1)) + "\n\n" + row(2) + row(3) + row(4)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column) == (9, 1)
    assert "lines 9–11 as a paragraph: the blank lines on lines 7–8 end the table" in finding.message
    assert fix(text, select=LOST) == table(row(1), row(2), row(3), row(4))


def test_rl107_comment_line_fix_is_unsafe_and_keeps_the_comment() -> None:
    text = table(row(1)) + "<!-- readme-lint-disable RL501 -->\n" + row(2) + row(3)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code) == (8, "RL107")
    assert "the HTML comment on line 7 ends the table that starts on line 4" in finding.message
    assert finding.fix is not None and not finding.fix.safe
    assert fix(text, select=LOST) == text
    assert fix(text, select=LOST, unsafe=True) == table(row(1), row(2), row(3)) + "<!-- readme-lint-disable RL501 -->\n"


def test_rl107_rows_of_another_shape_are_an_unsafe_fix() -> None:
    short = "|H2O|**H2O**|[[pdf](https://arxiv.org/abs/2306.14048)]|UT Austin|2023.06|\n"
    text = table(row(1)) + "\n" + short
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code) == (8, "RL107")
    assert not finding.fixable
    assert fix(text, select=LOST, unsafe=True) == table(row(1), short)


def test_rl107_crlf_and_no_final_newline_are_kept() -> None:
    text = (table(row(1), row(2)) + "\n" + row(3)).replace("\n", "\r\n").rstrip("\r\n")
    assert lost(text) == [(9, 1, "RL107")]
    assert fix(text, select=LOST) == table(row(1), row(2), row(3)).replace("\n", "\r\n").rstrip("\r\n")


# -- RL108: no valid delimiter row under the header ---------------------------------------------------------


def test_rl108_deleted_delimiter_row_is_restored_in_the_siblings_style() -> None:
    broken = "## Attention Mechanism\n" + HEADER_LINE + "\n" + row(1) + row(2)
    text = two_tables() + broken
    first = text.count("\n", 0, text.index(broken)) + 2
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (first, 1, "RL108")
    assert finding.message == (
        f"GitHub renders lines {first}–{first + 2} as a paragraph, not a table: the header on line {first} has no "
        "delimiter row under it"
    )
    assert finding.fixable
    assert fix(text, select=LOST) == two_tables() + "## Attention Mechanism\n" + HEADER + row(1) + row(2)


def test_rl108_without_sibling_tables_the_plain_delimiter_is_unsafe() -> None:
    text = "## Tools\n\n|Name|Stars|\n|vLLM|30k|\n|SGLang|10k|\n"
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code) == (3, "RL108")
    assert not finding.fixable
    assert fix(text, select=LOST, unsafe=True) == "## Tools\n\n|Name|Stars|\n|---|---|\n|vLLM|30k|\n|SGLang|10k|\n"


@pytest.mark.parametrize(
    ("delimiter", "column", "problem"),
    [
        ("|:---;|:---:|:---:|:---:|:---:|:---:|", 6, "';' is not allowed in a delimiter cell"),
        ("|:---:|:---:|:—:|:---:|:---:|:---:|", 15, "'—' is not allowed in a delimiter cell"),
        ("|:---:||:---:|:---:|:---:|:---:|", 8, "a cell is empty"),
        ("|:---:|: --- :|:---:|:---:|:---:|:---:|", 9, "a blank is not allowed in a delimiter cell"),
    ],
)
def test_rl108_mistyped_delimiter_row(delimiter: str, column: int, problem: str) -> None:
    assert delimiter_problem(delimiter) == (column, problem)
    broken = "## Attention Mechanism\n" + HEADER_LINE + "\n" + delimiter + "\n" + row(1)
    text = two_tables() + broken
    first = text.count("\n", 0, text.index(broken)) + 2
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (first, 1, "RL108")
    assert f"line {first + 1} is not a delimiter row ({problem}, column {column})" in finding.message
    assert fix(text, select=LOST) == two_tables() + "## Attention Mechanism\n" + HEADER + row(1)


def test_rl108_blank_line_between_header_and_delimiter() -> None:
    text = "## Attention Mechanism\n" + HEADER_LINE + "\n\n" + DELIMITER + "\n" + row(1)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code) == (2, "RL108")
    assert "lines 2–5 as paragraphs, not a table: the blank line on line 3 separates the header" in finding.message
    assert fix(text, select=LOST) == "## Attention Mechanism\n" + HEADER + row(1)


def test_rl108_leaves_a_cell_count_mismatch_to_rl103() -> None:
    text = HEADER_LINE + "\n|:---:|:---:|:---:|\n" + row(1)
    assert positions(lint(text, select=(*LOST, "RL103"))) == [(2, 1, "RL103")]


# -- RL109: a row between header and delimiter row ----------------------------------------------------------


def test_rl109_row_between_header_and_delimiter() -> None:
    text = "## Attention Mechanism\n" + HEADER_LINE + "\n" + row(1) + DELIMITER + "\n" + row(2)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (2, 1, "RL109")
    assert finding.message == (
        "GitHub renders line 2 as a paragraph and line 3 as the table's header: the delimiter row on line 4 "
        "must come right after the header"
    )
    assert finding.fix is not None and not finding.fix.safe
    assert fix(text, select=LOST) == text
    assert fix(text, select=LOST, unsafe=True) == "## Attention Mechanism\n" + HEADER + row(1) + row(2)


def test_rl109_no_fix_when_the_first_line_is_a_paper() -> None:
    text = "## S\n" + row(1) + row(2) + DELIMITER + "\n" + row(3)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code, finding.fix) == (2, "RL109", None)


# -- RL110: rows without header and delimiter ---------------------------------------------------------------


def test_rl110_rows_pasted_under_a_new_heading() -> None:
    text = two_tables() + "## Sparsity\nLast update of citation was on 28th July, 2024.\n\n" + row(1) + row(2)
    first = len(text.splitlines()) - 1
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (first, 1, "RL110")
    assert f"lines {first}–{first + 1} as a paragraph, not a table: the rows have no header" in finding.message
    assert fix(text, select=LOST) == text
    expected = two_tables() + "## Sparsity\nLast update of citation was on 28th July, 2024.\n\n" + HEADER + row(1)
    assert fix(text, select=LOST, unsafe=True) == expected + row(2)


def test_rl110_needs_sibling_sections_with_tables() -> None:
    assert lost("## Sparsity\n\n" + row(1) + row(2)) == []
    nav = two_tables() + "## Links\n\n| [Back to top](#quantization) | [Contributing](CONTRIBUTING.md) |\n"
    assert lost(nav) == []


# -- RL111: rows that became code or list items -------------------------------------------------------------


@pytest.mark.parametrize(("indent", "how"), [("    ", "4 spaces"), ("\t", "with a tab"), ("      ", "6 spaces")])
def test_rl111_indented_row_is_code(indent: str, how: str) -> None:
    text = table(row(1)) + indent + row(2) + row(3)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (7, len(indent) + 1, "RL111")
    assert finding.message == (
        f"GitHub renders line 7 as code (indented {how}), which ends the table that starts on line 4, and line 8 "
        "as a paragraph"
    )
    assert fix(text, select=LOST) == table(row(1), row(2), row(3))
    assert [len(t.rows) for t in Document.parse(text).tables] == [1]


def test_rl111_three_spaces_stay_in_the_table() -> None:
    text = table(row(1)) + "   " + row(2)
    assert lost(text) == []
    assert [len(t.rows) for t in Document.parse(text).tables] == [2]


def test_rl111_row_written_as_a_list_item() -> None:
    text = table(row(1)) + "- " + row(2)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (7, 1, "RL111")
    assert "line 7 as a list item, not a row: the '-' before the row starts a list" in finding.message
    assert not finding.fixable
    assert fix(text, select=LOST, unsafe=True) == table(row(1), row(2))


def test_rl111_table_right_under_a_list_item() -> None:
    text = "## Attention Mechanism\n- Upcoming topics: FlashDecoding\n" + HEADER + row(1) + row(2)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (3, 1, "RL111")
    assert finding.message == (
        "GitHub renders lines 3–6 as text of the list item on line 2, not a table: a table right after a list "
        "needs a blank line before it"
    )
    fixed = fix(text, select=LOST)
    assert fixed == "## Attention Mechanism\n- Upcoming topics: FlashDecoding\n\n" + HEADER + row(1) + row(2)
    assert [len(t.rows) for t in Document.parse(fixed).tables] == [2]


def test_rl111_a_table_inside_a_list_item_is_left_alone() -> None:
    assert lost("- Tools:\n  |a|b|\n  |-|-|\n  |x|y|\n") == []


# -- RL112: FULLWIDTH vertical line -------------------------------------------------------------------------


def test_rl112_fullwidth_pipe_in_a_row() -> None:
    bad = row(2).replace("|Google|", "｜Google|")
    text = table(row(1), bad)
    (finding,) = lint(text, select=("RL112",))
    assert (finding.line, finding.column) == (7, bad.index("｜") + 1)
    assert "the row has 5 cells instead of 6" in finding.message
    assert fix(text, select=("RL112",)) == table(row(1), row(2))


def test_rl112_fullwidth_pipes_in_the_header_keep_the_table_from_rendering() -> None:
    text = HEADER_LINE.replace("| Paper |", "｜ Paper ｜") + "\n" + DELIMITER + "\n" + row(1)
    (finding,) = lint(text, select=("RL112",))
    assert (finding.line, finding.column) == (1, HEADER_LINE.index("| Paper") + 1)
    assert "the row has 4 cells instead of 6" in finding.message
    assert fix(text, select=("RL112",)) == HEADER + row(1)


def test_rl112_cjk_rows_fix_unsafe_and_titles_with_fullwidth_bars_are_fine() -> None:
    cjk = row(1, title="**Llama 3.1 论文精读**").replace("|2023.05|", "｜2023.05|")
    title = row(2, title="**Llama 3.1 论文精读｜模型**")
    found = lint(table(cjk, title), select=("RL112",))
    assert positions(found) == [(6, cjk.index("｜") + 1, "RL112")]
    assert not found[0].fixable


# -- what is not a lost row ---------------------------------------------------------------------------------


def test_no_findings_on_prose_code_comments_lists_and_separate_tables() -> None:
    text = (
        "# List\n\nStars | forks | issues: see the badges.\nA line | with pipes.\n\n"
        + table(row(1), row(2))
        + "\nSee the paper | the code.\n\n"
        + "```markdown\n|a|b|\n|x|y|\n\n|z|w|\n```\n\n"
        + "<!--\n|Keywords | Title |\n|x|y|\n-->\n\n"
        + "- a | b\n- c | d\n\n"
        + "    |a|b|\n    |x|y|\n\n"
        + table(row(3), heading="## KV Cache")
        + "\nA paragraph between two tables.\n\n"
        + HEADER
        + row(4)
        + "\n"
        + HEADER
        + row(5)
    )
    assert lost(text) == []


def test_find_gives_kind_lines_and_cause() -> None:
    doc = Document.parse(table(row(1)) + "\n" + row(2))
    assert [(lost.kind, lost.line, lost.end_line, lost.cause) for lost in find(doc)] == [("split", 8, 8, 7)]


# -- the corpus: every lost row found there is real ---------------------------------------------------------

CORPUS_FILES = sorted(CORPUS.rglob("*.md")) if CORPUS.is_dir() else []
# Every RL107-RL112 finding in ../shared/corpus, read one by one: none. The one header GitHub does not render
# there (history/004-233e50a.md, lines 28-29: 5 header cells, 6 delimiter cells) is RL103's.
CORPUS_FINDINGS: dict[str, list[tuple[int, str]]] = {}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_lost_rows_are_exactly_the_known_ones(path: Path, corpus: Path) -> None:
    found = [(d.line, d.code) for d in lint(path.read_text(encoding="utf-8"), select=LOST)]
    assert found == CORPUS_FINDINGS.get(str(path.relative_to(corpus)), [])


def test_corpus_header_delimiter_mismatch_is_reported_once(corpus: Path) -> None:
    text = (corpus / "llm-inference-acceleration" / "history" / "004-233e50a.md").read_text(encoding="utf-8")
    found = [(d.line, d.code) for d in lint(text, select=(*LOST, "RL103"))]
    assert found == [(29, "RL103")]


def test_rl107_a_second_header_makes_the_fix_unsafe() -> None:
    text = "|Model|Size|\n|---|---|\n|Llama|7B|\n\n|Dataset|Rows|\n|C4|365M|\n"
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code) == (5, "RL107")
    assert not finding.fixable


def test_rl111_indented_code_that_is_no_row_is_left_alone() -> None:
    assert lost(table(row(1)) + "    pip list | grep readme\n") == []


def test_a_line_that_is_one_html_tag_ends_the_table() -> None:
    """cmark-gfm ends a table at `<br>` or `<img ...>` alone on a line: it is no row (RL101 and RL106 used to say
    it was a one-cell row and 'fix' it into one)."""
    text = table(row(1)) + "<br>\n\n" + table(row(2), heading="## KV Cache") + '<img src="kv.png" width="200"/>\n'
    assert [len(t.rows) for t in Document.parse(text).tables] == [1, 1]
    assert lint(text) == []


def test_rl107_rows_after_an_html_tag_line_are_text_of_its_html_block() -> None:
    text = table(row(1)) + "<br>\n" + row(2) + row(3)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (8, 1, "RL107")
    assert finding.message == (
        "GitHub renders lines 8–9 as text of an HTML block: the HTML tag line on line 7 ends the table that starts "
        "on line 4"
    )
    assert not finding.fixable
    assert fix(text, select=LOST, unsafe=True) == table(row(1), row(2), row(3)) + "<br>\n"


def test_rl111_a_list_right_under_a_two_column_table_is_not_a_row() -> None:
    text = "|Tool|Stars|\n|---|---|\n|vLLM|30k|\n- Note: stars | as of July 2024\n"
    assert lost(text) == []
    assert lost("|Tool|Stars|\n|---|---|\n|vLLM|30k|\n- |SGLang|10k|\n") == [(4, 1, "RL111")]


def test_rl108_header_over_a_plain_dash_line_is_a_heading() -> None:
    text = two_tables() + "## Sparsity\n" + HEADER_LINE + "\n---\n" + row(1) + row(2)
    first = len(two_tables().splitlines()) + 2
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (first, 1, "RL108")
    assert finding.message == (
        f"GitHub renders line {first} as a heading and lines {first + 2}–{first + 3} as a paragraph, not a table: "
        f"line {first + 1} is a heading underline, not a delimiter row (it has no '|')"
    )
    assert fix(text, select=LOST) == two_tables() + "## Sparsity\n" + HEADER + row(1) + row(2)
    assert lost("Options | flags\n---\n\nText.\n") == []


def test_rl109_rows_pasted_above_the_header() -> None:
    text = "## S\n" + row(1) + row(2) + HEADER + row(3)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.column, finding.code) == (2, 1, "RL109")
    assert finding.message == (
        "GitHub renders lines 2–3 as a paragraph: rows above the table's header (line 4) are not part of the table; "
        "they belong under its delimiter row (line 5)"
    )
    assert fix(text, select=LOST) == text
    assert fix(text, select=LOST, unsafe=True) == "## S\n" + HEADER + row(1) + row(2) + row(3)


def test_rl108_blank_line_before_the_delimiter_of_a_second_table() -> None:
    text = table(row(1)) + "\n" + HEADER_LINE + "\n\n" + DELIMITER + "\n" + row(2)
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code) == (8, "RL108")
    assert "the blank line on line 9 separates the header from its delimiter row" in finding.message
    assert fix(text, select=LOST) == table(row(1)) + "\n" + HEADER + row(2)


def test_the_finding_spans_the_lost_lines_so_diff_base_keeps_it(tmp_path: Path) -> None:
    """A deleted delimiter row marks the line after it as changed, a row pasted under the header marks itself:
    both lie in the finding's range, so a pull-request check with ``--diff-base`` reports them."""
    import subprocess

    from tests.conftest import run_command

    text = table(row(1), row(2), row(3))
    (finding,) = lint(text.replace(DELIMITER + "\n", ""), select=LOST)
    assert (finding.line, finding.end_line, finding.end_column) == (4, 7, len(row(3)))
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "README.md").write_text(text)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    commit = ["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base"]
    subprocess.run(commit, cwd=tmp_path, check=True)
    for damaged, expected in (
        (text.replace(DELIMITER + "\n", ""), "README.md:4:1: RL108"),
        (text.replace(HEADER, HEADER_LINE + "\n" + row(9) + DELIMITER + "\n"), "README.md:4:1: RL109"),
    ):
        (tmp_path / "README.md").write_text(damaged)
        result = run_command(["-q", "--diff-base", "HEAD", "--select", ",".join(LOST)], cwd=tmp_path)
        assert [line[: len(expected)] for line in result.stdout.splitlines()] == [expected]


def test_rl108_a_delimiter_row_with_stray_text_is_rewritten_only_as_an_unsafe_fix() -> None:
    mangled = "|:---:|:---:|:---:|:---:|:---:|:----<!--:|"
    broken = "## Attention Mechanism\n" + HEADER_LINE + "\n" + mangled + "\n" + row(1)
    text = two_tables() + broken
    first = text.count("\n", 0, text.index(broken)) + 2
    (finding,) = lint(text, select=LOST)
    assert (finding.line, finding.code) == (first, "RL108")
    column = mangled.index("<") + 1
    assert f"line {first + 1} is not a delimiter row ('<' is not allowed in a delimiter cell, column {column})" in (
        finding.message
    )
    assert not finding.fixable
    assert fix(text, select=LOST, unsafe=True) == two_tables() + "## Attention Mechanism\n" + HEADER + row(1)
    assert delimiter_problem("|Keywords|-|Title|") is None
