"""`readme-lint citations`: counts from a fake Semantic Scholar and OpenAlex on 127.0.0.1, never the internet.

The fixture (tests/fixtures/citations/README.md) has arXiv links in several URL forms, a DOI, a paper the API
does not know, a row with no ID, a table written with thousands commas, one written as ``1.2k`` and one
sorted by citations; README.expected.md is the file after the refresh, with ``{today}`` for the note dates.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readme_lint.citations.ids import doi_in
from readme_lint.citations.notes import find_note, format_note_date
from readme_lint.citations.numbers import NumberStyle, learn_style, parse_count
from readme_lint.cli import main
from readme_lint.document import Document
from readme_lint.source import SourceText
from tests.citeserver import CitationServer
from tests.conftest import citations_cache
from tests.hostile import HostileServer, closed_port, endless

FIXTURES = Path(__file__).parent / "fixtures" / "citations"
COUNTS = {
    "ARXIV:1911.02150": 512,
    "ARXIV:2106.09685": 9120,
    "ARXIV:2305.13245": 174,
    "DOI:10.1145/3600006.3613165": 1830,
    "ARXIV:2210.17323": 1234,
    "ARXIV:2211.10438": 1024,
    "ARXIV:2306.00978": 2400,
    "ARXIV:2208.07339": 1530,
    "ARXIV:2306.03078": 1200,
    "ARXIV:2307.13304": 1010,
    "ARXIV:2306.14048": 1290,
    "ARXIV:2305.17118": 1001,
    "ARXIV:2402.02750": 15321,
    "ARXIV:1706.03762": 9100,
    "ARXIV:1810.04805": 6000,
    "ARXIV:2005.14165": 6500,
    "ARXIV:1910.10683": 3000,
    "ARXIV:2010.11929": 1200,
}
FAILED = "readme-lint: cannot refresh citations: "
HEADER = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"


@pytest.fixture
def api() -> CitationServer:
    with CitationServer() as server:
        server.counts.update(COUNTS)
        yield server


def today_text() -> str:
    day = dt.date.today()
    suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix} {day.strftime('%B')}, {day.year}."


def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, text: str | None = None, extra: str = "") -> Path:
    readme = tmp_path / "README.md"
    readme.write_text((FIXTURES / "README.md").read_text() if text is None else text, newline="")
    config = f'[citations]\napi-url = "{url}/graph/v1"\nopenalex-url = "{url}"\ninterval = 0\n{extra}'
    (tmp_path / ".readme-lint.toml").write_text(config)
    monkeypatch.chdir(tmp_path)
    return readme


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["citations", "--allow-private", *args])
    out, err = capsys.readouterr()
    return code, out, err


def paper_row(n: int, citation: str, arxiv: str | None = None) -> str:
    arxiv = arxiv or f"2301.{n:05d}"
    return f"|K{n}|**Paper {n}**|[[pdf](https://arxiv.org/abs/{arxiv})]|Lab|2023.01|{citation}|\n"


def section(title: str, rows: list[str], note: str = "Last update of citation was on 28th July, 2024.") -> str:
    return f"## {title}\n{note}\n\n{HEADER}{''.join(rows)}\n"


# -- the whole command on the fixture ---------------------------------------------------------------------


def test_refresh_rewrites_cells_notes_and_order_in_the_lists_own_formats(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = setup(tmp_path, monkeypatch, api.url)
    code, out, err = run(capsys)
    assert code == 0, err
    expected = (FIXTURES / "README.expected.md").read_text().replace("{today}", today_text())
    assert readme.read_text() == expected
    assert len(api.batches) == 1 and len(api.batches[0]) == 19  # one request; the blog post has no ID
    assert "ARXIV:2106.09685" in api.batches[0] and "DOI:10.1145/3600006.3613165" in api.batches[0]
    lines = out.splitlines()
    assert lines[0] == "Citation counts from Semantic Scholar (127.0.0.1): 1 request, 0 counts from the cache."
    assert f"| Attention Mechanism | 3 | 1 | 1 | 1 | 28th July, 2024 → {today_text()[:-1]} |" in lines
    assert "| **all** | 13 | 5 | 1 | 1 | |" in lines
    assert "| 11 | LoRA: Low-Rank Adaptation of Large Language Models | 4818 | 9120 | +4302 |" in lines
    assert "- line 14: A Paper Nobody Indexed -- arxiv:2401.00001 not found" in lines
    assert "- line 15: A Blog Post About Attention -- no arXiv ID or DOI in the row" in lines
    assert "Note: the table at line 41 ('Most Cited') is ordered by citations: 2 rows moved to keep it sorted" in lines
    assert (
        "Note: section 'Attention Mechanism' mixes sources: 4 counts from Semantic Scholar, 2 kept from Google "
        "Scholar (listed below as not found or without an ID)" in lines
    )
    assert (
        "Note: line 3 says the counts come from Google Scholar; these are Semantic Scholar's (1 of 13 updated "
        "counts went down): update that line" in lines
    )
    # The refresh adds no finding (the fixture's two arXiv URL forms are its own) and fixes the note's month.
    main(["--output-format", "json", "README.md"])
    assert [(d["code"], d["line"]) for d in json.loads(capsys.readouterr().out)] == [("RL204", 11), ("RL204", 12)]


def test_a_second_run_asks_only_for_what_the_cache_lacks(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = setup(tmp_path, monkeypatch, api.url)
    assert run(capsys)[0] == 0
    after_first = readme.read_text()
    code, out, _ = run(capsys)
    assert code == 0
    assert api.batches[1] == ["ARXIV:2401.00001"]  # the unknown paper is asked again; found counts are not
    assert "1 request, 18 counts from the cache." in out and "Nothing to change." in out
    assert readme.read_text() == after_first
    assert not (tmp_path / ".readme-lint-cache").exists()  # outside the working tree, as the link cache
    assert (citations_cache(tmp_path) / "citations.json").is_file()
    assert run(capsys, "--no-cache")[0] == 0 and len(api.batches[2]) == 19


def test_dry_run_prints_the_diff_and_writes_nothing(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = setup(tmp_path, monkeypatch, api.url)
    before = readme.read_bytes()
    code, out, err = run(capsys, "--dry-run")
    assert code == 0
    assert readme.read_bytes() == before
    assert out.startswith("--- a/README.md\n+++ b/README.md\n")
    assert "-|LoRA|**LoRA: Low-Rank Adaptation of Large Language Models** [ICLR 2022]|" in out
    assert "+Last update of citation was on " + today_text() in out
    assert err.startswith("Citation counts from Semantic Scholar") and err.rstrip().endswith(
        "Dry run: nothing written."
    )


def test_only_the_sections_asked_for(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = setup(tmp_path, monkeypatch, api.url)
    before = readme.read_text().splitlines()
    code, _, _ = run(capsys, "--section", "quantization")
    assert code == 0
    assert api.batches == [
        [
            "ARXIV:2208.07339",
            "ARXIV:2210.17323",
            "ARXIV:2211.10438",
            "ARXIV:2306.00978",
            "ARXIV:2306.03078",
            "ARXIV:2307.13304",
        ]
    ]
    changed = [n + 1 for n, (a, b) in enumerate(zip(before, readme.read_text().splitlines())) if a != b]
    assert changed == [18, 23, 25, 26]  # the note, GPTQ, AWQ, SpQR
    code, _, err = run(capsys, "--section", "Nope")
    assert code == 1
    assert err.startswith("readme-lint: no section 'Nope' with a Citation column; known sections: 'Attention")


def test_min_change_keeps_small_moves(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = setup(tmp_path, monkeypatch, api.url)
    code, out, _ = run(capsys, "--min-change", "150", "--section", "Most Cited")
    assert code == 0
    rows = [line.rsplit("|", 2)[1] for line in readme.read_text().splitlines()[42:47]]
    assert rows == ["9000", "6500", "6000", "3000", "1200"]  # +100 on line 40 is below 150: kept
    assert "| Most Cited | 3 | 2 (1 below --min-change) | 0 | 0 |" in out


def test_no_reorder_says_the_table_would_fall_out_of_order(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = setup(tmp_path, monkeypatch, api.url)
    code, out, _ = run(capsys, "--no-reorder", "--section", "Most Cited")
    assert code == 0
    keywords = [line.split("|")[1] for line in readme.read_text().splitlines()[42:47]]
    assert keywords == ["Transformer", "BERT", "GPT-3", "T5", "ViT"]
    assert (
        "Note: the table at line 41 ('Most Cited') is ordered by citations; the new counts put 2 rows out of "
        "order (not re-sorted: --no-reorder)" in out
    )


def test_a_pinned_citation_order_is_kept_too(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [paper_row(1, "900", "2106.09685"), paper_row(2, "800", "1911.02150"), paper_row(3, "1", "2305.13245")]
    readme = setup(tmp_path, monkeypatch, api.url, section("A", rows), '[rules.RL501]\norder = "-citation"\n')
    code, out, _ = run(capsys)
    assert code == 0 and "moved" not in out  # 9120, 512, 174: still in order
    assert [line.split("|")[1] for line in readme.read_text().splitlines()[5:8]] == ["K1", "K2", "K3"]
    assert [line.rsplit("|", 2)[1] for line in readme.read_text().splitlines()[5:8]] == ["9120", "512", "174"]
    api.counts["ARXIV:2305.13245"] = 10000
    code, out, _ = run(capsys, "--no-cache")
    assert code == 0 and "is ordered by citations: 3 rows moved to keep it sorted" in out
    assert [line.split("|")[1] for line in readme.read_text().splitlines()[5:8]] == ["K3", "K1", "K2"]


def test_bytes_outside_the_edits_are_kept(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = section("Attention Mechanism", [paper_row(1, "5", "1911.02150"), paper_row(2, "6", "2106.09685")])
    readme = setup(tmp_path, monkeypatch, api.url, "")
    readme.write_bytes(b"\xef\xbb\xbf" + text.rstrip("\n").replace("\n", "\r\n").encode())
    assert run(capsys)[0] == 0
    expected = text.rstrip("\n").replace("|5|", "|512|").replace("|6|", "|9120|")
    expected = expected.replace("28th July, 2024.", today_text())
    assert readme.read_bytes() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode()


def test_a_note_that_names_its_source_gets_the_new_one(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note = "Counts from Google Scholar. Last update of citation was on 5th Sept. 2024"
    readme = setup(tmp_path, monkeypatch, api.url, section("Attention", [paper_row(1, "5", "1911.02150")], note))
    code, out, _ = run(capsys)
    assert code == 0
    day = dt.date.today()
    month = "Sept." if day.month == 9 else day.strftime("%b") + "."
    assert f"Counts from Semantic Scholar. Last update of citation was on {day.day}" in readme.read_text()
    assert f" {month} {day.year}\n" in readme.read_text()  # no comma, no period, abbreviated: as the note was
    assert "mixes sources" not in out


def test_empty_and_placeholder_cells_are_filled_and_a_paper_listed_twice_is_asked_once(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = section("A", [paper_row(1, "", "1911.02150"), paper_row(2, "-", "2106.09685")])
    second = section("B", [paper_row(3, "100", "1911.02150")], note="Last update of citation was on 1st May, 2024.")
    readme = setup(tmp_path, monkeypatch, api.url, first + second)
    code, out, _ = run(capsys)
    assert code == 0
    assert api.batches == [["ARXIV:1911.02150", "ARXIV:2106.09685"]]
    rows = [
        line.rsplit("|", 2)[1] for line in readme.read_text().splitlines() if line.startswith("|K") and "**" in line
    ]
    assert rows == ["512", "9120", "512"]
    assert "| 6 | Paper 1 | (empty) | 512 | new |" in out and "| 7 | Paper 2 | - | 9120 | new |" in out


def test_a_cell_that_holds_no_count_is_left_as_written_and_not_asked(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    badge = "[![citation](https://img.shields.io/badge/dynamic/json?label=citation)](https://www.semanticscholar.org/p)"
    text = section("A", [paper_row(1, badge, "1911.02150"), paper_row(2, "6", "2106.09685")])
    readme = setup(tmp_path, monkeypatch, api.url, text)
    code, out, _ = run(capsys)
    assert code == 0 and api.batches == [["ARXIV:2106.09685"]]
    assert readme.read_text().splitlines()[5] == text.splitlines()[5]
    assert "| Section | Updated | Unchanged | Not found | No ID | Not a count | Note |" in out
    assert "- line 6: Paper 1 -- the cell holds no count ([![citation](https://img.shields.io/badg): left" in out


def test_the_reference_list_refreshes_without_a_new_finding(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with CitationServer() as server:
        server.default = 4321
        readme = setup(
            tmp_path,
            monkeypatch,
            server.url,
            (corpus / "llm-inference-acceleration" / "tree" / "README.md").read_text(),
        )
        main(["--output-format", "json", "--no-config", "README.md"])
        before = json.loads(capsys.readouterr().out)
        code, out, _ = run(capsys)
    assert code == 0 and "| **all** | 28 | 0 | 0 | 2 | |" in out
    main(["--output-format", "json", "--no-config", "README.md"])
    after = json.loads(capsys.readouterr().out)
    assert {(d["code"], d["line"]) for d in after} <= {(d["code"], d["line"]) for d in before}
    assert readme.read_text().count("|4321|") == 28


def test_a_list_without_a_citation_column_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "## A\n\n|Title|Date|\n|---|---|\n|**Paper**|2024.01|\n"
    setup(tmp_path, monkeypatch, "http://127.0.0.1:9", text)
    assert run(capsys) == (1, "", "readme-lint: no paper table with a Citation column\n")
    assert main(["citations", "missing.md"]) == 1
    assert capsys.readouterr().err.startswith("readme-lint: missing.md")


def test_show_settings_lists_the_citations_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup(tmp_path, monkeypatch, "http://127.0.0.1:9", section("A", [paper_row(1, "5")]), 'source = "openalex"\n')
    assert main(["--show-settings", "README.md"]) == 0
    shown = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[citations]")]
    assert len(shown) == 1 and 'source = "openalex"' in shown[0] and shown[0].endswith(".readme-lint.toml")


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["citations", "--help"]) == 0
    shown = capsys.readouterr().out
    for option in ("--section", "--dry-run", "--min-change", "--source", "--no-reorder", "--no-cache"):
        assert option in shown


# -- what the APIs may answer -----------------------------------------------------------------------------


def test_more_than_500_ids_are_split_into_batches(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [paper_row(n, "1") for n in range(1, 1204)]
    api.counts.update({f"ARXIV:2301.{n:05d}": n for n in range(1, 1204)})
    readme = setup(tmp_path, monkeypatch, api.url, section("Big", rows))
    code, out, _ = run(capsys)
    assert code == 0
    assert [len(batch) for batch in api.batches] == [500, 500, 203]
    assert (
        readme.read_text().rstrip().splitlines()[-1]
        == "|K1203|**Paper 1203**|[[pdf](https://arxiv.org/abs/2301.01203)]|Lab|2023.01|1203|"
    )
    assert "3 requests" in out and "| Big | 1202 | 1 | 0 | 0 |" in out


def test_429_with_retry_after_is_waited_for(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = setup(tmp_path, monkeypatch, api.url, section("A", [paper_row(1, "5", "1911.02150")]))
    api.planned.append((429, {"Retry-After": "1"}, b'{"message": "Too Many Requests"}'))
    start = time.monotonic()
    code, out, err = run(capsys)
    assert code == 0, err
    assert time.monotonic() - start >= 1.0
    assert len(api.paths) == 2 and "|512|" in readme.read_text()
    assert "2 requests" in out


def test_429_after_the_last_retry_changes_nothing(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = section("A", [paper_row(1, "5", "1911.02150")])
    readme = setup(tmp_path, monkeypatch, api.url, text, "[links]\nretries = 2\n")
    api.planned += [(429, {"Retry-After": "0"}, b"{}")] * 3
    code, out, err = run(capsys)
    assert code == 1 and out == ""
    assert err == f"{FAILED}Semantic Scholar API answered HTTP 429 after 3 tries; nothing changed\n"
    assert readme.read_text() == text and len(api.paths) == 3


def test_null_entries_are_listed_never_zeroed(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = section("A", [paper_row(1, "5", "2401.00001"), paper_row(2, "6", "2401.00002")])
    readme = setup(tmp_path, monkeypatch, api.url, text)
    code, out, _ = run(capsys)
    assert code == 0
    assert readme.read_text() == text  # nothing read from the API: not even the note is dated
    assert "- line 6: Paper 1 -- arxiv:2401.00001 not found" in out and "Nothing to change." in out


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'[{"paperId": "x", "citationCount": 3}', "answered something that is not JSON"),
        (b"[]", "answered 0 papers for 1 IDs"),
        (b'{"error": "Internal"}', "answered no list of papers"),
        (b'["x"]', "answered an entry that is not a paper"),
    ],
)
def test_malformed_answers_change_nothing(
    api: CitationServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    body: bytes,
    message: str,
) -> None:
    text = section("A", [paper_row(1, "5", "1911.02150")])
    readme = setup(tmp_path, monkeypatch, api.url, text)
    api.planned.append((200, {}, body))
    code, out, err = run(capsys)
    assert code == 1 and out == ""
    assert err == f"readme-lint: cannot refresh citations: Semantic Scholar API {message}; nothing changed\n"
    assert readme.read_text() == text


def test_counts_that_are_not_counts_are_not_found(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = ["12|evil", True, -1, 10**12, 3.5, None]
    text = section("A", [paper_row(n, str(n), f"2401.{n:05d}") for n in range(1, len(values) + 1)])
    readme = setup(tmp_path, monkeypatch, api.url, text)
    answer = [{"paperId": "x", "citationCount": value} for value in values]
    api.planned.append((200, {}, json.dumps(answer).encode()))
    code, out, _ = run(capsys)
    assert code == 0 and readme.read_text() == text
    assert "| A | 0 | 0 | 6 | 0 | 28th July, 2024 |" in out


def test_a_malformed_cache_is_ignored(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = section("A", [paper_row(1, "5", "1911.02150"), paper_row(2, "6", "2106.09685")])
    readme = setup(tmp_path, monkeypatch, api.url, text)
    cache = citations_cache(tmp_path)
    cache.mkdir()
    future = time.time() + 10**6
    entries = {
        "semantic-scholar|arxiv:1911.02150": {"count": "12|evil", "fetched": time.time()},
        "semantic-scholar|arxiv:2106.09685": {"count": 3, "fetched": future},
    }
    (cache / "citations.json").write_text(json.dumps({"version": 1, "entries": entries}))
    code, out, _ = run(capsys)
    assert code == 0 and "0 counts from the cache" in out
    assert "|512|" in readme.read_text() and "|9120|" in readme.read_text()
    assert "2 counts from the cache" in run(capsys)[1]  # the first run wrote a sound cache over the bad one
    (cache / "citations.json").write_text("[not json")
    code, out, _ = run(capsys)
    assert code == 0 and "1 request, 0 counts from the cache" in out


def test_an_endless_body_is_cut_at_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = section("A", [paper_row(1, "5", "1911.02150")])
    with HostileServer(endless) as hostile:
        readme = setup(tmp_path, monkeypatch, hostile.url, text)
        start = time.monotonic()
        code, _, err = run(capsys)
    assert code == 1 and time.monotonic() - start < 10
    assert err == f"{FAILED}Semantic Scholar API at 127.0.0.1: answer larger than 16 MiB; nothing changed\n"
    assert readme.read_text() == text


def test_a_network_failure_changes_nothing_and_the_next_run_resumes(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [paper_row(n, "1") for n in range(1, 601)]
    api.counts.update({f"ARXIV:2301.{n:05d}": n + 1 for n in range(1, 601)})
    text = section("Big", rows)
    readme = setup(tmp_path, monkeypatch, api.url, text, "[links]\nretries = 0\n")
    api.fail_from = 1
    code, out, err = run(capsys)
    assert code == 1 and out == ""
    assert err == (
        "readme-lint: cannot refresh citations: Semantic Scholar API answered HTTP 503; nothing changed "
        "(500 of 600 counts are cached: the next run asks only for the rest)\n"
    )
    assert readme.read_text() == text
    api.fail_from = None
    code, out, _ = run(capsys)
    assert code == 0
    assert [len(batch) for batch in api.batches] == [500, 100]
    assert "1 request, 500 counts from the cache." in out and "| Big | 600 | 0 | 0 | 0 |" in out


def test_the_deadline_holds_for_a_slow_api_and_a_long_retry_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = section("A", [paper_row(1, "5", "1911.02150")])
    with CitationServer(latency=5) as slow:
        readme = setup(tmp_path, monkeypatch, slow.url, text, "[links]\ndeadline = 1\n")
        start = time.monotonic()
        code, _, err = run(capsys)
    assert code == 1 and time.monotonic() - start < 3 and readme.read_text() == text
    assert err == f"{FAILED}Semantic Scholar API at 127.0.0.1: not checked before the deadline; nothing changed\n"
    with CitationServer() as limited:
        limited.planned.append((429, {"Retry-After": "30"}, b"{}"))
        setup(tmp_path, monkeypatch, limited.url, text, "[links]\ndeadline = 5\n")
        start = time.monotonic()
        code, _, err = run(capsys)
    assert code == 1 and time.monotonic() - start < 3
    assert err == f"{FAILED}Semantic Scholar API: not asked before the deadline; nothing changed\n"


def test_a_refused_connection_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = section("A", [paper_row(1, "5", "1911.02150")])
    readme = setup(tmp_path, monkeypatch, f"http://127.0.0.1:{closed_port()}", text, "[links]\nretries = 0\n")
    code, _, err = run(capsys)
    assert code == 1 and readme.read_text() == text
    assert err == f"{FAILED}Semantic Scholar API at 127.0.0.1: connection refused; nothing changed\n"


def test_private_addresses_need_allow_private(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup(tmp_path, monkeypatch, api.url, section("A", [paper_row(1, "5", "1911.02150")]))
    code = main(["citations"])
    err = capsys.readouterr().err
    assert code == 1 and "(use --allow-private)" in err and err.count("\n") == 1
    assert api.paths == []


def test_the_api_key_goes_only_where_the_environment_says(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup(tmp_path, monkeypatch, api.url, section("A", [paper_row(1, "5", "1911.02150")]))
    monkeypatch.setenv("S2_API_KEY", "s3cret")
    assert run(capsys, "--no-cache")[0] == 0  # the URL comes from a config file: no key
    monkeypatch.setenv("READMELINT_S2_API", f"{api.url}/graph/v1")
    assert run(capsys, "--no-cache")[0] == 0
    assert api.keys == [None, "s3cret"]


def test_openalex_by_doi_with_arxiv_papers_by_their_datacite_doi(
    api: CitationServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        paper_row(1, "5", "1911.02150"),
        "|K2|**Paper 2**|[[pdf](https://doi.org/10.1145/3600006.3613165)]|Lab|2023.01|6|\n",
        paper_row(3, "7", "2401.00001"),
    ]
    api.works.update({"10.48550/arxiv.1911.02150": 40, "10.1145/3600006.3613165": 1500})
    readme = setup(tmp_path, monkeypatch, api.url, section("A", rows))
    code, out, _ = run(capsys, "--source", "openalex")
    assert code == 0
    assert api.batches == [["10.48550/arxiv.1911.02150", "10.1145/3600006.3613165", "10.48550/arxiv.2401.00001"]]
    assert api.paths[0].startswith("GET /works?filter=doi%3A10.48550%2Farxiv.1911.02150%7C")
    assert "|40|" in readme.read_text() and "|1500|" in readme.read_text() and "|7|" in readme.read_text()
    assert out.startswith("Citation counts from OpenAlex (127.0.0.1): 1 request")
    # The Semantic Scholar cache is not OpenAlex's: a run with the other source asks again.
    assert run(capsys)[0] == 0 and len(api.batches) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"<html>", "answered something that is not JSON"), (b'{"meta": {}}', "answered without a results list")],
)
def test_malformed_openalex_answers_change_nothing(
    api: CitationServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    body: bytes,
    message: str,
) -> None:
    text = section("A", [paper_row(1, "5", "1911.02150")])
    readme = setup(tmp_path, monkeypatch, api.url, text)
    api.planned.append((200, {}, body))
    code, _, err = run(capsys, "--source", "openalex")
    assert code == 1 and readme.read_text() == text
    assert err == f"{FAILED}OpenAlex API {message}; nothing changed\n"


def test_bad_citations_settings_are_config_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup(tmp_path, monkeypatch, "http://127.0.0.1:9", section("A", [paper_row(1, "5")]), 'source = "scholar"\n')
    assert main(["citations"]) == 2
    assert "citations.source: expected one of semantic-scholar, openalex" in capsys.readouterr().err
    (tmp_path / ".readme-lint.toml").write_text('[citations]\napi-uri = "https://example.org"\n')
    assert main(["citations"]) == 2
    assert "citations.api-uri: unknown key (did you mean 'api-url'?)" in capsys.readouterr().err


# -- the pieces -------------------------------------------------------------------------------------------


def test_number_formats() -> None:
    assert learn_style(["12", "1,234", "2,000", "3000"]) == NumberStyle("commas", 0, "k")
    assert learn_style(["12", "999"]) is None
    k = learn_style(["1.2k", "13k", "950"])
    assert k is not None and [k.format(n) for n in (950, 1000, 1250, 12345)] == ["950", "1k", "1.2k", "12.3k"]
    assert NumberStyle("commas").format(1234567) == "1,234,567"
    assert [parse_count(t) for t in ("1.2k", "1,234", "**17**", "-", "")] == [1200, 1234, 17, None, None]


def test_dois_in_urls() -> None:
    assert doi_in("https://doi.org/10.1145/3600006.3613165") == "10.1145/3600006.3613165"
    assert doi_in("https://dl.acm.org/doi/pdf/10.1145/3600006.3613165.pdf") == "10.1145/3600006.3613165"
    assert doi_in("https://link.springer.com/article/10.1007/S11263-021-01453-Z?x=1") == "10.1007/s11263-021-01453-z"
    assert doi_in("https://example.com/10.5/x") is None


@pytest.mark.parametrize(
    ("written", "today", "full_months", "expected"),
    [
        ("28th July, 2024.", dt.date(2026, 12, 3), False, "3rd December, 2026."),
        ("20th Oct, 2024.", dt.date(2026, 12, 1), True, "1st December, 2026."),
        ("20th Oct, 2024.", dt.date(2026, 12, 22), False, "22nd Dec, 2026."),
        ("5 Sept. 2024", dt.date(2026, 9, 11), False, "11 Sept. 2026"),
        ("5 May 2024", dt.date(2026, 2, 13), False, "13 February 2026"),
    ],
)
def test_the_note_date_keeps_its_style(written: str, today: dt.date, full_months: bool, expected: str) -> None:
    doc = Document.parse(SourceText(f"## A\nLast update of citation was on {written}\n"), "README.md")
    note = find_note(doc, doc.sections[-1], "Last update of citation was on")
    assert note is not None and format_note_date(note, today, full_months) == expected


# -- the invariant the refresh promises -------------------------------------------------------------------

_CELLS = st.one_of(
    st.integers(0, 200_000).map(str), st.integers(1000, 200_000).map(lambda n: f"{n:,}"), st.sampled_from(["", "-"])
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(st.tuples(_CELLS, st.integers(0, 200_000)), min_size=1, max_size=8),
    ending=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    final_newline=st.booleans(),
)
def test_only_citation_cells_and_the_note_change(
    tmp_path_factory: pytest.TempPathFactory,
    cells: list[tuple[str, int]],
    ending: str,
    bom: bool,
    final_newline: bool,
) -> None:
    """Every byte outside the Citation cells and the note stays (line endings, BOM, final newline); what is
    written reads back as the count. The counts come from the cache, so no request is made."""
    from readme_lint.citations.refresh import plan_refresh
    from readme_lint.config import ConfigLoader
    from readme_lint.decide import settle

    work = tmp_path_factory.mktemp("prop")
    rows = [paper_row(n, text) for n, (text, _) in enumerate(cells, start=1)]
    text = section("A", rows).rstrip("\n").replace("\n", ending) + (ending if final_newline else "")
    (work / "README.md").write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    (work / ".readme-lint.toml").write_text('[citations]\napi-url = "http://127.0.0.1:9/graph/v1"\n')
    known = {f"semantic-scholar|arxiv:2301.{n:05d}": count for n, (_, count) in enumerate(cells, start=1)}
    entries = {key: {"count": count, "fetched": time.time()} for key, count in known.items()}
    citations_cache(work).mkdir(parents=True)
    (citations_cache(work) / "citations.json").write_text(json.dumps({"version": 1, "entries": entries}))
    refresh = plan_refresh(work / "README.md", settle(ConfigLoader().for_file(work / "README.md")), reorder=False)
    assert refresh.requests == 0 and refresh.after.has_bom == bom
    before, after = refresh.before.text.split(ending), refresh.after.text.split(ending)
    assert len(before) == len(after)
    for number, (old, new) in enumerate(zip(before, after), start=1):
        if number == 2:
            assert old.startswith("Last update of citation was on ") and new.startswith(old[:31])
        elif old != new:
            head, old_cell = old[:-1].rsplit("|", 1)
            assert new.startswith(head + "|") and new.endswith("|")
            count = cells[number - 6][1]
            assert parse_count(new[len(head) + 1 : -1]) == count and old_cell != new[len(head) + 1 : -1]
