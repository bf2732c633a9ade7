"""Lists as their maintainers write them: fixtures of real list shapes (written by us) and what the model
learns from each -- small tables that share a convention, decorated cells, whole-table habits."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, col, fix, lint

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


def test_a_short_table_among_unsorted_siblings_is_not_sorted_by_chance() -> None:
    # Grounding's five years happen to be nearly descending (one break); its same-header siblings keep no order.
    # Five random rows look that sorted one time in four: RL501 says nothing, and `init` writes no order.
    text = (LISTS / "unsorted-siblings.md").read_text(encoding="utf-8")
    assert [d for d in lint(text) if d.code == "RL501"] == []
    alone = text[text.index("### Grounding") : text.index("### Question answering")]
    (found,) = [d for d in lint(alone) if d.code == "RL501"]  # alone, one break in a near-order is a defect
    assert (found.line, found.column) == (7, col(alone, 7, "2021"))


def test_a_spreadsheet_october_is_read_by_the_rows_arxiv_month_and_never_guessed() -> None:
    # `2024.1` is how a spreadsheet or pandas export writes 2024.10. The arXiv month tells October from January;
    # without an arXiv ID the date is reported with no fix (a guess would move the row and change its date).
    text = (LISTS / "spreadsheet-dates.md").read_text(encoding="utf-8")
    found = [(d.line, d.column, d.code, d.message, d.fix is not None) for d in lint(text)]
    assert found == [
        (
            13,
            col(text, 13, "2024.1 "),
            "RL301",
            "Date '2024.1' does not match the pattern YYYY.MM; write '2024.10'",
            True,
        ),
        (14, col(text, 14, "2024.1 "), "RL301", "Date '2024.1' does not match the pattern YYYY.MM", False),
    ]
    fixed = fix(text)
    assert fixed.splitlines()[12] == "| 5 | 2024.10  | **[Epsilon]** <br> [Paper](https://arxiv.org/pdf/2410.19355) |"
    assert fixed.splitlines()[13] == text.splitlines()[13]  # no guess, no move


def test_one_slip_is_one_finding(tmp_path: Path) -> None:
    # A doubled space between two links is RL104's (RL202 used to repeat it as "should read ..."), and a web
    # address without its scheme is RL203's (RL402 used to repeat it as a missing file in the working tree).
    import subprocess

    rows = [
        f"| {month} 2025 | Paper {n} | [Paper](https://arxiv.org/pdf/25{13 - n:02d}.0000{n})"
        f" [Notes](https://example.org/{n}) |"
        for n, month in enumerate(["Dec", "Nov", "Oct", "Sep", "Aug"], start=1)
    ]
    rows[2] = rows[2].replace(") [Notes]", ")  [Notes]")
    rows.append("| Jul 2025 | Paper 6 | [Paper](https://arxiv.org/pdf/2507.00006) [Code](example.org/zeta) |")
    text = "\n".join(["### Papers", "| Date | Title | Materials |", "| --- | --- | --- |", *rows, ""])
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    found = [(d.line, d.code) for d in lint(text, file_path=readme, root=tmp_path)]
    assert found == [(6, "RL104"), (9, "RL203")]


def _papers(text: str) -> list:
    from readme_lint.config import Config
    from readme_lint.document import Document
    from readme_lint.listmodel import build_list_model

    return build_list_model(Document.parse(text), Config()).papers


def test_a_title_is_the_title_part_never_a_badge_or_the_author_line() -> None:
    # Star badges on 9 of 12 rows, venue badges, emoji and an author line after <br>: before, "Star" was the
    # title of 9 rows (8 false duplicates) and a row opening with a venue badge was "not linked".
    text = (LISTS / "decorated-titles.md").read_text(encoding="utf-8")
    assert [d.code for d in lint(text)] == []
    titles = [paper.title for paper in _papers(text)]
    assert titles[:3] == [
        "Efficient Attention via Sparse Routing",
        "Speculative Decoding at Scale",
        "Quantized KV Caches for Long Context",
    ]


def test_a_decorated_duplicate_is_still_a_duplicate() -> None:
    text = (LISTS / "decorated-titles.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    # The last row again, without its star badge and emoji: the same paper, listed twice.
    copy = lines[-1].split("<br>", 1)[1]
    text = "\n".join([*lines, "| " + copy.lstrip(), ""])
    found = [(d.line, d.code) for d in lint(text) if d.code == "RL205"]
    assert found == [(len(lines) + 1, "RL205")]


def test_decoration_in_front_of_a_bold_or_plain_title() -> None:
    head = "| Title | Date |\n|---|---|\n"
    rows = [
        "| ⭐️ **Bold One** <br> A. Author | 2023.01 |",
        "| <img src='x.png' width=20> Plain Two<br/>B. Author | 2023.02 |",
        "| [![Star](https://img.shields.io/github/stars/a/b)](https://github.com/a/b) [Linked Three](https://x.org)"
        " | 2023.03 |",
    ]
    papers = _papers("## S\n\n" + head + "\n".join(rows) + "\n")
    assert [paper.title for paper in papers] == ["Bold One", "Plain Two", "Linked Three"]
    from readme_lint.listmodel import title_shape

    assert [title_shape(paper.title_cell) for paper in papers] == ["bold", "plain", "linked"]


def test_a_venue_tag_after_a_decorated_bold_title() -> None:
    head = "| Keywords | Title | Paper | Affiliation | Date | Citation |\n|---|---|---|---|---|---|\n"
    rows = [
        f"| k | 🔥 **Title {n}** [ICLR 2023] | [[pdf](https://arxiv.org/abs/230{n}.0123{n})] | A | 2023.0{n} | 1 |"
        for n in range(1, 6)
    ]
    rows.append("| k | 🔥 **Title 6**[ICLR 2023] | [[pdf](https://arxiv.org/abs/2306.01236)] | A | 2023.06 | 1 |")
    text = "## S\n\n" + head + "\n".join(rows) + "\n"
    assert [paper.venue for paper in _papers(text)][:2] == [("ICLR", 2023), ("ICLR", 2023)]
    found = [(d.line, d.column, d.code) for d in lint(text, select=("RL201",))]
    assert found == [(10, col(text, 10, "[ICLR 2023]"), "RL201")]
    from tests.conftest import fix

    assert "| 🔥 **Title 6** [ICLR 2023] |" in fix(text, select=("RL201",))


def test_a_table_whose_rows_all_omit_the_last_cell_is_reported_once_at_the_header() -> None:
    text = (LISTS / "omitted-last-column.md").read_text(encoding="utf-8")
    found = [(d.line, d.column, d.code, d.severity.value) for d in lint(text)]
    assert found == [(5, col(text, 5, "Notes"), "RL101", "info")]
    # A row that differs from the habit -- one cell short of it -- is still a shifted row.
    lines = text.splitlines()
    lines.insert(8, "| [Paper X](https://arxiv.org/abs/2309.01234) | ICML |")
    found = [(d.line, d.code) for d in lint("\n".join(lines) + "\n") if d.code == "RL101"]
    assert found == [(5, "RL101"), (9, "RL101")]


def test_rows_of_a_habitually_short_table_are_still_checked() -> None:
    # Before, every row "did not fit" the header, so no per-column rule looked at them: a bad date went unseen.
    text = (LISTS / "omitted-last-column.md").read_text(encoding="utf-8").replace("| 2023 |\n", "| 20233 |\n", 1)
    assert "RL301" in {d.code for d in lint(text)}


def test_init_writes_what_zero_config_learns_and_says_what_it_left_standing(tmp_path: Path) -> None:
    from tests.conftest import run_command

    for name in ("small-tables.md", "decorated-titles.md", "omitted-last-column.md"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "README.md").write_text((LISTS / name).read_text(encoding="utf-8"), encoding="utf-8")
        zero = run_command(["--no-config", "--show-all"], cwd=folder).stdout
        init = run_command(["init"], cwd=folder)
        assert init.returncode == 0, init.stderr
        assert run_command(["--show-all"], cwd=folder).stdout == zero
        if name == "small-tables.md":  # the bad dates are findings under what init wrote, never conventions
            assert "Sept 2023" in zero and "2024-5" in zero
            assert "init: 2 findings break the conventions it wrote (RL301: 2); run readme-lint" in init.stdout


def test_per_month_tables_with_month_day_dates_take_the_year_from_their_heading() -> None:
    # `## 2024.05` over cells `05-13`: the format is learned, the date read with the heading's year -- so a
    # date a month before its arXiv ID and a row out of order are found, and `5-20` breaks the format.
    text = (LISTS / "per-month-tables.md").read_text(encoding="utf-8")
    found = [(d.line, d.column, d.code) for d in lint(text)]
    assert found == [
        (9, col(text, 9, "05-13"), "RL303"),
        (10, col(text, 10, "5-20"), "RL301"),
        (20, col(text, 20, "06-05"), "RL501"),
    ]
    assert [paper.date for paper in _papers(text)][:2] == [(2024, 5, 2), (2024, 5, 9)]


def test_hidden_notes_empty_badges_placeholders_and_dataset_tables_are_the_lists_own() -> None:
    # Before: 12 findings, all false -- a hidden `[//]: #06/05` note after every row's last pipe (padding misread,
    # a one-row table's note "dropped"), empty-target venue badges, a `[Coming soon]()` placeholder used three
    # times across tables, and two datasets that share the paper they come from.
    text = (LISTS / "hidden-notes-and-badges.md").read_text(encoding="utf-8")
    assert [(d.line, d.code) for d in lint(text)] == []
    # Still found: an empty link that is no habit, a note that is not a comment (real text GitHub drops), and
    # the same dataset listed twice.
    broken = text.replace("[Pruning Paper 1](https://arxiv.org/abs/2406.01101)", "[Pruning Paper 1]()")
    broken = broken.replace("|[//]: #06/09", "|added 06/09")
    broken += "| **Set-A** | [One Paper, Two Datasets](https://arxiv.org/abs/2303.05983) | [Link](https://x.org/c) |\n"
    assert [(d.line, d.code) for d in lint(broken)] == [(8, "RL203"), (16, "RL101"), (32, "RL205")]
