"""RL405 ``intro-content``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.rules._intro import INTRO_LABEL, intro_workspace
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class IntroContent(Rule):
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

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        from readme_lint.document import Document

        label = ctx.options["label"]
        workspace = intro_workspace(doc, ctx)
        for paper in ctx.model.papers:
            link = paper.link(label)
            local = workspace.local_target(link.target) if link and link.target_col is not None else None
            if link is None or local is None or local.branch is not None:
                continue
            text = workspace.read_text(local.path)
            if text is None:
                continue
            intro = Document.parse(text, local.path)
            title = next((h.plain for h in intro.headings if h.level == 1), None)
            if paper.title and " ".join((title or "").split()) != " ".join(paper.title.split()):
                shown = repr(title) if title else "no '# ' heading"
                yield self.report_link(
                    doc, link, f"Intro README starts with {shown}, the row's title is {paper.title!r}"
                )
            folder = posixpath.dirname(local.path)
            for inner in intro.links():
                target = workspace.local_target(inner.target, base=folder) if inner.target_col is not None else None
                if target is not None and workspace.exists(target) is False:
                    yield self.report_link(
                        doc, link, f"Intro README line {inner.line} references {inner.target!r}, which does not exist"
                    )


RULES: tuple[type[Rule], ...] = (IntroContent,)
