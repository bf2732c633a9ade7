"""``readme-lint add``: build the row a careful maintainer would write, and put it where it belongs.

The paper's title and first-version date come from the arXiv API (same client, base URL and pacing as the
link checker) or from ``--title``/``--date``. The row is built from the list model -- the same conventions the
rules check: each column's role, the title shape, the link shape and label, the date pattern, the padding, the
arXiv URL form, the placeholders -- and is inserted where the table's order (learned, or pinned in the config)
puts it; at the end where the table has none. Nothing else in the README changes; with ``--intro`` the intro skeleton
is created from a template.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from readme_lint.diagnostics import Edit, Fix
from readme_lint.listmodel import (
    FORMS_WRITTEN,
    ArxivForm,
    ColumnModel,
    Date,
    ListModel,
    Role,
    TableModel,
    build_list_model,
    format_date,
    normalized_title,
    parse_arxiv_url,
)
from readme_lint.papers import slugify
from readme_lint.source import SourceText

if TYPE_CHECKING:
    from readme_lint.config import Config
    from readme_lint.document import Document, Section
    from readme_lint.tables import Table

DEFAULT_TEMPLATE = "# {title}\n\n## Core Idea\n\n## Core Image\n\n## Useful Extensions\n"
_LATEX_GREEK = re.compile(r"\$\\([A-Za-z]+)\$")
_ARXIV_REFERENCE = re.compile(
    r"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)?([0-9]{4}\.[0-9]{4,5}|[a-z][a-z.-]*/[0-9]{7})(v[0-9]+)?(?:\.pdf)?$"
)


class _Fields(dict[str, str]):
    """Template fields; an unknown ``{name}`` becomes empty rather than an error."""

    def __missing__(self, key: str) -> str:
        return ""


class AddError(Exception):
    """Why the paper cannot be added; one line for the user (exit 1)."""


class NewPaper(NamedTuple):
    title: str
    year: int
    month: int
    url: str
    arxiv_id: str | None = None
    keywords: str = ""
    affiliation: str = ""
    venue: str = ""
    citation: str = ""


def readme_title(title: str) -> str:
    """arXiv's title as a row shows it: whitespace folded, ``$\\alpha$`` as α."""
    from readme_lint.papers import GREEK_LETTERS, clean_title

    return _LATEX_GREEK.sub(lambda m: GREEK_LETTERS.get(m.group(1), m.group(0)), clean_title(title))


def find_section(doc: Document, name: str) -> tuple[Section, Table]:
    """The section named ``name`` (case-insensitive) that holds a table."""
    with_tables = [s for s in doc.sections if s.heading and s.tables]
    for section in with_tables:
        if section.title.casefold() == name.strip().casefold():
            return section, section.tables[0]
    known = ", ".join(repr(s.title) for s in with_tables) or "none"
    raise AddError(f"no section {name!r} with a table; known sections: {known}")


def check_duplicate(model: ListModel, paper: NewPaper) -> None:
    wanted = normalized_title(paper.title)
    for row in model.papers:
        if paper.arxiv_id and any(found == paper.arxiv_id for found, _ in row.arxiv_ids):
            raise AddError(f"arXiv {paper.arxiv_id} is already in the list (line {row.line})")
        if wanted and row.title and normalized_title(row.title) == wanted:
            raise AddError(f"{paper.title!r} is already in the list (line {row.line})")


def build_row(config: Config, table: TableModel, paper: NewPaper, intro_url: str | None) -> str:
    """The row in the table's own schema and style, as the list model describes them."""
    fields = _Fields(
        title=paper.title,
        url=paper.url,
        venue=paper.venue,
        year=str(paper.year),
        month=f"{paper.month:02d}",
        keywords=paper.keywords,
        affiliation=paper.affiliation,
        citation=paper.citation,
        intro=intro_url or "",
    )
    cells = []
    for column in table.columns:
        template = column.pinned.template if column.pinned is not None else None
        value = template.format_map(fields) if template is not None else _cell_value(column, paper, intro_url)
        if not value and column.required:
            option = {Role.KEYWORDS: "--keywords", Role.AFFILIATION: "--affiliation"}.get(column.role)
            hint = f"; give {option}" if option else " and `add` cannot fill it (set a `template` for it)"
            raise AddError(f"column {column.name.strip()!r} is required{hint}")
        if not value and column.placeholders:
            value = sorted(column.placeholders)[0]  # the column's own "none"
        left = " " if column.left_padding == "space" else ""
        right = " " if column.right_padding == "space" else ""
        cells.append(f"{left}{value.replace('|', chr(92) + '|')}{right}" if value else left)
    header = table.table.header
    leading = "|" if header.leading_pipe else ""
    trailing = "|" if header.trailing_pipe else ""
    return " " * header.indent + leading + "|".join(cells) + trailing


def check_every_part_has_a_place(row: str, paper: NewPaper, intro_url: str | None) -> None:
    """Refuse, before anything is written, a part the list has no place for: a venue where there is no Venue
    column and no ``[Venue YYYY]`` title tag, an intro link where the rows link no intro (the intro file would
    be created and left unlinked -- RL403/RL404 on the next lint)."""
    if paper.venue and paper.venue not in row:
        raise AddError(
            "this list has no place for a venue (no Venue column, and its titles carry no [Venue YYYY] tag); "
            "drop --venue"
        )
    if intro_url and intro_url not in row:
        raise AddError("this list's rows link no intro README (their paper links carry other labels); drop --intro")


def _cell_value(column: ColumnModel, paper: NewPaper, intro_url: str | None) -> str:
    """What the new paper puts in a column of this role, written in the column's shape."""
    role = column.role
    if role is Role.TITLE:
        if column.title_shape == "linked":
            return f"[{paper.title}]({paper.url})"
        if column.title_shape == "plain" or (column.title_shape is None and column.pinned is None):
            return paper.title
        return f"**{paper.title}**" + (f" [{paper.venue}]" if paper.venue and column.venue_tail else "")
    if role is Role.PAPER:
        form = FORMS_WRITTEN.get(column.link_form or "[[L](U)]", FORMS_WRITTEN["[[L](U)]"])
        labels = column.link_labels or ("pdf",)
        value = form.format(label=labels[0], paren=f"({paper.url})")
        if intro_url and "intro" in labels:
            value += " " + form.format(label="intro", paren=f"({intro_url})")
        return value
    if role in (Role.DATE, Role.YEAR):
        return format_date(Date(paper.year, paper.month), column.date_pattern or "YYYY.MM") or ""
    values = {
        Role.CITATION: paper.citation,
        Role.KEYWORDS: paper.keywords,
        Role.AFFILIATION: paper.affiliation,
        Role.VENUE: paper.venue,
    }
    return values.get(role, "")


def insertion_line(model: ListModel, table: Table, order: str, paper: NewPaper) -> int:
    """The line the new row goes after: stable in the table's order (after rows with equal keys)."""
    after = table.delimiter.line
    key = new_key(paper, order)
    if order == "none" or key is None:
        return table.rows[-1].line if table.rows else after
    descending = order.startswith("-")
    for row in model.papers_in(table):
        existing = row.sort_key(order.lstrip("-"))
        if existing is None:
            continue
        if (existing >= key) if descending else (existing <= key):
            after = row.line
        else:
            break
    return after


def new_key(paper: NewPaper, order: str) -> Any:
    field = order.lstrip("-")
    if field in ("date", "year"):
        return (paper.year, paper.month if field == "date" else 0, 0)
    if field == "arxiv" and paper.arxiv_id and "." in paper.arxiv_id:
        left, right = paper.arxiv_id.split(".")
        return (int(left), int(right))
    if field == "title":
        return paper.title.casefold()
    if field == "citation":
        return int(paper.citation) if paper.citation.isdigit() else 0
    return None


def table_order(config: Config, model: ListModel, section: Section, table: Table) -> str:
    """The order a new row follows: the section's or the config's pinned sort-order, else the learned one."""
    override = config.section(section.title) if section.heading is not None else None
    pinned = (override.rules if override else {}).get("RL501", {}).get("order")
    pinned = pinned or config.rule_options.get("RL501", {}).get("order", "auto")
    if pinned != "auto":
        return str(pinned)
    learned = model.table(table).order
    return learned.name if learned is not None else "none"


def paper_url(config: Config, model: ListModel, arxiv_id: str) -> str:
    """The arXiv URL in the list's own form (or the pinned ``form`` of arxiv-link)."""
    pinned = config.rule_options.get("RL204", {}).get("form", "auto")
    if pinned in ("abs", "pdf"):
        form = ArxivForm("https", "arxiv.org", pinned, "")
    elif pinned == "any" or model.arxiv_links < 5:
        form = ArxivForm("https", "arxiv.org", "abs", "")
    else:
        form = model.arxiv_form
    parsed = parse_arxiv_url(f"https://arxiv.org/abs/{arxiv_id}")
    return form.canonical(parsed) if parsed is not None else f"https://arxiv.org/abs/{arxiv_id}"


def insertion_fix(doc: Document, after_line: int, row_text: str) -> Fix:
    """Insert ``row_text`` as a new line after ``after_line``, with the file's own line ending."""
    ending = doc.endings[after_line - 1] or doc.dominant_ending
    end_col = len(doc.line_text(after_line)) + 1
    if doc.endings[after_line - 1]:
        return Fix((Edit.insert(after_line + 1, 1, row_text + ending),))
    return Fix((Edit.insert(after_line, end_col, ending + row_text),))


def intro_url_for(repo_slug: str | None, branch: str, folder: str, title: str) -> str | None:
    if repo_slug is None:
        return None
    return f"https://github.com/{repo_slug}/blob/{branch}/{folder}/{slugify(title)}/README.md"


class Addition(NamedTuple):
    """What adding a paper changes: the README before and after, and the intro file to create (if any)."""

    before: SourceText
    after: SourceText
    line: int
    title: str
    intro_file: Path | None
    intro_text: str


def plan_addition(
    reference: str,
    path: Path,
    config: Config,
    *,
    section: str,
    keywords: str,
    affiliation: str,
    venue: str,
    citation: str,
    intro: bool,
    title: str | None,
    date_text: str | None,
    url: str | None,
    allow_private: bool = False,
) -> Addition:
    """Everything ``readme-lint add`` would do, computed without writing; raises AddError to refuse."""
    from readme_lint.document import Document
    from readme_lint.fixer import apply_fixes
    from readme_lint.papers import read_date_leniently
    from readme_lint.source import InputError, read_source, repository_boundary
    from readme_lint.workspace import gather, section_folder

    check_fields(reference, keywords=keywords, affiliation=affiliation, venue=venue, citation=citation, url=url)
    try:
        source = read_source(path, str(path), root=repository_boundary(path))
    except InputError as error:
        raise AddError(str(error)) from None
    doc = Document.parse(source, str(path))
    model = build_list_model(doc, config)
    match = _ARXIV_REFERENCE.match(reference.strip())
    arxiv_id = match.group(1) if match else None
    if arxiv_id is None and not (url or reference.startswith(("http://", "https://"))):
        raise AddError(f"{reference!r} is neither an arXiv ID nor a URL")
    pdf_url = url or (paper_url(config, model, arxiv_id) if arxiv_id else reference)
    date = read_date_leniently(date_text) if date_text else None
    if date_text and (date is None or date[0] < 1):  # year 0000: no calendar has it
        raise AddError(f"--date: {date_text!r} is not a date; write it as YYYY.MM")
    target_section, table = find_section(doc, section)
    if arxiv_id is not None:
        check_duplicate(model, NewPaper("", 0, 0, pdf_url, arxiv_id))
    if title is None or date is None:
        if arxiv_id is None:
            raise AddError("a paper not on arXiv needs --title and --date")
        found_title, found_date = _ask_arxiv(config, arxiv_id, allow_private)
        title = title or found_title
        date = date or found_date
    paper = NewPaper(readme_title(title), date[0], date[1], pdf_url, arxiv_id, keywords, affiliation, venue, citation)
    check_duplicate(model, paper)
    workspace = gather(doc, config, path.resolve(), root=config.root)
    folder = section_folder(config, target_section) or ""
    intro_url = intro_url_for(workspace.identity.slug, workspace.identity.branch, folder, paper.title)
    base = workspace.root or path.resolve().parent
    intro_file = base / folder / slugify(paper.title) / "README.md"
    if intro and intro_url is None:
        raise AddError("--intro needs the repository: set `repository` in the config or add an origin remote")
    link_intro = intro_url if (intro or intro_file.exists()) else None
    row_text = build_row(config, model.table(table), paper, link_intro)
    check_every_part_has_a_place(row_text, paper, intro_url if intro else None)
    after = insertion_line(model, table, table_order(config, model, target_section, table), paper)
    new_text = apply_fixes(doc, [insertion_fix(doc, after, row_text)])
    creates_intro = intro and not intro_file.exists()
    template = ""
    if creates_intro:
        boundary = repository_boundary(path)
        check_intro_folder(intro_file, boundary, path)
        if any(part in ("", ".", "..") for part in folder.split("/")):
            raise AddError(
                f"the intro folder {folder!r} (from section {target_section.title!r}) is not a folder name; "
                "set `folder` for the section in the config"
            )
        template = read_template(config.intro_template, boundary) if config.intro_template else DEFAULT_TEMPLATE
    return Addition(
        source,
        SourceText(new_text, source.has_bom),
        after + 1,
        paper.title,
        intro_file if creates_intro else None,
        template.replace("{title}", paper.title),
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
_CLEAN_URL = re.compile(r"^https?://[^\s<>()\[\]|\\`\x00-\x1f\x7f]+$")


def check_fields(reference: str, *, url: str | None, **cells: str) -> None:
    """Refuse, before anything is read or written, values that would break the row: a line break or other
    control character in a cell (it would end the row), or a paper URL that is not a plain http(s) URL
    (a space, a parenthesis or a bracket would end the link)."""
    for name, value in cells.items():
        if _CONTROL.search(value):
            raise AddError(f"--{name}: {value!r} holds a line break or control character, which would break the row")
    link = url if url is not None else (reference if reference.startswith(("http://", "https://")) else None)
    if link is not None and not _CLEAN_URL.match(link):
        option = "--url" if url is not None else "the paper URL"
        raise AddError(f"{option}: {link!r} is not a plain http(s) URL (no spaces, brackets, parentheses or '|')")


def check_intro_folder(intro_file: Path, boundary: Path, readme: Path) -> None:
    """The intro README must land inside the repository, and every folder on its way must be a folder (or
    not exist yet): checked before the README is touched, so a failure leaves nothing half done."""
    import os

    shown = os.path.relpath(intro_file, readme.resolve().parent)
    target = Path(os.path.realpath(intro_file))
    if not target.is_relative_to(boundary):
        raise AddError(f"the intro folder {shown} resolves to {target.parent}, outside the repository {boundary}")
    for folder in (target.parent, *target.parent.parents):
        if folder == boundary:
            break
        if folder.exists() and not folder.is_dir():
            raise AddError(f"cannot create the intro {shown}: {folder} is not a folder")
    if os.path.lexists(target):
        raise AddError(f"cannot create the intro {shown}: something is already there")


def read_template(template: Path, boundary: Path) -> str:
    """The intro template's text; like the README, it may not lie (symlinks resolved) outside the repository."""
    from readme_lint.source import InputError, read_source

    try:
        return read_source(template, str(template), root=boundary).text
    except InputError as error:
        raise AddError(f"the intro template {error}") from None


def _ask_arxiv(config: Config, arxiv_id: str, allow_private: bool = False) -> tuple[str, tuple[int, int]]:
    """Title and first-version (year, month) from the arXiv API, with the link checker's settings and guard."""
    from readme_lint.links.arxiv import query
    from readme_lint.links.http import Checker, get_json_like
    from readme_lint.links.settings import parse_link_settings

    settings = parse_link_settings(config.links, allow_private=allow_private or None)
    answer = query([arxiv_id], get_json_like(Checker(settings)), settings.arxiv_api, settings.arxiv_interval)
    if answer.error:
        raise AddError(f"cannot ask arXiv ({answer.error}); give --title and --date to add it offline")
    paper = answer.papers.get(arxiv_id)
    if paper is None:
        raise AddError(f"arXiv has no paper {arxiv_id}")
    if paper.withdrawn:
        raise AddError(f"arXiv {arxiv_id} has been withdrawn; not adding it")
    published = paper.published[:7]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", published):
        raise AddError(f"arXiv gave no first-version date for {arxiv_id}; give --date")
    return paper.title, (int(published[:4]), int(published[5:7]))
