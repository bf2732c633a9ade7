"""Online rules (RL21x), run only with ``--check-links``: dead links, moved links, wrong arXiv IDs.

Which URLs to ask about is decided here (:func:`link_targets`), from the parsed document: every http(s) link
GitHub renders (``Document.rendered_links``: markdown links and images, autolinks, bare URLs, raw-HTML
``<a href>`` and ``<img src>``, the definitions of the reference links used), as GitHub resolves it
(``a\\_b`` is ``a_b``, ``&amp;`` is ``&``), except links into this repository (checked offline against
the working tree by RL402) and arXiv links, whose IDs are verified through the arXiv API. A finding stands
where the URL is written -- for a reference link, at its definition -- and a fix rewrites it there. The linter
gathers the verdicts on them before any rule runs (the link service in ``readme_lint.links``) and passes the
report as ``ctx.links``: the rules only read it.

The helpers ``arxiv-mismatch``, ``link-broken``, ``link-redirect``, ``link-unverifiable`` share.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from readme_lint.document import link_address
from readme_lint.listmodel import arxiv_id, is_arxiv_url
from readme_lint.memo import per_run
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.markdown import Link


class LinkTargets(NamedTuple):
    """What the online checks ask about: (link, URL) pairs and arXiv IDs, in document order."""

    pairs: list[tuple[Link, str]]
    identifiers: list[str]


@per_run
def link_targets(doc: Document, ctx: RuleContext) -> LinkTargets:
    """The URLs and arXiv IDs of ``doc`` to verify online; pure (the linter fetches them before rules run).
    Each URL is the address GitHub links to (``document.link_address``), never the destination as written."""
    from readme_lint.workspace import gather

    workspace = ctx.workspace if ctx.workspace is not None else gather(doc, ctx.config, ctx.file_path, root=ctx.root)
    pairs: list[tuple[Link, str]] = []
    identifiers: list[str] = []
    changed = ctx.changed_lines
    for link in doc.rendered_links():
        if changed is not None and link.line not in changed:
            continue  # --diff-base: links on unchanged lines are not fetched at all
        if link.target_col is None:
            continue  # a reference link: its definition, where the URL is written, stands in the list
        target = link_address(link).strip()
        if not target.lower().startswith(("http://", "https://")):
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


class OnlineRule(Rule):
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
