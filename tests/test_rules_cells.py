"""RL2xx: titles, paper cells, link syntax, arXiv links, duplicates."""

from __future__ import annotations

import pytest

from readme_lint.diagnostics import Severity
from readme_lint.document import Document
from readme_lint.source import SourceText
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


INTRO = "https://github.com/O/R/blob/main/s/t/README.md"


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("[pdf](https://example.org/view?id=1\\|2)", "[[pdf](https://example.org/view?id=1\\|2)]"),
        ("[pdf](<https://x/a b.pdf>)", "[[pdf](<https://x/a b.pdf>)]"),
        (
            f'[[intro]({INTRO} "the intro")] [pdf](https://x/p "paper")',
            f'[[pdf](https://x/p "paper")] [[intro]({INTRO} "the intro")]',
        ),
        (f"[[intro](<{INTRO}>)][ pdf ](https://x/a\\_b)", f"[[pdf](https://x/a\\_b)] [[intro](<{INTRO}>)]"),
        ("[[pdf](https://x/a(1)b)]]", "[[pdf](https://x/a(1)b)]"),
    ],
)
def test_rl202_fix_keeps_escapes_titles_and_angle_destinations(written: str, fixed: str) -> None:
    text = table(row(1, paper=written))
    result = fix(text, select=("RL202",))
    assert result.splitlines()[5] == row(1, paper=fixed).rstrip("\n")
    before, after = (Document.parse(SourceText(t), "x").tables[0].rows[0] for t in (text, result))
    assert len(after.cells) == len(before.cells) == 6
    assert sorted(link.url for link in after.cells[2].inline.links) == sorted(
        link.url for link in before.cells[2].inline.links
    )
    assert fix(result, select=("RL202",)) == result


@pytest.mark.parametrize(
    "written",
    [
        "[[pdf](https://example.org/view?id=1\\|2)]",
        "[[pdf](<https://x/a b.pdf>)]",
        '[[pdf](https://x/p "paper")] [[intro](https://x/i)]',
    ],
)
def test_rl202_canonical_cells_with_escapes_or_titles_are_not_reported(written: str) -> None:
    assert lint(table(row(1, paper=written)), select=("RL202",)) == []


@pytest.mark.parametrize(
    "extra",
    [
        "![stars](https://img.shields.io/github/stars/o/r.svg)",
        '<img src="https://x/badge.svg">',
        "<!-- checked 2024 -->",
        "<sup>new</sup>",
        "(code)",
        "&nbsp;",
    ],
)
def test_rl202_cell_with_badges_html_or_comments_is_reported_but_not_fixed(extra: str) -> None:
    text = table(row(1, paper=f"[[intro]({INTRO})] [[pdf](https://x/p)] {extra}"))
    (finding,) = lint(text, select=("RL202",))
    assert finding.fix is None and finding.message.endswith("(it holds other text)")
    assert fix(text, select=("RL202",)) == text


def test_rl202_reference_links_are_reported_but_never_rebuilt() -> None:
    text = table(row(1, paper="[[intro][i]] [[pdf](https://x/p)]")) + "\n[i]: https://x/intro\n"
    (finding,) = lint(text, select=("RL202",))
    assert finding.fix is None
    assert (
        finding.message
        == "Paper cell should read '[[pdf](https://x/p)] [[intro][i]]' (a reference link is rewritten by hand)"
    )
    assert fix(text, select=("RL202",)) == text


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
        (8, col(text, 8, "[pdf](https"), "RL203"),
    ]
    assert fix(text, select=("RL203",)) == text
    assert "[[pdf](https://arxiv.org/abs/2305.13247)]" in fix(text, select=("RL203",), unsafe=True)


def _rl203(text: str) -> list[tuple[int, int, int, str]]:
    return [(d.line, d.column, d.end_column, d.message) for d in lint(text, select=("RL203",))]


def test_rl203_links_that_failed_to_form() -> None:
    cells = [
        "[[data]]",
        "[[pdf]] [[data(https://x.org/d.zip)]]",
        "[pdf] (https://arxiv.org/abs/2305.13245)",
        "[Github](https://github .com/QwenLM/PolyMath)",
        "`[[literal]]` and [[pdf](https://arxiv.org/abs/2305.13245)]",
    ]
    text = table(*(row(n, paper=cell) for n, cell in enumerate(cells)))
    found = _rl203(text)
    starts = [(line, column) for line, column, _, _ in found]
    assert starts == [
        (6, col(text, 6, "[[data]]")),
        (7, col(text, 7, "[[pdf]]")),
        (7, col(text, 7, "[[data(")),
        (8, col(text, 8, "[pdf] (")),
        (9, col(text, 9, "[Github]")),
    ]
    assert found[0][2] == col(text, 6, "[[data]]") + len("[[data]]")
    assert "no target" in found[0][3] and "no target" in found[1][3]
    assert "inside the brackets" in found[2][3]
    assert "between ']' and '('" in found[3][3]
    assert found[3][2] == col(text, 8, "[pdf] (") + len("[pdf] (https://arxiv.org/abs/2305.13245)")
    assert "space in the host" in found[4][3]


def test_rl203_broken_targets_anywhere_in_the_file() -> None:
    glued = "https://arxiv.org/abs/2402.05https://arxiv.org/pdf/2404.00928"
    cells = [
        "[link](\\https://arxiv.org/pdf/2402.13494)",
        f"[[Arxiv]]({glued})",
        "[Project](https://antidistillation.com/https://antidistillation.com/)",
        "[Github](https://github.com/%20technion-cs-nlp/parametric-faithfulness)",
    ]
    intro = "- [LLM]([https://github.com/simonw/llm) - a CLI.\n\n"
    text = intro + table(*(row(n, paper=cell) for n, cell in enumerate(cells)))
    found = _rl203(text)
    assert [(line, column) for line, column, _, _ in found] == [
        (1, col(text, 1, "[https://")),
        (8, col(text, 8, "\\https")),
        (9, col(text, 9, "https://arxiv.org/pdf")),
        (10, col(text, 10, "https://antidistillation.com/)")),
        (11, col(text, 11, "%20")),
    ]
    assert found[2][2] == col(text, 9, glued) + len(glued)
    assert "glued" in found[2][3] and "glued" in found[3][3] and "%20" in found[4][3]
    assert "Stray '['" in found[0][3] and "Stray '\\'" in found[1][3]
    fixed = fix(text, select=("RL203",))
    assert "[link](https://arxiv.org/pdf/2402.13494)" in fixed
    assert fixed.count("\n") == text.count("\n") and "%20technion" in fixed and "([https://" in fixed
    unsafe = fix(text, select=("RL203",), unsafe=True)
    assert "https://github.com/technion-cs-nlp/parametric-faithfulness" in unsafe


def test_rl203_no_false_positives() -> None:
    cells = [
        "[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](https://github.com/o/r/blob/main/x/README.md)]",
        "[a](https://web.archive.org/web/2020/https://example.org/p.pdf)",
        "[b](https://x.org/p?ref=https://githubhelp.com)",
        "![](https://img.shields.io/badge/dynamic/json?url=https://api.x.org/v&label=views)",
        "**Title** [ICLR 2023]",
        "[x](docs/fig.png) ![f](timeline.png)",
        "[[pdf]](https://arxiv.org/abs/2305.13245)",
    ]
    text = table(*(row(n, paper=cell) for n, cell in enumerate(cells)))
    assert _rl203(text) == []


def test_rl203_empty_targets_as_a_column_convention() -> None:
    convention = [row(n, date=f"[2025/05/{10 + n}]()") for n in range(3)]
    assert _rl203(table(*convention)) == []
    found = _rl203(table(*convention[:2]))
    assert [message for *_, message in found] == [f"Link '2025/05/1{n}' has an empty target" for n in (0, 1)]


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
    assert "arXiv 2305.13246 is also on line 6, under another title ('Paper 1: Training Models')" in found[0].message
    assert found[1].message == "Duplicate paper: the same title is also on line 6"


def test_rl202_a_row_linking_only_a_blog_is_no_defect_in_a_list_that_declares_nothing() -> None:
    rows = [f"|2024.0{n}|Paper {n}|[[pdf]](https://arxiv.org/pdf/2401.0000{n})|\n" for n in range(1, 9)]
    text = "## Papers\n\n|Date|Title|Paper|\n|---|---|---|\n" + "".join(rows) + "|2024.09|Blog|[[blog]](https://x/b)|\n"
    assert lint(text, select=("RL202",)) == []


def test_rl601_a_placeholder_the_list_never_uses_is_a_finding() -> None:
    # Numbers in every other row: a lone `n/a` is a value this list does not use; `-` used twice is its "none".
    numbers = [row(n, citation=str(10 + n)) for n in range(1, 9)]
    text = table(*numbers[:4], row(20, citation="n/a"), *numbers[4:])
    assert positions(lint(text, select=("RL601",))) == [(10, col(text, 10, "n/a"), "RL601")]
    used = [row(n, citation="-" if n % 5 == 0 else str(10 + n)) for n in range(1, 12)]
    assert lint(table(*used), select=("RL601",)) == []


def test_rl204_shortcut_passes_exactly_the_links_the_full_check_passes() -> None:
    """RL204 skips a link that is already canonical with a pattern; it must accept exactly the IDs that
    ``impossible_arxiv_id`` accepts and only the canonical spelling (else the full check runs)."""
    from readme_lint.listmodel import ArxivForm
    from readme_lint.rules.arxiv_link import _canonical_link, impossible_arxiv_id

    shortcut = _canonical_link(ArxivForm("https", "arxiv.org", "abs", ""), False)
    assert shortcut is not None
    for year in range(100):
        for month in range(14):
            for digits in (3, 4, 5, 6):
                identifier = f"{year:02d}{month:02d}." + "7" * digits
                passed = shortcut.match(f"https://arxiv.org/abs/{identifier}") is not None
                assert passed == (impossible_arxiv_id(identifier) is None), identifier
    for other in (
        "https://arxiv.org/abs/2305.13245.",
        "http://arxiv.org/abs/2305.13245",
        "https://arxiv.org/pdf/2305.13245",
    ):
        assert shortcut.match(other) is None
    assert shortcut.match("https://arxiv.org/abs/2305.13245v2") is not None
    stripping = _canonical_link(ArxivForm("https", "arxiv.org", "abs", ""), True)
    assert stripping is not None and stripping.match("https://arxiv.org/abs/2305.13245v2") is None
    assert _canonical_link(ArxivForm("https", "arxiv.org", None, None), False) is None  # a part left as written


def test_rl202_shortcut_leaves_every_other_cell_to_the_full_check() -> None:
    """RL202 skips a paper cell already in the list's shape with plain links; any other spelling (a padded label,
    a `<...>` destination) is still compared with its rewrite. A doubled separator is RL104's, reported once."""
    intro = "https://github.com/a/b/blob/main/x/{}/README.md"
    usual = "[[pdf](https://arxiv.org/abs/2404.{})] [[intro](" + intro + ")]"
    rows = [row(n, paper=usual.format(19245 + n, n)) for n in range(1, 8)]
    cases = {
        usual.format(19299, "z"): [],
        usual.format(19299, "z").replace("] [", "]  ["): [],  # RL104: "2 spaces in a row"
        usual.format(19299, "z").replace("[[pdf]", "[[ pdf]"): [13],
        usual.format(19299, "z")
        .replace("(https://github", "(<https://github")
        .replace("README.md)", "README.md>)"): [],
    }
    for cell, lines in cases.items():
        assert [d.line for d in lint(table(*rows, row(8, paper=cell)), select=("RL202",))] == lines, cell
    doubled = table(*rows, row(8, paper=usual.format(19299, "z").replace("] [", "]  [")))
    assert [(d.line, d.code) for d in lint(doubled, select=("RL104", "RL202"))] == [(13, "RL104")]
