"""Title, paper cell and link form (RL2xx, offline): what a reader clicks must be well formed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.listmodel import (
    MIN_SAMPLES,
    ArxivForm,
    ColumnModel,
    Paper,
    Role,
    cell_value,
    is_arxiv_url,
    link_form,
    normalized_title,
    parse_arxiv_url,
    title_shape,
)
from readme_lint.rules.base import Option, Rule, RuleContext, replace_cell_text, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell

_DOMAIN = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# `www.x.org`, or a domain followed by a path (`arxiv.org/abs/...`); `timeline.png` alone is a file name.
_DOMAIN_WITHOUT_SCHEME = re.compile(rf"^(?:www\.{_DOMAIN}(?:[/?#]|$)|{_DOMAIN}/)")
_NEW_ARXIV_ID = re.compile(r"^([0-9]{2})([0-9]{2})\.([0-9]+)$")


class TitleFormat(Rule):
    """A title is not written like the list's other titles (bold, linked or plain), or its venue tag is malformed.

    **Why:** the title is what readers scan and what the intro-path convention and duplicate check are
    computed from. Each list has its own title shape -- `**Title**`, `[Title](url)` or plain text -- and a
    row that breaks it is usually a pasted row. In lists that tag bold titles with a venue (`**Title** [Venue
    YYYY]`), the tag stands in one fixed place, and a venue year earlier than the row's date is almost always a
    typo (reported as a warning).

    **Example:** `GQA: Training ... [EMNLP 2023]` (not bold) in a list of bold titles, `**GQA: ...**[EMNLP 2023]`
    (no space), `**HydraLoRA ...** [NIPS 2022]` with Date `2024.04`.

    **Fix:** safe for a missing or doubled space before the venue tag; nothing else is rewritten. The shape is
    the one a clear majority of the column follows; a column without one is not checked.
    """

    code = "RL201"
    name = "title-format"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for paper in ctx.model.papers:
            cell = paper.title_cell
            column = paper.model.column(Role.TITLE)
            if cell is None or column is None or not cell.text or column.title_shape is None:
                continue
            if not paper.model.fits(paper.row):
                continue
            shape = title_shape(cell)
            if shape != column.title_shape:
                if not column.is_placeholder(cell.text):
                    tagged = column.title_shape == "bold" and column.venue_tail
                    shape_key = "bold-venue" if tagged else column.title_shape
                    yield self.report_cell(doc, cell, _SHAPE_MESSAGES[shape_key])
                continue
            if shape != "bold" or not column.venue_tail:
                continue
            text = cell.text
            close = text.find("**", 2)
            rest = text[close + 2 :] if close != -1 else ""
            if rest and paper.venue is None:
                yield from self._bad_tail(doc, paper, rest, close + 2)
                continue
            venue, date = paper.venue, paper.date
            if venue and date and venue[1] < date.year:
                start = cell.text_col + len(text) - len(rest) + 1
                yield self.report(
                    doc,
                    cell.line,
                    start,
                    cell.text_end_col,
                    f"Venue year {venue[1]} is earlier than the row's date {paper.date_text}",
                    severity=Severity.WARNING,
                )

    def _bad_tail(self, doc: Document, paper: Paper, rest: str, offset: int) -> Iterator[Diagnostic]:
        cell = paper.title_cell
        assert cell is not None
        start = cell.text_col + offset
        stripped = rest.strip()
        fix = None
        if stripped.startswith("[") and stripped.endswith("]") and f" {stripped}" != rest:
            candidate = f"**{paper.title}** {stripped}" if paper.title else None
            if candidate and re.match(r"^\[[^\[\]]*?\S [0-9]{4}\]$", stripped):
                fix = replace_cell_text(cell, cell.text[:offset] + " " + stripped)
        yield self.report(
            doc,
            cell.line,
            start,
            cell.text_end_col,
            f"Unexpected text {rest.strip()!r} after the bold title; expected ' [Venue YYYY]' or nothing",
            fix,
        )


_SHAPE_MESSAGES = {
    "bold-venue": "Title is not bold: write it as **Title** [Venue YYYY]",
    "bold": "Title is not bold like the other titles: write it as **Title** (escape a * inside it as \\*)",
    "linked": "Title has no link, while the other titles link their paper: write it as [Title](URL)",
    "plain": "Title is not plain text like the other titles",
}
_FORMS = {  # how each link shape is written back; the destination is kept exactly as written
    "[[L](U)]": "[[{label}]({target})]",
    "[[L]](U)": "[[{label}]]({target})",
    "[L](U)": "[{label}]({target})",
    "**[L](U)**": "**[{label}]({target})**",
}


class PaperCell(Rule):
    """A paper-link cell is not written like the list's other paper cells.

    **Why:** readers and tools find the paper (and, in some lists, its intro) by these links; a bare link in a
    list of bracketed ones, a swapped order, an unknown or missing label, or a cell with no link at all breaks
    both. Each list has its own shape -- `[[pdf](URL)]`, `[[pdf]](URL)`, `[Paper](URL)`, `**[link](URL)**` --
    learned from the column's clear majority; a column without one is not checked for shape.

    **Example:** in the reference format, `[pdf](https://arxiv.org/abs/2309.06180)` (no outer brackets),
    `[[intro](...)] [[pdf](...)]` (order), `[[paper](...)]` (label).

    **Fix:** safe when the cell holds only links (any order, any brackets and spacing): it is rewritten in the
    list's own shape with the same link targets. Cells with other text are only reported. `labels` and
    `required` pin the vocabulary (default: learned, when the list uses a small closed set of labels).
    """

    code = "RL202"
    name = "paper-cell"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {
        "labels": Option([], "the link labels, in the order they must appear (default: learned from the list)"),
        "required": Option([], "labels every row must have (default: those nearly every row of the list has)"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for paper in ctx.model.papers:
            cell = paper.paper_cell
            column = paper.model.column(Role.PAPER)
            if cell is None or column is None or not cell.text or column.is_placeholder(cell.text):
                continue
            if not paper.model.fits(paper.row):
                continue
            options = ctx.options_for(paper.section)
            vocabulary = [label.casefold() for label in options["labels"]] or list(column.link_labels or ())
            required = [label.casefold() for label in options["required"]] or list(column.required_labels)
            links = [link for link in paper.links if link.kind == "link"]
            if not links:
                if required and (options["required"] or column.labels_from_prior):
                    yield self.report_cell(doc, cell, _problem([], required, [], vocabulary))
                continue
            found = [_label(link) for link in links]
            unknown = [link.label for link in links if vocabulary and _label(link) not in vocabulary]
            missing = [label for label in required if label not in found]
            if unknown or missing or len(set(found)) != len(found):
                yield self.report_cell(doc, cell, _problem(unknown, missing, found, vocabulary))
                continue
            ordered = vocabulary if (options["labels"] or column.labels_from_prior) else []
            yield from self._shape(doc, cell, links, column, ordered)

    def _shape(
        self, doc: Document, cell: Cell, links: list[Link], column: ColumnModel, vocabulary: list[str]
    ) -> Iterator[Diagnostic]:
        form = column.link_form
        forms = [link_form(cell.text, link, cell.text_col) for link in links]
        ordered = sorted(links, key=lambda link: vocabulary.index(_label(link))) if vocabulary else links
        shaped = (form is None or all(found == form for found in forms)) and ordered == links
        if shaped and (column.link_separator is None or not _only_links(doc, cell, links)):
            return  # links of the right shape, in order: only stray brackets or spacing around them are reported
        template = _FORMS.get(form or "", "")
        if not template or "<U>" in forms:
            return
        written = [_written_destination(doc, link) for link in ordered]
        separator = column.link_separator if column.link_separator is not None else " "
        canonical = separator.join(
            _as_written(doc, link, template)
            if dest is None
            else template.format(label=_label_as_written(link), target=dest)
            for link, dest in zip(ordered, written)
        )
        if cell.text == canonical:
            return
        if None in written:
            why = " (a reference link is rewritten by hand)"
        elif not _only_links(doc, cell, links):
            why = " (it holds other text)"
        else:
            why = ""
        fix = None if why else replace_cell_text(cell, canonical)
        yield self.report_cell(doc, cell, f"Paper cell should read {_shorten(canonical)!r}{why}", fix)


def _label(link: Link) -> str:
    return link.label.strip().strip("[]").strip().casefold()


def _label_as_written(link: Link) -> str:
    return link.label.strip().strip("[]").strip()


def _as_written(doc: Document, link: Link, template: str) -> str:
    """A reference link as written (its destination stands elsewhere), bracketed like the list's links."""
    raw = doc.line_text(link.line)[link.col - 1 : link.end_col - 1]
    return f"[{raw}]" if template.startswith("[[") else raw


def _written_destination(doc: Document, link: Link) -> str | None:
    """The link's destination exactly as written -- escapes (`\\|`), `<...>` and a title kept -- so a cell rebuilt
    from it keeps every byte the link had; None for a reference link, whose destination is not here."""
    if link.target_col is None:
        return None
    text = doc.line_text(link.line)
    head = _LINK_HEAD.match(text[link.col - 1 : link.target_col - 1])
    if head is None:
        return None
    return head.group(2) + text[link.target_col - 1 : link.end_col - 2]


_LINK_HEAD = re.compile(r"\[\s*(.*?)\s*\]\(\s*(<?)$", re.DOTALL)


def _only_links(doc: Document, cell: Cell, links: list[Link]) -> bool:
    """True when the cell's source is these links plus brackets, bold markers and spaces: no badge, HTML,
    comment or text that a rewrite would drop."""
    text = doc.line_text(cell.line)
    pieces, position = [], cell.text_col
    for link in sorted(links, key=lambda link: link.col):
        if link.line != cell.line or link.col < position:
            return False
        pieces.append(text[position - 1 : link.col - 1])
        position = link.end_col
    pieces.append(text[position - 1 : cell.text_end_col - 1])
    return not "".join(pieces).strip("[]* \t")


def _problem(unknown: list[str], missing: list[str], found: list[str], labels: list[str]) -> str:
    parts = []
    if unknown:
        parts.append("unknown link label " + ", ".join(repr(label) for label in unknown))
    if missing:
        parts.append("no " + ", ".join(repr(label) for label in missing) + " link")
    if len(set(found)) != len(found):
        parts.append("a label appears twice")
    return "Paper cell: " + "; ".join(parts) + f" (expected labels: {', '.join(labels)})"


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LinkSyntax(Rule):
    """A link is malformed or failed to form: GitHub shows it as text, or it leads nowhere.

    **Why:** a link that does not form is invisible to the reader and to every link checker; a target with
    a stray character or two URLs glued together is a dead link that only looks right in the source.

    **What:** in table cells, text that was meant as a link but is not one: `[[data]]` (no target),
    `[[data(URL)]]` (the URL inside the brackets), `[x] (url)` (a space before the parenthesis),
    `[x](https://github .com/a)` (a space in the target), an unbalanced parenthesis; and an empty target
    `[x]()` -- unless the column uses `[x]()` on purpose, in three rows or more. In every link of the
    file: a target without a scheme (`arxiv.org/abs/...`), a stray character before the scheme
    (`\\https://`, `[https://`), two URLs glued together (`https://a.org/2402.05https://b.org/x`), and
    `%20` at the start of the host or path (`https://github.com/%20owner/repo`).

    **Fix:** safe for a stray backslash before the scheme (the backslash is removed). Unsafe: `https://` is
    prepended to a target without a scheme (check it was not meant as a relative path), and a leading `%20`
    is removed. Everything else is only reported.
    """

    code = "RL203"
    name = "link-syntax"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        empty_by_column: dict[tuple[int, int], list[Link]] = {}
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    if "[" not in cell.text and "](" not in cell.text:
                        continue
                    yield from self._failed_links(doc, cell)
                    for link in cell.inline.links:
                        if link.target_col is not None and not link.target.strip():
                            empty_by_column.setdefault((id(table), cell.index), []).append(link)
        for links in empty_by_column.values():
            if len(links) >= _EMPTY_TARGET_CONVENTION:
                continue  # the column's own way of writing "none" (e.g. `[2025/05/31]()` for no code)
            for link in links:
                yield self.report(doc, link.line, link.col, link.end_col, f"Link {link.label!r} has an empty target")
        for link in doc.links():
            if link.target_col is not None and link.target.strip():
                yield from self._target(doc, link)

    def _failed_links(self, doc: Document, cell: Cell) -> Iterator[Diagnostic]:
        """Text in a cell that looks like a link but did not become one (formed links and code masked)."""
        masked = _mask_formed(cell)
        if not _MAYBE_FAILED.search(masked):
            return  # nothing link-like is left outside the links that formed (nearly every cell)
        reported: list[tuple[int, int]] = []
        for pattern, message in _FAILED_LINKS:
            for match in pattern.finditer(masked):
                start, end = match.span()
                if any(start < done_end and done_start < end for done_start, done_end in reported):
                    continue
                reported.append((start, end))
                detail = message(match.group(0)) if callable(message) else message
                yield self.report(doc, cell.line, cell.text_col + start, cell.text_col + end, detail)

    def _target(self, doc: Document, link: Link) -> Iterator[Diagnostic]:
        target = link.target
        assert link.target_col is not None
        stray = _STRAY_BEFORE_SCHEME.match(target)
        if stray:
            prefix = stray.group(1)
            # Only a lone backslash is surely noise; `[https://a](https://b)` needs a person to untangle.
            fix = None
            if prefix == "\\":
                fix = Fix((Edit.replace_span(link.line, link.target_col, link.target_col + 1, ""),))
            yield self.report_link(
                doc,
                link,
                f"Stray '{prefix}' before '{stray.group(2)}': the target is read as a path in this repository",
                fix,
            )
            return
        if _DOMAIN_WITHOUT_SCHEME.match(target) and not target.startswith(("./", "../")):
            fix = Fix((Edit.insert(link.line, link.target_col, "https://"),), Applicability.UNSAFE)
            yield self.report_link(
                doc, link, f"Link target {target!r} has no scheme; GitHub treats it as a path in this repository", fix
            )
            return
        glued = _glued_url(target)
        if glued is not None:
            col = link.target_col + glued
            yield self.report(
                doc,
                link.line,
                col,
                link.target_col + len(target),
                f"Two URLs glued together in the target: {target[:glued]!r} and {target[glued:]!r}",
            )
            return
        space = _LEADING_SPACE.match(target)
        if space:
            col = link.target_col + space.start(1)
            fix = Fix((Edit.replace_span(link.line, col, col + 3, ""),), Applicability.UNSAFE)
            message = "'%20' (an encoded space) before the host or path: the link is broken"
            yield self.report(doc, link.line, col, col + 3, message, fix)


_EMPTY_TARGET_CONVENTION = 3
_SCHEME_AHEAD = r"(?:https?://|www\.)"
_STRAY_BEFORE_SCHEME = re.compile(r"^([\\\[\]<>\"'`(]+)(https?://)", re.IGNORECASE)
_LEADING_SPACE = re.compile(r"^https?://(?:[^/?#\s]*/)?(%20)", re.IGNORECASE)
_SECOND_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_HOST = re.compile(r"https?://([^/?#]*)", re.IGNORECASE)  # used with .match: anchored at pos


def _glued_url(target: str) -> int | None:
    """Offset of a second URL glued into the path of ``target``, or None.

    A URL after ``?``, ``#`` or ``=`` is a parameter (``?ref=https://...``, shields' ``&url=``), and one after
    a ``/`` is how archives and proxies embed URLs (``web.archive.org/web/2020/https://...``) -- unless it
    repeats the first URL's own host (``https://a.com/https://a.com/``).
    """
    first = _HOST.match(target)
    if first is None:
        return None
    path_end = len(target)
    for mark in "?#":
        found = target.find(mark, first.end())
        if found != -1:
            path_end = min(path_end, found)
    for match in _SECOND_SCHEME.finditer(target, first.end(), path_end):
        before = target[match.start() - 1]
        if before == "=":
            continue
        second = _HOST.match(target, match.start())
        same_host = second is not None and second.group(1).lower() == first.group(1).lower()
        if before != "/" or same_host:
            return match.start()
    return None


def _mask_formed(cell: Cell) -> str:
    """The cell text with formed links and code spans blanked out (same length, so offsets stay columns)."""
    text = cell.text
    pieces: list[str] = []
    position = 0
    for link in sorted(cell.inline.links, key=lambda link: link.col):
        start = max(link.col - cell.text_col, position)
        end = max(min(link.end_col - cell.text_col, len(text)), start)
        pieces += (text[position:start], "\0" * (end - start))
        position = end
    masked = "".join(pieces) + text[position:]
    if "`" in masked:
        masked = _CODE_SPAN.sub(lambda match: "\0" * len(match.group(0)), masked)
    return masked


def _failed_target(written: str) -> str:
    inside = written[written.index("](") + 2 :]
    if re.match(r"^\s*https?://[^\s/]* +\.", inside):
        return "Text looks like a link but is not one: a space in the host of the target makes GitHub show it literally"
    return (
        "Text looks like a link but is not one: a space or an unbalanced parenthesis in the target "
        "makes GitHub show it literally (write spaces as %20)"
    )


_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
_MAYBE_FAILED = re.compile(r"\]\s*\(|\]\]|\(\s*(?:https?://|www\.)", re.IGNORECASE)
_FAILED_LINKS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        re.compile(r"\[{1,2}[^\[\]\0]*\]{1,2}[ \t]+\(\s*" + _SCHEME_AHEAD + r"[^()\s\0]*\)?", re.IGNORECASE),
        "Text looks like a link but is not one: a space between ']' and '(' (write [label](URL))",
    ),
    (
        re.compile(r"\[{1,2}[^\[\]()\0]*\(\s*" + _SCHEME_AHEAD + r"[^()\s\0]*\)\]{1,2}", re.IGNORECASE),
        "Text looks like a link but is not one: the URL is inside the brackets (write [[label](URL)])",
    ),
    (
        re.compile(r"\[\[[^\[\]()\0]+\]\](?![(\[:])"),
        "Text looks like a link but has no target: '[[label]]' needs '(URL)' after the label",
    ),
    (re.compile(r"\[[^\[\]\0]*\]\([^\0]*"), _failed_target),
    (
        re.compile(r"\]\([^\0]*"),
        "Text looks like a link but is not one: a space or an unbalanced parenthesis in the target "
        "makes GitHub show it literally (write spaces as %20)",
    ),
)


class ArxivLink(Rule):
    """An arXiv link is not in the list's own URL form, or its ID cannot exist.

    **Why:** one spelling per list makes duplicates findable and links stable. The form is learned from the
    list: a list that links `https://arxiv.org/pdf/ID` keeps doing so, one that writes `http://arxiv.org/abs/ID`
    too; only the parts of the URL a clear majority of the list's arXiv links agree on (scheme, host, `abs` or
    `pdf`, a `.pdf` suffix) are checked, the others are left as written. A list with fewer than five arXiv links
    uses the default form `https://arxiv.org/abs/ID`. An ID with month 13, the wrong number of digits for its
    year (4 up to 2014, 5 from 2015) or a malformed shape (`203.05527`) is a typo that only fails online.

    **Example:** in a list of `/abs/` links, `https://arxiv.org/pdf/2305.13245.pdf` ->
    `https://arxiv.org/abs/2305.13245`. `form = "abs"` or `"pdf"` pins the form (`https://arxiv.org/abs/ID`,
    `https://arxiv.org/pdf/ID`); `form = "any"` checks only the IDs.

    **Fix:** safe; only the URL's form changes toward the list's own, the ID and (unless `strip-version`) its
    version stay, and a query or fragment is kept.
    """

    code = "RL204"
    name = "arxiv-link"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {
        "strip-version": Option(False, "also remove a version suffix such as v1"),
        "form": Option(
            "auto",
            "auto (the list's own form), abs (/abs/ID), pdf (/pdf/ID) or any",
            choices=("auto", "abs", "pdf", "any"),
        ),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        strip = ctx.options["strip-version"]
        form = _arxiv_form(ctx.options["form"], ctx.model.arxiv_form, ctx.model.arxiv_links)
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    if "arxiv" not in cell.text.lower():
                        continue
                    for link in cell.inline.links:
                        yield from self._link(doc, link, strip, form)

    def _link(self, doc: Document, link: Link, strip: bool, form: ArxivForm | None) -> Iterator[Diagnostic]:
        if link.target_col is None or not is_arxiv_url(link.target):
            return
        found = parse_arxiv_url(link.target)
        if found is None:
            return
        impossible = impossible_arxiv_id(found.id)
        if impossible:
            yield self.report_link(doc, link, f"arXiv ID {found.id} cannot exist: {impossible}")
            return
        if form is None and not (strip and found.version):
            return
        url = found._replace(version="") if strip else found
        canonical = (form or ArxivForm(None, None, None, None)).canonical(url)
        if link.target != canonical:
            yield self.report_link(doc, link, f"arXiv link should be {canonical}", replace_link_target(link, canonical))


def _arxiv_form(option: str, learned: ArxivForm, evidence: int) -> ArxivForm | None:
    """The form links are checked against: pinned by the option, else the list's own (None: IDs only)."""
    if option == "any":
        return None
    if option in ("abs", "pdf"):
        return ArxivForm("https", "arxiv.org", option, "")
    if evidence < MIN_SAMPLES:
        return ArxivForm("https", "arxiv.org", "abs", "")
    return learned if any(part is not None for part in learned) else None


def impossible_arxiv_id(identifier: str) -> str | None:
    """Why an ID cannot exist on arXiv, or None when it can."""
    if "/" in identifier:
        return None
    match = _NEW_ARXIV_ID.match(identifier)
    if match is None:
        return "new-style IDs are YYMM.NNNN (to 2014) or YYMM.NNNNN (from 2015)"
    year, month, number = int(match.group(1)), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        return f"month {month:02d} does not exist"
    if (year, month) < (7, 4):
        return "new-style IDs start in April 2007 (0704)"
    expected = 4 if year < 15 else 5
    if len(number) != expected:
        return f"IDs from 20{year:02d} have {expected} digits after the dot, not {len(number)}"
    return None


class DuplicatePaper(Rule):
    """The same paper appears twice in a table: the same arXiv ID, the same paper link, or the same title.

    **Why:** duplicates creep in when a row is pasted twice or two contributors add the same hot paper;
    readers see two dates, two venues and two spellings. One paper link under two different titles means
    that one of the two links is wrong.

    **What:** the arXiv ID is compared in every URL form and version (`/abs/2402.01135`,
    `/pdf/2402.01135v2.pdf` ...), a paper link as written (scheme, `www.` and a trailing `/` aside), and
    the title without case, spacing and punctuation -- but `+`, `#` and digits count (`DPM-Solver` and
    `DPM-Solver++` are two papers). Only tables with a title column are checked (rows of other tables are
    models, tools or links, which may share a paper). By default within each table, since lists repeat a
    paper in overlapping topic tables on purpose; `scope = "section"` or `"list"` looks further.

    **Example:** `2405.04434` twice in "Attention Mechanism"; `[...](https://arxiv.org/pdf/2406.08705)`
    on two rows with different titles.

    **Fix:** none; which row to keep is a decision. The later row is reported, naming the first.
    """

    code = "RL205"
    name = "duplicate-paper"
    options = {
        "scope": Option(
            "table", "where a paper may not appear twice: table, section or list", choices=("table", "section", "list")
        )
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        scope = ctx.options["scope"]
        groups: dict[int, _SeenPapers] = {}
        for paper in ctx.model.papers:
            if paper.model.column(Role.TITLE) is None:
                continue
            group = id(paper.table) if scope == "table" else id(paper.section) if scope == "section" else 0
            seen = groups.setdefault(group, _SeenPapers())
            message = seen.duplicate(paper)
            if message is not None:
                cell = paper.title_cell if paper.title_cell is not None and paper.title_cell.text else None
                yield self.report_cell(doc, cell or paper.row.cells[0], message)


class _SeenPapers:
    """The papers met so far in one scope, by arXiv ID, paper link and normalized title."""

    def __init__(self) -> None:
        self.ids: dict[str, Paper] = {}
        self.urls: dict[str, Paper] = {}
        self.titles: dict[str, Paper] = {}

    def duplicate(self, paper: Paper) -> str | None:
        """The message when ``paper`` repeats one met before (None: new), after remembering it."""
        whole = _links_the_paper(paper)
        title = _title_key(paper, whole)
        ids = [identifier for identifier, _version in paper.arxiv_ids] if whole else []
        url = _paper_url(paper) if whole else None
        message = None
        first = next((self.ids[i] for i in ids if i in self.ids), None)
        if first is not None:
            shared = next(i for i in ids if self.ids.get(i) is first)
            message = f"Duplicate paper: arXiv {shared} is also on line {first.line}" + _other_title(first, title)
        elif url and url in self.urls:
            first = self.urls[url]
            message = f"Duplicate paper: the same paper link is also on line {first.line}" + _other_title(first, title)
        elif title and title in self.titles:
            first = self.titles[title]
            message = f"Duplicate paper: the same title is also on line {first.line}"
        if first is None:
            for identifier in ids:
                self.ids.setdefault(identifier, paper)
            if url:
                self.urls.setdefault(url, paper)
            if title:
                self.titles.setdefault(title, paper)
        return message


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
        return normalized_title(cell_value(paper.title_cell))
    return normalized_title(paper.title) if paper.title else ""


def _other_title(first: Paper, title: str) -> str:
    """A note when the two rows carry different titles: then one of the links is probably wrong."""
    if not first.title or not title or normalized_title(first.title) == title:
        return ""
    return f", under another title ({_shorten(first.title, 60)!r}): one of the two rows links the wrong paper"


_URL_HEAD = re.compile(r"^https?://(?:www\.)?", re.IGNORECASE)


def _paper_url(paper: Paper) -> str | None:
    """The row's first paper link, normalized (scheme, ``www.``, fragment, trailing ``/`` dropped), when it
    names a specific page (a site's home page is no paper); arXiv links are compared by ID instead."""
    link = next((link for link in paper.links if link.kind == "link" and link.target_col is not None), None)
    if link is None or is_arxiv_url(link.target):
        return None
    target = link.target.strip()
    if not _URL_HEAD.match(target):
        return None
    rest = _URL_HEAD.sub("", target).split("#", 1)[0].rstrip("/")
    host, _, path = rest.partition("/")
    if not path:
        return None
    return f"{host.lower()}/{path}"


RULES: tuple[type[Rule], ...] = (TitleFormat, PaperCell, LinkSyntax, ArxivLink, DuplicatePaper)
