#!/usr/bin/env python3
"""Small hostile inputs (issue 17 items 4 and 5): time and peak memory of one offline lint per shape.

    python bench/hostile.py                  # every shape at full size, one process each
    python bench/hostile.py --scale 0.1      # each shape at a tenth of its size
    python bench/hostile.py --only a,d       # some shapes
    python bench/hostile.py --timeout 60     # stop a shape after 60 s (reported as "over 60 s")
    python bench/hostile.py --src ../old/src # another checkout's sources (the "before" numbers)

Each shape is a few kilobytes to a few megabytes that a pull request could commit; before the fixes some took
minutes or gigabytes. A shape runs as ``python -m readme_lint --no-config FILE`` in its own process with this
checkout's ``src`` on the path; wall time, CPU time (user + system) and peak RSS come from ``os.wait4``.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _paragraph(scale: float) -> str:
    return "# T\n\n" + "](" * int(10_000 * scale) + "\n"


def _cell(scale: float) -> str:
    return "# T\n\n| A | B |\n|---|---|\n| " + "](" * int(20_000 * scale) + " | b |\n"


def _open_links(scale: float) -> str:
    return "# T\n\n" + "[a](" * int(10_000 * scale) + "\n"


def _html_anchors(scale: float) -> str:
    return "# T\n\n" + "<a" * int(40_000 * scale) + "=\n\n[x](#t)\n"  # '=': the line may hold an id=


def _near_miss_anchors(scale: float) -> str:
    count = int(1_000 * scale)
    headings = "".join(f"## Section heading number {n:05d}\n\ntext\n\n" for n in range(count))
    links = "".join(f"- [s](#section-heading-number-{n:05d}x)\n" for n in range(count))
    return "# T\n\n" + links + "\n" + headings


def _wide_row(scale: float) -> str:
    return "# T\n\n| A | B | C |\n|---|---|---|\n" + "|a" * int(800_000 * scale) + "|\n"


def _wide_table(scale: float) -> str:
    columns = int(300_000 * scale)
    return "# T\n\n" + "|a" * columns + "|\n" + "|-" * columns + "|\n" + "|a" * columns + "|\n"


def _grid(scale: float) -> str:
    rows, columns = int(2_000 * scale), int(2_700 * scale)
    row = "|a" * columns + "|\n"
    return "# T\n\n" + row + "|-" * columns + "|\n" + row * rows


SHAPES: dict[str, tuple[str, Callable[[float], str]]] = {
    "a": ("20 KB paragraph of `](`", _paragraph),
    "b": ("table cell of 40 KB of `](`", _cell),
    "c": ("`[a](` x 10,000", _open_links),
    "d": ("80 KB line of `<a` x 40,000 and `=`, a `#t` link", _html_anchors),
    "e": ("1,000 similar headings, 1,000 near-miss `#anchor` links", _near_miss_anchors),
    "f": ("one row of 800,000 `|a|` cells", _wide_row),
    "g": ("300,000 columns (header, delimiter, one row)", _wide_table),
    "h": ("2,000 x 2,700 grid", _grid),
}


def run_one(path: Path, timeout: float, src: Path) -> tuple[float, float, int, bool, int]:
    """Wall seconds, CPU seconds, peak RSS in bytes, whether it was stopped, exit status."""
    env = dict(os.environ, PYTHONPATH=str(src))
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "readme_lint", "--no-config", "-q", str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            process.send_signal(signal.SIGKILL)
            stopped = True
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, stopped, process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of each shape against the full size")
    parser.add_argument("--only", default="", help="comma-separated shape letters (default: all)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a shape is stopped")
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the readme_lint sources to run (an old checkout's src)"
    )
    args = parser.parse_args(argv)
    wanted = [letter for letter in args.only.split(",") if letter] or list(SHAPES)
    unknown = [letter for letter in wanted if letter not in SHAPES]
    if unknown:
        print(f"bench/hostile.py: unknown shape {', '.join(unknown)} (known: {', '.join(SHAPES)})", file=sys.stderr)
        return 2
    print("| shape | input | wall | CPU | peak RSS | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for letter in wanted:
            title, build = SHAPES[letter]
            path = Path(folder) / f"{letter}.md"
            path.write_text(build(args.scale), encoding="utf-8")
            size = path.stat().st_size
            wall, cpu, rss, stopped, code = run_one(path, args.timeout, args.src)
            shown = f"over {args.timeout:.0f} s (stopped)" if stopped else f"{wall:.2f} s"
            print(
                f"| ({letter}) {title} | {size / 1e3:,.0f} KB | {shown} | {cpu:.2f} s | {rss / 2**20:.0f} MB |"
                f" {'-' if stopped else code} |",
                flush=True,
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
