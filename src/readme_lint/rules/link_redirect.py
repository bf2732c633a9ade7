"""RL211 ``link-redirect``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability, Severity
from readme_lint.rules._online import OnlineRule
from readme_lint.rules.base import Rule, RuleContext, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document


class LinkRedirect(OnlineRule):
    """A link answers with a permanent redirect (301/308) to another address.

    **Why:** moved pages move again, and the old address may be given to something else.

    **Fix:** unsafe: the link is rewritten to the final address (check that it is the same document). The
    address comes from the server, so it is written only when it is a clean http(s) URL (characters that could
    split a table row or start markdown, such as `|`, `(` and `)`, percent-encoded); otherwise no fix. A
    redirect known from the link cache is asked again when unsafe fixes are on: a fix is never written from a
    cached answer.
    """

    code = "RL211"
    name = "link-redirect"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES  # never when the server's address is not a clean URL
    fix_applicability = (Applicability.UNSAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        from readme_lint.urls import clean_url

        for link, result in self._verdicts(doc, ctx, "redirect"):
            final = clean_url(result.final_url)  # a server's Location: only a clean http(s) URL is written
            if final is None:
                yield self.report_link(doc, link, "Link moved permanently to an address that is not a clean URL")
                continue
            # a verdict from the cache never drives a fix: only an answer of this run does
            fix = None if result.cached else replace_link_target(link, final, Applicability.UNSAFE)
            yield self.report_link(doc, link, f"Link moved permanently to {final}", fix)


RULES: tuple[type[Rule], ...] = (LinkRedirect,)
