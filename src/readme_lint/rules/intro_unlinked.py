"""RL403 ``intro-unlinked``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.rules._intro import INTRO_LABEL, expected_intro, intro_exists, intro_workspace
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class IntroUnlinked(Rule):
    """A row has no intro link although its conventional intro file exists.

    **Why:** the intro was written but never linked (or the link was lost in a merge); readers never find
    it.

    **Example:** `attention-mechanism/mistral-7b/README.md` exists, but the Mistral row's Paper cell is only
    `[[pdf](https://arxiv.org/abs/2310.06825)]`.

    **Fix:** safe: ` [[intro](URL)]` is appended to the Paper cell, URL by the convention.
    """

    code = "RL403"
    name = "intro-unlinked"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE,)
    needs_workspace = True
    options = {"label": INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        label = ctx.options["label"]
        workspace = intro_workspace(doc, ctx)
        for paper in ctx.model.papers:
            cell = paper.paper_cell
            if cell is None or not cell.text or paper.link(label) is not None:
                continue
            expected = expected_intro(paper, workspace, ctx)
            if expected is None or intro_exists(workspace, expected) is not True:
                continue
            fix = Fix((Edit.insert(cell.line, cell.text_end_col, f" [[{label}]({expected})]"),))
            yield self.report_cell(doc, cell, f"Intro file exists but the row does not link it: {expected}", fix)


RULES: tuple[type[Rule], ...] = (IntroUnlinked,)
