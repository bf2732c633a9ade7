"""Rule documentation as markdown and plain text, from the rule docstrings: docs/rules.md and SARIF ``help``.

``python -m readme_lint.ruledocs > docs/rules.md`` regenerates the page; tests/test_docs.py fails when it is
out of date. Each rule is one ``## CODE name`` section, so ``rule_url`` can point at GitHub's anchor for it
(``#rl101-column-count``): SARIF's ``helpUri`` and the code-scanning page link there.
"""

from __future__ import annotations

from readme_lint.patterns import lazy_compile
from readme_lint.rules import Rule, all_rules

PROJECT_URL = "https://github.com/readme-lint/readme-lint"
RULES_PAGE_URL = f"{PROJECT_URL}/blob/main/docs/rules.md"
_LINK = lazy_compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def anchor(rule: type[Rule]) -> str:
    """GitHub's anchor for the heading ``CODE name``: lowercase, the space becomes a hyphen."""
    return f"{rule.code.lower()}-{rule.name}"


def rule_url(rule: type[Rule]) -> str:
    return f"{RULES_PAGE_URL}#{anchor(rule)}"


def _facts(rule: type[Rule]) -> str:
    enabled = "yes" if rule.enabled_by_default else "no (select it by code or name)"
    online = " Online: runs only with `--check-links`." if rule.online else ""
    fix = rule.fix_declaration()
    return f"Default severity: {rule.severity.value}. Enabled by default: {enabled}. Fix: {fix}.{online}"


def rule_markdown(rule: type[Rule]) -> str:
    """The rule's doc as markdown, without a heading (SARIF ``help.markdown``; a docs/rules.md section body)."""
    parts = [_facts(rule), rule.doc()]
    if rule.options:
        lines = [f"Options (`[rules.{rule.code}]` in the config):", ""]
        lines += [f"- `{name}` (default: `{option.default!r}`): {option.help}" for name, option in rule.options.items()]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def plain_text(markdown: str) -> str:
    """Markdown emphasis and links reduced to plain text (SARIF ``text`` fields are not markdown).

    Backticks stay: in plain text they still mark what is literal, as ruff's and git's messages use them.
    """
    text = _LINK.sub(lambda match: f"{match.group(1)} ({match.group(2)})", markdown)
    return text.replace("**", "")


def rule_text(rule: type[Rule]) -> str:
    return plain_text(rule_markdown(rule))


def rules_page() -> str:
    """The whole of docs/rules.md."""
    rules = all_rules()
    lines = [
        "# Rules",
        "",
        "<!-- Generated from the rule docstrings by `python -m readme_lint.ruledocs > docs/rules.md`;",
        "     tests/test_docs.py fails when it is out of date. Edit the docstrings, not this file. -->",
        "",
        f"readme-lint has {len(rules)} rules. `readme-lint rule CODE` prints the same doc in a terminal;",
        "select and ignore them by code, code prefix (`RL4`) or name (see the README's Configuration).",
        "",
    ]
    lines += [f"- [{rule.code} `{rule.name}`](#{anchor(rule)}): {rule.summary()}" for rule in rules]
    for rule in rules:
        lines += ["", f"## {rule.code} {rule.name}", "", rule_markdown(rule)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_page())
