"""How a selector names a rule -- the one matching function behind select, ignore, sections and suppressions.

A selector is a code prefix (``RL``, ``RL4``, ``RL401``, any case), a rule's kebab-case name, or ``ALL`` (every
rule, as in ruff; the least specific selector, and the one besides an exact one that enables rules that are off
by default). Where several
selectors could decide for a rule, the most specific wins (like ruff): a name or full code beats a prefix, a
longer prefix a shorter one.
"""

from __future__ import annotations

NAME_SPECIFICITY = 100
ALL_SPECIFICITY = 1


def is_all(selector: str) -> bool:
    return selector.strip().upper() == "ALL"


def specificity(selector: str, code: str, name: str) -> int:
    """How precisely ``selector`` names the rule ``code``/``name``: 0 when it does not name it at all."""
    wanted = selector.strip()
    if not wanted:
        return 0
    if wanted.lower() == name:
        return NAME_SPECIFICITY
    if is_all(wanted):
        return ALL_SPECIFICITY
    if code.startswith(wanted.upper()):
        return len(wanted)
    return 0


def names_exactly(selector: str, code: str, name: str) -> bool:
    """Whether the selector is the rule's full code or its name (what rules off by default need)."""
    return specificity(selector, code, name) >= len(code)
