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

The helpers ``intro-content``, ``intro-missing``, ``intro-orphan``, ``intro-path``, ``intro-unlinked`` share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readme_lint.papers import slugify
from readme_lint.rules.base import Option, RowRule, RuleContext, TableVisit
from readme_lint.workspace import Workspace, gather, section_folder

if TYPE_CHECKING:
    from collections.abc import Iterable

    from readme_lint.diagnostics import Diagnostic
    from readme_lint.document import Document, Section


INTRO_LABEL = Option("intro", "label of the intro link")


def intro_workspace(doc: Document, ctx: RuleContext) -> Workspace:
    """The run's workspace (the linter gathers it before the rules run; built here only for bare contexts)."""
    return ctx.workspace if ctx.workspace is not None else gather(doc, ctx.config, ctx.file_path, root=ctx.root)


class IntroRowRule(RowRule):
    """A row rule that compares paper rows with their table's intro folder (RL401, RL403): the run's working tree
    read once at the start, the folder's URL once per table, and tables without one skipped."""

    needs_workspace = True
    rows = "papers"
    _workspace: Workspace
    _folder_url: str | None

    def start(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        self._workspace = intro_workspace(doc, ctx)
        return ()

    def begin_table(self, visit: TableVisit) -> bool:
        self._folder_url = intro_folder_url(self._workspace, visit.ctx, visit.table.section)
        return self._folder_url is not None  # no folder or no repository: no row has an expected intro link


def intro_folder_url(workspace: Workspace, ctx: RuleContext, section: Section | None) -> str | None:
    """The intro links' common start in ``section`` (``https://github.com/O/R/blob/B/<folder>/``), derived once
    per table by the row rules; None when the section's folder or the repository is unknown."""
    folder, identity = section_folder(ctx.config, section), workspace.identity
    if folder is None or identity.slug is None:
        return None
    return f"https://github.com/{identity.slug}/blob/{identity.branch}/{folder}/"


def intro_url(folder_url: str | None, title: str | None) -> str | None:
    """The intro link of a paper titled ``title`` under ``folder_url`` (None when either is unknown)."""
    if folder_url is None or not title:
        return None
    return f"{folder_url}{_slug(title)}/README.md"


# What ``slugify`` makes of each ASCII byte: itself lowercased when a-z, 0-9 or '.', else '-' (a bytes table:
# ``bytes.translate`` is one C loop, ``str.translate`` with a dict a lookup per character, four times slower).
_ASCII_SLUG = bytes(ord(char if char in "abcdefghijklmnopqrstuvwxyz0123456789." else "-")
                    for char in (chr(code).lower() for code in range(256)))  # fmt: skip


def _slug(title: str) -> str:
    """``slugify(title)``: one table lookup per character for an ASCII title (nearly all), without the pattern;
    other titles take ``slugify`` (lowercasing may change their length)."""
    return title.encode("ascii").translate(_ASCII_SLUG).decode("ascii") if title.isascii() else slugify(title)


def intro_exists(workspace: Workspace, url: str) -> bool | None:
    """True/False when the working tree can tell, None when it cannot."""
    local = workspace.local_target(url)
    return None if local is None else workspace.exists(local)
