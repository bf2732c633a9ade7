"""The rule registry: every rule class, in catalog order, found by code, name or prefix.

One module per rule, named after the rule (``column_count.py`` holds RL101 ``column-count``, ``toc.py`` RL502): its
rule class, whose docstring is its published doc (``readme-lint rule CODE``), the private helpers only it uses, and a
``RULES`` tuple. Helpers several rules share live in ``_``-prefixed modules (``_links.py``, ``_online.py`` ...); a rule
module never imports another rule module. A new rule module is listed in the generated index ``_index.py``
(``python -m readme_lint.rules._generate > src/readme_lint/rules/_index.py``; a test fails until it is): a run picks
its rules from the index and imports only their modules.
"""

from __future__ import annotations

import importlib
from functools import cache, lru_cache

from readme_lint.rules._index import INDEX, Entry
from readme_lint.rules.base import Option, Rule, RuleContext
from readme_lint.selectors import specificity

_BY_CODE = {entry.code: entry for entry in INDEX}
_BY_NAME = {entry.name: entry for entry in INDEX}


def rule_index() -> tuple[Entry, ...]:
    """Every rule's code, name, module and default selection, sorted by code, without importing a rule module
    (``rules/_index.py``, generated from the rule classes and checked by tests/test_imports.py)."""
    return INDEX


@cache
def load_rule(code: str) -> type[Rule]:
    """The rule class with this exact code, its module imported now: a run imports only the rules it selects."""
    entry = _BY_CODE[code]
    for rule in importlib.import_module(f"{__name__}.{entry.module}").RULES:
        if rule.code == code:
            return rule
    raise LookupError(f"{code} is not in rules/{entry.module}.py: regenerate rules/_index.py")


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code (imports every rule module: for listings, docs and SARIF)."""
    return tuple(load_rule(entry.code) for entry in INDEX)


def rule_modules() -> list[str]:
    """The rule modules' names, found by file: every module of this package but ``base`` and the ``_``-prefixed
    helper modules (what ``rules/_generate.py`` reads to write the index)."""
    import pkgutil

    return sorted(
        info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.ispkg and info.name != "base" and not info.name.startswith("_")
    )


def find_entry(key: str) -> Entry | None:
    """A rule's index entry by exact code (``RL101``, any case) or kebab-case name (``column-count``)."""
    wanted = key.strip()
    return _BY_CODE.get(wanted.upper()) or _BY_NAME.get(wanted.lower())


def find_rule(key: str) -> type[Rule] | None:
    """A rule by exact code (``RL101``, any case) or kebab-case name (``column-count``)."""
    entry = find_entry(key)
    return load_rule(entry.code) if entry is not None else None


def codes_matching(selector: str) -> list[str]:
    """The codes a selector picks, from the index: a code prefix (``RL``, ``RL4``, ``RL401``) or an exact name."""
    return [entry.code for entry in INDEX if specificity(selector, entry.code, entry.name)]


def rules_matching(selector: str) -> list[type[Rule]]:
    """Rules a selector picks: a code prefix (``RL``, ``RL4``, ``RL401``) or an exact name."""
    return [load_rule(code) for code in codes_matching(selector)]


def selector_known(selector: str) -> bool:
    """Whether a select/ignore entry picks at least one rule (a typo in config or on the command line does not)."""
    return any(specificity(selector, entry.code, entry.name) for entry in INDEX)


__all__ = [
    "Entry",
    "Option",
    "Rule",
    "RuleContext",
    "all_rules",
    "codes_matching",
    "find_entry",
    "find_rule",
    "load_rule",
    "rule_index",
    "rule_modules",
    "rules_matching",
    "selector_known",
]
