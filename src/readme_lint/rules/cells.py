"""Title, paper cell and link form (RL2xx, offline): what a reader clicks must be well formed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.papers import Paper, arxiv_id, is_arxiv_url, papers
from readme_lint.rules.base import Option, Rule, RuleContext, replace_cell_text, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell

_DOMAIN = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# `www.x.org`, or a domain followed by a path (`arxiv.org/abs/...`); `timeline.png` alone is a file name.
_DOMAIN_WITHOUT_SCHEME = re.compile(rf"^(?:www\.{_DOMAIN}(?:[/?#]|$)|{_DOMAIN}/)")
_NEW_ARXIV_ID = re.compile(r"^([0-9]{2})([0-9]{2})\.([0-9]+)$")
_TITLE_NORMALIZE = re.compile(r"[\W_]+")


def normalized_title(title: str) -> str:
    """Titles compare without case, punctuation and spacing."""
    return _TITLE_NORMALIZE.sub(" ", title.casefold()).strip()


class TitleFormat(Rule):
    """The Title cell is not `**Title**` optionally followed by ` [Venue YYYY]`.

    **Why:** the bold title is what readers scan and what the intro-path convention and duplicate check
    are computed from; the venue tag in one fixed place keeps the list greppable. A venue year earlier
    than the row's Date is almost always a typo (reported as a warning).

    **Example:** `GQA: Training ... [EMNLP 2023]` (not bold), `**GQA: ...**[EMNLP 2023]` (no space),
    `**HydraLoRA ...** [NIPS 2022]` with Date `2024.04`.

    **Fix:** safe for a missing or doubled space before the venue tag; nothing else is rewritten.
    """

    code = "RL201"
    name = "title-format"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for paper in papers(doc, ctx):
            cell = paper.title_cell
            if cell is None or not cell.text:
                continue
            text = cell.text
            if not cell.inline.starts_with_strong or not text.startswith("**"):
                yield self.report_cell(doc, cell, "Title is not bold: write it as **Title** [Venue YYYY]")
                continue
            close = text.find("**", 2)
            rest = text[close + 2 :] if close != -1 else ""
            if rest and paper.venue is None:
                yield from self._bad_tail(doc, paper, rest, close + 2)
                continue
            venue, date = paper.venue, paper.date
            if venue and date and venue[1] < date[0]:
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


class PaperCell(Rule):
    """The Paper cell is not `[[pdf](URL)]` optionally followed by ` [[intro](URL)]`.

    **Why:** readers and tools find the paper and its intro by these labels; a bare link, a swapped
    order or an unknown label breaks both.

    **Example:** `[pdf](https://arxiv.org/abs/2309.06180)` (no outer brackets),
    `[[intro](...)] [[pdf](...)]` (order), `[[paper](...)]` (label).

    **Fix:** safe when the cell holds only the expected links (any order, any brackets and spacing): it
    is rewritten canonically with the same link targets. Cells with other text are only reported.
    """

    code = "RL202"
    name = "paper-cell"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {
        "labels": Option(["pdf", "intro"], "the link labels, in the order they must appear"),
        "required": Option(["pdf"], "labels every row must have"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for paper in papers(doc, ctx):
            cell = paper.paper_cell
            if cell is None or not cell.text:
                continue
            options = ctx.options_for(paper.section)
            labels = [label.casefold() for label in options["labels"]]
            links = [link for link in paper.links if link.kind == "link"]
            found = [link.label.strip().casefold() for link in links]
            unknown = [link.label for link in links if link.label.strip().casefold() not in labels]
            missing = [label for label in options["required"] if label.casefold() not in found]
            if unknown or missing or len(set(found)) != len(found):
                yield self.report_cell(doc, cell, _problem(unknown, missing, found, options["labels"]))
                continue
            ordered = sorted(links, key=lambda link: labels.index(link.label.strip().casefold()))
            written = [_link_source(doc, link) for link in ordered]
            if None in written:  # a reference link: its destination is elsewhere, rebuild nothing
                continue
            canonical = " ".join(f"[{source}]" for source in written)
            if cell.text == canonical:
                continue
            fix = replace_cell_text(cell, canonical) if _only_links(doc, cell, links) else None
            yield self.report_cell(
                doc,
                cell,
                f"Paper cell should read {_shorten(canonical)!r}" + ("" if fix else " (it holds other text)"),
                fix,
            )


_LINK_HEAD = re.compile(r"\[\s*(.*?)\s*\]\(\s*(<?)$", re.DOTALL)


def _link_source(doc: Document, link: Link) -> str | None:
    """The link exactly as written -- escapes (`\\|`), `<...>` destination and title kept -- with the spaces
    inside its label brackets dropped; None for a reference link, whose destination is not here."""
    if link.target_col is None:
        return None
    text = doc.line_text(link.line)
    head = _LINK_HEAD.match(text[link.col - 1 : link.target_col - 1])
    if head is None:
        return None
    return f"[{head.group(1)}]({head.group(2)}" + text[link.target_col - 1 : link.end_col - 1]


def _only_links(doc: Document, cell: Cell, links: list[Link]) -> bool:
    """True when the cell's source is these links plus brackets and spaces: no badge, HTML, comment or text
    that a rewrite would drop."""
    text = doc.line_text(cell.line)
    pieces, position = [], cell.text_col
    for link in sorted(links, key=lambda link: link.col):
        if link.line != cell.line or link.col < position:
            return False
        pieces.append(text[position - 1 : link.col - 1])
        position = link.end_col
    pieces.append(text[position - 1 : cell.text_end_col - 1])
    return not "".join(pieces).strip("[] \t")


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
    """An arXiv link is not in canonical form, or its ID cannot exist.

    **Why:** one spelling (`https://arxiv.org/abs/ID`) makes duplicates findable and links stable:
    `http://`, `www.`, `/pdf/ID` and `/pdf/ID.pdf` all point at the same paper. An ID with month 13 or the
    wrong number of digits for its year (4 up to 2014, 5 from 2015) is a typo that only fails online.

    **Example:** `https://arxiv.org/pdf/2305.13245.pdf` -> `https://arxiv.org/abs/2305.13245`. A list that
    links PDFs sets `form = "pdf"` (`https://arxiv.org/pdf/ID`); `form = "any"` checks only the IDs.

    **Fix:** safe; only the URL's form changes, the ID and (unless `strip-version`) its version stay.
    """

    code = "RL204"
    name = "arxiv-link"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {
        "strip-version": Option(False, "also remove a version suffix such as v1"),
        "form": Option("abs", "canonical form: abs (/abs/ID), pdf (/pdf/ID) or any", choices=("abs", "pdf", "any")),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        strip, form = ctx.options["strip-version"], ctx.options["form"]
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    if "arxiv" not in cell.text.lower():
                        continue
                    for link in cell.inline.links:
                        yield from self._link(doc, link, strip, form)

    def _link(self, doc: Document, link: Link, strip: bool, form: str) -> Iterator[Diagnostic]:
        if link.target_col is None or not is_arxiv_url(link.target):
            return
        found = arxiv_id(link.target)
        if found is None:
            return
        identifier, version = found
        impossible = _impossible_id(identifier)
        if impossible:
            yield self.report_link(doc, link, f"arXiv ID {identifier} cannot exist: {impossible}")
            return
        canonical = f"https://arxiv.org/{form}/{identifier}{'' if strip else version}"
        if form != "any" and link.target != canonical:
            yield self.report_link(doc, link, f"arXiv link should be {canonical}", replace_link_target(link, canonical))


def _impossible_id(identifier: str) -> str | None:
    match = _NEW_ARXIV_ID.match(identifier)
    if match is None:
        return None
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
    """The same paper appears twice: the same arXiv ID (any version) or the same title.

    **Why:** duplicates creep in when two contributors add the same hot paper to different sections, or
    when a row is pasted twice; readers see two dates, two citation counts and two venue spellings.

    **Example:** `2405.04434` in "Attention Mechanism" and again in "More".

    **Fix:** none; which row to keep is a decision. The later row is reported, naming the first.
    """

    code = "RL205"
    name = "duplicate-paper"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        seen_ids: dict[str, int] = {}
        seen_titles: dict[str, int] = {}
        for paper in papers(doc, ctx):
            found = paper.arxiv
            title = paper.title
            key = normalized_title(title) if title else ""
            first = None
            if found and found[0] in seen_ids:
                first, what = seen_ids[found[0]], f"arXiv {found[0]}"
            elif key and key in seen_titles:
                first, what = seen_titles[key], "title"
            if first is not None:
                cell = paper.title_cell or paper.row.cells[0]
                yield self.report_cell(doc, cell, f"Duplicate paper: same {what} as the row on line {first}")
                continue
            if found:
                seen_ids[found[0]] = paper.line
            if key:
                seen_titles[key] = paper.line


RULES: tuple[type[Rule], ...] = (TitleFormat, PaperCell, LinkSyntax, ArxivLink, DuplicatePaper)
