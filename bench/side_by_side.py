#!/usr/bin/env python3
"""Two source trees of readme-lint side by side on the same inputs, their runs alternating.

    git worktree add --detach ../before REV
    python bench/side_by_side.py ../before/src src                 # every input
    python bench/side_by_side.py ../before/src src --only ref,10k  # some: ref, 10k, cv, 100k, fix

Both run from source (``env PYTHONPATH=SRC python -m readme_lint --no-config -q FILE``) with this Python, one
warm-up each, then the runs alternate (``run.measure_side_by_side``): on a shared machine a burst of load falls on
both alike. CPU seconds are the child's user + system time. ``fix`` runs ``--fix`` on a fresh copy of the
defective 100,000-row file once per tree (it rewrites its input) and ``--diff`` side by side. Prints a markdown
table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # the bench helpers beside this file

INPUTS = ("ref", "10k", "cv", "100k", "fix")


def lint_command(source: Path, *args: str) -> list[str]:
    return ["env", f"PYTHONPATH={source}", sys.executable, "-m", "readme_lint", "--no-config", "-q", *args]


def cells(result: dict[str, float]) -> str:
    return f"{result['median']:.3f} s | {result['cpu']:.3f} s | {result['rss']:.0f} MB"


def compare(name: str, trees: tuple[Path, Path], args: list[str], runs: int) -> None:
    before, after = bench.measure_side_by_side([lint_command(tree, *args) for tree in trees], runs)
    print(f"| {name} | {cells(before)} | {cells(after)} | {after['cpu'] / before['cpu']:.2f} |", flush=True)


def floor(name: str, command: list[str], runs: int) -> None:
    (result,) = bench.measure_side_by_side([command], runs)
    print(f"| {name} | | | | {cells(result)} | |", flush=True)


def fix_once(name: str, trees: tuple[Path, Path], source: Path) -> None:
    """``--fix`` rewrites its input: each tree gets a fresh copy, one run each."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for tree in trees:
            target = Path(folder) / source.name
            shutil.copy(source, target)
            wall, rss, _code, cpu = bench.run_timed(lint_command(tree, "--fix", str(target)))
            results.append({"median": wall, "cpu": cpu, "rss": rss})
    print(f"| {name} | {cells(results[0])} | {cells(results[1])} | {results[1]['cpu'] / results[0]['cpu']:.2f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="the src/ folder of the tree to compare against")
    parser.add_argument("after", type=Path, help="the src/ folder of the tree measured")
    parser.add_argument("--only", default=",".join(INPUTS), help="comma-separated: " + ", ".join(INPUTS))
    options = parser.parse_args(argv)
    wanted = set(options.only.split(","))
    needed = [bench.SHARED / "bench" / "gen_large.py", bench.SHARED / "seed" / "README.md"]
    if not bench.shared_present("bench/side_by_side.py", needed):
        return 2
    trees = (options.before.resolve(), options.after.resolve())
    sides = " | ".join(f"{side}: {what}" for side in ("before", "after") for what in ("wall", "CPU", "peak RSS"))
    print(f"| input | {sides} | CPU after/before |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    if "ref" in wanted:
        floor("import floor", [sys.executable, "-c", "import click, mistune"], 11)
        compare("reference README", trees, [str(bench.SHARED / "seed" / "README.md")], 11)
    for size, key, runs in ((10_000, "10k", 5), (100_000, "100k", 3)):
        if key in wanted:
            path = bench.generate(size)
            floor(f"floor.py, {size:,} rows", [sys.executable, str(bench.BENCH / "floor.py"), str(path)], runs)
            compare(f"{size:,} rows", trees, [str(path)], runs)
    if "cv" in wanted:
        compare("cv-arxiv-daily", trees, [str(bench.SHARED / "corpus" / "cv-arxiv-daily" / "README.md")], 5)
    if "fix" in wanted:
        defective = bench.defective(100_000)
        compare("100,000 rows, every 20th date `YYYY-MM`: lint", trees, [str(defective)], 1)
        fix_once("same: `--fix`", trees, defective)
        compare("same: `--diff`", trees, ["--diff", str(defective)], 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
