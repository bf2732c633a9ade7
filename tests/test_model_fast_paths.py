"""The list model's fast paths read what its general paths read, on generated cells and on the corpus."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.document import Document
from readme_lint.model.evidence import ColumnEvidence, _link_spans, _LinkCells
from readme_lint.tables import Cell
from tests.conftest import CORPUS

LISTS = [*sorted(CORPUS.glob("*/README.md")), CORPUS.parent / "seed" / "README.md"]  # skipped where missing


def _cells(text: str) -> list[Cell]:
    """The body cells of a one-row table whose only cell is ``text`` (padded or not)."""
    doc = Document.parse(f"| Paper |\n|---|\n|{text}|\n")
    return [cell for table in doc.tables for row in table.rows for cell in row.cells]


def assert_link_evidence_agrees(cell: Cell) -> None:
    """``_add_links`` (with its fast paths for one whole-cell link and a bracketed pair) counts what the general
    reading of the spans says."""
    text = cell.text
    links = [link for link in cell.inline.links if link.kind == "link"] if text else []
    if not links:
        return
    seen, linked = ColumnEvidence(), _LinkCells()
    seen._add_links(cell, text, links, linked)
    forms, separators, labels, link_only = _link_spans(text, links, cell.text_col)
    assert (linked.forms, linked.separators, linked.labels) == (forms, separators, [labels]), text
    assert (seen.links, seen.link_only, seen.single_link_cells) == (1, int(link_only), int(len(links) == 1)), text


labels = st.sampled_from(["pdf", "intro", "Code", "[pdf]", "a b", "<x>", "**b**"])
urls = st.sampled_from(["https://arxiv.org/abs/2401.00001", "u", "<u>", "a b", "x)", "http://arxiv.org/pdf/1"])
link = st.builds(
    lambda label, url, wrap: wrap.format(f"[{label}]({url})", url=url),
    labels,
    urls,
    st.sampled_from(["{}", "[{}]", "**{}**", "<{url}>", "[<{url}>]", "[{}", "{}]", "![i](j){}", "[![i](j)](k)"]),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(link, min_size=1, max_size=3),
    st.sampled_from([" ", "", "  ", " | ", ", "]),
    st.sampled_from(["", " x", "x "]),
)
def test_link_cells(found: list[str], separator: str, around: str) -> None:
    text = separator.join(found)
    for cell in _cells(text) + _cells(around + text) + _cells(text + around):
        assert_link_evidence_agrees(cell)


def test_corpus_link_cells() -> None:
    for path in LISTS:
        if not path.is_file():
            continue
        for table in Document.parse(path.read_text(encoding="utf-8")).tables:
            for row in table.rows:
                for cell in row.cells:
                    if "[" in cell.text or "<" in cell.text:
                        assert_link_evidence_agrees(cell)
