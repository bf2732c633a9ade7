#!/usr/bin/env python3
"""Speed benchmarks: whole processes, median of several runs, side by side, written to docs/benchmarks.md.

    python bench/run.py            # everything (installs into bench/.venv and bench/.node on first use)
    python bench/run.py --quick    # fewer runs, no 100,000-row file

What it measures:

* startup: readme-lint on the reference README against the import floor of its own dependencies
  (``python -c "import click, mistune"``) and against markdownlint-cli2 and pymarkdown on the same file;
* scaling: 1,000 / 10,000 / 100,000 generated rows (``../shared/bench/gen_large.py``), time and peak memory.

readme-lint is installed non-editable in its own virtual environment, so its bytecode is compiled once as it is
for users (an editable install in an environment with PYTHONDONTWRITEBYTECODE recompiles every module on
every run and would measure that instead). Peers that cannot be installed are skipped with a note.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SHARED = ROOT.parent / "shared"
VENV = BENCH / ".venv"
NODE = BENCH / ".node"
WORK = BENCH / ".work"


def shared_present(script: str, needed: list[Path]) -> bool:
    """One line on stderr, not a traceback, when a clone has no ../shared beside it."""
    missing = [path for path in needed if not path.is_file()]
    if missing:
        print(
            f"{script}: needs the shared bench files beside the checkout ({SHARED}); missing: "
            + ", ".join(str(path) for path in missing),
            file=sys.stderr,
        )
    return not missing


PEER_LIMIT = 60.0  # seconds; a peer still running then is stopped and reported as slower than that


def run_timed(command: list[str], cwd: Path | None = None, limit: float | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one child process (exit -1: stopped at ``limit``)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    timer = None
    if limit is not None:
        import threading

        timer = threading.Timer(limit, process.kill)
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if timer is not None:
        timer.cancel()
        if elapsed >= limit:
            return elapsed, usage.ru_maxrss / 1024, -1
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(command: list[str], runs: int, cwd: Path | None = None, limit: float | None = None) -> dict[str, float]:
    first = run_timed(command, cwd, limit)  # warms the file cache
    if first[2] == -1:
        return {"median": float("inf"), "min": float("inf"), "rss": first[1], "exit": -1}
    samples = [run_timed(command, cwd, limit) for _ in range(runs)]
    return {
        "median": statistics.median(s[0] for s in samples),
        "min": min(s[0] for s in samples),
        "rss": max(s[1] for s in samples),
        "exit": samples[-1][2],
    }


def setup_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", str(ROOT)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "pymarkdownlnt"], check=False)
    return python


def setup_node() -> Path | None:
    if shutil.which("npm") is None:
        return None
    binary = NODE / "node_modules" / ".bin" / "markdownlint-cli2"
    if not binary.exists():
        NODE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(NODE), "markdownlint-cli2"], check=False, timeout=600
        )
    return binary if binary.exists() else None


def generate(rows: int) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    target = WORK / f"rows-{rows}.md"
    if not target.exists():
        subprocess.run(
            [sys.executable, str(SHARED / "bench" / "gen_large.py"), str(rows), "-o", str(target)], check=True
        )
    return target


def version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except OSError:
        return "?"
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs, no 100,000-row file")
    parser.add_argument("--runs", type=int, default=0)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 9)
    if not shared_present("bench/run.py", [SHARED / "seed" / "README.md", SHARED / "bench" / "gen_large.py"]):
        return 2

    python = setup_python()
    lint = [str(VENV / "bin" / "readme-lint"), "--no-config", "-q"]
    pymarkdown = VENV / "bin" / "pymarkdown"
    markdownlint = setup_node()
    reference = SHARED / "seed" / "README.md"

    lines = ["## Startup on the reference README", ""]
    lines += ["| command | median | min | peak RSS | ratio to import floor |", "|---|---:|---:|---:|---:|"]
    floor = measure([str(python), "-c", "import click, mistune"], runs)
    rows = [('import floor: python -c "import click, mistune"', floor)]
    rows.append(("readme-lint README.md", measure([*lint, str(reference)], runs)))
    rows.append(("readme-lint --version", measure([str(VENV / "bin" / "readme-lint"), "--version"], runs)))
    if pymarkdown.exists():
        rows.append(
            ("pymarkdown scan README.md", measure([str(pymarkdown), "scan", str(reference)], runs, limit=PEER_LIMIT))
        )
    if markdownlint is not None:
        rows.append(
            ("markdownlint-cli2 README.md", measure([str(markdownlint), str(reference)], runs, limit=PEER_LIMIT))
        )
    for name, result in rows:
        ratio = result["median"] / floor["median"]
        lines.append(
            f"| {name} | {result['median'] * 1000:.0f} ms | {result['min'] * 1000:.0f} ms | "
            f"{result['rss']:.0f} MB | {ratio:.2f}× |"
        )

    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    lines += ["", "## Scaling with generated rows", ""]
    lines += [
        "| rows | file size | readme-lint median | peak RSS | markdownlint-cli2 | pymarkdown |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    timings = {}
    for size in sizes:
        path = generate(size)
        big_runs = max(3, runs // 3) if size >= 100_000 else runs
        ours = measure([*lint, str(path)], big_runs)
        timings[size] = ours["median"]
        peers = []
        for _tool, command in (
            ("markdownlint", [str(markdownlint), str(path)] if markdownlint else None),
            ("pymarkdown", [str(pymarkdown), "scan", str(path)] if pymarkdown.exists() else None),
        ):
            if command is None:
                peers.append("not installed")
            elif size >= 100_000:
                peers.append("not run (over 60 s at 10,000 rows)")
            else:
                timing = measure(command, max(1, big_runs // 3), limit=PEER_LIMIT)["median"]
                peers.append(f"{timing:.2f} s" if timing != float("inf") else f"over {PEER_LIMIT:.0f} s (stopped)")
        lines.append(
            f"| {size:,} | {path.stat().st_size / 1e6:.1f} MB | {ours['median']:.2f} s | {ours['rss']:.0f} MB | "
            f"{peers[0]} | {peers[1]} |"
        )
    if 10_000 in timings and 100_000 in timings:
        lines += ["", f"10k → 100k time ratio: {timings[100_000] / timings[10_000]:.1f} (linear is 10)."]

    markdownlint_version = version([str(markdownlint), "--help"]) if markdownlint else ""
    click_version = version([str(python), "-c", "import importlib.metadata as m; print(m.version('click'))"])
    mistune_version = version([str(python), "-c", "import mistune; print(mistune.__version__)"])
    ours = version([str(VENV / "bin" / "readme-lint"), "--version"])
    peers = f", markdownlint-cli2 {markdownlint_version}" if markdownlint else ""
    header = [
        "# Benchmarks",
        "",
        f"Written by `python bench/run.py{' --quick' if args.quick else ''}` on {time.strftime('%Y-%m-%d')}: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {ours}, "
        f"mistune {mistune_version}, click {click_version}{peers}. "
        "Whole processes, median of the runs after one warm-up run.",
        "",
    ]
    body = "\n".join(header + lines) + "\n"
    args.output.write_text(body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
