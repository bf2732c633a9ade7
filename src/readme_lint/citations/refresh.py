"""The plan of a citation refresh: every count fetched, every cell and note rewritten -- computed in full
before anything is written, so a failure (or ``--dry-run``) leaves the file as it was.

Rows that name no paper (no arXiv ID or DOI) and rows the API does not know keep their count: they are
listed, never zeroed. A table ordered by citations (its learned or pinned order) is re-sorted by the new
counts (stably: rows with equal counts keep their order), unless ``reorder`` is off, which then says the
table would fall out of order. Each section where a count was read from the API gets its update note dated
today in the note's own style. Every byte outside the rewritten lines stays as it was (BOM, line endings,
final newline), since the edits replace line contents only.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from readme_lint.citations.ids import PaperId, paper_id
from readme_lint.citations.notes import date_notes, list_statement, source_warnings
from readme_lint.citations.numbers import NumberStyle, learn_style, parse_count
from readme_lint.citations.order import keep_sorted
from readme_lint.citations.outcome import CitationError, RowOutcome, SectionOutcome
from readme_lint.citations.settings import CitationSettings
from readme_lint.source import SourceText

__all__ = ["CitationError", "Refresh", "RowOutcome", "SectionOutcome", "plan_refresh"]

if TYPE_CHECKING:
    from readme_lint.config import Config
    from readme_lint.document import Document
    from readme_lint.links.settings import LinkSettings
    from readme_lint.listmodel import ListModel, Paper, TableModel
    from readme_lint.tables import Cell


class Refresh(NamedTuple):
    before: SourceText
    after: SourceText
    settings: CitationSettings
    rows: list[RowOutcome]
    sections: list[SectionOutcome]
    warnings: list[str]
    requests: int
    cached: int

    @property
    def changed(self) -> bool:
        return self.before.text != self.after.text


def plan_refresh(
    path: Path,
    config: Config,
    *,
    sections: Sequence[str] = (),
    min_change: int | None = None,
    source: str | None = None,
    allow_private: bool = False,
    use_cache: bool = True,
    reorder: bool = True,
    today: dt.date | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Refresh:
    """Everything ``readme-lint citations`` would do, without writing; raises CitationError to refuse."""
    from readme_lint.add import table_order
    from readme_lint.citations.settings import CitationSettingsError, parse_citation_settings
    from readme_lint.document import Document
    from readme_lint.links.settings import parse_link_settings
    from readme_lint.listmodel import build_list_model
    from readme_lint.source import InputError, read_source, repository_boundary

    try:
        settings = parse_citation_settings(config.citations, source)
    except CitationSettingsError as error:
        raise CitationError(str(error)) from None
    links = parse_link_settings(config.links, allow_private=allow_private or None)
    threshold = settings.min_change if min_change is None else min_change
    try:
        text = read_source(path, str(path), root=repository_boundary(path))
    except InputError as error:
        raise CitationError(str(error)) from None
    doc = Document.parse(text, str(path))
    model = build_list_model(doc, config)
    tables = _tables(model, sections)
    rows = [(table, paper, cell) for table, index in tables for paper, cell in _papers(model, table, index)]
    ids = {id(paper): paper_id(paper) if _writable(table, cell.text) else None for table, paper, cell in rows}
    found_ids = [found for found in ids.values() if found is not None]
    counts, requests, cached = _fetch(settings, links, config, path, found_ids, use_cache, sleep)
    list_style = learn_style(cell.text for _, _, cell in rows)
    styles = {id(table): _style(table, [c.text for t, _, c in rows if t is table], list_style) for table, _ in tables}
    outcomes = [
        _outcome(paper, cell, ids[id(paper)], counts, styles[id(table)], threshold)
        if _writable(table, cell.text)
        else _outcome_of_text(paper, cell)
        for table, paper, cell in rows
    ]
    lines = {o.line: _with_cell(doc, cell, o.written) for o, (_, _, cell) in zip(outcomes, rows) if o.written}
    warnings: list[str] = []
    for table, _ in tables:
        if table.section is not None:
            order = table_order(config, model, table.section, table.table)
            keep_sorted(doc, table, order, outcomes, lines, reorder, warnings)
    statement = list_statement(doc, config)
    section_outcomes = date_notes(doc, config, settings, tables, outcomes, lines, statement, today or dt.date.today())
    warnings += source_warnings(settings, section_outcomes, outcomes, statement)
    after = _apply(doc, lines)
    return Refresh(
        text, SourceText(after, text.has_bom), settings, outcomes, section_outcomes, warnings, requests, cached
    )


def _tables(model: ListModel, wanted: Sequence[str]) -> list[tuple[TableModel, int]]:
    """The paper tables with a Citation column (and that column's index), in the sections asked for."""
    tables = [
        (t, index) for t in model.tables if t.is_paper_table and t.section and (index := _citation(t)) is not None
    ]
    named = [t.section.title for t, _ in tables if t.section is not None and t.section.heading]
    if not wanted:
        if not tables:
            raise CitationError("no paper table with a Citation column")
        return tables
    for name in wanted:
        if name.strip().casefold() not in {title.casefold() for title in named}:
            known = ", ".join(repr(title) for title in dict.fromkeys(named)) or "none"
            raise CitationError(f"no section {name!r} with a Citation column; known sections: {known}")
    chosen = {name.strip().casefold() for name in wanted}
    return [(t, i) for t, i in tables if t.section is not None and t.section.title.casefold() in chosen]


def _citation(table: TableModel) -> int | None:
    """The Citation column: the model's, or the header's where the model judged the cells not numbers
    (``1.2k`` is no whole number, so RL601 reports it; the refresh still writes the column's own format)."""
    from readme_lint.listmodel import Role, header_role

    column = table.column(Role.CITATION)
    if column is not None:
        return column.index
    header = table.table.header.cells
    return next((cell.index for cell in header if header_role(cell.text) is Role.CITATION), None)


def _style(table: TableModel, cells: list[str], list_style: NumberStyle | None) -> NumberStyle:
    """The column's number format: the list model's where it reads the column as numbers (so RL601 agrees
    with what is written: commas only where the column writes its big numbers with them), else -- a ``1.2k``
    column, which the model does not read as numbers -- the format its cells show, else the list's."""
    from readme_lint.listmodel import Role

    column = table.column(Role.CITATION)
    if column is not None:
        return NumberStyle("commas" if column.thousands_commas else "plain")
    return learn_style(cells, list_style) or NumberStyle()


def _papers(model: ListModel, table: TableModel, index: int) -> list[tuple[Paper, Cell]]:
    found = []
    for paper in model.papers_in(table.table):
        cell = paper.row.cell(index)
        if cell is not None and not paper.row.is_group_label:
            found.append((paper, cell))
    return found


def _fetch(
    settings: CitationSettings,
    links: LinkSettings,
    config: Config,
    path: Path,
    ids: list[PaperId],
    use_cache: bool,
    sleep: Callable[[float], None],
) -> tuple[dict[str, int | None], int, int]:
    """Counts per ID key (None: the source does not know it), the requests made and the counts from the cache."""
    import os

    from readme_lint.citations.cache import CountCache
    from readme_lint.citations.sources import Api, SourceError, fetcher
    from readme_lint.links.cache import default_root, folder_for, work_tree

    base = config.source.parent if config.source else (config.root or path.resolve().parent)
    # Where the link cache lives (docs/security.md): outside the working tree, one folder per config folder;
    # a folder inside a git work tree is never used (a pull request could commit counts into it).
    root = default_root(os.environ)
    directory = None
    if links.cache_dir:
        directory = base / links.cache_dir
    elif root is not None:
        directory = folder_for(root, base, "citations")
    if directory is not None and work_tree(directory) is not None:
        directory = None
    usable = directory if use_cache and links.use_cache else None
    cache = CountCache(usable, settings.max_age, directory.parent if directory is not None else base)
    unique = list({paper.key: paper for paper in ids}.values())
    counts: dict[str, int | None] = {}
    for paper in unique:
        found = cache.get(settings.source, paper.key)
        if found is not None:
            counts[paper.key] = found
    cached = len(counts)
    wanted = [paper for paper in unique if paper.key not in counts]
    if not wanted:
        cache.save()
        return counts, 0, cached
    batch, size = fetcher(settings.source)
    api = Api(settings, links, sleep)
    for start in range(0, len(wanted), size):
        try:
            answer = batch(api, wanted[start : start + size])
        except SourceError as error:
            cache.save()
            kept = len(counts)
            raise CitationError(
                f"cannot refresh citations: {error}; nothing changed"
                + (f" ({kept} of {len(unique)} counts are cached: the next run asks only for the rest)" if kept else "")
            ) from None
        for key, count in answer.items():
            counts[key] = count
            if count is not None:
                cache.put(settings.source, key, count)
        cache.save()
    return counts, api.requests, cached


def _writable(table: TableModel, text: str) -> bool:
    """Whether a count may be written over the cell: empty, a count, or the column's "none". Anything else
    (a live citation badge, a note) is the maintainer's and stays as written."""
    from readme_lint.listmodel import Role, is_placeholder_word

    if not text or parse_count(text) is not None or is_placeholder_word(text):
        return True
    column = table.column(Role.CITATION)
    return column is not None and column.is_placeholder(text)


def _outcome_of_text(paper: Paper, cell: Cell) -> RowOutcome:
    section = paper.section.title if paper.section is not None else ""
    title = paper.title or cell.text
    return RowOutcome(paper.line, section, title, paper_id(paper), cell.text, None, None, "", "text")


def _outcome(
    paper: Paper,
    cell: Cell,
    found: PaperId | None,
    counts: dict[str, int | None],
    style: NumberStyle,
    threshold: int,
) -> RowOutcome:
    before = cell.text
    old = parse_count(before)
    title = paper.title or before
    section = paper.section.title if paper.section is not None else ""
    if found is None:
        return RowOutcome(paper.line, section, title, None, before, old, None, "", "no-id")
    new = counts.get(found.key)
    if new is None:
        return RowOutcome(paper.line, section, title, found, before, old, None, "", "not-found")
    written = style.format(new)
    if written == before:
        return RowOutcome(paper.line, section, title, found, before, old, new, "", "unchanged")
    if old is not None and abs(new - old) < threshold:
        return RowOutcome(paper.line, section, title, found, before, old, new, "", "small")
    return RowOutcome(paper.line, section, title, found, before, old, new, written, "updated")


def _with_cell(doc: Document, cell: Cell, written: str) -> str:
    text = doc.line_text(cell.line)
    return text[: cell.text_col - 1] + written + text[cell.text_end_col - 1 :]


def _apply(doc: Document, lines: dict[int, str]) -> str:
    from readme_lint.diagnostics import Edit, Fix
    from readme_lint.fixer import apply_fixes

    fixes = [
        Fix((Edit.replace_span(line, 1, len(doc.line_text(line)) + 1, text),))
        for line, text in sorted(lines.items())
        if text != doc.line_text(line)
    ]
    return apply_fixes(doc, fixes) if fixes else doc.source.text
