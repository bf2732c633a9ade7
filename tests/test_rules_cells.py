"""RL2xx: titles, paper cells, link syntax, arXiv links, duplicates."""

from __future__ import annotations

from readme_lint.diagnostics import Severity
from tests.conftest import col, fix, lint, positions, row, table


def test_rl201_title_not_bold_and_bad_tail() -> None:
    text = table(
        row(1, title="GQA: Training Models [EMNLP 2023]"),
        row(2, title="**GQA: Two**[ICML 2023]"),
        row(3, title="**GQA: Three** (ICML)"),
    )
    found = lint(text, select=("RL201",))
    assert positions(found) == [
        (6, col(text, 6, "GQA: Training"), "RL201"),
        (7, col(text, 7, "[ICML"), "RL201"),
        (8, col(text, 8, " (ICML)"), "RL201"),
    ]
    fixed = fix(text, select=("RL201",))
    assert "|**GQA: Two** [ICML 2023]|" in fixed
    assert "**GQA: Three** (ICML)" in fixed


def test_rl201_venue_year_before_date_is_a_warning() -> None:
    text = table(
        row(
            1,
            title="**HydraLoRA: X** [NIPS 2022]",
            date="2024.04",
            paper="[[pdf](https://arxiv.org/abs/2404.19245)]",
        )
    )
    (finding,) = lint(text, select=("RL201",))
    assert finding.severity is Severity.WARNING
    assert finding.column == col(text, 6, " [NIPS") + 1


def test_rl202_paper_cell_forms() -> None:
    url, intro = "https://arxiv.org/abs/2305.13246", "https://github.com/O/R/blob/main/s/t/README.md"
    text = table(
        row(1, paper=f"[pdf]({url})"),
        row(2, paper=f"[[intro]({intro})] [[pdf](https://arxiv.org/abs/2305.13247)]"),
        row(3, paper="[[paper](https://arxiv.org/abs/2305.13248)]"),
        row(4, paper=f"[[intro]({intro})]"),
    )
    found = lint(text, select=("RL202",))
    assert positions(found) == [
        (6, col(text, 6, "[pdf]"), "RL202"),
        (7, col(text, 7, "[[intro"), "RL202"),
        (8, col(text, 8, "[[paper"), "RL202"),
        (9, col(text, 9, "[[intro"), "RL202"),
    ]
    assert "unknown link label 'paper'" in found[2].message
    assert "no 'pdf' link" in found[3].message
    fixed = fix(text, select=("RL202",)).splitlines()
    assert fixed[5].split("|")[3] == f"[[pdf]({url})]"
    assert fixed[6].split("|")[3] == f"[[pdf](https://arxiv.org/abs/2305.13247)] [[intro]({intro})]"


def test_rl203_link_syntax() -> None:
    text = table(
        row(1, paper="[[pdf]()]"),
        row(2, paper="[[pdf](arxiv.org/abs/2305.13247)]"),
        row(3, paper="[[pdf](https://x.org/a b.pdf)]"),
    )
    found = lint(text, select=("RL203",))
    assert positions(found) == [
        (6, col(text, 6, "[pdf]()"), "RL203"),
        (7, col(text, 7, "arxiv.org"), "RL203"),
        (8, col(text, 8, "](https"), "RL203"),
    ]
    assert fix(text, select=("RL203",)) == text
    assert "[[pdf](https://arxiv.org/abs/2305.13247)]" in fix(text, select=("RL203",), unsafe=True)


def test_rl204_arxiv_canonical_and_impossible() -> None:
    text = table(
        row(1, paper="[[pdf](http://www.arxiv.org/pdf/2305.13246v2.pdf)]"),
        row(2, paper="[[pdf](https://arxiv.org/abs/2313.13247)]"),
        row(3, paper="[[pdf](https://arxiv.org/abs/2305.1324)]"),
        row(4, paper="[[pdf](https://arxiv.org/abs/1911.02150v1)]", date="2019.11"),
    )
    found = lint(text, select=("RL204",))
    assert positions(found) == [
        (6, col(text, 6, "http://"), "RL204"),
        (7, col(text, 7, "https"), "RL204"),
        (8, col(text, 8, "https"), "RL204"),
    ]
    assert "month 13" in found[1].message and "5 digits" in found[2].message
    fixed = fix(text, select=("RL204",))
    assert "[[pdf](https://arxiv.org/abs/2305.13246v2)]" in fixed
    stripped = fix(text, {"rules": {"RL204": {"strip-version": True}}}, select=("RL204",))
    assert "abs/2305.13246)" in stripped and "abs/1911.02150)" in stripped


def test_rl205_duplicates_by_id_and_title() -> None:
    text = table(
        row(1),
        row(2, paper="[[pdf](https://arxiv.org/abs/2305.13246v3)]"),
        row(3, title="**paper 1 -- training models!**", paper="[[pdf](https://x.org/p.pdf)]"),
    )
    found = lint(text, select=("RL205",))
    assert positions(found) == [(7, 6, "RL205"), (8, 6, "RL205")]
    assert "same arXiv 2305.13246 as the row on line 6" in found[0].message
    assert "same title as the row on line 6" in found[1].message
