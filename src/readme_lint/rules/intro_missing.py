"""RL402 ``intro-missing``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.rules._intro import intro_workspace
from readme_lint.rules._links import web_address_without_scheme
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class IntroMissing(Rule):
    """A link into this repository points at a file or folder that does not exist in the working tree.

    **Why:** a renamed intro folder or a typo in a relative path gives readers a 404; checking the
    working tree catches it offline, before merge, including intro files added by the same pull request.

    **Example:** `[[intro](https://github.com/OWNER/REPO/blob/main/more/hydralora--.../README.md)]` when
    the folder is `attention-mechanism/hydralora--...`; `![fig](img/missing.png)`.

    A GitHub link to another branch (`/blob/dev/...`) is checked against that branch when it exists
    locally, and not judged otherwise. Links that lead outside the repository (`../../issues`, a symlink
    out of it) are not judged either; without git nothing is. A web address without its scheme
    (`example.org/paper`) is left to RL203, which reports that slip once.

    **Fix:** none here (RL401 rewrites intro links that break the naming convention).
    """

    code = "RL402"
    name = "intro-missing"
    needs_workspace = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        workspace = intro_workspace(doc, ctx)
        for link, local in workspace.local_links(doc.links()):
            if workspace.exists(local) is not False:
                continue
            if web_address_without_scheme(link.target):
                continue  # `example.org/x`: a missing scheme, which RL203 reports, not a missing file
            where = "the working tree" if local.branch is None else f"branch {local.branch!r}"
            yield self.report_link(doc, link, f"Link target {local.path or '.'} does not exist in {where}")


RULES: tuple[type[Rule], ...] = (IntroMissing,)
