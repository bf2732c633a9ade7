#!/usr/bin/env python3
"""Citation-refresh benchmark: 500 rows through one Semantic Scholar batch request at 200 ms latency.

    python bench/citations.py   # prints its section and writes it into docs/benchmarks.md (after bench/links.py)

A fake Graph API (tests/citeserver.py) on 127.0.0.1 answers every request after ``--latency-ms`` (200). The
cached rerun asks nothing, so it is the command's own work (start-up, reading the list, the plan); the ideal
of a first run is that plus its requests: one for Semantic Scholar (500 IDs a request), ten for OpenAlex (50
DOIs a request, paced 1 s apart by default). Whole processes, median of ``--runs``.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HEADER = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"
TITLE = "## Citation refresh: 500 rows, one batch endpoint, 200 ms per response"


def readme(rows: int) -> str:
    body = "".join(
        f"|K{n}|**Paper {n}**|[[pdf](https://arxiv.org/abs/2301.{n:05d})]|Lab|2023.01|{n % 7}|\n"
        for n in range(1, rows + 1)
    )
    return f"# Bench\n\n## Papers\nLast update of citation was on 28th July, 2024.\n\n{HEADER}{body}"


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench/citations.py: {' '.join(command)} failed: {result.stderr.strip()[:300]}")
    return elapsed


def one_batch(server: object, rows: int) -> float:
    """One Semantic Scholar batch request of ``rows`` IDs, in process: the request's own cost, no start-up."""
    from readme_lint.citations.ids import PaperId
    from readme_lint.citations.settings import CitationSettings
    from readme_lint.citations.sources import Api, s2_batch
    from readme_lint.links.settings import LinkSettings

    settings = CitationSettings(api_url=server.s2_api, interval=0)  # type: ignore[attr-defined]
    api = Api(settings, LinkSettings(allow_private=True))
    ids = [PaperId("arxiv", f"2301.{n:05d}") for n in range(1, rows + 1)]
    start = time.perf_counter()
    counts = s2_batch(api, ids)
    elapsed = time.perf_counter() - start
    assert len(counts) == rows and all(count is not None for count in counts.values())
    return elapsed


def main() -> int:
    from tests.citeserver import CitationServer

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--latency-ms", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="Print the section only.")
    args = parser.parse_args()
    command = [sys.executable, "-m", "readme_lint"]
    latency = args.latency_ms / 1000
    results: list[tuple[str, float, int, float]] = []
    with tempfile.TemporaryDirectory() as scratch, CitationServer(latency) as server:
        work = Path(scratch)
        server.counts.update({f"ARXIV:2301.{n:05d}": 10 + n for n in range(1, args.rows + 1)})
        server.works.update({f"10.48550/arxiv.2301.{n:05d}": 10 + n for n in range(1, args.rows + 1)})
        (work / ".readme-lint.toml").write_text(
            f'[citations]\napi-url = "{server.s2_api}"\nopenalex-url = "{server.url}"\n'
        )
        floor = statistics.median(timed([*command, "--version"], work) for _ in range(args.runs))
        cases = [
            ("readme-lint citations (Semantic Scholar, cached rerun)", []),
            ("readme-lint citations (Semantic Scholar, first run)", ["--no-cache"]),
            ("readme-lint citations --source openalex (first run)", ["--source", "openalex", "--no-cache"]),
        ]
        (work / "README.md").write_text(readme(args.rows))
        timed([*command, "citations", "--allow-private"], work)  # fills the cache the rerun reads
        for name, extra in cases:
            times, requests = [], 0
            for _ in range(args.runs):
                (work / "README.md").write_text(readme(args.rows))
                before = len(server.paths)
                times.append(timed([*command, "citations", "--allow-private", *extra], work))
                requests = len(server.paths) - before
            # The requests' own share of the ideal: paced 1 s apart from start to start (the default interval),
            # the last one taking the latency; the rest of the ideal is the cached rerun (the same work, no request).
            ideal = (requests - 1) * max(1.0, latency) + latency if requests else 0.0
            results.append((name, statistics.median(times), requests, ideal))
        request = statistics.median(one_batch(server, args.rows) for _ in range(args.runs))
    base = results[0][1]
    lines = [
        TITLE,
        "",
        f"Command: `python bench/citations.py` ({args.rows} rows with arXiv IDs; a fake Graph API and OpenAlex on "
        f"127.0.0.1, `tests/citeserver.py`, answering after {args.latency_ms} ms; whole processes, median of "
        f"{args.runs}). The cached rerun asks nothing: it is the command's own work (start-up, reading the list, "
        f"the plan; `readme-lint --version` alone takes {floor:.2f} s). The ideal of a first run is that plus its "
        "requests at that latency: one for Semantic Scholar (500 IDs a request, 0.2 s), and "
        f"{-(-args.rows // 50)} for OpenAlex (50 DOIs a request) paced 1 s apart by default. The batch request "
        f"alone (in process: {args.rows} IDs through the link checker's client, JSON encoded and decoded) takes "
        f"{request:.3f} s, {request / latency:.2f}× the latency. What a first run adds beyond its requests is "
        "mostly importing the network code, which a cached rerun never loads (`python -X importtime`: "
        "`readme_lint.links.http` with ssl and concurrent.futures, about 50 ms), and the noise of a shared machine.",
        "",
        "| command | wall time | requests | ideal | × ideal |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, seconds, requests, ideal in results:
        if requests == 0:
            lines.append(f"| {name} | {seconds:.2f} s | 0 | — | — |")
        else:
            lines.append(
                f"| {name} | {seconds:.2f} s | {requests} | {base + ideal:.2f} s | {seconds / (base + ideal):.2f} |"
            )
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        target = ROOT / "docs" / "benchmarks.md"
        doc = target.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(TITLE) + r"\n.*?(?=\n## |\Z)", re.S)
        if pattern.search(doc):
            doc = pattern.sub(lambda _: text.rstrip("\n") + "\n", doc, count=1)
        elif "\n## Targets" in doc:
            doc = doc.replace("\n## Targets", "\n" + text + "\n## Targets", 1)
        else:
            doc += "\n" + text
        target.write_text(doc, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
