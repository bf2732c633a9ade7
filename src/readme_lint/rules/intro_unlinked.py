"""RL403 ``intro-unlinked``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.rules._intro import INTRO_LABEL, IntroRowRule, intro_exists, intro_url
from readme_lint.rules.base import Rule, TableVisit

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


class IntroUnlinked(IntroRowRule):
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
    options = {"label": INTRO_LABEL}

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        cell = paper.paper_cell if paper is not None else None
        label = visit.options["label"]
        if paper is None or cell is None or not cell.text or paper.link(label) is not None:
            return ()
        expected = intro_url(self._folder_url, paper.title)
        if expected is None or intro_exists(self._workspace, expected) is not True:
            return ()
        fix = Fix((Edit.insert(cell.line, cell.text_end_col, f" [[{label}]({expected})]"),))
        return (self.report_cell(visit.doc, cell, f"Intro file exists but the row does not link it: {expected}", fix),)


RULES: tuple[type[Rule], ...] = (IntroUnlinked,)
