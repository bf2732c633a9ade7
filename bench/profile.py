#!/usr/bin/env python3
"""Where a lint of one file spends its time: reading, parsing, and each rule (in-process, GC tuned as in the CLI).

python bench/profile.py bench/.work/rows-100000.md
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    gc.set_threshold(20_000, *gc.get_threshold()[1:])  # as readme_lint.cli.main does
    start = time.perf_counter()
    from readme_lint.config import Config
    from readme_lint.document import Document
    from readme_lint.linter import Linter, enabled_rules
    from readme_lint.source import read_source

    imported = time.perf_counter()
    source = read_source(Path(argv[0]))
    read = time.perf_counter()
    doc = Document.parse(source)
    parsed = time.perf_counter()
    config = Config()
    linter = Linter(config, enabled_rules(config))
    cache: dict[object, object] = {}  # one lint run's per_run values, shared by its rules
    timings = {}
    for rule in linter.rules:
        begin = time.perf_counter()
        list(rule().check(doc, linter.context(rule, cache)))
        timings[rule.code] = time.perf_counter() - begin
    done = time.perf_counter()
    print(
        f"import {imported - start:.3f} s, read {read - imported:.3f} s, parse {parsed - read:.3f} s, "
        f"rules {done - parsed:.3f} s"
    )
    for code, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        if seconds >= 0.01:
            print(f"  {code} {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
