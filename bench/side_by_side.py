#!/usr/bin/env python3
"""Two source trees of readme-lint side by side on the same inputs, their runs alternating.

    git worktree add --detach ../before REV
    python bench/side_by_side.py ../before/src src                 # every input
    python bench/side_by_side.py ../before/src src --only ref,10k  # some: ref, 10k, cv, 100k, fix, hook

Both run from source (``env PYTHONPATH=SRC python -m readme_lint --no-config -q FILE``) with this Python, one
warm-up each, then the runs alternate (``run.measure_side_by_side``): on a shared machine a burst of load falls on
both alike. CPU seconds are the child's user + system time. ``fix`` runs ``--fix`` on a fresh copy of the
defective 100,000-row file once per tree (it rewrites its input) and ``--diff`` side by side. ``hook`` runs what
pre-commit runs, ``--changed-files README.md`` (CPU includes git's processes), in two throwaway git repositories
with one changed line each: the reference README (it has old findings, so its base version is linted too) and
10,000 generated rows with RL303 ignored (a clean list). Prints a markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # the bench helpers beside this file

INPUTS = ("ref", "10k", "cv", "100k", "fix", "hook")


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


def hook_repository(folder: Path, source: Path) -> Path:
    """A git repository holding ``source`` as its committed README.md, with one line of it changed since."""
    repo = folder / source.stem
    repo.mkdir()
    text = source.read_text(encoding="utf-8")
    (repo / "README.md").write_text(text, encoding="utf-8")
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    for args in (["init", "-q"], ["add", "README.md"], [*identity, "commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    lines = text.split("\n")
    row = next(index for index in range(len(lines) // 2, len(lines)) if lines[index].startswith("|"))
    lines[row] = lines[row][:-1] + " |"  # its last cell padded: one finding on the changed line
    (repo / "README.md").write_text("\n".join(lines), encoding="utf-8")
    return repo


def hook(trees: tuple[Path, Path]) -> None:
    """``--changed-files README.md`` as pre-commit runs it, in a repository with one changed row."""
    with tempfile.TemporaryDirectory() as folder:
        inputs = ((bench.SHARED / "seed" / "README.md", [], 11), (bench.generate(10_000), ["--ignore", "RL303"], 3))
        for source, extra, runs in inputs:
            repo = hook_repository(Path(folder), source)
            commands = [lint_command(tree, *extra, "--changed-files", "README.md") for tree in trees]
            before, after = bench.measure_side_by_side(commands, runs, cwd=repo)
            name = f"hook, {source.parent.name if source.name == 'README.md' else source.stem}, one changed row"
            print(f"| {name} | {cells(before)} | {cells(after)} | {after['cpu'] / before['cpu']:.2f} |", flush=True)


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
    if "hook" in wanted:
        hook(trees)
    return 0


if __name__ == "__main__":
    sys.exit(main())
