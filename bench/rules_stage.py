#!/usr/bin/env python3
"""The rules stage alone, for an instruction count that does not depend on the machine's load.

Runs the lint's stages up to the rules, then ``MODE``: ``none`` (nothing more), ``rows`` (the row rules' one
pass), ``rows2`` (that pass twice: the second finds every Paper value already read), ``rest`` (the whole-list
rules) or ``rules`` (both). The rules stage costs the difference between two modes' counts:

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.none.out python bench/rules_stage.py none FILE
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.rules.out python bench/rules_stage.py rules FILE
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1])
    gc.set_threshold(20_000, *gc.get_threshold()[1:])  # as readme_lint.cli.main does
    from readme_lint.config import ConfigLoader
    from readme_lint.document import Document
    from readme_lint.linter import Linter, enabled_rules
    from readme_lint.listmodel import build_list_model
    from readme_lint.rules.base import RowRule
    from readme_lint.source import read_source

    doc = Document.parse(read_source(path))
    config = ConfigLoader(use_files=False).for_file(path)  # as --no-config
    linter = Linter(config, enabled_rules(config), file_path=path)
    model = build_list_model(doc, config)
    workspace = linter.workspace(doc)
    cache: dict[Any, Any] = {}
    found = []
    row_rules = [rule for rule in linter.rules if issubclass(rule, RowRule)]
    for _ in range({"rows": 1, "rules": 1, "rows2": 2}.get(mode, 0)):
        found = [item for part in linter.run_rules(doc, row_rules, cache, model, workspace=workspace).values()
                 for item in part]  # fmt: skip
    if mode in ("rules", "rest"):
        for rule in linter.rules:
            if rule not in row_rules:
                found.extend(rule().check(doc, linter.context(rule, cache, model, workspace=workspace)))
    print(mode, len(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
