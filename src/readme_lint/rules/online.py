"""Online rules (RL21x), run only with ``--check-links``: dead links, moved links, wrong arXiv IDs.

Which URLs to ask about is decided here (:func:`link_targets`), from the parsed document: every http(s) link
except links into this repository (checked offline against the working tree by RL402) and arXiv links, whose
IDs are verified through the arXiv API. The linter gathers the verdicts on them before any rule runs (the link
service in ``readme_lint.links``) and passes the report as ``ctx.links``: the rules only read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability, Severity
from readme_lint.memo import per_run
from readme_lint.papers import arxiv_id, is_arxiv_url
from readme_lint.rules.base import Rule, RuleContext, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.markdown import Link


class LinkTargets(NamedTuple):
    """What the online checks ask about: (link, URL) pairs and arXiv IDs, in document order."""

    pairs: list[tuple[Link, str]]
    identifiers: list[str]


@per_run
def link_targets(doc: Document, ctx: RuleContext) -> LinkTargets:
    """The URLs and arXiv IDs of ``doc`` to verify online; pure (the linter fetches them before rules run)."""
    from readme_lint.workspace import gather

    workspace = ctx.workspace if ctx.workspace is not None else gather(doc, ctx.config, ctx.file_path, root=ctx.root)
    pairs: list[tuple[Link, str]] = []
    identifiers: list[str] = []
    changed = ctx.changed_lines
    for link in doc.links():
        if changed is not None and link.line not in changed:
            continue  # --diff-base: links on unchanged lines are not fetched at all
        target = link.target.strip()
        if not target.lower().startswith(("http://", "https://")) or link.target_col is None:
            continue
        if is_arxiv_url(target):
            found = arxiv_id(target)
            if found:
                identifiers.append(found[0])
            continue
        if workspace.local_target(target) is not None:
            continue  # checked offline against the working tree (RL402)
        pairs.append((link, target))
    return LinkTargets(pairs, identifiers)


class _OnlineRule(Rule):
    online = True
    needs_workspace = True

    def _verdicts(self, doc: Document, ctx: RuleContext, kind: str) -> Iterator[tuple[Link, Any]]:
        """(link, verdict) for this document's links whose verdict is ``kind``; ``ctx.links`` is the report."""
        report = ctx.links
        if report is None:
            return
        for link, url in link_targets(doc, ctx).pairs:
            result = report.verdict(url)
            if result is not None and result.kind == kind:
                yield link, result


class LinkBroken(_OnlineRule):
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


class LinkRedirect(_OnlineRule):
    """A link answers with a permanent redirect (301/308) to another address.

    **Why:** moved pages move again, and the old address may be given to something else.

    **Fix:** unsafe: the link is rewritten to the final address (check that it is the same document). The
    address comes from the server, so it is written only when it is a clean http(s) URL (characters that could
    split a table row or start markdown, such as `|`, `(` and `)`, percent-encoded); otherwise no fix.
    """

    code = "RL211"
    name = "link-redirect"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES  # never when the server's address is not a clean URL
    fix_applicability = (Applicability.UNSAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        from readme_lint.links.policy import clean_url

        for link, result in self._verdicts(doc, ctx, "redirect"):
            final = clean_url(result.final_url)  # a server's Location: only a clean http(s) URL is written
            if final is None:
                yield self.report_link(doc, link, "Link moved permanently to an address that is not a clean URL")
                continue
            fix = replace_link_target(link, final, Applicability.UNSAFE)
            yield self.report_link(doc, link, f"Link moved permanently to {final}", fix)


class LinkUnverifiable(_OnlineRule):
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


class ArxivMismatch(_OnlineRule):
    """The row's arXiv ID does not exist, or arXiv's title for it is not the row's Title.

    **Why:** the copy-paste-the-wrong-ID mistake: the link works, but to another paper. IDs are verified in
    batches through the arXiv API; titles are compared ignoring case, punctuation, spacing and LaTeX `$`.

    **Example:** the row says **GQA: Training ...** but `2305.13246` is another paper.

    **Fix:** none; look the paper up.
    """

    code = "RL212"
    name = "arxiv-mismatch"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        from readme_lint.links.arxiv import normalize_title

        report = ctx.links
        if report is None:
            return
        for paper in ctx.model.papers:
            for link in paper.links:
                found = arxiv_id(link.target) if link.target_col is not None else None
                if found is None or found[0] not in report.arxiv:
                    continue
                known = report.arxiv[found[0]]
                if known is None:
                    yield self.report_link(doc, link, f"arXiv has no paper {found[0]}")
                elif paper.title and normalize_title(known.title) != normalize_title(paper.title):
                    yield self.report_link(
                        doc, link, f"arXiv {found[0]} is titled {known.title!r}, the row says {paper.title!r}"
                    )


RULES: tuple[type[Rule], ...] = (LinkBroken, LinkRedirect, ArxivMismatch, LinkUnverifiable)
