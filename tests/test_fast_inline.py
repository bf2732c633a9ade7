"""The inline fast paths build exactly what mistune's tokens give, or step aside."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from readme_lint import tables
from readme_lint.document import Document, InlineReader
from readme_lint.markdown import Inline, fast_inline
from readme_lint.tables import Cell, split_row

DOC = Document.parse("")
# Reference definitions for labels the cells below may use: the fast paths must still agree with mistune.
WITH_REFS = Document.parse("[a]: https://a.example\n[pdf]: https://pdf.example\n[b 1]: /b\n[emnlp 2023]: /e\n")
ALPHABET = "ab 1:,.-()[]*_`\\<>&!|/'\"é;#x"  # with entity-like runs (``&#x1;``, ``&a;``)


def assert_same_or_declined(text: str) -> None:
    fast = fast_inline(text, 3, 7)
    if fast is not None:
        assert fast == DOC.slow_inline(3, 7, text), text
    fast = fast_inline(text, 3, 7, references=True)
    if fast is not None:
        assert fast == WITH_REFS.slow_inline(3, 7, text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_random_text(text: str) -> None:
    assert_same_or_declined(text.strip())


words = st.text(alphabet="abcXYZ019 :,.-'é&!;#", min_size=1, max_size=20)
urls = st.text(alphabet="abc019/._-:?=#%~+é()", min_size=1, max_size=25)
labels = st.text(alphabet="abcpdfintro 9", min_size=1, max_size=8)
venues = st.sampled_from(["a", "b 1", "EMNLP 2023", "pdf", "ICLR 2024"])


@settings(max_examples=400, deadline=None)
@given(words, st.one_of(st.just(""), words.map(lambda w: f" [{w}]")))
def test_titles(title: str, tail: str) -> None:
    assert_same_or_declined(f"**{title}**{tail}")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(labels, urls), min_size=1, max_size=3), st.sampled_from([" ", "  ", ""]))
def test_paper_cells(links: list, separator: str) -> None:
    assert_same_or_declined(separator.join(f"[[{label}]({url})]" for label, url in links))


@settings(max_examples=200, deadline=None)
@given(words, venues)
def test_venue_tails_that_may_be_references(title: str, venue: str) -> None:
    assert_same_or_declined(f"**{title}** [{venue}]")


@settings(max_examples=400, deadline=None)
@given(words, urls, st.sampled_from(["", "**", "*", "__"]), st.sampled_from(["", "**", " "]))
def test_one_link_cells(label: str, url: str, opening: str, closing: str) -> None:
    assert_same_or_declined(f"{opening}[{label}]({url}){closing}")


def test_fast_paths_are_taken_for_reference_cells() -> None:
    for text in (
        "**GQA: Training Generalized Multi-Query Transformer Models** [EMNLP 2023]",
        "[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](https://github.com/o/r/blob/main/a/llm.int8----8/README.md)]",
        "UW, Facebook, Allen Institute",
        "2023.05",
        "",
        "[2605.13741](http://arxiv.org/abs/2605.13741)",  # cv-arxiv-daily's paper and code cells
        "**[link](https://github.com/shahram95/superpointslam3)**",
        "[Don't Let It Hallucinate: Premise Verification?](https://arxiv.org/abs/2504.06438)",
        "D&D",  # graph-level-learning, jailbreak-on-llms: '&' in plain text, titles and link labels
        "**Lifelong 3D Mapping Framework for Hand-held & Robot-mounted LiDAR Mapping Systems**",
        "[Scaling Language Models: Methods, Analysis & Insights](https://arxiv.org/pdf/2112.11446.pdf)",
        "[[Link]](https://arxiv.org/abs/2305.09858v1)",  # llm-for-recsys, vit-quantization
        "**[[code]](https://github.com/hahnyuan/PTQ4ViT)**",
    ):
        assert fast_inline(text, 1, 1) is not None
        assert_same_or_declined(text)


@settings(max_examples=400, deadline=None)
@given(words, urls, st.sampled_from(["", "**", "*"]), st.sampled_from(["", "**", " "]))
def test_bracketed_label_link_cells(label: str, url: str, opening: str, closing: str) -> None:
    """``[[pdf]](URL)``: one link whose label keeps its brackets; a ``[pdf]`` that names a reference is mistune's."""
    assert_same_or_declined(f"{opening}[[{label}]]({url}){closing}")


# -- the row fast path: cells split with one str.split, inlines from the fast paths ------------------------

REFS = "\n\n[a]: https://a.example\n[pdf]: https://pdf.example\n[b 1]: /b\n[emnlp 2023]: /e\n"
as_is_urls = st.text(alphabet="abc019/._-:?=#%~+", min_size=1, max_size=25)
cells = st.one_of(
    words,
    st.sampled_from(["", "2023.05", "2015.01", "4969", "-", "UC San Diego, HKUST", "D&D", "S&P'24"]),
    st.tuples(words, st.one_of(st.just(""), venues.map(lambda v: f" [{v}]"))).map(lambda t: f"**{t[0]}**{t[1]}"),
    st.lists(st.tuples(labels, st.one_of(as_is_urls, urls)), min_size=1, max_size=3).map(
        lambda links: " ".join(f"[[{label}]({url})]" for label, url in links)
    ),
    st.tuples(st.sampled_from(["", "**"]), words, urls).map(lambda t: f"{t[0]}[{t[1]}]({t[2]}){t[0]}"),
    st.tuples(labels, urls).map(lambda t: f"[[{t[0]}]]({t[1]})"),
    st.text(alphabet=ALPHABET.replace("|", "") + "\\|", max_size=12),
)
padding = st.sampled_from(["", "", " ", "  ", "\t"])


def slow_row(doc: Document, line: int, text: str) -> tuple[object, ...]:
    """The row as the general splitter and mistune read it: split_row's spans, ``Cell.of``, the slow inline."""
    spans, leading, trailing, indent = split_row(text)
    found = []
    for index, (start, end) in enumerate(spans):
        cell = Cell.of(line, index, text[start:end], start + 1, None)
        pieces = cell.text.split("\\|")
        moved, kept = [], 0
        for piece in pieces[:-1]:
            kept += len(piece)
            moved.append(kept)
            kept += 1
        inline = doc.slow_inline(line, cell.text_col, "|".join(pieces), tuple(moved))
        found.append((cell.index, cell.raw, cell.start_col, cell.end_col, cell.text, cell.text_col, inline))
    return leading, trailing, indent, found


def fast_row(row: tables.Row) -> tuple[object, ...]:
    found = [(c.index, c.raw, c.start_col, c.end_col, c.text, c.text_col, c.inline) for c in row.cells]
    return row.leading_pipe, row.trailing_pipe, row.indent, found


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(padding, cells, padding), min_size=1, max_size=7),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(["", " ", "\t"]),
)
def test_rows_read_by_the_fast_path_equal_the_slow_path(
    parts: list, leading: bool, trailing: bool, indent: str, end: str
) -> None:
    text = indent + ("|" if leading else "") + "|".join(a + c + b for a, c, b in parts) + ("|" if trailing else "")
    text += end
    for suffix in ("", REFS):
        doc = Document.parse("|h|\n|-|\n" + text + "\n" + suffix)
        assume(doc.tables and doc.tables[0].rows)
        (row,) = doc.tables[0].rows
        assert fast_row(row) == slow_row(doc, 3, text), text


REFERENCE_ROWS = (
    "| Keywords | Title | Paper | Affiliation | Date | Citation |\n"
    "|:---:|:---:|:---:|:---:|:---:|:---:|\n"
    "|GQA|**GQA: Training Generalized Multi-Query Transformer Models** [EMNLP 2023]|"
    "[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](https://github.com/o/r/blob/main/a/gqa/README.md)]|"
    "Google Research|2023.05|342|\n"
    "| ALiBi | **Train Short, Test Long & Extrapolate** | [[pdf](https://arxiv.org/abs/2108.12409)] | "
    "Meta & UW | 2021.08 | 1105 |\n"
    "|cv|[2605.13741](http://arxiv.org/abs/2605.13741)|**[link](https://github.com/o/slam3)**|"
    "[[Link]](https://arxiv.org/abs/2305.09858v1)|2026-05-14|null|\n"
)


def refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the slow path was taken")


@pytest.mark.parametrize("suffix", ["", "\n[unrelated]: /x\n"])
def test_common_shapes_never_reach_the_slow_paths(monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    """The reference list's shapes take the fast paths: no mistune inline parse, no span-by-span split."""
    monkeypatch.setattr(InlineReader, "slow", refuse)
    monkeypatch.setattr(Cell, "of", refuse)
    monkeypatch.setattr(tables, "split_row", refuse)
    rows = REFERENCE_ROWS
    if suffix:  # with definitions, a venue tail and a bracketed label could be references: mistune's to read
        rows = rows.replace(" [EMNLP 2023]", "").replace("[[Link]]", "[Link]")
    doc = Document.parse(rows + suffix)
    (table,) = doc.tables
    inlines = [cell.inline for row in table.rows for cell in row.cells]
    assert all(isinstance(inline, Inline) for inline in inlines) and len(inlines) == 18
    gqa, line = table.rows[0].cells[2].inline, doc.lines[2]
    pdf, intro = line.index("[pdf]("), line.index("[intro](")
    assert [(link.label, link.col, link.end_col, link.target_col) for link in gqa.links] == [
        ("pdf", pdf + 1, line.index(")]", pdf) + 2, pdf + 7),
        ("intro", intro + 1, line.index(")]", intro) + 2, intro + 9),
    ]
    assert table.rows[1].cells[1].inline.strong == ("Train Short, Test Long & Extrapolate",)
    assert table.rows[2].cells[3].inline.links[0].label == ("[Link]" if not suffix else "Link")


def test_rows_share_their_repeated_labels_and_plain_texts() -> None:
    """Every row of a list repeats ``pdf``/``intro``, the pair's plain text and a venue tail: one object each
    for all rows (a string per row was 17 MB at 100,000 rows), and still equal to mistune's."""
    first = fast_inline("[[pdf](https://a.example/1)] [[intro](https://b.example/1)]", 3, 7)
    second = fast_inline("[[pdf](https://a.example/2)] [[intro](https://b.example/2)]", 4, 7)
    assert first is not None and second is not None
    assert first.plain == "[pdf] [intro]" and first.plain is second.plain
    assert first.links[0].label is second.links[0].label and first.links[1].label is second.links[1].label
    loop = fast_inline("[[pdf](https://a.example/3)] [[intro](https://b.example/3)] [[code](https://c.example)]", 5, 7)
    assert loop is not None and loop.links[0].label is first.links[0].label
    titles = [fast_inline(f"**Title {n}** [EMNLP 2023]", n, 7) for n in (1, 2)]
    assert titles[0] is not None and titles[1] is not None and titles[0].loose_text is titles[1].loose_text
    for text in ("**Title 1** [EMNLP 2023]", "[[pdf](https://a.example/2)] [[intro](https://b.example/2)]"):
        assert_same_or_declined(text)
