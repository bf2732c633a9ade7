#!/usr/bin/env python3
"""Link-check benchmark: 1,000 unique links to ../shared/bench/latency_server.py (100 ms per response).

    python bench/links.py   # appends its section, then bench/NOTES.md, to docs/benchmarks.md (after bench/run.py)

Measures readme-lint --check-links (default politeness: 4 requests in flight per host) against the ideal
``links x latency / per-host limit``, the cached rerun (requests sent: should be none for links that passed),
and markdown-link-check and linkinator on the same file where npm can install them (linkinator with
``--concurrency 4`` for equal politeness). The server counts requests and the peak number in flight.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
VENV = ROOT / "bench" / ".venv"
NODE = ROOT / "bench" / ".node"
ROWS = 500  # two links a row: 1,000 unique links
DELAY_MS = 100
PER_HOST = 4
PEER_LIMIT = 180


def stats(base: str, reset: bool = False) -> dict:
    with urllib.request.urlopen(f"{base}/{'__reset' if reset else '__stats'}") as response:
        return json.loads(response.read())


def timed(command: list[str], cwd: Path, limit: float | None = None) -> tuple[float, int, str]:
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -1, ""
    return time.perf_counter() - start, result.returncode, result.stdout


def npm_tool(package: str, binary: str) -> Path | None:
    path = NODE / "node_modules" / ".bin" / binary
    if not path.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--silent", "--prefix", str(NODE), package], check=False, timeout=600)
    return path if path.exists() else None


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    from run import setup_python, shared_present  # the same bench environment as bench/run.py

    if not shared_present("bench/links.py", [SHARED / "latency_server.py", SHARED / "gen_large.py"]):
        return 2
    setup_python()
    lint = VENV / "bin" / "readme-lint"
    work = Path(tempfile.mkdtemp(prefix="readme-lint-links-"))
    port_file = work / "port"
    server = subprocess.Popen(
        [
            sys.executable,
            str(SHARED / "latency_server.py"),
            "--port",
            "0",
            "--delay-ms",
            str(DELAY_MS),
            "--port-file",
            str(port_file),
            "--ratelimit-first",
            "1",
            "--max-seconds",
            "1800",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port_file.read_text().strip()}"
        readme = work / "README.md"
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "gen_large.py"),
                str(ROWS),
                "-o",
                str(readme),
                "--links-base",
                base,
                "--dead",
                "10",
                "--moved",
                "10",
                "--ratelimited",
                "10",
            ],
            check=True,
        )
        links = ROWS * 2
        ideal = links * DELAY_MS / 1000 / PER_HOST
        command = [
            str(lint),
            "--no-config",
            "--check-links",
            "--allow-private",
            "--select",
            "RL2",
            "-q",
            "--output-format",
            "json",
            "README.md",
        ]
        stats(base, reset=True)
        first_time, _, output = timed(command, work)
        first = stats(base, reset=True)
        found = json.loads(output or "[]")
        codes = {code: sum(1 for d in found if d["code"] == code) for code in ("RL210", "RL211", "RL213")}
        cached_time, _, _ = timed(command, work)
        cached = stats(base, reset=True)
        rows = [
            ("readme-lint --check-links (first run)", first_time, first),
            ("readme-lint --check-links (cached rerun)", cached_time, cached),
        ]
        notes = []
        linkinator = npm_tool("linkinator", "linkinator")
        if linkinator:
            seconds, code, _ = timed(
                [str(linkinator), "README.md", "--markdown", "--concurrency", str(PER_HOST)], work, PEER_LIMIT
            )
            rows.append(
                (
                    f"linkinator --concurrency {PER_HOST}",
                    seconds if code != -1 else float("inf"),
                    stats(base, reset=True),
                )
            )
        else:
            notes.append("linkinator: not installable here")
        mlc = npm_tool("markdown-link-check", "markdown-link-check")
        if mlc:
            seconds, code, _ = timed([str(mlc), "README.md"], work, PEER_LIMIT)
            rows.append(("markdown-link-check", seconds if code != -1 else float("inf"), stats(base, reset=True)))
        else:
            notes.append("markdown-link-check: not installable here")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        "",
        f"## Link checking: {links:,} unique links, {DELAY_MS} ms per response, one host",
        "",
        f"Command: `python bench/links.py` ({ROWS} generated rows with 10 dead, 10 moved and 10 rate-limited-once "
        f"links, `../shared/bench/latency_server.py --delay-ms {DELAY_MS} --ratelimit-first 1`). Ideal time at "
        f"{PER_HOST} requests in flight: {links} × {DELAY_MS / 1000:g} s ÷ {PER_HOST} = {ideal:.1f} s.",
        "",
        "| command | wall time | × ideal | requests sent | peak in flight |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, seconds, counters in rows:
        shown = f"{seconds:.1f} s" if seconds != float("inf") else f"over {PEER_LIMIT} s (stopped)"
        ratio = f"{seconds / ideal:.2f}" if seconds != float("inf") else "—"
        lines.append(
            f"| {name} | {shown} | {ratio} | {counters.get('requests', '?')} | {counters.get('peak_in_flight', '?')} |"
        )
    lines += [
        "",
        f"readme-lint reported {codes['RL210']} broken, {codes['RL211']} redirected and "
        f"{codes['RL213']} unverifiable links (10 dead and 10 moved were planted; the 10 rate-limited ones "
        "answer 429 once and then 200, so they pass after a retry).",
    ]
    lines += [f"- {note}" for note in notes]
    text = "\n".join(lines) + "\n"
    print(text)
    target = ROOT / "docs" / "benchmarks.md"
    notes = ROOT / "bench" / "NOTES.md"
    with target.open("a", encoding="utf-8") as stream:
        stream.write(text)
        if notes.exists():
            stream.write("\n" + notes.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
