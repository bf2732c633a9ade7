#!/usr/bin/env python3
"""Speed benchmarks: whole processes, median of several runs, side by side, written to docs/benchmarks.md.

    python bench/run.py            # everything (installs into bench/.venv and bench/.node on first use)
    python bench/run.py --quick    # fewer runs, no 100,000-row file
    python bench/run.py --startup --baseline main --runs 21   # start-up only, against another revision

What it measures:

* startup: readme-lint on the reference README against the import floor of its own dependencies
  (``python -c "import click, mistune"``) and against markdownlint-cli2 and pymarkdown on the same file, the
  runs of readme-lint and the floor alternating (``--baseline REV`` adds readme-lint at another git revision,
  installed the same way, to the alternation);
* scaling: 1,000 / 10,000 / 100,000 generated rows (``../shared/bench/gen_large.py``), time and peak memory;
* ``--fix`` on the 100,000 rows with every fifth Affiliation cell padded, against linting that same file;
* the 9,312-row ``../shared/corpus/cv-arxiv-daily`` README against markdownlint-cli2 and pymarkdown.

Each run reports wall time and CPU time (user + system of the child): on a shared machine the wall time
also measures the other processes, the CPU time much less so; targets are judged on both.

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
from collections.abc import Callable
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


def run_timed(
    command: list[str], cwd: Path | None = None, limit: float | None = None
) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS in MB, exit code (-1: stopped at ``limit``) and CPU seconds of one child process."""
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
    cpu = usage.ru_utime + usage.ru_stime
    if timer is not None:
        timer.cancel()
        if elapsed >= limit:
            return elapsed, usage.ru_maxrss / 1024, -1, cpu
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), cpu


def measure(
    command: list[str],
    runs: int,
    cwd: Path | None = None,
    limit: float | None = None,
    prepare: Callable[[], None] | None = None,
    warm_up: bool = True,
) -> dict[str, float]:
    """Median and minimum wall time, median CPU time and peak RSS over ``runs`` runs (``prepare`` before each)."""

    def once() -> tuple[float, float, int, float]:
        if prepare is not None:
            prepare()
        return run_timed(command, cwd, limit)

    first = once() if warm_up else None  # warms the file cache
    if first is not None and first[2] == -1:
        return {"median": float("inf"), "min": float("inf"), "rss": first[1], "exit": -1, "cpu": first[3]}
    samples = [once() for _ in range(runs)]
    if samples[0][2] == -1:
        return {"median": float("inf"), "min": float("inf"), "rss": samples[0][1], "exit": -1, "cpu": samples[0][3]}
    return {
        "median": statistics.median(s[0] for s in samples),
        "min": min(s[0] for s in samples),
        "rss": max(s[1] for s in samples),
        "exit": samples[-1][2],
        "cpu": statistics.median(s[3] for s in samples),
    }


def measure_side_by_side(commands: list[list[str]], runs: int, cwd: Path | None = None) -> list[dict[str, float]]:
    """``measure`` for several commands whose runs alternate (one warm-up each first): on a shared machine a
    burst of load then falls on all of them alike instead of on whichever ran during it."""
    for command in commands:
        run_timed(command, cwd)
    samples: list[list[tuple[float, float, int, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            samples[index].append(run_timed(command, cwd))
    return [
        {
            "median": statistics.median(s[0] for s in runs_of),
            "min": min(s[0] for s in runs_of),
            "rss": max(s[1] for s in runs_of),
            "exit": runs_of[-1][2],
            "cpu": statistics.median(s[3] for s in runs_of),
        }
        for runs_of in samples
    ]


def setup_baseline(ref: str) -> Path:
    """``bench/.work/baseline/.venv`` with readme-lint as of the git revision ``ref`` (``git archive``), installed
    non-editable like the current tree, so that start-up can be compared side by side in one run."""
    target = WORK / "baseline"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    venv = target / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(target)], check=True, env=env)
    return venv


def startup_section(
    python: Path, reference: Path, runs: int, baseline: tuple[str, Path] | None = None, peers: bool = True
) -> list[str]:
    """readme-lint on the reference README and ``--version`` against the import floor of click + mistune, the
    runs alternating; with ``baseline`` (a revision and its venv) the same two commands at that revision."""
    lint = [str(VENV / "bin" / "readme-lint"), "--no-config", "-q"]
    named = [
        ('import floor: python -c "import click, mistune"', [str(python), "-c", "import click, mistune"]),
        ("readme-lint README.md", [*lint, str(reference)]),
        ("readme-lint --version", [str(VENV / "bin" / "readme-lint"), "--version"]),
    ]
    if baseline is not None:
        ref, venv = baseline
        old = str(venv / "bin" / "readme-lint")
        named.append((f"readme-lint README.md (at {ref})", [old, *lint[1:], str(reference)]))
        named.append((f"readme-lint --version (at {ref})", [old, "--version"]))
    results = measure_side_by_side([command for _, command in named], runs)
    rows = list(zip([name for name, _ in named], results))
    floor = results[0]
    pymarkdown = VENV / "bin" / "pymarkdown"
    if peers and pymarkdown.exists():
        rows.append(
            ("pymarkdown scan README.md", measure([str(pymarkdown), "scan", str(reference)], runs, limit=PEER_LIMIT))
        )
    markdownlint = NODE / "node_modules" / ".bin" / "markdownlint-cli2"
    if peers and markdownlint.exists():
        rows.append(
            ("markdownlint-cli2 README.md", measure([str(markdownlint), str(reference)], runs, limit=PEER_LIMIT))
        )
    lines = ["## Startup on the reference README", ""]
    lines += [
        "| command | median | min | CPU (median) | peak RSS | ratio to import floor | CPU ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in rows:
        ratio = result["median"] / floor["median"]
        lines.append(
            f"| {name} | {result['median'] * 1000:.0f} ms | {result['min'] * 1000:.0f} ms | "
            f"{result['cpu'] * 1000:.0f} ms | {result['rss']:.0f} MB | {ratio:.2f}× | "
            f"{result['cpu'] / floor['cpu']:.2f}× |"
        )
    return lines


def setup_python(peers: bool = True) -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    # pip compiles bytecode only where writing it is allowed: users' installs have it, so the benchmark must too.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", str(ROOT)], check=True, env=env)
    if peers:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pymarkdownlnt"], check=False, env=env)
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


def defective(rows: int) -> Path:
    """The generated file with every twentieth Date written ``2015-01`` instead of ``2015.01``: one RL301 fix each
    (a defect whatever the padding thresholds: the list model learns ``YYYY.MM`` from the other 95%)."""
    target = WORK / f"rows-{rows}-dates-20.md"
    if not target.exists():
        lines = generate(rows).read_text(encoding="utf-8").split("\n")
        count = 0
        for number, line in enumerate(lines):
            if line.startswith("|") and "arxiv.org" in line:
                count += 1
                if count % 20 == 0:
                    cells = line.split("|")
                    cells[5] = cells[5].replace(".", "-")
                    lines[number] = "|".join(cells)
        target.write_text("\n".join(lines), encoding="utf-8")
    return target


def seconds(result: dict[str, float]) -> str:
    """``1.23 s (CPU 1.10 s)``, or that it was stopped."""
    if result["median"] == float("inf"):
        return f"over {PEER_LIMIT:.0f} s (stopped)"
    return f"{result['median']:.2f} s (CPU {result['cpu']:.2f} s)"


def version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except OSError:
        return "?"
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else "?"


def fix_section(lint: list[str], runs: int) -> list[str]:
    """``--fix`` on 100,000 rows with 20,000 padded cells, against a lint of the same file."""
    padded = defective(100_000)
    scratch = WORK / "fix-scratch.md"
    checked = measure([*lint, str(padded)], runs, warm_up=False)
    fixed = measure(
        [*lint, "--fix", str(scratch)], runs, prepare=lambda: shutil.copyfile(padded, scratch), warm_up=False
    )
    return [
        "",
        "## `--fix` on 100,000 rows",
        "",
        f"`{padded.relative_to(ROOT)}`: the generated 100,000 rows with every twentieth Date written `YYYY-MM` "
        "(5,000 RL301 fixes, one fixer pass and the final lint); the file is copied afresh before each run.",
        "",
        "| command | median | CPU (median) | peak RSS |",
        "|---|---:|---:|---:|",
        f"| readme-lint (lint only) | {checked['median']:.2f} s | {checked['cpu']:.2f} s | {checked['rss']:.0f} MB |",
        f"| readme-lint --fix | {fixed['median']:.2f} s | {fixed['cpu']:.2f} s | {fixed['rss']:.0f} MB |",
        "",
        f"--fix / lint: {fixed['median'] / checked['median']:.2f} wall, {fixed['cpu'] / checked['cpu']:.2f} CPU "
        "(target: under 2).",
    ]


def peers_section(lint: list[str], markdownlint: Path | None, pymarkdown: Path, runs: int) -> list[str]:
    """The largest real list in the corpus, readme-lint against the peers on the same file."""
    path = SHARED / "corpus" / "cv-arxiv-daily" / "README.md"
    if not path.is_file():
        return ["", f"(no {path}: the corpus comparison was skipped)"]
    rows = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("|"))
    lines = ["", "## The largest real list: cv-arxiv-daily", ""]
    lines += [
        f"`../shared/corpus/cv-arxiv-daily/README.md`: {path.stat().st_size / 1e6:.1f} MB, {rows:,} table lines.",
        "",
        "| command | median | peak RSS |",
        "|---|---:|---:|",
    ]
    commands = [("readme-lint", [*lint, str(path)])]
    if markdownlint is not None:
        commands.append(("markdownlint-cli2", [str(markdownlint), str(path)]))
    if pymarkdown.exists():
        commands.append(("pymarkdown scan", [str(pymarkdown), "scan", str(path)]))
    for name, command in commands:
        result = measure(command, runs, limit=PEER_LIMIT)
        lines.append(f"| {name} | {seconds(result)} | {result['rss']:.0f} MB |")
    return lines


def ours_section(python: Path, reference: Path, lint: list[str], runs: int, big_runs: int) -> list[str]:
    """readme-lint alone at every size the targets name, each beside its floor, the runs alternating: the
    import floor for the reference README, ``bench/floor.py`` (read, split rows and cells, pull links, parse
    dates) for the generated rows and cv-arxiv-daily, the lint of the same file for ``--fix``."""
    floor = [str(python), str(BENCH / "floor.py")]
    corpus = SHARED / "corpus" / "cv-arxiv-daily" / "README.md"
    pairs: list[tuple[str, list[tuple[str, list[str]]], int]] = [
        (
            "reference README",
            [("import floor", [str(python), "-c", "import click, mistune"]), ("readme-lint", [*lint, str(reference)])],
            runs,
        ),
    ]
    for size in (10_000, 100_000):
        path = generate(size)
        pairs.append(
            (f"{size:,} rows", [("floor.py", [*floor, str(path)]), ("readme-lint", [*lint, str(path)])], big_runs)
        )
    pairs.append(("cv-arxiv-daily", [("floor.py", [*floor, str(corpus)]), ("readme-lint", [*lint, str(corpus)])], runs))
    lines = [
        "| input | command | median | min | CPU (median) | peak RSS | × floor (wall) | × floor (CPU) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, commands, count in pairs:
        results = measure_side_by_side([command for _, command in commands], count)
        for (label, _), result in zip(commands, results):
            lines.append(
                f"| {name} | {label} | {result['median']:.3f} s | {result['min']:.3f} s | {result['cpu']:.3f} s | "
                f"{result['rss']:.0f} MB | {result['median'] / results[0]['median']:.2f}× | "
                f"{result['cpu'] / results[0]['cpu']:.2f}× |"
            )
    # Made only now: reading 100,000 rows grows this process, and a forked child's peak RSS starts from its size.
    padded, scratch = defective(100_000), WORK / "fix-scratch.md"
    checked = measure([*lint, str(padded)], big_runs, warm_up=False)
    fixed = measure(
        [*lint, "--fix", str(scratch)], big_runs, prepare=lambda: shutil.copyfile(padded, scratch), warm_up=False
    )
    for label, result in (("readme-lint", checked), ("readme-lint --fix", fixed)):
        lines.append(
            f"| 100,000 rows, every 20th date `YYYY-MM` | {label} | {result['median']:.3f} s | {result['min']:.3f} s | "
            f"{result['cpu']:.3f} s | {result['rss']:.0f} MB | {result['median'] / checked['median']:.2f}× | "
            f"{result['cpu'] / checked['cpu']:.2f}× |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs, no 100,000-row file")
    parser.add_argument("--runs", type=int, default=0)
    parser.add_argument("--big-runs", type=int, default=3, help="runs on the 100,000-row files (default 3)")
    parser.add_argument("--output", type=Path, default=None, help="default: docs/benchmarks.md (--startup: none)")
    parser.add_argument("--startup", action="store_true", help="only the start-up table, printed (peers left out)")
    parser.add_argument("--ours", action="store_true", help="only readme-lint against the floors, printed (no peers)")
    parser.add_argument("--baseline", metavar="REV", help="also time start-up at this git revision, side by side")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 9)
    if not shared_present("bench/run.py", [SHARED / "seed" / "README.md", SHARED / "bench" / "gen_large.py"]):
        return 2

    python = setup_python(peers=not (args.startup or args.ours))
    reference = SHARED / "seed" / "README.md"
    baseline = (args.baseline, setup_baseline(args.baseline)) if args.baseline else None
    if args.startup:
        body = "\n".join(startup_section(python, reference, runs, baseline, peers=False)) + "\n"
        if args.output is not None:
            args.output.write_text(body)
        print(body)
        return 0
    lint = [str(VENV / "bin" / "readme-lint"), "--no-config", "-q"]
    if args.ours:
        body = "\n".join(ours_section(python, reference, lint, runs, args.big_runs)) + "\n"
        if args.output is not None:
            args.output.write_text(body)
        print(body)
        return 0
    pymarkdown = VENV / "bin" / "pymarkdown"
    markdownlint = setup_node()

    lines = startup_section(python, reference, runs, baseline)

    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    lines += ["", "## Scaling with generated rows", ""]
    lines += [
        "| rows | file size | readme-lint median | CPU (median) | peak RSS | markdownlint-cli2 | pymarkdown |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    timings, cpu_timings = {}, {}
    for size in sizes:
        path = generate(size)
        big_runs = args.big_runs if size >= 100_000 else runs
        ours = measure([*lint, str(path)], big_runs, warm_up=size < 100_000)
        timings[size] = ours["median"]
        cpu_timings[size] = ours["cpu"]
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
            f"| {size:,} | {path.stat().st_size / 1e6:.1f} MB | {ours['median']:.2f} s | {ours['cpu']:.2f} s | "
            f"{ours['rss']:.0f} MB | {peers[0]} | {peers[1]} |"
        )
    if 10_000 in timings and 100_000 in timings:
        lines += [
            "",
            f"10k → 100k time ratio: {timings[100_000] / timings[10_000]:.1f} wall, "
            f"{cpu_timings[100_000] / cpu_timings[10_000]:.1f} CPU (linear is 10).",
        ]
    if not args.quick:
        lines += fix_section(lint, args.big_runs)
    lines += peers_section(lint, markdownlint, pymarkdown, max(1, runs // 3))

    markdownlint_version = version([str(markdownlint), "--help"]) if markdownlint else ""
    click_version = version([str(python), "-c", "import importlib.metadata as m; print(m.version('click'))"])
    mistune_version = version([str(python), "-c", "import mistune; print(mistune.__version__)"])
    ours = version([str(VENV / "bin" / "readme-lint"), "--version"])
    peers = f", {markdownlint_version}" if markdownlint else ""
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
    (args.output or ROOT / "docs" / "benchmarks.md").write_text(body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
