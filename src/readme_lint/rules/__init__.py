"""The rule registry: every rule class, in catalog order, found by code, name or prefix.

One module per rule, named after the rule (``column_count.py`` holds RL101 ``column-count``, ``toc.py`` RL502): its
rule class, whose docstring is its published doc (``readme-lint rule CODE``), the private helpers only it uses, and a
``RULES`` tuple. Helpers several rules share live in ``_``-prefixed modules (``_links.py``, ``_online.py`` ...); a rule
module never imports another rule module. A new module in this package is found without registering it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from readme_lint.rules.base import Option, Rule, RuleContext
from readme_lint.selectors import specificity


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code. Imported on first use so that ``--version`` stays instant."""
    found: list[type[Rule]] = []
    for name in rule_modules():
        found.extend(getattr(importlib.import_module(f"{__name__}.{name}"), "RULES", ()))
    return tuple(sorted(found, key=lambda rule: rule.code))


def rule_modules() -> list[str]:
    """The rule modules' names: every module of this package but ``base`` and the ``_``-prefixed helper modules."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.ispkg and info.name != "base" and not info.name.startswith("_")
    )


def find_rule(key: str) -> type[Rule] | None:
    """A rule by exact code (``RL101``, any case) or kebab-case name (``column-count``)."""
    wanted = key.strip()
    for rule in all_rules():
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None


def rules_matching(selector: str) -> list[type[Rule]]:
    """Rules a selector picks: a code prefix (``RL``, ``RL4``, ``RL401``) or an exact name."""
    return [rule for rule in all_rules() if specificity(selector, rule.code, rule.name)]


def selector_known(selector: str) -> bool:
    """Whether a select/ignore entry picks at least one rule (a typo in config or on the command line does not)."""
    return bool(rules_matching(selector))


__all__ = [
    "Option",
    "Rule",
    "RuleContext",
    "all_rules",
    "find_rule",
    "rule_modules",
    "rules_matching",
    "selector_known",
]
