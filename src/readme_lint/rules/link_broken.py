"""RL210 ``link-broken``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.rules._online import OnlineRule
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class LinkBroken(OnlineRule):
    """A link is dead: after retries, an HTTP status outside the accepted set, a DNS failure, a refused
    connection, a TLS error or a timeout.

    **Why:** dead links are the first thing that rots in a paper list.

    **Example:** `[[pdf](https://example.org/paper.pdf)]` answering 404.

    **Fix:** none; find the paper's new address. Accepted statuses, timeouts and retries are `links` settings.
    """

    code = "RL210"
    name = "link-broken"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for link, result in self._verdicts(doc, ctx, "broken"):
            yield self.report_link(doc, link, f"Link is broken: {result.detail or result.status}")


RULES: tuple[type[Rule], ...] = (LinkBroken,)
