"""RL901 ``unknown-suppression``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class UnknownSuppression(Rule):
    """A suppression comment names a code or rule name that matches no rule.

    **Why:** `<!-- readme-lint-disable-line RL14 -->` or `cell-spaceing` suppresses nothing; the finding it
    was meant for still shows, or -- worse -- the typo hides that the comment is stale.

    **Example:** `<!-- readme-lint-disable-next-line date-fromat -->` -> `date-format`.

    **Fix:** none; write a code (`RL301`), a prefix (`RL3`) or a rule name (`readme-lint rules`).
    """

    code = "RL901"
    name = "unknown-suppression"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        if "readme-lint-" not in doc.source.text:
            return
        from readme_lint.rules import selector_known
        from readme_lint.suppress import ALL, directives

        for directive in directives(doc.lines, doc.code_lines):
            for selector in directive.selectors:
                if selector.text != ALL and not selector_known(selector.text):
                    message = f"Suppression comment names no rule: {selector.text!r} (see `readme-lint rules`)"
                    yield self.report(doc, selector.line, selector.col, selector.end_col, message)


RULES: tuple[type[Rule], ...] = (UnknownSuppression,)
