"""Order and navigation (RL5xx): rows in sort order, a Table of Contents that matches the headings."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.listmodel import Paper, enforced_order
from readme_lint.papers import read_date_leniently
from readme_lint.rules.base import Option, Rule, RuleContext, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document, Heading, Section
    from readme_lint.markdown import Block, Link
    from readme_lint.tables import Cell, Table

_ORDERS = ("auto", "date", "-date", "year", "-year", "arxiv", "-arxiv", "title", "citation", "-citation", "none")
_TOC_HEADINGS = ("table of contents", "contents", "toc")
_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-+*]|[0-9]{1,9}[.)])[ \t]+")


def sort_key(paper: Paper, order: str) -> Any:
    """The key of a row for ``order``; None when it cannot be read (the fix is then unsafe)."""
    field = order.lstrip("-")
    key = paper.sort_key(field)
    if key is None and field in ("date", "year") and paper.date_text:
        lenient = read_date_leniently(paper.date_text)
        return None if lenient is None else (lenient[0], lenient[1], 0)
    if key is None and field == "citation" and paper.citation_cell is not None and not paper.citation_cell.text:
        return 0
    return key


class SortOrder(Rule):
    """Rows break the table's own order: the one it follows, learned with tolerance, or the configured one.

    **Why:** a list sorted by date reads as a timeline; a row dropped at the end by a contributor breaks
    it. The order is learned per table from its rows (key and direction: date at its full precision, year,
    arXiv ID or citations; a table whose adjacent rows are mostly in order is sorted, and the rest are its
    defects), or set per section: `auto` (default), `date`, `-date`, `year`, `-year`, `arxiv`, `-arxiv`,
    `title`, `citation`, `-citation` or `none`. Group-label rows (a first cell alone, like `| **2023** | | |`)
    split a table into groups that are sorted each on their own.

    **Example:** Attention Mechanism rows dated 2019.11, 2023.05, 2021.08, ...

    **Fix:** moves only the rows that are out of place -- the fewest rows whose moving sorts the table (the
    rest form its longest ordered run) -- each to its place among the others; equal keys keep their order,
    each row's bytes are kept, line endings stay where they were, and no row crosses a group label. Unsafe
    when a row's sort key cannot be read (its place is then a guess; it stays where it is).
    """

    code = "RL501"
    name = "sort-order"
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    options = {
        "order": Option(
            "auto",
            "auto (the table's own order, learned), date, -date, year, -year, arxiv, -arxiv, title, citation, "
            "-citation or none",
            choices=_ORDERS,
        )
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            rows = ctx.model.papers_in(table)
            order = ctx.options_for(table.section)["order"]
            if order == "auto":
                order = enforced_order(ctx.model.table(table), rows)
            if order == "none" or len(rows) < 2:
                continue
            for group in _groups(table, rows):
                if len(group) >= 2:
                    yield from self._group(doc, group, order)

    def _group(self, doc: Document, rows: list[Paper], order: str) -> Iterator[Diagnostic]:
        descending = order.startswith("-")
        keys = [sort_key(paper, order) for paper in rows]
        new_order = _minimal_moves(keys, descending)
        if new_order == list(range(len(rows))):
            return
        edits = tuple(
            Edit.replace_span(rows[position].line, 1, len(rows[position].row.text) + 1, rows[source].row.text)
            for position, source in enumerate(new_order)
            if source != position
        )
        applicability = Applicability.safe_if(all(key is not None for key in keys))
        label = {"date": "Date", "year": "Year", "arxiv": "arXiv ID", "title": "Title", "citation": "Citation"}[
            order.lstrip("-")
        ]
        direction = "descending" if descending else "ascending"
        culprit, detail = _first_break(rows, keys, order)
        cell = _sort_cell(culprit, order) or culprit.row.cells[0]
        yield self.report_cell(
            doc, cell, f"Rows are not sorted by {label} {direction}: {detail}", Fix(edits, applicability)
        )


def _ranks(keys: list[Any], descending: bool) -> dict[int, Any]:
    return {index: (_Reversed(key) if descending else key) for index, key in enumerate(keys)}


def _groups(table: Table, rows: list[Paper]) -> list[list[Paper]]:
    """The table's papers split at its group-label rows (a sort never moves a paper across one)."""
    labels = [row.line for row in table.rows if row.is_group_label]
    groups: dict[int, list[Paper]] = {}
    for paper in rows:
        groups.setdefault(bisect.bisect_left(labels, paper.line), []).append(paper)
    return list(groups.values())


class _Reversed:
    """A key that sorts the other way round (tuples and strings cannot be negated)."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.key < self.key)


def _minimal_moves(keys: list[Any], descending: bool) -> list[int]:
    """The new order of the rows (indices) that moves the fewest: the longest run already in order stays, every
    other row with a readable key goes to its place among them (after equal keys that came before it, before
    those that came after). Rows whose key cannot be read keep their line; the others fill the remaining lines.

    The run is a longest non-decreasing subsequence; among the longest, the one that keeps earlier rows (so a
    row appended out of place is the one that moves, not the rows before it).
    """
    readable = [index for index, key in enumerate(keys) if key is not None]
    result = list(range(len(keys)))
    values = [keys[index] for index in readable]
    if all((after <= before) if descending else (before <= after) for before, after in pairwise(values)):
        return result  # already in order: nearly every table, and no run to compute
    for slot, source in zip(readable, _moves_among(readable, _ranks(keys, descending))):
        result[slot] = source
    return result


def _moves_among(readable: list[int], ranks: dict[int, Any]) -> list[int]:
    """``readable`` (row indices) in their new order: the longest ordered run kept, the other rows inserted."""
    kept = _longest_run(readable, ranks)
    kept_set = set(kept)
    if len(kept) == len(readable):
        return readable
    before: dict[int | None, list[int]] = {}  # kept row index (None: the end) -> rows that go right before it
    for index in readable:
        if index not in kept_set:
            position = _place(kept, ranks, index)
            before.setdefault(kept[position] if position < len(kept) else None, []).append(index)
    for group in before.values():
        group.sort(key=lambda index: (ranks[index], index))
    result: list[int] = []
    for index in kept:
        result += [*before.get(index, ()), index]
    return result + before.get(None, [])


def _place(kept: list[int], ranks: dict[int, Any], index: int) -> int:
    """Position among the kept rows before which row ``index`` goes (binary search: their ranks never decrease)."""
    low, high = 0, len(kept)
    while low < high:
        middle = (low + high) // 2
        other = kept[middle]
        goes_before = ranks[index] < ranks[other] or (not ranks[other] < ranks[index] and other > index)
        if goes_before:
            high = middle
        else:
            low = middle + 1
    return low


def _longest_run(indices: list[int], ranks: dict[int, Any]) -> list[int]:
    """A longest subsequence of ``indices`` whose ranks never decrease, preferring earlier rows: patience
    sorting on the reversed sequence (a longest non-increasing run read backwards), O(n log n)."""
    tails: list[int] = []  # tails[k]: the row ending (backwards) the best run of length k + 1
    previous: dict[int, int | None] = {}
    for index in reversed(indices):
        rank = _Reversed(ranks[index])
        low, high = 0, len(tails)
        while low < high:  # bisect_right on the reversed ranks of the tails
            middle = (low + high) // 2
            if rank < _Reversed(ranks[tails[middle]]):
                high = middle
            else:
                low = middle + 1
        previous[index] = tails[low - 1] if low > 0 else None
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    run: list[int] = []
    current = tails[-1] if tails else None
    while current is not None:
        run.append(current)
        current = previous[current]
    return run


def _sort_cell(paper: Paper, order: str) -> Cell | None:
    field = order.lstrip("-")
    cells = {"date": paper.date_cell, "year": paper.date_cell, "title": paper.title_cell}
    cells.update(citation=paper.citation_cell, arxiv=paper.paper_cell or paper.title_cell)
    return cells[field]


def _first_break(rows: list[Paper], keys: list[Any], order: str) -> tuple[Paper, str]:
    """The first row that breaks the order, and a sentence naming the row it should not follow (rows whose key
    cannot be read are skipped: the row compared with is the previous readable one)."""
    descending = order.startswith("-")
    previous: int | None = None
    for number, current in enumerate(keys):
        if current is None:
            continue
        before = keys[previous] if previous is not None else None
        if before is not None and ((current > before) if descending else (current < before)):
            row, earlier = rows[number], rows[previous]  # type: ignore[index]
            return row, (
                f"{_shown(row, order)} on line {row.line} comes after {_shown(earlier, order)} on line {earlier.line}"
            )
        previous = number
    unreadable = next(rows[n] for n, key in enumerate(keys) if key is None)
    return unreadable, f"line {unreadable.line} has no readable {order.lstrip('-')}"


def _shown(paper: Paper, order: str) -> str:
    field = order.lstrip("-")
    if field in ("date", "year"):
        return paper.date_text
    if field == "arxiv":
        return paper.arxiv[0] if paper.arxiv else ""
    if field == "title":
        return paper.title or ""
    return paper.citation_cell.text if paper.citation_cell else ""


def find_toc(doc: Document, headings: tuple[str, ...]) -> tuple[Heading, Block] | None:
    """The ToC heading and the first list in its section."""
    wanted = {heading.casefold() for heading in headings}
    for section in doc.sections:
        if section.heading is None or section.heading.plain.casefold() not in wanted:
            continue
        for block in doc.lists():
            if section.start_line < block.start_line <= section.end_line:
                return section.heading, block
    return None


class TableOfContents(Rule):
    """The Table of Contents does not match the headings.

    **What:** the ToC is the first list under a heading named "Table of Contents" (or "Contents", "TOC").
    Reported: an entry whose anchor resolves to no heading (GitHub's anchors: lowercase, punctuation other
    than '-' and '_' dropped, spaces to '-', repeats get -1, -2 ... skipping any a heading already has, as
    github-slugger does: `A, A, A-1` are `a, a-1, a-1-1`), a heading after the ToC that has no
    entry, and entries in another order than their headings. Headings count from level `min-level` (2) to
    `max-level` (default: the deepest level the ToC already links to).

    **Why:** readers navigate long lists by the ToC; `#hw/sw-co-design` silently goes nowhere.

    **Fix:** safe: a dead anchor is corrected when its text names a heading; a missing heading gets an
    entry after its predecessor's, indented like it when both are of one level, else the way the list
    indents that level (a `###` entry nests under its `##`); the heading text is escaped so the entry
    stays one link. A list of single-line entries is reordered. Existing entries keep their text and
    indentation.
    """

    code = "RL502"
    name = "toc"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {
        "headings": Option(list(_TOC_HEADINGS), "heading texts that mark the Table of Contents"),
        "min-level": Option(2, "shallowest heading level listed"),
        "max-level": Option(0, "deepest heading level listed (0: the deepest the ToC links to)"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = find_toc(doc, tuple(ctx.options["headings"]))
        if found is None:
            return
        toc_heading, block = found
        by_anchor = {heading.anchor: heading for heading in doc.headings}
        by_text: dict[str, Heading] = {}
        for heading in doc.headings:
            by_text.setdefault(heading.plain.casefold(), heading)
        entries = [
            (link, link.target[1:])
            for link in doc.links()
            if block.start_line <= link.line <= block.end_line and link.target.startswith("#")
        ]
        for link, anchor in entries:
            if anchor in by_anchor or anchor.lower() in by_anchor:
                continue
            yield self._dead(doc, link, anchor, by_text)
        # A dead entry whose text names a heading stands for that heading (its anchor fix makes it so).
        listed = [
            by_anchor.get(anchor) or by_anchor.get(anchor.lower()) or by_text.get(link.label.strip().casefold())
            for link, anchor in entries
        ]
        linked = [heading for heading in listed if heading is not None]
        levels = [heading.level for heading in linked]
        max_level = ctx.options["max-level"] or max(levels, default=ctx.options["min-level"])
        expected = [
            heading
            for heading in doc.headings
            if heading.line > toc_heading.line and ctx.options["min-level"] <= heading.level <= max_level
        ]
        yield from self._missing(doc, expected, entries, listed, toc_heading)
        yield from self._order(doc, block, entries, listed)

    def _dead(self, doc: Document, link: Link, anchor: str, by_text: dict[str, Heading]) -> Diagnostic:
        target = by_text.get(link.label.strip().casefold())
        fix = None
        if target is not None and link.target_col is not None:
            fix = replace_link_target(link, f"#{target.anchor}")
        hint = f"; did you mean #{target.anchor}?" if target else ""
        return self.report_link(doc, link, f"ToC anchor #{anchor} matches no heading{hint}", fix)

    def _missing(
        self, doc: Document, expected: list[Heading], entries: list[Any], listed: list[Any], toc: Heading
    ) -> Iterator[Diagnostic]:
        """Headings without an entry. Each gets an entry after the last entry (in list order) of the headings
        before it, indented for its level; a run of missing headings after one entry shares one fix, so a
        single pass adds them all. Linear: one walk over the headings, one over the entries."""
        entry_positions: dict[int, list[int]] = {}
        for position, target in enumerate(listed):
            if target is not None:
                entry_positions.setdefault(target.line, []).append(position)
        style = _EntryStyle(doc, entries, listed)
        runs: list[tuple[int, list[Heading]]] = []  # (position of the entry they follow, headings)
        last_position = -1
        for heading in expected:
            positions = entry_positions.get(heading.line)
            if positions:
                last_position = max(last_position, *positions)
                continue
            if runs and runs[-1][0] == last_position:
                runs[-1][1].append(heading)
            else:
                runs.append((last_position, [heading]))
        ending = doc.dominant_ending if runs else "\n"  # computed over the whole file: once
        for after, headings in runs:
            fix = None
            if after >= 0:
                link = entries[after][0]
                line_text = doc.line_text(link.line)
                new_lines = "".join(ending + style.entry(heading, link, listed[after]) for heading in headings)
                fix = Fix((Edit.insert(link.line, len(line_text) + 1, new_lines),))
            for heading in headings:
                message = f"Heading {heading.plain!r} is missing from the Table of Contents (line {toc.line})"
                yield self.report_heading(doc, heading, message, fix)

    def _order(self, doc: Document, block: Block, entries: list[Any], listed: list[Any]) -> Iterator[Diagnostic]:
        pairs = [(link, heading) for (link, _), heading in zip(entries, listed) if heading is not None]
        lines = [heading.line for _, heading in pairs]
        if lines == sorted(lines):
            return
        first = next(i for i in range(1, len(lines)) if lines[i] < lines[i - 1])
        link, heading = pairs[first]
        entry_lines = [entry.line for entry, _ in pairs]
        single_line = len(set(entry_lines)) == len(entry_lines) and all(
            doc.line_text(line).strip() for line in entry_lines
        )
        fix = None
        if single_line:
            ordered = [entry for entry, _ in sorted(pairs, key=lambda pair: pair[1].line)]
            edits = tuple(
                Edit.replace_span(line, 1, len(doc.line_text(line)) + 1, doc.line_text(entry.line))
                for line, entry in zip(entry_lines, ordered)
                if entry.line != line
            )
            fix = Fix(edits) if edits else None
        yield self.report(
            doc,
            link.line,
            link.col,
            link.end_col,
            f"ToC entry {heading.plain!r} is out of order: its heading comes earlier",
            fix,
        )


_LABEL_SPECIAL = re.compile(r"([\\`*_\[\]<>!&~|#])")


class _EntryStyle:
    """How this ToC writes an entry for a heading level: the prefix (indentation and marker) its entries of
    that level use, and the indentation step between levels -- learned from the list itself."""

    def __init__(self, doc: Document, entries: list[Any], listed: list[Any]) -> None:
        self.doc = doc
        counts: dict[int, Counter[str]] = {}
        for (link, _), target in zip(entries, listed):
            marker = _LIST_MARKER.match(doc.line_text(link.line))
            if target is not None and marker is not None:
                counts.setdefault(target.level, Counter())[marker.group(0)] += 1
        self.by_level = {level: counter.most_common(1)[0][0] for level, counter in counts.items()}
        self.step = self._step()

    def _step(self) -> int | None:
        levels = sorted(self.by_level)
        for shallow, deep in itertools.pairwise(levels):
            width = _indent(self.by_level[deep]) - _indent(self.by_level[shallow])
            if width > 0 and width % (deep - shallow) == 0:
                return width // (deep - shallow)
        return None

    def entry(self, heading: Heading, after: Link, after_heading: Heading) -> str:
        """The entry line: ``prefix[escaped heading text](#anchor)``."""
        label = _LABEL_SPECIAL.sub(r"\\\1", heading.plain)
        return f"{self.prefix(heading.level, after, after_heading)}[{label}](#{heading.anchor})"

    def prefix(self, level: int, after: Link, after_heading: Heading) -> str:
        """Like the entry it follows for a heading of the same level; else like the list's entries of this
        level; else one step deeper (or shallower) than the nearest level the list has."""
        marker = _LIST_MARKER.match(self.doc.line_text(after.line))
        if level == after_heading.level and marker is not None:
            return marker.group(0)
        if level in self.by_level:
            return self.by_level[level]
        known = [known for known in self.by_level if known <= level]
        base_level = max(known) if known else after_heading.level
        base = self.by_level.get(base_level) or "- "
        base_marker = base.lstrip(" \t")
        step = self.step or len(base_marker)  # nesting needs the content column of the parent's marker
        depth = max(level - base_level, 0)
        return " " * (_indent(base) + depth * step) + base_marker


def _indent(prefix: str) -> int:
    return len(prefix) - len(prefix.lstrip(" \t"))


class EmptySection(Rule):
    """A paper section listed in the Table of Contents has no table (info; off by default).

    **Why:** an empty topic ("HW/SW Co-design") promises papers the list does not have; fine while a list
    grows, worth a reminder before a release.

    **What counts:** sections linked from the ToC that come after the first section holding a table.

    **Fix:** none.
    """

    code = "RL503"
    name = "empty-section"
    severity = Severity.INFO
    enabled_by_default = False
    options = {"headings": Option(list(_TOC_HEADINGS), "heading texts that mark the Table of Contents")}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = find_toc(doc, tuple(ctx.options["headings"]))
        if found is None:
            return
        _, block = found
        anchors = {link.target[1:].lower() for link in doc.links() if block.start_line <= link.line <= block.end_line}
        first_with_table = next((s.start_line for s in doc.sections if s.tables), None)
        if first_with_table is None:
            return
        for section in doc.sections:
            heading = section.heading
            if (
                heading
                and heading.anchor in anchors
                and section.start_line >= first_with_table
                and not _has_table(section, doc)
            ):
                yield self.report_heading(doc, heading, f"Section {heading.plain!r} has no table")


def _has_table(section: Section, doc: Document) -> bool:
    """A section has a table when it or one of its subsections holds one."""
    for other in doc.sections:
        if other.start_line < section.start_line or not other.tables:
            continue
        if other is section:
            return True
        if other.heading and section.heading and other.heading.level > section.heading.level:
            later = [s for s in doc.sections if section.start_line < s.start_line <= other.start_line]
            if all(s.heading and s.heading.level > section.heading.level for s in later):
                return True
    return False


RULES: tuple[type[Rule], ...] = (SortOrder, TableOfContents, EmptySection)
