#!/usr/bin/env python3
"""The floor for linting a paper list: the least work any linter of it must do, in plain Python.

    python bench/floor.py bench/.work/rows-100000.md

It reads the file, splits the table rows and their cells, pulls every ``[label](url)`` link and parses every
``YYYY.MM`` / ``YYYY-MM-DD`` date cell -- and judges nothing. readme-lint's time over this script's (issue 21)
is the number to drive down: whatever it spends beyond this is list modelling, rules and reporting. It prints
the counts, so the work cannot be optimized away and a reader can check it saw the whole file.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
DATE = re.compile(r"^(\d{4})[.-](\d{2})(?:[.-](\d{2}))?$")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: bench/floor.py FILE", file=sys.stderr)
        return 2
    text = Path(argv[0]).read_text(encoding="utf-8")
    rows = cells = links = dates = 0
    for line in text.split("\n"):
        if not line.startswith("|"):
            continue
        rows += 1
        for cell in line.strip().strip("|").split("|"):
            cells += 1
            cell = cell.strip().strip("*")  # cv-arxiv-daily bolds its dates
            for _label, _url in LINK.findall(cell):
                links += 1
            match = DATE.match(cell)
            if match is not None:
                year, month = int(match.group(1)), int(match.group(2))
                dates += 1 <= month <= 12 and year > 0
    print(f"{rows} rows, {cells} cells, {links} links, {dates} dates")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
