#!/usr/bin/env python3
"""Where a lint of one file spends its time: reading, parsing, the list model, each rule, the decision step.

CPU seconds of this process (``time.process_time``: on a shared machine, wall time mostly measures the other
processes), in-process, the cyclic collector off as in the CLI, the default rule selection as with ``--no-config``:

    python bench/profile.py bench/.work/rows-100000.md
    python bench/profile.py --cprofile bench/.work/rows-100000.md   # and the 25 costliest functions (own time)
    python bench/profile.py --cumulative bench/.work/rows-100000.md # and the 40 costliest by cumulative time

The stages are those of ``Linter.lint``: the list model, the working-tree facts (gathered once, as the linter
does, only when a selected rule reads them), the row rules together in their one loop over the rows, each
whole-list rule, the decision step.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    profiler = None
    sort = "tottime"
    if argv and argv[0] in ("--cprofile", "--cumulative"):
        sort = "tottime" if argv[0] == "--cprofile" else "cumulative"
        sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).parent]
        import cProfile  # after dropping bench/ from the path: this file would shadow the stdlib ``profile``

        profiler = cProfile.Profile()
        argv = argv[1:]
    gc.disable()  # as readme_lint.cli.main does (with the collector on, a 100,000-row heap makes stages superlinear)
    start = time.process_time()
    from readme_lint.config import ConfigLoader
    from readme_lint.document import Document
    from readme_lint.linter import Linter, enabled_rules
    from readme_lint.listmodel import build_list_model
    from readme_lint.rules.base import RowRule
    from readme_lint.source import read_source

    imported = time.process_time()
    if profiler is not None:
        profiler.enable()
    path = Path(argv[0])
    source = read_source(path)
    read = time.process_time()
    doc = Document.parse(source)
    parsed = time.process_time()
    config = ConfigLoader(use_files=False).for_file(path)  # as --no-config: the repository root, no file
    linter = Linter(config, enabled_rules(config), file_path=path)
    model = build_list_model(doc, config)
    modelled = time.process_time()
    workspace = linter.workspace(doc)
    gathered = time.process_time()
    cache: dict[Any, Any] = {}  # one lint run's per_run values, shared by its rules
    timings = {}
    found = []
    row_rules = [rule for rule in linter.rules if issubclass(rule, RowRule)]
    begin = time.process_time()  # the row rules together, in the linter's one loop over the rows
    for part in linter.run_rules(doc, row_rules, cache, model, workspace=workspace).values():
        found.extend(part)
    timings[f"row rules ({len(row_rules)}, one pass)"] = time.process_time() - begin
    for rule in linter.rules:
        if rule in row_rules:
            continue
        begin = time.process_time()
        found.extend(rule().check(doc, linter.context(rule, cache, model, workspace=workspace)))
        timings[rule.code] = time.process_time() - begin
    ruled = time.process_time()
    linter.decider.decide(doc, found)
    done = time.process_time()
    if profiler is not None:
        profiler.disable()
    print(
        f"import {imported - start:.3f} s, read {read - imported:.3f} s, parse {parsed - read:.3f} s, "
        f"model {modelled - parsed:.3f} s, workspace {gathered - modelled:.3f} s, rules {ruled - gathered:.3f} s, "
        f"decide {done - ruled:.3f} s, "
        f"total {done - imported:.3f} s"
    )
    for code, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        if seconds >= 0.01:
            print(f"  {code} {seconds:.3f} s")
    if profiler is not None:
        import pstats

        pstats.Stats(profiler).sort_stats(sort).print_stats(25 if sort == "tottime" else 40)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
