"""RL404 ``intro-orphan``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.rules._intro import INTRO_LABEL, intro_workspace
from readme_lint.rules.base import Rule, RuleContext
from readme_lint.workspace import section_folder

if TYPE_CHECKING:
    from readme_lint.document import Document


class IntroOrphan(Rule):
    """An intro folder under a section folder is linked from no row.

    **Why:** an orphaned intro is either a paper that was dropped from the list (delete the folder) or a
    row that lost its link (see RL403). Reported at the section heading, as a warning.

    **Fix:** none.
    """

    code = "RL404"
    name = "intro-orphan"
    severity = Severity.WARNING
    needs_workspace = True
    options = {"label": INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        workspace = intro_workspace(doc, ctx)
        if workspace.root is None:
            return
        linked = set()
        for _link, local in workspace.local_links(doc.links()):
            if local.branch is None:
                is_readme = posixpath.basename(local.path).lower() == "readme.md"
                linked.add(posixpath.dirname(local.path) if is_readme else local.path)
        for section in doc.sections:
            folder = section_folder(ctx.config, section)
            if folder is None or not section.tables or section.heading is None:
                continue
            for child in workspace.intro_folders(folder):
                if child not in linked:
                    yield self.report_heading(
                        doc,
                        section.heading,
                        f"Intro folder {child}/ is not linked from any row of this section",
                    )


RULES: tuple[type[Rule], ...] = (IntroOrphan,)
