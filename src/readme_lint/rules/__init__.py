"""The rule registry: every rule class, in catalog order, found by code, name or prefix.

Rule families live one module each (``table``, ``cells``, ``dates``, ``intro``, ``order``, ``numbers``,
``suppressions``); every rule in them is a small class whose docstring is its published doc (``readme-lint rule CODE``).
"""

from __future__ import annotations

from functools import lru_cache

from readme_lint.rules.base import Option, Rule, RuleContext
from readme_lint.selectors import specificity


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code. Imported on first use so that ``--version`` stays instant."""
    from readme_lint.rules import cells, dates, intro, lost_rows, numbers, online, order, suppressions, table

    found: list[type[Rule]] = []
    for module in (table, lost_rows, cells, online, dates, intro, order, numbers, suppressions):
        found.extend(getattr(module, "RULES", ()))
    return tuple(sorted(found, key=lambda rule: rule.code))


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


__all__ = ["Option", "Rule", "RuleContext", "all_rules", "find_rule", "rules_matching", "selector_known"]
