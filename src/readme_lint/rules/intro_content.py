"""RL405 ``intro-content``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.rules._intro import INTRO_LABEL, intro_workspace
from readme_lint.rules.base import RowRule, Rule, RuleContext, TableVisit

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.listmodel import Paper
    from readme_lint.markdown import Link
    from readme_lint.tables import Row


class IntroContent(RowRule):
    """The intro README's first `# ` heading is not the row's Title, or it references a missing local file.

    **Why:** the intro is found by its title; a heading left from a template or another paper misleads, and
    an image that was never committed shows as a broken icon.

    **Example:** the row says `**Mistral 7B**`, the intro starts with `# Mistral`; the intro embeds
    `![Figure 1](fig.1.jpg)` but `fig.1.jpg` is not in the folder.

    **Fix:** none. Reported at the row's intro link.
    """

    code = "RL405"
    name = "intro-content"
    needs_workspace = True
    options = {"label": INTRO_LABEL}

    rows = "papers"

    def start(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        self._workspace = intro_workspace(doc, ctx)
        return ()

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        link = paper.link(visit.options["label"]) if paper is not None else None
        workspace = self._workspace
        local = workspace.local_target(link.target) if link and link.target_col is not None else None
        if paper is None or link is None or local is None or local.branch is not None:
            return ()
        text = workspace.read_text(local.path)
        if text is None:
            return ()
        return self._intro(visit.doc, paper, link, local.path, text)

    def _intro(self, doc: Document, paper: Paper, link: Link, path: str, text: str) -> Iterator[Diagnostic]:
        """The findings about one intro README's text (its title, the local files it references)."""
        from readme_lint.document import Document

        workspace = self._workspace
        intro = Document.parse(text, path)
        title = next((h.plain for h in intro.headings if h.level == 1), None)
        if paper.title and " ".join((title or "").split()) != " ".join(paper.title.split()):
            shown = repr(title) if title else "no '# ' heading"
            yield self.report_link(doc, link, f"Intro README starts with {shown}, the row's title is {paper.title!r}")
        folder = posixpath.dirname(path)
        for inner in intro.links():
            target = workspace.local_target(inner.target, base=folder) if inner.target_col is not None else None
            if target is not None and workspace.exists(target) is False:
                yield self.report_link(
                    doc, link, f"Intro README line {inner.line} references {inner.target!r}, which does not exist"
                )


RULES: tuple[type[Rule], ...] = (IntroContent,)
