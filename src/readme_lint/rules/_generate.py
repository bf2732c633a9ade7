"""Writes ``rules/_index.py``, the catalog a run reads instead of importing every rule module.

    python -m readme_lint.rules._generate > src/readme_lint/rules/_index.py

Run it after adding a rule module or changing a rule's code, name, ``enabled_by_default`` or ``online``;
tests/test_imports.py fails while the index is out of date. It imports every rule module (found by file, as
a new one is) and reads the classes themselves, so the index cannot disagree with them.
"""

from __future__ import annotations

import importlib
import sys

HEADER = '''"""Every rule's code, name, module and default selection, generated from the rule classes; do not edit.

    python -m readme_lint.rules._generate > src/readme_lint/rules/_index.py

A run decides which rules it runs from this catalog and imports only their modules (``readme_lint.rules``);
tests/test_imports.py fails when it disagrees with the rule modules.
"""

from __future__ import annotations


class Entry:
    """One rule as the catalog lists it (a plain class: a NamedTuple costs ~1 M instructions at import)."""

    def __init__(self, code: str, name: str, module: str, enabled_by_default: bool, online: bool) -> None:
        self.code = code
        self.name = name
        self.module = module  # in readme_lint.rules
        self.enabled_by_default = enabled_by_default
        self.online = online


INDEX: tuple[Entry, ...] = (
'''


def index_source() -> str:
    """The text of ``rules/_index.py`` for the rule modules as they are now, sorted by code."""
    from readme_lint.rules import rule_modules

    entries = []
    for module in rule_modules():
        for rule in importlib.import_module(f"readme_lint.rules.{module}").RULES:
            entries.append((rule.code, rule.name, module, rule.enabled_by_default, rule.online))
    lines = [
        f"    Entry({code!r}, {name!r}, {module!r}, {on}, {online}),"
        for code, name, module, on, online in sorted(entries)
    ]
    return HEADER + "\n".join(lines).replace("'", '"') + "\n)\n"


if __name__ == "__main__":
    sys.stdout.write(index_source())
