#!/usr/bin/env python3
"""One stage of a lint, for callgrind: the stage runs inside ``itertools.starmap``, so that
``--toggle-collect=starmap_next`` counts the instructions of that stage alone (repeatable under load).

    valgrind --tool=callgrind --toggle-collect=starmap_next --callgrind-out-file=cg.out \\
        python bench/cg_stages.py bench/.work/rows-2000.md model
    grep totals cg.out

STAGE: ``parse``, ``model``, ``ws`` (working-tree facts), ``rows`` (the row rules in their one loop), a whole-list
rule's code (``RL205``), or ``wholelist`` (every whole-list rule). The collector is off, as in the CLI.
"""

from __future__ import annotations

import gc
import itertools
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from readme_lint.config import ConfigLoader
from readme_lint.document import Document
from readme_lint.linter import Linter, enabled_rules
from readme_lint.listmodel import build_list_model
from readme_lint.rules.base import RowRule
from readme_lint.source import read_source

gc.disable()
Cache = dict[Any, Any]


def stage_of(wanted: str, name: str, work: Callable[[], Any]) -> Any:
    """``work()``, inside ``itertools.starmap`` when it is the wanted stage (only then does callgrind count it)."""
    return next(itertools.starmap(work, [()])) if name == wanted else work()


def main(argv: list[str]) -> int:
    path, wanted = Path(argv[0]), argv[1]
    source = read_source(path)
    doc = stage_of(wanted, "parse", lambda: Document.parse(source))
    config = ConfigLoader(use_files=False).for_file(path)
    linter = Linter(config, enabled_rules(config), file_path=path)
    model = stage_of(wanted, "model", lambda: build_list_model(doc, config))
    doc.links()
    workspace = stage_of(wanted, "ws", lambda: linter.workspace(doc))
    cache: Cache = {}
    row_rules = [rule for rule in linter.rules if issubclass(rule, RowRule)]
    stage_of(wanted, "rows", lambda: linter.run_rules(doc, row_rules, cache, model, workspace=workspace))
    for rule in linter.rules:
        if rule not in row_rules:
            context = linter.context(rule, cache, model, workspace=workspace)
            check = partial(lambda rule, context: list(rule().check(doc, context)), rule, context)
            stage_of(wanted, "wholelist" if wanted == "wholelist" else rule.code, check)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
