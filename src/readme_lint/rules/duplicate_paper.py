"""RL205 ``duplicate-paper``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Diagnostic
from readme_lint.listmodel import (
    Paper,
    Role,
    cell_value,
    is_arxiv_url,
    normalized_title,
)
from readme_lint.rules._links import shorten
from readme_lint.rules.base import Option, Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class DuplicatePaper(Rule):
    """The same paper appears twice in a table: the same arXiv ID, the same paper link, or the same title.

    **Why:** duplicates creep in when a row is pasted twice or two contributors add the same hot paper;
    readers see two dates, two venues and two spellings. One paper link under two different titles means
    that one of the two links is wrong.

    **What:** the arXiv ID is compared in every URL form and version (`/abs/2402.01135`,
    `/pdf/2402.01135v2.pdf` ...), a paper link as written (scheme, `www.` and a trailing `/` aside), and
    the title without case, spacing and punctuation -- but `+`, `#` and digits count (`DPM-Solver` and
    `DPM-Solver++` are two papers). Only tables with a title column are checked (rows of other tables are
    models, tools or links, which may share a paper), and in a table whose first column names entries
    (`Name`, `Dataset`, `Model` ...) beside a paper column, only the names are compared: two datasets released
    with one paper share its link on purpose. The scope is the list's own habit: a list that lists
    each paper once -- at most one paper in two tables of the same header, the one a pull request just pasted --
    is checked across those tables, so a paper pasted into a second section is reported; a list that repeats
    papers in overlapping topic tables on purpose (two or more) is checked table by table. Tables of another
    header (a table of videos beside a table of papers) are never compared. `scope = "table"`, `"section"` or
    `"list"` pins it.

    **Example:** `2405.04434` twice in "Attention Mechanism"; `[...](https://arxiv.org/pdf/2406.08705)`
    on two rows with different titles.

    **Fix:** none; which row to keep is a decision. The later row is reported, naming the first.
    """

    code = "RL205"
    name = "duplicate-paper"
    options = {
        "scope": Option(
            "auto",
            "where a paper may not appear twice: auto (the list's habit), table, section or list",
            choices=("auto", "table", "section", "list"),
        )
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        scope = ctx.options["scope"]
        papers, keys = _papers_and_keys(ctx.model.papers)
        found = _duplicates(papers, keys, "kind" if scope == "auto" else scope)
        if scope == "auto":
            across = sum(1 for paper, _message, first in found if first.table is not paper.table)
            if across > CROSS_LISTING:  # the list repeats papers in overlapping tables on purpose
                found = _duplicates(papers, keys, "table")
        for paper, message, _first in found:
            cell = paper.title_cell if paper.title_cell is not None and paper.title_cell.text else None
            yield self.report_cell(doc, cell or paper.row.cells[0], message)


CROSS_LISTING = 1  # more papers than this in two tables: the list cross-lists on purpose (table scope)


def _duplicates(papers: list[Paper], keys: list[_Keys], scope: str) -> list[tuple[Paper, str, Paper]]:
    """(row, message, the row it repeats) for every repeat within ``scope``: table, section, list, or ``kind``
    (the list's tables of one header: a table of videos and a table of papers may share a paper)."""
    groups: dict[object, _SeenPapers] = {}
    kinds: dict[int, _SeenPapers] = {}  # a table's group by the table's id: its header is read once per table
    found = []
    for paper, key in zip(papers, keys):
        if scope == "kind":
            seen = kinds.get(id(paper.table))
            if seen is None:
                seen = kinds[id(paper.table)] = groups.setdefault(paper.table.column_names, _SeenPapers())
        else:
            group: object = 0
            if scope in ("table", "section"):
                group = id(paper.table) if scope == "table" else id(paper.section)
            seen = groups.setdefault(group, _SeenPapers())
        repeat = seen.duplicate(paper, key)
        if repeat is not None:
            found.append((paper, *repeat))
    return found


class _SeenPapers:
    """The papers met so far in one scope, by arXiv ID, paper link and normalized title."""

    def __init__(self) -> None:
        self.ids: dict[str, Paper] = {}
        self.urls: dict[str, Paper] = {}
        self.titles: dict[str, Paper] = {}

    def duplicate(self, paper: Paper, keys: _Keys) -> tuple[str, Paper] | None:
        """(message, the row it repeats) when ``paper`` repeats one met before (None: new), after remembering it."""
        ids, url, title = keys
        first, message = None, ""
        for shared in ids:
            first = self.ids.get(shared)
            if first is not None:
                message = f"Duplicate paper: arXiv {shared} is also on line {first.line}" + _other_title(first, title)
                break
        if first is None and url and url in self.urls:
            first = self.urls[url]
            message = f"Duplicate paper: the same paper link is also on line {first.line}" + _other_title(first, title)
        if first is None and title and title in self.titles:
            first = self.titles[title]
            message = f"Duplicate paper: the same title is also on line {first.line}"
        if first is not None:
            return message, first
        for identifier in ids:
            self.ids.setdefault(identifier, paper)
        if url:
            self.urls.setdefault(url, paper)
        if title:
            self.titles.setdefault(title, paper)
        return None


_Keys = tuple[list[str], str | None, str]  # a paper's arXiv IDs, normalized paper link and normalized title


def _papers_and_keys(all_papers: list[Paper]) -> tuple[list[Paper], list[_Keys]]:
    """The papers of tables with a title column and each one's keys (once per paper, for either scope); what
    depends on the table alone -- its title column, whether that column names entries -- is read once per table."""
    papers, keys = [], []
    table_model: object = None
    titled = names_entries = False
    for paper in all_papers:
        if paper.model is not table_model:
            table_model = paper.model
            column = paper.model.column(Role.TITLE)
            titled = column is not None
            names_entries = column is not None and _entry_names(column.name)
        if titled:
            papers.append(paper)
            keys.append(_keys(paper, names_entries and paper.paper_cell is not None))
    return papers, keys


def _keys(paper: Paper, names_entries: bool) -> _Keys:
    """What a paper is recognized by: its arXiv IDs and paper link (when its links stand for the paper and its
    title column does not name entries beside a paper column: ``_entry_names``), its title."""
    whole = _links_the_paper(paper)
    title = _title_key(paper, whole)
    by_link = whole and not names_entries
    ids = [identifier for identifier, _version in paper.arxiv_ids] if by_link else []
    url = _paper_url(paper) if by_link else None
    return ids, url, title


_ENTRY_NAMES = re.compile(r"\b(?:name|dataset|datasets|benchmark|model|models|method|tool)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _entry_names(header: str) -> bool:
    """Whether a title column's header names entries other than papers (``Name``, ``Dataset``, ``Model`` ...):
    beside another column that links the paper, two datasets released with one paper share its link on purpose."""
    return _ENTRY_NAMES.search(header) is not None


def _links_the_paper(paper: Paper) -> bool:
    """Whether the row's links stand for the paper itself: a paper column, or a linked title that is the whole
    title cell -- not a link inside a longer text (``[ResNet](...) 论文逐段精读``: a video about the paper)."""
    cell = paper.title_cell
    if paper.paper_cell is not None or cell is None or not cell.text:
        return True
    links = cell.inline.links if "[" in cell.text else ()
    if not links:
        return True
    inside = cell.text[links[0].col - cell.text_col : links[0].end_col - cell.text_col]
    return cell.text.strip("*_ ") == inside.strip("*_ ")


def _title_key(paper: Paper, whole: bool) -> str:
    """The normalized title; for a title cell that only mentions a linked paper, the cell's whole text."""
    if not whole and paper.title_cell is not None:
        return _normalized(cell_value(paper.title_cell))
    title = paper.title
    return _normalized(title) if title else ""


# Every ASCII byte ``normalized_title``'s pattern replaces (all but letters, digits, `+`, `#` and `_`) as a space:
# for an ASCII title without `_` (nearly all), each run of them becomes one space, as the pattern makes it. A bytes
# table, not a ``str.maketrans`` dict: ``bytes.translate`` is one C array lookup per byte, three times faster.
_ASCII_SEPARATORS = bytes(code if chr(code).isalnum() or chr(code) in "+#_" else 32 for code in range(128)).ljust(
    256, b" "
)


def _normalized(title: str) -> str:
    """``normalized_title(title)``, without its regular expression for an ASCII title without `_` (a `_` run is
    replaced apart from the runs beside it, so such titles take the pattern)."""
    if title.isascii() and "_" not in title:
        return " ".join(title.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii").lower().split())
    return normalized_title(title)


def _other_title(first: Paper, title: str) -> str:
    """A note when the two rows carry different titles: then one of the links is probably wrong."""
    if not first.title or not title or _normalized(first.title) == title:
        return ""
    return f", under another title ({shorten(first.title, 60)!r}): one of the two rows links the wrong paper"


_URL_HEAD = re.compile(r"^https?://(?:www\.)?", re.IGNORECASE)


def _paper_url(paper: Paper) -> str | None:
    """The row's first paper link, normalized (scheme, ``www.``, fragment, trailing ``/`` dropped), when it
    names a specific page (a site's home page is no paper); arXiv links are compared by ID instead."""
    for link in paper.links:
        if link.kind == "link" and link.target_col is not None:
            break
    else:
        return None
    if is_arxiv_url(link.target):
        return None
    target = link.target.strip()
    head = _URL_HEAD.match(target)
    if head is None:
        return None
    rest = target[head.end() :].split("#", 1)[0].rstrip("/")
    host, _, path = rest.partition("/")
    if not path:
        return None
    return f"{host.lower()}/{path}"


RULES: tuple[type[Rule], ...] = (DuplicatePaper,)
