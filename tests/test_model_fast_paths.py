"""The list model's fast paths read what its general paths read, on generated cells and on the corpus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.anatomy import title_part
from readme_lint.document import Document
from readme_lint.listmodel import ListModel, _ArxivTally, _body_rows, build_list_model
from readme_lint.model.arxiv import (
    USUAL_SPELLING,
    arxiv_spelling,
    parse_arxiv_url,
    read_arxiv_links,
    usual_arxiv_id,
    valid_arxiv_id,
)
from readme_lint.model.cells import SIMPLE_BOLD, date_value
from readme_lint.model.dates import parse_date
from readme_lint.model.evidence import (
    _PLAIN_CELL,
    ColumnEvidence,
    _link_spans,
    _LinkCells,
    _marked,
    columns_of,
    outer_cells,
)
from readme_lint.tables import Cell
from tests.conftest import CORPUS, make_config

LISTS = [*sorted(CORPUS.glob("*/README.md")), CORPUS.parent / "seed" / "README.md"]  # skipped where missing


def _corpus_documents() -> Iterator[tuple[Path, Document]]:
    """Each corpus list and the seed, with its path, parsed; the test is skipped when none is beside the checkout."""
    present = [path for path in LISTS if path.is_file()]
    if not present:
        pytest.skip(f"no corpus lists beside the checkout ({CORPUS})")
    for path in present:
        yield path, Document.parse(path.read_text(encoding="utf-8"))


def _corpus_cells() -> Iterator[Cell]:
    """Every table cell of the corpus lists and the seed."""
    for _path, doc in _corpus_documents():
        for table in doc.tables:
            for row in table.rows:
                yield from row.cells


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
    for cell in _corpus_cells():
        if "[" in cell.text or "<" in cell.text:
            assert_link_evidence_agrees(cell)


def _spelling_by_pattern(url: str) -> tuple[tuple[str, str, str, str], tuple[str, str]] | None:
    """What ``arxiv_spelling`` reads, from ``parse_arxiv_url`` (the pattern) alone."""
    found = parse_arxiv_url(url)
    if found is None:
        return None
    kind, host = found.kind.lower(), found.host.lower()
    return (found.scheme, host, kind, found.suffix if kind == "pdf" else ""), (found.id, found.version)


ID_CHARACTERS = st.text(alphabet="0123456789.v/abx٣ ", max_size=12)
PREFIXES = st.sampled_from(
    ["https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/", " https://arxiv.org/abs/"]
)


@settings(max_examples=500, deadline=None)
@given(PREFIXES, ID_CHARACTERS, st.sampled_from(["", " ", "v2", ".pdf", "/", "?x=1"]))
def test_arxiv_spelling_fast_path(prefix: str, identifier: str, tail: str) -> None:
    for url in (prefix + identifier + tail, prefix + identifier, f"https://arxiv.org/abs/2401.{identifier}"):
        assert arxiv_spelling(url) == _spelling_by_pattern(url), url
        usual = usual_arxiv_id(url)  # the tally's fast path: the usual spelling, and an ID it counts as valid
        if usual is not None:
            assert arxiv_spelling(url) == (USUAL_SPELLING, usual) and valid_arxiv_id(usual[0]), url


@settings(max_examples=500, deadline=None)
@given(PREFIXES, ID_CHARACTERS, st.sampled_from(["", " ", "v2", ".pdf", "/", "?x=1"]))
def test_a_cells_arxiv_links_read_with_the_usual_spelling_inlined(prefix: str, identifier: str, tail: str) -> None:
    """``read_arxiv_links`` tells the usual spelling inline: what ``arxiv_spelling`` (held to the pattern above)
    and ``valid_arxiv_id`` say of the URL."""
    edges = [f"https://arxiv.org/abs/{edge}" for edge in ("240x.12345", "2401.1234x", "2401x12345", "٢٤٠١.12345")]
    for url in (prefix + identifier + tail, prefix + identifier, f"https://arxiv.org/abs/2401.{identifier}", *edges):
        spelled: list[tuple[str, str, str, str]] = []
        ids = read_arxiv_links("arxiv", [SimpleNamespace(target=url)], spelled, True)  # type: ignore[list-item]
        found = arxiv_spelling(url)
        assert spelled == ([found[0]] if found else []), url
        assert ids == ([found[1]] if found and valid_arxiv_id(found[1][0]) else []), url


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ab _!*[<é\t", min_size=1, max_size=6).map(str.strip).filter(bool), max_size=6))
def test_a_column_read_in_bulk_has_only_bulk_cells(texts: list[str]) -> None:
    joined = "\n".join(texts)
    if joined.isascii() and not _marked(joined):
        assert all(_PLAIN_CELL(text) is None and text[0].isascii() for text in texts), texts


def _evidence(seen: ColumnEvidence) -> dict[str, object]:
    return {name: value for name, value in vars(seen).items() if name != "_unshaped"} | {"shapes": seen.shapes}


def test_a_column_transposed_gathers_what_the_rows_give() -> None:
    for path, doc in _corpus_documents():
        for table in doc.tables:
            rows, count = table.rows, len(table.header.cells)
            outer = outer_cells(rows)
            for index, cells in enumerate(columns_of(rows, count)):
                by_rows, by_column = ColumnEvidence(), ColumnEvidence()
                by_rows.gather(rows, index, outer)
                by_column.gather(rows, index, outer, cells)
                assert _evidence(by_rows) == _evidence(by_column), (path, table.start_line, index)


def assert_bold_title_agrees(cell: Cell) -> None:
    """A title cell that opens with a plain bold run (``SIMPLE_BOLD``) is read without parsing its inline markup:
    the run is the parser's first strong run, and the title part is bold (what ``Paper.title`` and ``title_part``
    read through the parser otherwise)."""
    bold = SIMPLE_BOLD.match(cell.text)
    if bold is None:
        return
    strong = cell.inline.strong
    assert strong and strong[0].strip() == bold.group(1), cell.text
    part = title_part(cell)  # (a plain slotted class: compared by its fields)
    assert (part.start, part.shape, part.link) == (0, "bold", None), cell.text
    assert cell.inline.starts_with_strong or cell.text.find("**", 2) > 2, cell.text


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab *_[]()<>&\\`é\u00a0\u2003!", max_size=10),
    st.sampled_from(["", " [ICML 2024]", " x", "**"]),
)
def test_bold_titles(inner: str, tail: str) -> None:
    for cell in _cells(f"**{inner}**{tail}") + _cells(f"**{inner.strip()}**{tail}"):
        assert_bold_title_agrees(cell)


def test_corpus_bold_titles() -> None:
    for cell in _corpus_cells():
        assert_bold_title_agrees(cell)


A = "https://arxiv.org/abs/2401.0000"  # + a digit
ARXIV_ROWS = f"""| Title | Paper | Code |
|---|---|---|
| **A** | [[pdf]({A}1)] [[pdf]({A}1)] | [c](https://arxiv.org/pdf/2401.00002v2.pdf) |
| [B]({A}2) | ![i](https://arXiv.org/abs/2401.00003) [r][ref] | x | [extra](http://www.arxiv.org/abs/2401.00004) |
| [Group]({A}5) | | |
| C | [ARXIV](https://ARXIV.org/abs/2401.00006) | <{A}7> |

[ref]: {A}8
"""


def test_the_arxiv_tally_from_the_evidence_pass_reads_what_the_rows_give() -> None:
    """The model reads a body row's arXiv links in the evidence pass (each column's cells) and only the cells
    beyond the columns and the other rows row by row: the same IDs per paper and the same spellings as the
    general reading of every row (``_ArxivTally.read`` over all its cells)."""
    texts = [path.read_text(encoding="utf-8") for path in LISTS if path.is_file()]
    for text in [ARXIV_ROWS, *texts]:
        doc = Document.parse(text)
        model = build_list_model(doc, make_config())
        general = _ArxivTally()
        ids = {}
        for table in doc.tables:
            paper_table = model.table(table).is_paper_table
            body = {id(row) for row in _body_rows(table)[0]}
            for row in table.rows:
                found = general.read(row.cells, paper_table and id(row) in body)
                if paper_table and id(row) in body:
                    ids[id(row)] = found
        assert {id(paper.row): paper.arxiv_ids for paper in model.papers} == ids
        assert model.arxiv_links == general.links
        assert sorted(general.spellings.items()) == sorted(model_spellings(doc, model).items())


def model_spellings(doc: Document, model: ListModel) -> Counter[tuple[str, str, str, str]]:
    """The spellings the model counted (its tally, rebuilt the way ``build_list_model`` feeds it)."""
    tally = _ArxivTally()
    for table in doc.tables:
        rows, _grouped = _body_rows(table)
        evidence = [ColumnEvidence() for _ in table.header.cells]
        outer = outer_cells(rows)
        for index, (seen, cells) in enumerate(zip(evidence, columns_of(rows, len(evidence)))):
            seen.gather(rows, index, outer, cells)
            tally.add(seen.arxiv_spellings)
        body = {id(row) for row in rows}
        for row in table.rows:
            tally.read(row.cells[len(evidence) :] if id(row) in body else row.cells, False)
    return tally.spellings


def test_a_rows_date_read_through_the_tables_cache_is_its_own() -> None:
    """``Paper`` reads its date text, Date and sort key through its table's cache by cell text
    (``PaperLayout.dates``): what ``date_value`` and ``parse_date`` give for the row's own cell."""
    for path in LISTS:
        if not path.is_file():
            continue
        model = build_list_model(Document.parse(path.read_text(encoding="utf-8")), make_config())
        for paper in model.papers:
            cell = paper.date_cell
            text = date_value(cell) if cell is not None and cell.text else ""
            date = parse_date(text, paper.date_pattern, paper.model.layout().heading_year) if text else None
            key = None if date is None else (date.year, date.month or 0, date.day or 0)
            assert (paper.sort_key("date"), paper.date, paper.date_text) == (key, date, text), (path, paper.line)
