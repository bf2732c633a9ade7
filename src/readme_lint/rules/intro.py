"""Intro paths (RL4xx): the intro link convention, and links into the repository checked offline.

An intro link is ``https://github.com/OWNER/REPO/blob/BRANCH/<section-folder>/<title-slug>/README.md``.
OWNER/REPO comes from the config, else the ``origin`` remote, else the most common value among the file's
own intro links; BRANCH likewise (default ``main``). The section folder is the section heading slugged
(or the section's ``folder`` override), the title slug the bold Title slugged: lowercase, every character
other than a-z, 0-9 and '.' replaced by '-'. That rule holds for all 477 intro links across the reference
repository's history. Files are looked up in the working tree of the linted file's repository, so a pull
request's new intro folders count before they exist on GitHub.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.listmodel import Paper
from readme_lint.memo import per_run
from readme_lint.papers import slugify
from readme_lint.rules.base import Option, Rule, RuleContext, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document, Section

GITHUB_URL = re.compile(r"^https?://(?:www\.)?github\.com/([^/\s]+)/([^/\s]+)/(blob|tree)/([^/\s]+)/([^?#\s]*)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INTRO_LABEL = Option("intro", "label of the intro link")


class Repository(NamedTuple):
    """Where intro links point: owner/name and branch, and the working tree they are checked against."""

    slug: str | None
    branch: str
    root: Path | None
    readme_dir: Path | None
    known: bool = False  # slug from the config or the origin remote, not guessed from the file's links

    def intro_url(self, folder: str, title: str) -> str | None:
        if self.slug is None:
            return None
        return f"https://github.com/{self.slug}/blob/{self.branch}/{folder}/{slugify(title)}/README.md"

    def local_path(self, target: str) -> tuple[Path, str] | None:
        """(file in the working tree, 'blob' or 'tree' or 'relative') for a link into this repository."""
        if self.root is None and self.readme_dir is None:
            return None
        match = GITHUB_URL.match(target)
        if match:
            # Outside a git checkout, or with a repository only guessed from the links, we cannot know that
            # this working tree is that repository's.
            if self.root is None or self.slug is None or not self.known:
                return None
            if f"{match.group(1)}/{match.group(2)}".lower() != self.slug.lower():
                return None
            base = self.root or self.readme_dir
            assert base is not None
            return base / unquote(match.group(5)), match.group(3)
        if not target or target.startswith(("#", "//")) or _SCHEME.match(target):
            return None
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            return None
        if path.startswith("/"):
            base = self.root or self.readme_dir
            assert base is not None
            return base / path.lstrip("/"), "relative"
        assert self.readme_dir is not None or self.root is not None
        return (self.readme_dir or self.root) / path, "relative"  # type: ignore[operator]


@per_run
def repository(doc: Document, ctx: RuleContext, label: str = "intro") -> Repository:
    """The repository intro links should point at (computed once per lint run and label)."""
    owners: Counter[str] = Counter()
    branches: Counter[str] = Counter()
    for paper in ctx.model.papers:
        link = paper.link(label)
        match = GITHUB_URL.match(link.target) if link else None
        if match:
            owners[f"{match.group(1)}/{match.group(2)}"] += 1
            branches[match.group(4)] += 1
    slug = ctx.config.repository or (owners.most_common(1)[0][0] if owners else None)
    branch = ctx.config.branch or (branches.most_common(1)[0][0] if branches else "main")
    readme_dir = ctx.file_path.parent if ctx.file_path else None
    root = ctx.root if ctx.file_path else None
    return Repository(slug, branch, root, readme_dir, ctx.config.repository is not None)


def section_folder(ctx: RuleContext, section: Section | None) -> str | None:
    if section is None or section.heading is None:
        return None
    override = ctx.config.section(section.title)
    return override.folder if override and override.folder else slugify(section.title)


def _expected(paper: Paper, repo: Repository, ctx: RuleContext) -> str | None:
    folder, title = section_folder(ctx, paper.section), paper.title
    if folder is None or not title:
        return None
    return repo.intro_url(folder, title)


def _exists_locally(repo: Repository, url: str) -> bool | None:
    """True/False when the working tree can tell, None when there is no working tree to look in."""
    local = repo.local_path(url)
    return None if local is None else local[0].is_file()


class IntroPath(Rule):
    """The intro link differs from the path convention.

    **Why:** intro folders are named by a fixed rule (section folder / title slug); a link typed by hand
    drifts (`more/` for a paper in Attention Mechanism, old `Attention%20Mechanism/GQA_Training...`
    names) and goes dead when folders are renamed.

    **Example:** `.../blob/main/more/hydralora--.../README.md` in the Attention Mechanism section ->
    `.../blob/main/attention-mechanism/hydralora--.../README.md`.

    **Fix:** rewrites the URL. Safe when the conventional file exists in the working tree; unsafe when it
    does not (the rewritten link would point at a folder still to be created or renamed).
    """

    code = "RL401"
    name = "intro-path"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        label = ctx.options["label"]
        repo = repository(doc, ctx, label)
        for paper in ctx.model.papers:
            link = paper.link(label)
            if link is None or link.target_col is None:
                continue
            expected = _expected(paper, repo, ctx)
            if expected is None or link.target == expected:
                continue
            exists = _exists_locally(repo, expected)
            fix = replace_link_target(link, expected, Applicability.safe_if(exists is True))
            note = "" if exists is not False else " (that file does not exist yet)"
            yield self.report_link(doc, link, f"Intro link should be {expected}{note}", fix)


class IntroMissing(Rule):
    """A link into this repository points at a file or folder that does not exist in the working tree.

    **Why:** a renamed intro folder or a typo in a relative path gives readers a 404; checking the
    working tree catches it offline, before merge, including intro files added by the same pull request.

    **Example:** `[[intro](https://github.com/OWNER/REPO/blob/main/more/hydralora--.../README.md)]` when
    the folder is `attention-mechanism/hydralora--...`; `![fig](img/missing.png)`.

    **Fix:** none here (RL401 rewrites intro links that break the naming convention).
    """

    code = "RL402"
    name = "intro-missing"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.file_path is None:
            return
        repo = repository(doc, ctx)
        for link in doc.links():
            local = repo.local_path(link.target) if link.target_col is not None else None
            if local is None:
                continue
            path, kind = local
            if path.is_dir() if kind == "tree" else path.exists():
                continue
            yield self.report_link(doc, link, f"Link target {_relative(path, repo)} does not exist in the working tree")


def _relative(path: Path, repo: Repository) -> str:
    base = repo.root or repo.readme_dir
    try:
        return path.relative_to(base).as_posix() if base else path.as_posix()
    except ValueError:
        return path.as_posix()


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
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.file_path is None:
            return
        label = ctx.options["label"]
        repo = repository(doc, ctx, label)
        for paper in ctx.model.papers:
            cell = paper.paper_cell
            if cell is None or not cell.text or paper.link(label) is not None:
                continue
            expected = _expected(paper, repo, ctx)
            if expected is None or _exists_locally(repo, expected) is not True:
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
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.file_path is None:
            return
        repo = repository(doc, ctx, ctx.options["label"])
        base = repo.root or repo.readme_dir
        if base is None:
            return
        linked = set()
        for link in doc.links():
            local = repo.local_path(link.target)
            if local is not None:
                linked.add(local[0].parent.resolve() if local[0].name.lower() == "readme.md" else local[0].resolve())
        for section in doc.sections:
            folder = section_folder(ctx, section)
            if folder is None or not section.tables or section.heading is None:
                continue
            directory = base / folder
            if not directory.is_dir():
                continue
            for child in sorted(directory.iterdir()):
                if child.is_dir() and (child / "README.md").is_file() and child.resolve() not in linked:
                    yield self.report_heading(
                        doc,
                        section.heading,
                        f"Intro folder {folder}/{child.name}/ is not linked from any row of this section",
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
    options = {"label": _INTRO_LABEL}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        if ctx.file_path is None:
            return
        from readme_lint.document import Document
        from readme_lint.source import InputError, read_source

        label = ctx.options["label"]
        repo = repository(doc, ctx, label)
        for paper in ctx.model.papers:
            link = paper.link(label)
            local = repo.local_path(link.target) if link else None
            if link is None or local is None or not local[0].is_file():
                continue
            try:
                intro = Document.parse(read_source(local[0]), str(local[0]))
            except InputError:
                continue
            title = next((h.plain for h in intro.headings if h.level == 1), None)
            if paper.title and " ".join((title or "").split()) != " ".join(paper.title.split()):
                shown = repr(title) if title else "no '# ' heading"
                yield self.report_link(
                    doc, link, f"Intro README starts with {shown}, the row's title is {paper.title!r}"
                )
            intro_repo = repo._replace(readme_dir=local[0].parent)
            for inner in intro.links():
                target = intro_repo.local_path(inner.target) if inner.target_col is not None else None
                if target is not None and not target[0].exists():
                    yield self.report_link(
                        doc, link, f"Intro README line {inner.line} references {inner.target!r}, which does not exist"
                    )


RULES: tuple[type[Rule], ...] = (IntroPath, IntroMissing, IntroUnlinked, IntroOrphan, IntroContent)
