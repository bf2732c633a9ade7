"""RL213 ``link-unverifiable``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.rules._online import OnlineRule
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class LinkUnverifiable(OnlineRule):
    """A host refused to answer a link checker (rate limit after the last retry, bot protection).

    **Why:** reported as unverifiable, not as broken: the page may be fine for readers. Not cached, so the
    next run asks again. Also used for links the run's deadline left unchecked. Severity: info.

    **Fix:** none.
    """

    code = "RL213"
    name = "link-unverifiable"
    severity = Severity.INFO

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for kind in ("unverifiable", "unchecked"):
            for link, result in self._verdicts(doc, ctx, kind):
                yield self.report_link(doc, link, f"Link could not be verified: {result.detail or result.status}")


RULES: tuple[type[Rule], ...] = (LinkUnverifiable,)
