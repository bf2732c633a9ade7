"""mistune's block pass over a file whose table rows are handed over two lines a run: the same blocks, at the
same lines, as over every line masked one to one."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.markdown import MarkdownParser, _mistune_lines

# Lines that open, continue, end or swallow blocks around a table, and rows that stop a run (HTML- or code-ish
# characters, an indent, a setext underline under them, a definition's label open above them).
PIECES = [
    "| a | b |",
    "|---|---|",
    "| 1 | 2 |",
    "|x|",
    "| ",
    "|\t",
    "|",
    "  | a |",
    "    | a |",
    "\t| a |",
    "| <b> |",
    "|`c`|",
    "|~|",
    "",
    "text",
    "- item",
    "  - item",
    "1. item",
    "1) z",
    "-",
    "> quote",
    "> | a |",
    ">",
    "> - x",
    "```",
    "~~~",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "<?x",
    "?>",
    "<br>",
    "---",
    "===",
    "* * *",
    "# H",
    "[foo]:",
    "[foo",
    "bar]: /url",
    "[foo]: /url",
    '[x]: /u "t',
    't"',
    "\\]",
    "a\\]",
    "[",
    "]",
    "[a\\]",
    "[link](x)",
    "  b",
    "| a",
    "b |",
    "|:-:|",
    "- | a |",
]
ROWS = ["| r | s |", "|[p](u)|**t**|", "|a|b|c|"]


def outline(parser: MarkdownParser, handed: list[str], origin: list[int], count: int) -> tuple[Any, ...]:
    """What the document reads of the blocks: kind, lines, a heading's first text line and level; the
    definitions (their titles, which no one reads, aside)."""
    blocks, env = parser.blocks_of(handed, origin, count)
    kept = [
        (b.kind, b.start_line, b.end_line, b.token.get("text", "").split("\n")[0] if b.kind == "heading" else None)
        for b in blocks
    ]
    kept += [b.token.get("attrs") for b in blocks if b.kind == "heading"]
    refs = {key: {k: v for k, v in ref.items() if k != "title"} for key, ref in env.get("ref_links", {}).items()}
    return tuple(kept), refs, sorted(env)


_UNMASKABLE = re.compile(r"[<>`~]")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")


def _masked(lines: list[str]) -> list[str]:
    """The reference the block pass keeps to, line for line: each table-like line cut to its indentation and pipe
    (as it was handed to mistune before runs of rows were collapsed)."""
    masked = list(lines)
    last = len(lines) - 1
    for number, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        if (
            len(stripped) > 1
            and stripped[0] == "|"
            and not _UNMASKABLE.search(line)
            and not (number < last and _SETEXT_UNDERLINE.match(lines[number + 1]))
        ):
            masked[number] = line[: len(line) - len(stripped) + 1]
    return masked


def reference(parser: MarkdownParser, lines: list[str]) -> tuple[Any, ...]:
    return outline(parser, _masked(lines), list(range(1, len(lines) + 1)), len(lines))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(0, 5), st.sampled_from(ROWS)), min_size=1, max_size=12))
def test_runs_of_rows_handed_over_as_two_lines_give_the_same_blocks(parts: list[tuple[str, int, str]]) -> None:
    lines = [line for piece, rows, row in parts for line in [*([row] * rows), piece]]
    parser = MarkdownParser()
    assert outline(parser, *_mistune_lines(lines), len(lines)) == reference(parser, lines)


def test_a_long_table_is_two_lines_to_mistune() -> None:
    lines = ["# Papers", "", "| a | b |", "|---|---|", *["| [x](u) | y |"] * 50, "", "text"]
    handed, origin = _mistune_lines(lines)
    assert handed == ["# Papers", "", "|", "|", "", "text"]
    assert origin == [1, 2, 3, 4, 55, 56]
    blocks, _ = MarkdownParser().blocks(lines)
    assert [(b.kind, b.start_line, b.end_line) for b in blocks] == [
        ("heading", 1, 1),
        ("blank_line", 2, 2),
        ("paragraph", 3, 54),
        ("blank_line", 55, 55),
        ("paragraph", 56, 56),
    ]


def test_rows_stay_whole_where_a_definition_label_may_run_across_them() -> None:
    lines = ["[label", *["|a|"] * 600, "]: /url"]  # a label of 999 characters at most: the run's length counts
    parser = MarkdownParser()
    assert outline(parser, *_mistune_lines(lines), len(lines)) == reference(parser, lines)
    assert len(_mistune_lines(lines)[0]) == len(lines)


def test_a_row_over_a_setext_underline_ends_the_run() -> None:
    lines = ["|a|", "|b|", "|c|", "|d|", "---", "|e|"]
    handed, origin = _mistune_lines(lines)
    assert handed == ["|", "|", "|d|", "---", "|"]
    assert origin == [1, 2, 4, 5, 6]
    parser = MarkdownParser()
    assert outline(parser, handed, origin, len(lines)) == reference(parser, lines)
