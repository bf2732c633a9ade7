"""Intro paths (RL4xx): the intro link convention, and links into the repository checked offline.

An intro link is ``https://github.com/OWNER/REPO/blob/BRANCH/<section-folder>/<title-slug>/README.md``.
OWNER/REPO comes from the config, else the repository the file's own links point at (never a fork's
``origin``); BRANCH likewise (default ``main``). The section folder is the section heading slugged (or the
section's ``folder`` override), the title slug the bold Title slugged: lowercase, every character other than
a-z, 0-9 and '.' replaced by '-'. That rule holds for all 477 intro links across the reference repository's
history. Files are looked up in the working tree of the linted file's repository, so a pull request's new
intro folders count before they exist on GitHub -- through the workspace view (``readme_lint.workspace``),
gathered once before the rules run and bounded by the repository root. Without git these rules stay quiet
about files.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.listmodel import Paper
from readme_lint.papers import slugify
from readme_lint.rules.base import Option, Rule, RuleContext, replace_link_target
from readme_lint.workspace import GITHUB_URL, Workspace, gather, section_folder

if TYPE_CHECKING:
    from readme_lint.document import Document

__all__ = ["GITHUB_URL", "RULES"]

_INTRO_LABEL = Option("intro", "label of the intro link")


def _workspace(doc: Document, ctx: RuleContext) -> Workspace:
    """The run's workspace (the linter gathers it before the rules run; built here only for bare contexts)."""
    return ctx.workspace if ctx.workspace is not None else gather(doc, ctx.config, ctx.file_path, root=ctx.root)


def _expected(paper: Paper, workspace: Workspace, ctx: RuleContext) -> str | None:
    folder, title = section_folder(ctx.config, paper.section), paper.title
    identity = workspace.identity
    if folder is None or not title or identity.slug is None:
        return None
    return f"https://github.com/{identity.slug}/blob/{identity.branch}/{folder}/{slugify(title)}/README.md"


def _exists(workspace: Workspace, url: str) -> bool | None:
    """True/False when the working tree can tell, None when it cannot."""
    local = workspace.local_target(url)
    return None if local is None else workspace.exists(local)


def _same_repository(before: str, after: str) -> bool:
    """Whether two GitHub URLs name the same OWNER/REPO (a fix that changes it is never safe)."""
    old, new = GITHUB_URL.match(before), GITHUB_URL.match(after)
    return bool(old and new and old.group(1, 2) == new.group(1, 2))


class IntroPath(Rule):
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
    needs_workspace = True
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        label = ctx.options["label"]
        workspace = _workspace(doc, ctx)
        for paper in ctx.model.papers:
            link = paper.link(label)
            if link is None or link.target_col is None:
                continue
            expected = _expected(paper, workspace, ctx)
            if expected is None or link.target == expected:
                continue
            exists = _exists(workspace, expected)
            safe = exists is True and _same_repository(link.target, expected)
            fix = replace_link_target(link, expected, Applicability.safe_if(safe))
            note = "" if exists is not False else " (that file does not exist yet)"
            yield self.report_link(doc, link, f"Intro link should be {expected}{note}", fix)


class IntroMissing(Rule):
    """A link into this repository points at a file or folder that does not exist in the working tree.

    **Why:** a renamed intro folder or a typo in a relative path gives readers a 404; checking the
    working tree catches it offline, before merge, including intro files added by the same pull request.

    **Example:** `[[intro](https://github.com/OWNER/REPO/blob/main/more/hydralora--.../README.md)]` when
    the folder is `attention-mechanism/hydralora--...`; `![fig](img/missing.png)`.

    A GitHub link to another branch (`/blob/dev/...`) is checked against that branch when it exists
    locally, and not judged otherwise. Links that lead outside the repository (`../../issues`, a symlink
    out of it) are not judged either; without git nothing is.

    **Fix:** none here (RL401 rewrites intro links that break the naming convention).
    """

    code = "RL402"
    name = "intro-missing"
    needs_workspace = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        workspace = _workspace(doc, ctx)
        for link in doc.links():
            local = workspace.local_target(link.target) if link.target_col is not None else None
            if local is None or workspace.exists(local) is not False:
                continue
            where = "the working tree" if local.branch is None else f"branch {local.branch!r}"
            yield self.report_link(doc, link, f"Link target {local.path or '.'} does not exist in {where}")


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
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        label = ctx.options["label"]
        workspace = _workspace(doc, ctx)
        for paper in ctx.model.papers:
            cell = paper.paper_cell
            if cell is None or not cell.text or paper.link(label) is not None:
                continue
            expected = _expected(paper, workspace, ctx)
            if expected is None or _exists(workspace, expected) is not True:
                continue
            fix = Fix((Edit.insert(cell.line, cell.text_end_col, f" [[{label}]({expected})]"),))
            yield self.report_cell(doc, cell, f"Intro file exists but the row does not link it: {expected}", fix)


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
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        workspace = _workspace(doc, ctx)
        if workspace.root is None:
            return
        linked = set()
        for link in doc.links():
            local = workspace.local_target(link.target) if link.target_col is not None else None
            if local is not None and local.branch is None:
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
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        from readme_lint.document import Document

        label = ctx.options["label"]
        workspace = _workspace(doc, ctx)
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


RULES: tuple[type[Rule], ...] = (IntroPath, IntroMissing, IntroUnlinked, IntroOrphan, IntroContent)
