"""Whatever a contributor types: no exception escapes, fixing is idempotent, rows survive.

CI runs a bounded number of examples; ``READMELINT_FUZZ_EXAMPLES=5000 pytest tests/test_robustness.py`` runs
a longer search.
"""

from __future__ import annotations

import os
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readme_lint.document import Document
from readme_lint.source import InputError, decode
from tests.conftest import CORPUS, fix, lint, row, table

EXAMPLES = int(os.environ.get("READMELINT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

PIECES = [
    "|",
    "\\|",
    "||",
    "**",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "[",
    "]",
    "(",
    ")",
    "[[pdf](",
    "https://arxiv.org/abs/2305.13245",
    "<!--",
    "-->",
    "<br>",
    "<div>",
    "</div>",
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "    ",
    "\t",
    "---",
    "___",
    ":---:",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\x00",
    "\x1b",
    "\u2028",
    "\ufeff",
    "｜",
    "2023.05",
    "2024-5",
    "Last update of citation was on 22th July, 2024.",
    "Last update of citation was on 28th July, 0000.",
    "31st June, 0000",
    "0000.05",
    "0000-13",
    "<!-- readme-lint-disable -->",
    "<!-- readme-lint-enable -->",
    "é",
    "🔥",
    " ",
    "  ",
]


def _check(text: str) -> None:
    lint(text)
    once = fix(text)
    assert fix(once) == once
    doc = Document.parse(text)
    before = sorted(r.text for t in doc.tables for r in t.rows)
    after = sorted(r.text for t in Document.parse(once).tables for r in t.rows)
    # No row is dropped or doubled. A fix may give back rows GitHub did not render (RL107-RL111: a blank line
    # removed, a delimiter row restored), never more than the lines that stood outside every table.
    in_tables = {line for t in doc.tables for line in range(t.start_line, t.end_line + 1)}
    outside = sum(1 for n, line in enumerate(doc.lines, 1) if line.strip() and n not in in_tables)
    assert len(before) <= len(after) <= len(before) + outside


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_random_markdown_pieces(pieces: list[str]) -> None:
    _check("".join(pieces))


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _check(text)


def _corpus_texts() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/README.md"))][:6]


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_mutated_corpus_files(data: st.DataObject) -> None:
    texts = _corpus_texts() or [table(row(1), row(2), row(3))]
    text = data.draw(st.sampled_from(texts))
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    chars = list(text)
    for _ in range(data.draw(st.integers(1, 20))):
        position = rng.randrange(len(chars) + 1)
        operation = rng.random()
        if operation < 0.4 and chars:
            del chars[min(position, len(chars) - 1)]
        else:
            chars.insert(position, rng.choice(["|", "\\", "`", "[", "]", "(", ")", "\x00", "\r", "\n", "*", "<!--"]))
    _check("".join(chars))


PAPER_PIECES = [
    "[pdf](https://example.org/view?id=1\\|2)",
    "[[pdf](https://arxiv.org/abs/2305.13245)]",
    "[pdf](<https://x.org/a b.pdf>)",
    '[pdf](https://x.org/p "a title")',
    "[intro](https://github.com/O/R/blob/main/s/t/README.md)",
    "[[intro](<https://github.com/O/R/blob/main/s/t/README.md>)]",
    "![badge](https://img.shields.io/x.svg)",
    "<img src=x>",
    "<!-- note -->",
    "\\|",
    "[",
    "]",
    " ",
    "\\",
    "[ pdf ](https://x.org/\\_a)",
]


@FUZZ
@given(st.lists(st.sampled_from(PAPER_PIECES), min_size=1, max_size=6))
def test_paper_cells_keep_their_links_and_cell_count(pieces: list[str]) -> None:
    """The RL202 rewrite (and every other fix) keeps each row's cell count and every link it had."""
    text = table(row(1, paper="".join(pieces)), row(2))

    def shape(source: str) -> list[tuple[int, list[str]]]:
        rows = [r for t in Document.parse(source).tables for r in t.rows]
        return [(len(r.cells), sorted(link.url for c in r.cells for link in c.inline.links)) for r in rows]

    once = fix(text, select=("RL202", "RL104", "RL106"))
    assert shape(once) == shape(text)
    assert fix(once, select=("RL202", "RL104", "RL106")) == once


HEADING_PIECES = [
    "A",
    "a",
    "-1",
    "]",
    "[",
    "(",
    ")",
    "*",
    "_",
    "`",
    "\\",
    "<b>",
    "|",
    "#",
    "!",
    "&amp;",
    " ",
    "😄",
    "é",
]


@FUZZ
@given(st.lists(st.lists(st.sampled_from(HEADING_PIECES), min_size=1, max_size=6), min_size=1, max_size=8))
def test_toc_fix_is_idempotent_for_hostile_headings(headings: list[list[str]]) -> None:
    """Every heading the ToC fix adds is linked by its entry: a second run adds nothing."""
    body = "".join(f"{'#' * (2 + n % 2)} {''.join(pieces)}\n\ntext\n\n" for n, pieces in enumerate(headings))
    text = "# T\n\n## Contents\n\n- [First](#first)\n\n## First\n\n" + body
    once = fix(text, select=("RL502",))
    assert fix(once, select=("RL502",)) == once
    assert not [d for d in lint(once, select=("RL502",)) if "missing from the Table of Contents" in d.message]


@settings(max_examples=max(10, EXAMPLES // 5), deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.tuples(st.sampled_from(["in", "out", "dev", "loop", "chain", "dir"]), st.integers(0, 3)), max_size=6)
)
def test_symlink_trees_never_lead_a_fix_outside_the_repository(links: list[tuple[str, int]]) -> None:
    """Random symlinked READMEs (inside, outside, devices, loops, chains, directories): `--fix .` changes
    only files inside the repository, and every problem is a one-line error, never a traceback."""
    import contextlib
    import io
    import tempfile
    from pathlib import Path

    from readme_lint.cli import main

    bad = table(row(1, affiliation=" X"))
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        outside, repository = base / "outside", base / "repo"
        outside.mkdir()
        (repository / ".git").mkdir(parents=True)
        (outside / "x.md").write_text(bad)
        (repository / "real.md").write_text(bad)
        for number, (kind, depth) in enumerate(links):
            folder = repository.joinpath(*[f"d{number}"] * (depth + 1))
            folder.mkdir(parents=True, exist_ok=True)
            target = {
                "in": repository / "real.md",
                "out": outside / "x.md",
                "dev": Path("/dev/zero"),
                "loop": folder / "README.md",
                "chain": repository / "d0" / "README.md",
                "dir": outside,
            }[kind]
            (folder / "README.md").symlink_to(target)
        errors, previous = io.StringIO(), os.getcwd()
        try:
            os.chdir(repository)
            with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
                code = main(["--fix", "-q", "."])
        finally:
            os.chdir(previous)
        assert code in (0, 1, 2)
        assert (outside / "x.md").read_text() == bad
        assert sorted(p.name for p in outside.iterdir()) == ["x.md"]
        assert all(line.startswith("readme-lint: error: ") for line in errors.getvalue().splitlines())


def test_surrogates_and_bad_bytes_through_the_file_layer() -> None:
    for data in (b"\xed\xa0\x80", b"|a|\n|-|\n|\xff|\n", b"\x00\x01", "é".encode("utf-16")):
        with pytest.raises(InputError):
            decode(data, "x.md")


def test_pathological_sizes_stay_linear() -> None:
    cases = {
        "long line": "|" + "x" * 100_000 + "|\n|-|\n|" + "y" * 100_000 + "|\n",
        "many columns": "|" + "a|" * 50_000 + "\n|" + "-|" * 50_000 + "\n|" + "b|" * 50_000 + "\n",
        "nested quotes": "> " * 5_000 + "x\n",
        "nested lists": "".join("  " * i + "- x\n" for i in range(300)),
        "unterminated fence": "```\n" + "|a|b|\n" * 5_000,
        "brackets": "|a|\n|-|\n|" + "[" * 20_000 + "|\n",
        "emphasis": "|a|\n|-|\n|" + "*_" * 20_000 + "|\n",
        "backticks": "|a|\n|-|\n|" + "`" * 20_000 + "|\n",
        "pipes and escapes": "|a|\n|-|\n|" + "\\|" * 30_000 + "|\n",
        "cr only": "|a|b|\r|-|-|\r" + "|1|2|\r" * 5_000,
        "bom in the middle": "|a|\n|-|\n|\ufeffx|\n" * 1_000,
    }
    for name, text in cases.items():
        start = time.perf_counter()
        lint(text)
        fix(text)
        assert time.perf_counter() - start < 20, name
