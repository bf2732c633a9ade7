"""The list model: each list's conventions learned from the list itself, and the rules that follow them."""

from __future__ import annotations

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.document import Document
from readme_lint.listmodel import (
    ArxivForm,
    Date,
    Role,
    build_list_model,
    format_date,
    header_role,
    in_place_share,
    parse_arxiv_url,
    parse_date,
)
from tests.conftest import fix, lint, make_config, positions


def model_of(text: str, config: dict | None = None):
    return build_list_model(Document.parse(text), make_config(config))


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Publish Date", Role.DATE),
        ("**Publish Date**", Role.DATE),
        ("Time", Role.DATE),
        ("日期", Role.DATE),
        ("Year", Role.YEAR),
        ("年份", Role.YEAR),
        ("Title & Authors", Role.TITLE),
        ("Paper Title", Role.TITLE),
        ("标题", Role.TITLE),
        ("**Paper**", Role.PAPER),
        ("PDF", Role.PAPER),
        ("Materials", Role.PAPER),
        ("Code", Role.CODE),
        ("Venue", Role.VENUE),
        ("**Publication**", Role.VENUE),
        ("Citation", Role.CITATION),
        ("引用", Role.CITATION),
        ("Keywords", Role.KEYWORDS),
        ("topic", Role.KEYWORDS),
        ("Affiliation", Role.AFFILIATION),
        ("Institute", Role.AFFILIATION),
        ("Authors", Role.AUTHORS),
        ("Recom", Role.OTHER),
    ],
)
def test_header_roles_in_any_case_bold_or_not_and_language(header: str, role: Role) -> None:
    assert header_role(header) is role


def test_roles_are_checked_against_the_cells() -> None:
    """A bold "Paper" column of plain titles is the title column; a "Year" column of YYYY.MM is a date column."""
    rows = "".join(
        f"| Paper {n} about things | 2024.0{n} | [[Link]](https://arxiv.org/abs/2401.0000{n}) |\n" for n in range(1, 7)
    )
    model = model_of("| **Paper** | Year | **Link** |\n|---|---|---|\n" + rows)
    (table,) = model.tables
    assert [c.role for c in table.columns] == [Role.TITLE, Role.DATE, Role.PAPER]
    assert table.column(Role.DATE).date_pattern == "YYYY.MM"
    assert table.column(Role.PAPER).link_form == "[[L]](U)"
    paper = model.papers[0]
    assert paper.title == "Paper 1 about things" and paper.date == Date(2024, 1) and paper.arxiv == ("2401.00001", "")


@pytest.mark.parametrize(
    ("values", "pattern"),
    [
        (["2026-05-13", "2026-05-12", "2025-12-01"], "YYYY-MM-DD"),
        (["08/27, 2025", "07/13, 2025", "06/28, 2025"], "MM/DD, YYYY"),
        (["2026/07/09", "2026/07/01", "2025/12/31"], "YYYY/MM/DD"),
        (["2024.05", "2024.04", "2023.12"], "YYYY.MM"),
        (["2024", "2023", "2021"], "YYYY"),
        (["9/04/24", "12/9/21", "9/2/22"], "M/D/YY"),
    ],
)
def test_date_patterns_are_learned_at_full_precision(values: list[str], pattern: str) -> None:
    rows = "".join(f"|**{value}**|**Title {n}**|\n" for n, value in enumerate(values))
    (table,) = model_of("|Publish Date|Title|\n|---|---|\n" + rows).tables
    assert table.column(Role.DATE if len(pattern) > 4 else Role.YEAR).date_pattern == pattern


def test_dates_keep_days_and_format_back() -> None:
    assert parse_date("08/27, 2025", "MM/DD, YYYY") == Date(2025, 8, 27)
    assert parse_date("2025-08", "YYYY-MM-DD") is None
    assert format_date(Date(2025, 8, 7), "YYYY/MM/DD") == "2025/08/07"
    assert format_date(Date(2025, 8), "YYYY-MM-DD") is None


def test_arxiv_urls_in_every_spelling_and_impossible_ids() -> None:
    assert parse_arxiv_url("http://arxiv.org/abs/2605.13741").id == "2605.13741"
    found = parse_arxiv_url("https://www.arxiv.org/pdf/2410.23558v1.pdf?trk=x")
    assert (found.kind, found.version, found.suffix, found.tail) == ("pdf", "v1", ".pdf", "?trk=x")
    assert not parse_arxiv_url("https://arxiv.org/abs/203.05527").valid
    form = ArxivForm("https", "arxiv.org", "pdf", "")
    assert form.canonical(parse_arxiv_url("http://arxiv.org/abs/2401.00001v2")) == "https://arxiv.org/pdf/2401.00001v2"


def _pdf_list(count: int, odd: str) -> str:
    rows = [f"|2024.01|**T{n}**|[link](https://arxiv.org/pdf/2401.{10000 + n})|\n" for n in range(count)]
    rows.append(f"|2024.01|**Odd**|[link]({odd})|\n")
    return "|Date|Title|Paper|\n|---|---|---|\n" + "".join(rows)


def test_a_pdf_list_keeps_its_pdf_links_and_only_the_odd_one_is_fixed() -> None:
    text = _pdf_list(20, "https://arxiv.org/abs/2401.09999")
    found = lint(text, select=("RL204",))
    assert [d.message for d in found] == ["arXiv link should be https://arxiv.org/pdf/2401.09999"]
    assert "arxiv.org/abs/" not in fix(text, select=("RL204",))
    assert model_of(text).arxiv_form == ArxivForm("https", "arxiv.org", "pdf", "")


def test_a_list_without_a_clear_arxiv_form_is_only_checked_for_ids() -> None:
    mixed = _pdf_list(5, "https://arxiv.org/abs/203.05527").replace("pdf/2401.10001", "abs/2401.10001")
    mixed = mixed.replace("pdf/2401.10002", "abs/2401.10002")
    found = lint(mixed, select=("RL204",))
    assert [d.message for d in found] == [
        "arXiv ID 203.05527 cannot exist: new-style IDs are YYMM.NNNN (to 2014) or YYMM.NNNNN (from 2015)"
    ]


def test_deliberate_hidden_extra_cell_is_the_tables_convention() -> None:
    rows = "".join(f"|2024.0{n}|**T{n}**|[pdf](https://x.org/{n})| [//]: #10/2{n}\n" for n in range(1, 7))
    text = "|Date|Title|Paper|\n|---|---|---|\n" + rows + "|2024.09|**T9**|[pdf](https://x.org/9)| a | b\n"
    model = model_of(text)
    assert model.tables[0].expected_cells == 4 and model.tables[0].trailing_pipe is False
    assert positions(lint(text, select=("RL101", "RL106"))) == [(9, text.splitlines()[8].index("| b") + 2, "RL101")]


def test_placeholders_are_not_missing_values_and_empty_rows_are_reported() -> None:
    rows = "".join(f"| 2024.0{n} | **T{n}** | [link](https://x.org/{n}) | - |\n" for n in range(1, 8))
    rows += "| 2024.08 | **T8** | [link](https://x.org/8) | [link](https://github.com/a/b) |\n|  |  |  |  |\n"
    found = lint("| Time | Title | Paper | Code |\n| --- | --- | --- | --- |\n" + rows, select=("RL105",))
    assert [(d.line, d.message) for d in found] == [(11, "Row is empty: GitHub shows a blank row")]


def test_learned_required_column_reports_the_one_gap() -> None:
    rows = "".join(f"| 2024.{n:02d} | **T{n}** | [link](https://x.org/{n}) |\n" for n in range(1, 21))
    text = "| Time | Title | Paper |\n| --- | --- | --- |\n" + rows + "| 2024.08 | **T8** |  |\n"
    found = lint(text, select=("RL105",))
    assert [(d.line, d.message) for d in found] == [(23, "Required cell 'Paper' is empty")]


def test_title_and_paper_shapes_follow_the_list() -> None:
    rows = "".join(
        f"|[Paper {n}](https://arxiv.org/abs/2401.0000{n})|ICML 2024|[[Paper](https://x.org/{n})]|\n"
        for n in range(1, 7)
    )
    text = "|Title|Venue|Materials|\n|---|---|---|\n" + rows + "|Plain title|ICML|[Paper](https://x.org/9)|\n"
    found = lint(text, select=("RL201", "RL202"))
    assert [(d.line, d.code) for d in found] == [(9, "RL201"), (9, "RL202")]
    assert "[[Paper](https://x.org/9)]" in fix(text, select=("RL202",))


def test_bracketed_label_links_are_a_list_shape_not_an_error() -> None:
    rows = "".join(f"| T{n} | Arxiv 2024 | [[Link]](https://arxiv.org/abs/2401.0000{n}) |\n" for n in range(1, 8))
    assert lint("| **Paper** | **Publication** | **Link** |\n|---|---|---|\n" + rows, select=("RL2",)) == []


def test_padding_per_column_and_doubled_spaces_as_house_style() -> None:
    rows = "".join(f"| Title {n}  is long | ICML  |[[Paper](https://x.org/{n})]|\n" for n in range(1, 8))
    text = (
        "| Title | Venue | Materials |\n| --- | --- | --- |\n"
        + rows
        + "| Title 9  x |ICML  |[[Paper](https://x.org/9)]|\n"
    )
    found = lint(text, select=("RL104",))
    assert [(d.line, d.column) for d in found] == [(10, 15)]  # only the padding; doubled spaces are house style
    assert found[0].message.endswith("this table writes cells with a space on each side")
    last = text.replace("|[[Paper](https://x.org/9)]|", "| [[Paper](https://x.org/9)]|")  # that column: no padding
    assert lint(last, select=("RL104",))[-1].message.endswith("this table writes cells with no padding")


def test_order_is_learned_with_tolerance_at_full_precision() -> None:
    dates = ["2025-06-30", "2025-06-20", "2025-06-10", "2025-06-25", "2025-06-01", "2025-05-30", "2025-05-20"]
    dates += ["2025-05-10", "2025-05-01", "2025-04-30", "2025-04-20"]
    rows = "".join(f"|**{d}**|**T{n}**|\n" for n, d in enumerate(dates))
    text = "|Publish Date|Title|\n|---|---|\n" + rows
    (table,) = model_of(text).tables
    assert (table.order.key, table.order.descending) == ("date", True)
    (finding,) = lint(text, select=("RL501",))
    assert finding.line == 6 and "2025-06-25" in finding.message
    assert in_place_share([1, 2, 3, 9, 4, 5], descending=False) == (5 / 6, 6)


def test_unordered_tables_have_no_order() -> None:
    dates = ["2021", "2019", "2023", "2018", "2022", "2020", "2024"]
    rows = "".join(f"| T{n} | ICML | {d} |\n" for n, d in enumerate(dates))
    (table,) = model_of("| Paper Title | Venue | Year |\n| --- | --- | --- |\n" + rows).tables
    assert table.order is None


def test_config_pins_the_schema_and_the_date_pattern() -> None:
    config = {
        "columns": [{"name": "When", "format": "date", "pattern": "YYYY/MM"}, {"name": "What", "format": "title"}]
    }
    text = "|When|What|\n|-|-|\n|2023.04|**A**|\n|2023/05|**B**|\n"
    (table,) = model_of(text, config).tables
    assert table.column(Role.DATE).date_pattern == "YYYY/MM" and table.column(Role.TITLE).name == "What"
    assert positions(lint(text, config, select=("RL301",))) == [(3, 2, "RL301")]


def test_citations_written_with_commas_are_the_lists_convention() -> None:
    rows = "".join(f"|**T{n}**|[[pdf](https://x.org/{n})]|2024.0{n}|{n},234|\n" for n in range(1, 7))
    text = "|Title|Paper|Date|Citation|\n|---|---|---|---|\n" + rows + "|**T9**|[[pdf](https://x.org/9)]|2024.09|~30|\n"
    assert [d.message for d in lint(text, select=("RL601",))] == ["Citation '~30' is not a whole number"]


def test_padding_is_no_convention_where_one_side_is_mixed() -> None:
    """Cells whose trailing space comes and goes: the list does not curate invisible spaces, on either side."""
    from readme_lint.source import SourceText

    rows = "".join(f"|2024.0{n % 9 + 1}|Paper {n}{' ' * (n % 2)}|x|\n" for n in range(40))
    text = "## Papers\n\n|Date|Title|Code|\n|---|---|---|\n" + rows + "|2024.01| Paper 41|x|\n"
    doc = Document.parse(SourceText(text), "README.md")
    title = build_list_model(doc, make_config()).tables[0].columns[1]
    assert (title.left_padding, title.right_padding) == (None, None)
    assert lint(text, select=("RL104",)) == []


# -- the model's shape and its one reading of each row (issue 21) ------------------------------------------


def _reference_rows(count: int) -> str:
    return "|Date|Title|Paper|Citation|\n|---|---|---|---|\n" + "".join(
        f"|2024.{n % 9 + 1:02d}|**T{n}** [ICML 2024]|[[pdf](https://arxiv.org/abs/2401.{10000 + n})]|{n}|\n"
        for n in range(count)
    )


def test_papers_tables_and_columns_are_slotted_and_read_each_value_once() -> None:
    """No per-instance __dict__ (a list of 100,000 papers keeps 100,000 of them), and a derived value is read
    once: after the first reading, changing the cell under it changes nothing."""
    model = model_of(_reference_rows(8))
    paper = model.papers[2]
    for obj in (paper, model.tables[0], model.tables[0].columns[0]):
        assert not hasattr(obj, "__dict__")
    assert (paper.sort_key("date"), paper.sort_key("arxiv"), paper.sort_key("citation")) == (
        (2024, 3, 0),
        (2401, 10002),
        2,
    )
    assert (paper.title, paper.venue, paper.sort_key("title")) == ("T2", ("ICML", 2024), "t2")
    paper.date_cell.text = "1999.01"
    paper.title_cell.text = "**Other**"
    assert paper.sort_key("date") == (2024, 3, 0) and paper.date_text == "2024.03" and paper.title == "T2"
    assert paper.title_part is not None and paper.title_part.shape == "bold" and paper.title_shape == "bold"


def test_arxiv_ids_and_the_url_form_come_from_one_reading_of_each_link() -> None:
    """The list's arXiv links are counted in cells that name arXiv (a group label's too); a paper's IDs are
    every arXiv link of its row, a reference link's included; a bare URL is no link."""
    text = (
        "|Date|Title|Paper|\n|---|---|---|\n"
        "|**Group** [see](https://arxiv.org/abs/2406.00006)|||\n"
        "|2024.01|**A**|[pdf](https://ARXIV.org/abs/2401.00001v2) [code](https://github.com/a/b)|\n"
        "|2024.02|**B**|[pdf][b]|\n"
        "|2024.03|**C** https://arxiv.org/abs/2403.00003|[pdf](https://arxiv.org/abs/2401.00001)|\n"
        "\n[b]: https://arxiv.org/pdf/2402.00002.pdf\n"
    )
    model = model_of(text)
    assert [paper.arxiv_ids for paper in model.papers] == [
        (("2401.00001", "v2"),),
        (("2402.00002", ""),),
        (("2401.00001", ""),),
    ]
    assert [paper.sort_key("arxiv") for paper in model.papers] == [(2401, 1), (2402, 2), (2401, 1)]
    assert model.arxiv_links == 3  # the group label's, A's and C's: B's cell does not name arXiv
    assert model.arxiv_form == ArxivForm("https", "arxiv.org", "abs", None)


def test_every_kind_of_cell_counts_once_in_its_columns_evidence() -> None:
    """Plain cells are read in bulk, cells with markup, links or a pictograph one by one: each counts once,
    so the filled count and the placeholders are the same whichever way a cell is read."""
    notes = ["-", "-", "-", "a*b", "中文", "🔥 hot", "_x_", "!x", "plain", "[l](https://x.org)", "**b**", "<br>"]
    rows = "".join(f"|2024.0{n % 9 + 1}|**T{n}**|{note}|\n" for n, note in enumerate(notes))
    (table,) = model_of("|Date|Title|Notes|\n|---|---|---|\n" + rows).tables
    column = table.columns[2]
    assert column.rows == len(notes) and column.filled == len(notes) - 3
    assert column.is_placeholder("-") and not column.is_placeholder("plain")


def test_cells_outside_the_pipes_tell_nothing_about_spacing() -> None:
    """Rows without outer pipes: the first and last cells have no padding to learn (on either side); the inner
    ones do, and the outer columns take the table's."""
    rows = "".join(f"2024.0{n % 9 + 1} | **T{n}** |[pdf](https://x.org/{n})\n" for n in range(8))
    (table,) = model_of("Date | Title | Paper\n---|---|---\n" + rows).tables
    date, title, paper = table.columns
    assert [sum(side.values()) for column in table.columns for side in column.spacing] == [0, 0, 8, 8, 0, 0]
    assert [(column.left_padding, column.right_padding) for column in table.columns] == [("space", "space")] * 3
    assert not date.own_padding and title.own_padding and not paper.own_padding and table.leading_pipe is False


def _longest_run(values: list[int]) -> tuple[float, int]:
    """The share as it was counted before: the longest non-decreasing run, one bisection per key."""
    tails: list[int] = []
    for value in values:
        index = bisect.bisect_right(tails, value)
        tails[index : index + 1] = [value]
    return (len(tails) / len(values) if values else 0.0), len(values)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-5, 5), st.integers(-5, 5)), max_size=30))
def test_the_in_place_share_reads_a_descending_order_backwards(keys: list[int | None]) -> None:
    """The longest run that never rises, read backwards, never falls: the same share as the longest ascending
    run of the negated keys (how it was counted before), without a negated copy of every key; ascending runs
    skip the bisection for a key in order, with the same share."""
    known = [key for key in keys if key is not None]
    assert in_place_share(keys, descending=False) == _longest_run(known)
    expected = _longest_run([-key for key in known])
    assert in_place_share(keys, descending=True) == expected
    as_tuples = [None if key is None else (key, 0) for key in keys]
    assert in_place_share(as_tuples, descending=True) == expected


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("[a](https://arxiv.org/abs/2401.0999{n}), [a](https://arxiv.org/abs/2401.0999{n})", Role.PAPER),
        ("[pdf](https://arxiv.org/abs/2401.0999{n}) · [[b]](https://x.org/{n})", Role.PAPER),
        ("see [a](https://arxiv.org/abs/2401.0999{n})", Role.OTHER),
        ("`[a](https://arxiv.org/abs/2401.0999{n})` [a](https://arxiv.org/abs/2401.0999{n})", Role.OTHER),
    ],
)
def test_a_column_of_arxiv_links_only_is_a_paper_column(cell: str, role: Role) -> None:
    """What is left of a cell without its links decides whether it is links only: separators and brackets are
    nothing, words are something, and so is a code span that holds the same text as the link after it."""
    rows = "".join(f"|**T{n}**|{cell.format(n=n)}|\n" for n in range(6))
    (table,) = model_of("|Title|Refs|\n|---|---|\n" + rows).tables
    assert table.columns[1].role is role
