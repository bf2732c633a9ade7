"""Online rules (RL21x), run only with ``--check-links``: dead links, moved links, wrong arXiv IDs.

Which URLs to ask about is decided here (:func:`link_targets`), from the parsed document: every http(s) link
except links into this repository (checked offline against the working tree by RL402) and arXiv links, whose
IDs are verified through the arXiv API. The linter gathers the verdicts on them before any rule runs (the link
service in ``readme_lint.links``) and passes the report as ``ctx.links``: the rules only read it.

The helpers ``arxiv-mismatch``, ``link-broken``, ``link-redirect``, ``link-unverifiable`` share.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

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
