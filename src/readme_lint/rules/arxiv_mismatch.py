"""RL212 ``arxiv-mismatch``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.listmodel import arxiv_id
from readme_lint.rules._online import OnlineRule
from readme_lint.rules.base import RowRule, Rule, TableVisit

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


class ArxivMismatch(OnlineRule, RowRule):
    """The row's arXiv ID does not exist, or arXiv's title for it is not the row's Title.

    **Why:** the copy-paste-the-wrong-ID mistake: the link works, but to another paper. IDs are verified in
    batches through the arXiv API; titles are compared ignoring case, punctuation, spacing and LaTeX `$`.

    **Example:** the row says **GQA: Training ...** but `2305.13246` is another paper.

    **Fix:** none; look the paper up.
    """

    code = "RL212"
    name = "arxiv-mismatch"

    rows = "papers"

    def begin_table(self, visit: TableVisit) -> bool:
        return visit.ctx.links is not None

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterator[Diagnostic]:
        from readme_lint.papers import normalize_title

        report, doc = visit.ctx.links, visit.doc
        for link in paper.links if paper is not None else ():
            found = arxiv_id(link.target) if link.target_col is not None else None
            if found is None or found[0] not in report.arxiv:
                continue
            known = report.arxiv[found[0]]
            if known is None:
                yield self.report_link(doc, link, f"arXiv has no paper {found[0]}")
            elif paper is not None and paper.title and normalize_title(known.title) != normalize_title(paper.title):
                yield self.report_link(
                    doc, link, f"arXiv {found[0]} is titled {known.title!r}, the row says {paper.title!r}"
                )


RULES: tuple[type[Rule], ...] = (ArxivMismatch,)
