"""Semantic checks on any schema: duplicates (RL205), dates against arXiv IDs (RL303), sort order (RL501)."""

from __future__ import annotations

from tests.conftest import col, fix, lint, positions, row, table


def grid(header: str, *rows: str, heading: str = "## Papers") -> str:
    """A table in a list's own schema: ``header`` like ``Title|Venue|Date``; rows as cell lists joined by |."""
    names = header.split("|")
    lines = [heading, "", "|" + "|".join(names) + "|", "|" + "|".join("---" for _ in names) + "|"]
    lines += ["|" + cells + "|" for cells in rows]
    return "\n".join(lines) + "\n"


def messages(text: str, code: str, config: dict | None = None) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in lint(text, config, select=(code,))]


# -- RL205 duplicates ----------------------------------------------------------------------------------------


def test_rl205_same_arxiv_id_in_any_url_form_and_version() -> None:
    text = grid(
        "Date|Title|Paper|Code",
        "2024.02|**MoRec**|[link](https://arxiv.org/abs/2402.01135)|-",
        "2024.02|**Other**|[link](https://arxiv.org/abs/2402.09999)|-",
        "2024.02|**MoRec again**|[link](http://www.arxiv.org/pdf/2402.01135v2.pdf)|-",
    )
    found = lint(text, select=("RL205",))
    assert positions(found) == [(7, col(text, 7, "**MoRec again"), "RL205")]
    assert found[0].message.startswith("Duplicate paper: arXiv 2402.01135 is also on line 5, under another title")


def test_rl205_titles_keep_plus_hash_and_digits() -> None:
    text = grid(
        "Title|Venue|Link",
        "DPM-Solver: A Fast ODE Solver|NeurIPS 2022|[[Link]](https://x.org/a)",
        "DPM-Solver++: Fast Solver for Guided Sampling|arXiv 2022|[[Link]](https://x.org/b)",
        "DPM-Solver: a fast  ODE solver!|NeurIPS 2022|[[Link]](https://x.org/c)",
        "GPT-4 Technical Report|arXiv 2023|[[Link]](https://x.org/d)",
        "GPT-3 Technical Report|arXiv 2020|[[Link]](https://x.org/e)",
        "C# for Papers|arXiv 2020|[[Link]](https://x.org/f)",
        "C for Papers|arXiv 2020|[[Link]](https://x.org/g)",
    )
    assert messages(text, "RL205") == [(7, "Duplicate paper: the same title is also on line 5")]


def test_rl205_one_link_for_two_titles() -> None:
    text = grid(
        "Title|Venue|Paper",
        "First Paper|ICML 2024|[pdf](https://openreview.net/forum?id=abc)",
        "Second Paper|ICML 2024|[pdf](https://openreview.net/forum?id=xyz)",
        "Third Paper|ICML 2024|[pdf](http://www.openreview.net/forum?id=abc#top)",
        "Fourth Paper|Blog|[pdf](https://example.org/)",
        "Fifth Paper|Blog|[pdf](https://example.org)",
    )
    found = messages(text, "RL205")
    assert [line for line, _ in found] == [7]
    assert "same paper link is also on line 5, under another title ('First Paper')" in found[0][1]


def test_rl205_scope_table_by_default_sections_and_list_as_options() -> None:
    first = grid("Title|Paper", "Mooncake|[pdf](https://arxiv.org/abs/2407.00079)", "Other|[pdf](https://x.org/o)")
    second = grid("Title|Paper", "Mooncake|[pdf](https://arxiv.org/abs/2407.00079v3)", heading="### Serving")
    third = grid("Title|Paper", "Mooncake|[pdf](https://arxiv.org/pdf/2407.00079)", heading="## More")
    text = first + "\n" + second + "\n" + third
    assert messages(text, "RL205") == []
    by_section = messages(text, "RL205", {"rules": {"RL205": {"scope": "section"}}})
    assert by_section == []  # each table stands in its own section here
    same_section = first + "\n" + second.replace("### Serving\n", "") + "\n" + third
    assert [line for line, _ in messages(same_section, "RL205", {"rules": {"RL205": {"scope": "section"}}})] == [11]
    assert [line for line, _ in messages(text, "RL205", {"rules": {"RL205": {"scope": "list"}}})] == [12, 18]


def test_rl205_scope_is_the_lists_habit() -> None:
    # A list that lists each paper once: the one row a pull request pasted into a second section is reported.
    first = grid("Title|Paper", "Mooncake|[pdf](https://arxiv.org/abs/2407.00079)", "Other|[pdf](https://x.org/o)")
    second = grid("Title|Paper", "Third|[pdf](https://x.org/t)", "Mooncake|[pdf](https://arxiv.org/pdf/2407.00079)")
    pasted = first + "\n" + second.replace("## Papers", "## Serving")
    assert [line for line, _ in messages(pasted, "RL205")] == [13]
    # A list that cross-lists on purpose (two papers in two categories) is checked table by table.
    both = second.replace("Third|[pdf](https://x.org/t)", "Other|[pdf](https://x.org/o)")
    assert messages(first + "\n" + both.replace("## Papers", "## Serving"), "RL205") == []
    # A table of another header (videos about papers) is never compared with the paper tables.
    videos = grid("Video|Paper", "Mooncake|[pdf](https://arxiv.org/abs/2407.00079)", heading="## Videos")
    assert messages(first + "\n" + videos, "RL205") == []
    assert messages(pasted, "RL205", {"rules": {"RL205": {"scope": "table"}}}) == []


def test_rl205_linked_titles_and_titles_that_only_mention_a_paper() -> None:
    linked = grid(
        "Title|Venue|Date",
        "[Verbalize Reward Hacking](https://arxiv.org/abs/2506.22777)|arxiv|07/13, 2025",
        "[Verbalize Reward Hacking](https://arxiv.org/abs/2506.22777)|arxiv|06/28, 2025",
    )
    assert messages(linked, "RL205") == [(6, "Duplicate paper: arXiv 2506.22777 is also on line 5")]
    videos = grid(
        "日期|标题|时长",
        "4/28/22|[视频理解论文串讲](https://arxiv.org/pdf/2012.06567.pdf)（下）|1:08:32",
        "4/14/22|[视频理解论文串讲](https://arxiv.org/pdf/2012.06567.pdf)（上）|51:15",
        "10/22/21|[ResNet](https://arxiv.org/abs/1512.03385) 论文逐段精读|53:46",
        "10/21/21|撑起计算机视觉半边天的 [ResNet](https://arxiv.org/abs/1512.03385)|11:50",
    )
    assert messages(videos, "RL205") == []


def test_rl205_rows_that_are_not_papers_are_not_compared() -> None:
    models = grid(
        "Language Model|Release Date|Checkpoints|Paper/Blog",
        "Llama 2 7B|2023/07|[7B](https://hf.co/a)|[Llama 2](https://arxiv.org/abs/2307.09288)",
        "Llama 2 70B|2023/07|[70B](https://hf.co/b)|[Llama 2](https://arxiv.org/abs/2307.09288)",
    )
    assert messages(models, "RL205") == []


# -- RL303 dates against arXiv IDs ---------------------------------------------------------------------------


def _daily(*rows: tuple[str, str]) -> str:
    return grid(
        "Publish Date|Title|PDF",
        *(f"**{date}**|**Paper {n}**|[{arxiv}](http://arxiv.org/abs/{arxiv})" for n, (date, arxiv) in enumerate(rows)),
    )


def test_rl303_publish_date_column_at_day_precision() -> None:
    text = _daily(
        ("2026-01-01", "2512.25008"),  # a revision date in the Publish Date column: a month later
        ("2025-12-28", "2601.00705"),  # submitted at the month's end: gets the next month's ID
        ("2025-09-16", "2511.14764"),  # two months early
        ("2025-05-11", "2506.00001"),  # weeks before the month: not a month-end submission
        ("2025-05-03", "2505.00002"),
        ("2025-05-04", "2505.00003"),
    )
    found = lint(text, select=("RL303",))
    assert positions(found) == [
        (5, col(text, 5, "**2026"), "RL303"),
        (7, col(text, 7, "**2025-09"), "RL303"),
        (8, col(text, 8, "**2025-05-11"), "RL303"),
    ]
    assert found[0].message == "Date 2026-01-01 is 1 month after arXiv 2512.25008 (first submitted 2025.12)"
    assert found[1].message == "Date 2025-09-16 is 2 months before arXiv 2511.14764 (first submitted 2025.11)"


def test_rl303_plain_date_column_by_convention_only_reports_impossible_dates() -> None:
    agreeing = [f"[Paper {n}](https://arxiv.org/abs/2406.{10000 + n})|arxiv|06/{10 + n}, 2024" for n in range(12)]
    text = grid(
        "Title|Venue|Date",
        *agreeing,
        "[Late](https://arxiv.org/abs/2406.20000)|ICML 2025|09/01, 2024",  # a later venue date: the list's way
        "[Early](https://arxiv.org/abs/2405.02079)|AAAI 2025|04/11, 2024",
        "[Edge](https://arxiv.org/abs/2506.00258)|arxiv|05/30, 2025",
    )
    assert messages(text, "RL303") == [
        (18, "Date 04/11, 2024 is 1 month before arXiv 2405.02079 (first submitted 2024.05)")
    ]


def test_rl303_dates_that_are_not_arxiv_months_are_not_compared() -> None:
    venue_dated = [
        f"2025.0{n + 1}|**Paper {n}**|ICML'25|[link](https://arxiv.org/pdf/2410.{10000 + n})" for n in range(5)
    ]
    text = grid("Time|Title|Venue|Paper", *venue_dated, "2024.01|**Early**|arXiv|[link](https://arxiv.org/pdf/2410.2)")
    assert messages(text, "RL303") == []


def test_rl303_venue_year_before_the_paper() -> None:
    text = grid(
        "Paper Title|Venue|Year|Materials",
        "Equivariant Subgraph Aggregation Networks|ICLR|2021|[[Paper](https://arxiv.org/pdf/2110.02910.pdf)]",
        "How Powerful are GNNs|ICLR|2019|[[Paper](https://arxiv.org/pdf/1810.00826.pdf)]",
        "Graph Pooling|NeurIPS|2018|[[Paper](https://arxiv.org/pdf/1806.08804.pdf)]",
        "Old Journal Paper|JMLR|2018|[[Paper](https://arxiv.org/pdf/2001.00001.pdf)]",
        "Late Preprint|JMLR|2019|[[Paper](https://arxiv.org/pdf/2001.00002.pdf)]",  # within a year: normal
    )
    found = lint(text, select=("RL303",))
    assert positions(found) == [(5, col(text, 5, "2021"), "RL303"), (8, col(text, 8, "2018"), "RL303")]
    assert found[0].message == (
        "'ICLR 2021' took place before the paper appeared on arXiv (arXiv 2110.02910, first submitted 2021.10); "
        "check the venue year"
    )
    assert found[1].message.startswith("Venue year 2018 ('JMLR 2018') is before the paper appeared on arXiv")
    tagged = table(
        row(1, title="**Paper 1** [NeurIPS 2024]", paper="[[pdf](https://arxiv.org/abs/2508.19361)]", date="2025.08")
    )
    (venue,) = lint(tagged, select=("RL303",))  # eight months after NeurIPS 2024: NeurIPS 2025
    assert venue.line == 6 and "'NeurIPS 2024'" in venue.message


def test_rl303_a_camera_ready_posted_before_the_next_deadline_is_not_a_slip() -> None:
    """AAAI-19 (February) on arXiv in June 2019 is its camera-ready: AAAI-20 took papers from August on. The
    same months after NeurIPS (December; the next edition takes papers in May) are a slip from May on."""
    text = grid(
        "Name|Paper|Year|Venue",
        "**QA-1**|[First](https://arxiv.org/abs/1705.00754)|2017|ICCV",
        "**QA-3**|[Third](https://arxiv.org/abs/1906.02467)|2019|AAAI",
        "**Late**|[Late](https://arxiv.org/abs/1908.00001)|2019|AAAI",
        "**Apr**|[Apr](https://arxiv.org/abs/2304.00001)|2022|NeurIPS",
        "**May**|[May](https://arxiv.org/abs/2305.00001)|2022|NeurIPS",
    )
    found = lint(text, select=("RL303",))
    assert positions(found) == [(7, col(text, 7, "2019"), "RL303"), (9, col(text, 9, "2022"), "RL303")]
    assert "'AAAI 2019' took place before" in found[0].message and "first submitted 2019.08" in found[0].message
    assert "'NeurIPS 2022'" in found[1].message


# -- RL501 sort order ----------------------------------------------------------------------------------------


def _dated(*dates: str, header: str = "Date|Title|Paper") -> str:
    return grid(header, *(f"{date}|**Paper {n}**|[pdf](https://x.org/{n})" for n, date in enumerate(dates)))


def test_rl501_full_precision_dates() -> None:
    text = _dated("2025/03/01", "2025/03/09", "2025/03/05", "2025/03/12", "2025/03/20", "2025/03/28")
    found = lint(text, select=("RL501",))
    assert positions(found) == [(7, 1 + text.splitlines()[6].index("2025/03/05"), "RL501")]
    assert "2025/03/05 on line 7 comes after 2025/03/09 on line 6" in found[0].message


def test_rl501_one_misplaced_row_moves_alone() -> None:
    dates = ["2024.09", "2024.08", "2024.06", "2024.05", "2022.01", "2024.03", "2024.02", "2023.11"]
    text = _dated(*dates)
    found = lint(text, select=("RL501",))
    assert positions(found) == [(10, 2, "RL501")]
    assert "Date descending: 2024.03 on line 10 comes after 2022.01 on line 9" in found[0].message
    fixed = fix(text, select=("RL501",)).splitlines()
    before = text.splitlines()
    assert fixed[:8] == before[:8] and fixed[8:11] == [before[9], before[10], before[11]] and fixed[11] == before[8]
    assert lint("\n".join(fixed) + "\n", select=("RL501",)) == []


def test_rl501_minimal_moves() -> None:
    from readme_lint.rules.sort_order import _minimal_moves

    assert _minimal_moves([1, 2, 9, 3, 4], False) == [0, 1, 3, 4, 2]
    assert _minimal_moves([1, 2, 3, 4, 0], False) == [4, 0, 1, 2, 3]
    assert _minimal_moves([5, 1, 2, 3], False) == [1, 2, 3, 0]
    assert _minimal_moves([8, 6, 7, 5], True) == [0, 2, 1, 3]  # the later row of a tie in length moves
    assert _minimal_moves([2, None, 1, 3], False) == [2, 1, 0, 3]  # unreadable rows keep their line
    assert _minimal_moves([1, 1, 0, 1], False) == [2, 0, 1, 3]  # equal keys keep their order
    assert _minimal_moves([(2024, 1, 0), (2023, 5, 0)], True) == [0, 1]


def test_rl501_moves_fewest_rows_in_the_reference_table() -> None:
    dates = ["2019.11", "2023.05", "2021.08", "2021.04", "2024.05", "2022.05", "2023.07", "2020.04", "2023.10"]
    papers = [f"[[pdf](https://arxiv.org/abs/{date[2:4]}{date[5:]}.{12345 + n})]" for n, date in enumerate(dates)]
    text = table(*(row(n, date=date, paper=paper) for n, (date, paper) in enumerate(zip(dates, papers))))
    (finding,) = lint(text, select=("RL501",))
    expected = "Rows are not sorted by Date ascending: 2021.08 on line 8 comes after 2023.05 on line 7"
    assert (finding.line, finding.message) == (8, expected)
    fixed = fix(text, select=("RL501",))
    assert [line.split("|")[5] for line in fixed.splitlines()[5:]] == sorted(dates)


def test_rl501_never_moves_rows_across_group_labels() -> None:
    text = grid(
        "Method|Year|Paper",
        "**2023**| | ",
        "A|2023.01|[p](https://x.org/a)",
        "B|2023.05|[p](https://x.org/b)",
        "C|2023.03|[p](https://x.org/c)",
        "D|2023.08|[p](https://x.org/d)",
        "**2024**| | ",
        "E|2024.01|[p](https://x.org/e)",
        "F|2022.01|[p](https://x.org/f)",
        "G|2024.05|[p](https://x.org/g)",
        "H|2024.06|[p](https://x.org/h)",
    )
    found = lint(text, {"rules": {"RL501": {"order": "date"}}}, select=("RL501",))
    assert [d.line for d in found] == [8, 12]
    fixed = fix(text, {"rules": {"RL501": {"order": "date"}}}, select=("RL501",)).splitlines()
    assert [line[1] for line in fixed[4:]] == ["*", "A", "C", "B", "D", "*", "F", "E", "G", "H"]


def test_rl501_loose_arxiv_order_is_no_order() -> None:
    ids = [f"23{month:02d}.00001" for month in (1, 2, 3, 5, 4, 6, 7, 9, 8, 10, 11)]  # 8 of 10 pairs ascending
    text = grid("Paper|Venue|Link", *(f"P{n}|arXiv|[[Link]](https://arxiv.org/abs/{i})" for n, i in enumerate(ids)))
    assert messages(text, "RL501") == []


def test_rl303_a_list_that_dates_nearly_every_paper_by_arxiv_reports_later_dates() -> None:
    dated = [f"[Paper {n}](https://arxiv.org/pdf/2502.{10000 + n})|[2025/02/{10 + n}]()" for n in range(19)]
    text = grid(
        "Title|Date & Code", *dated, "[RAG-Gym](https://arxiv.org/pdf/2502.13957v2)|[2025/05/31](https://x.org)"
    )
    assert messages(text, "RL303") == [
        (24, "Date 2025/05/31 is 3 months after arXiv 2502.13957 (first submitted 2025.02)")
    ]
    fewer = grid("Title|Date & Code", *dated[:9], "[RAG-Gym](https://arxiv.org/pdf/2502.13957v2)|[2025/05/31]()")
    assert messages(fewer, "RL303") == []  # 9 of 10 agree: a clear majority, not nearly all


def test_rl501_minimal_moves_properties() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from readme_lint.rules.sort_order import _minimal_moves

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.one_of(st.none(), st.integers(0, 6)), max_size=14), st.booleans())
    def check(keys: list[int | None], descending: bool) -> None:
        order = _minimal_moves(keys, descending)
        assert sorted(order) == list(range(len(keys)))  # a permutation: no row lost or doubled
        readable = [keys[i] for i in order if keys[i] is not None]
        assert readable == sorted(readable, reverse=descending)  # sorted after the fix
        assert [keys[i] is None for i in order] == [key is None for key in keys]  # unreadable rows stay put
        # Minimal: the rows that keep their relative order are as many as the longest ordered run allows.
        values = [key for key in keys if key is not None]
        indices = [i for i in order if keys[i] is not None]
        assert _longest(indices, lambda a, b: a < b) == _longest(values, lambda a, b: b <= a if descending else a <= b)
        assert _minimal_moves([keys[i] for i in order], descending) == list(range(len(keys)))  # fixing twice

    check()


def _longest(values: list, fits: object) -> int:
    """The longest subsequence whose neighbours all ``fits(earlier, later)``, by dynamic programming."""
    lengths: list[int] = []
    for position, value in enumerate(values):
        lengths.append(1 + max((lengths[j] for j in range(position) if fits(values[j], value)), default=0))  # type: ignore[operator]
    return max(lengths, default=0)


def test_rl501_venue_blocks_are_sorted_each_on_their_own() -> None:
    # Grouped by venue (CCS, then S&P), dated within each block: no break, and no fix moves a row across.
    rows = [
        "2023.01|**C1** [CCS 2023]|[pdf](https://x.org/1)",
        "2023.04|**C2** [CCS 2023]|[pdf](https://x.org/2)",
        "2023.09|**C3** [CCS 2023]|[pdf](https://x.org/3)",
        "2022.11|**S1** [S&P 2023]|[pdf](https://x.org/4)",
        "2023.02|**S2** [S&P 2023]|[pdf](https://x.org/5)",
        "2023.06|**S3** [S&P 2023]|[pdf](https://x.org/6)",
    ]
    config = {"rules": {"RL501": {"order": "date"}}}
    text = grid("Date|Title|Paper", *rows)
    assert lint(text, config, select=("RL501",)) == []
    # A row out of place inside its block is reported and moved within it.
    swapped = grid("Date|Title|Paper", rows[1], rows[0], *rows[2:])
    assert [d.line for d in lint(swapped, config, select=("RL501",))] == [6]
    assert fix(swapped, config, select=("RL501",)) == text
    # One row of a new venue appended at the end is a row out of place, not a block of its own.
    late = grid("Date|Title|Paper", *rows[:3], "2022.01|**I1** [ICML 2022]|[pdf](https://x.org/7)")
    assert [d.line for d in lint(late, config, select=("RL501",))] == [8]


def test_rl205_a_paper_column_of_linked_titles_is_the_title_column() -> None:
    # Issue 18 item 8: `| Paper | Venue |` of `[Title](url)` cells had no title column, so in-table duplicates
    # went unreported. A table that names models or datasets keeps its Paper column as links (shared papers).
    rows = [f"[Paper Number {n}](https://x.org/{n})|ICML 2024" for n in range(1, 6)]
    text = grid("Paper|Venue", *rows, "[Paper Number 2](https://y.org/2-again)|ICML 2024")
    assert messages(text, "RL205") == [(10, "Duplicate paper: the same title is also on line 6")]
    models = grid("Model|Paper", *(f"M{n}|[Shared Report](https://x.org/r)" for n in range(1, 6)))
    assert messages(models, "RL205") == []
