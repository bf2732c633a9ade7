"""RL401 ``intro-path``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.rules._intro import INTRO_LABEL, IntroRowRule, intro_exists, intro_url
from readme_lint.rules.base import Rule, TableVisit, replace_link_target
from readme_lint.workspace import GITHUB_URL

if TYPE_CHECKING:
    from readme_lint.listmodel import Paper
    from readme_lint.tables import Row


def _same_repository(before: str, after: str) -> bool:
    """Whether two GitHub URLs name the same OWNER/REPO (a fix that changes it is never safe)."""
    old, new = GITHUB_URL.match(before), GITHUB_URL.match(after)
    return bool(old and new and old.group(1, 2) == new.group(1, 2))


class IntroPath(IntroRowRule):
    """The intro link differs from the path convention.

    **Why:** intro folders are named by a fixed rule (section folder / title slug); a link typed by hand
    drifts (`more/` for a paper in Attention Mechanism, old `Attention%20Mechanism/GQA_Training...`
    names) and goes dead when folders are renamed.

    **Example:** `.../blob/main/more/hydralora--.../README.md` in the Attention Mechanism section ->
    `.../blob/main/attention-mechanism/hydralora--.../README.md`.

    **Fix:** rewrites the URL. Safe when the conventional file exists in the working tree and the URL keeps
    its OWNER/REPO; unsafe otherwise (the rewritten link would point at a folder still to be created or
    renamed, or at another repository).
    """

    code = "RL401"
    name = "intro-path"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    options = {"label": INTRO_LABEL}

    def begin_table(self, visit: TableVisit) -> bool:
        self._label = visit.options["label"]
        return super().begin_table(visit)

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        link = paper.link(self._label) if paper is not None else None
        if paper is None or link is None or link.target_col is None:
            return ()
        workspace = self._workspace
        expected = intro_url(self._folder_url, paper.title)
        if expected is None or link.target == expected:
            return ()
        exists = intro_exists(workspace, expected)
        safe = exists is True and _same_repository(link.target, expected)
        fix = replace_link_target(link, expected, Applicability.safe_if(safe))
        note = "" if exists is not False else " (that file does not exist yet)"
        return (self.report_link(visit.doc, link, f"Intro link should be {expected}{note}", fix),)


RULES: tuple[type[Rule], ...] = (IntroPath,)
