"""Title, paper cell and link form (RL2xx, offline): what a reader clicks must be well formed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.listmodel import (
    MIN_SAMPLES,
    ArxivForm,
    Paper,
    Role,
    is_arxiv_url,
    link_form,
    parse_arxiv_url,
    title_shape,
)
from readme_lint.rules.base import Option, Rule, RuleContext, replace_cell_text, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell

_DOMAIN_WITHOUT_SCHEME = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/|$)")
_NEW_ARXIV_ID = re.compile(r"^([0-9]{2})([0-9]{2})\.([0-9]+)$")
_TITLE_NORMALIZE = re.compile(r"[\W_]+")


def normalized_title(title: str) -> str:
    """Titles compare without case, punctuation and spacing."""
    return _TITLE_NORMALIZE.sub(" ", title.casefold()).strip()


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
            shape = title_shape(cell)
            if shape != column.title_shape:
                if not column.is_placeholder(cell.text):
                    yield self.report_cell(doc, cell, _SHAPE_MESSAGES[column.title_shape])
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
    "bold": "Title is not bold: write it as **Title** [Venue YYYY]",
    "linked": "Title is not linked like the other titles: write it as [Title](URL)",
    "plain": "Title is not plain text like the other titles",
}
_FORMS = {
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
            options = ctx.options_for(paper.section)
            vocabulary = [label.casefold() for label in options["labels"]] or list(column.link_labels or ())
            required = [label.casefold() for label in options["required"]] or list(column.required_labels)
            links = [link for link in paper.links if link.kind == "link"]
            if not links:
                if column.link_form is not None:
                    yield self.report_cell(doc, cell, "Paper cell holds no link; the other rows link the paper")
                continue
            found = [_label(link) for link in links]
            unknown = [link.label for link in links if vocabulary and _label(link) not in vocabulary]
            missing = [label for label in required if label not in found]
            if unknown or missing or len(set(found)) != len(found):
                yield self.report_cell(doc, cell, _problem(unknown, missing, found, vocabulary))
                continue
            yield from self._shape(doc, cell, links, column.link_form, vocabulary)

    def _shape(
        self, doc: Document, cell: Cell, links: list[Link], form: str | None, vocabulary: list[str]
    ) -> Iterator[Diagnostic]:
        forms = [link_form(cell.text, link, cell.text_col) for link in links]
        ordered = sorted(links, key=lambda link: vocabulary.index(_label(link))) if vocabulary else links
        if (form is None or all(found == form for found in forms)) and ordered == links:
            return
        template = _FORMS.get(form or "", "")
        if not template or "<U>" in forms:
            return
        written = [_written_destination(doc, link) for link in ordered]
        targets = [link.target if dest is None else dest for link, dest in zip(ordered, written)]
        canonical = " ".join(
            template.format(label=_label_as_written(link), target=target) for link, target in zip(ordered, targets)
        )
        if cell.text == canonical:
            return
        rebuildable = None not in written and _only_links(doc, cell, links)
        fix = replace_cell_text(cell, canonical) if rebuildable else None
        yield self.report_cell(
            doc,
            cell,
            f"Paper cell should read {_shorten(canonical)!r}" + ("" if fix else " (it holds other text)"),
            fix,
        )


def _label(link: Link) -> str:
    return link.label.strip().strip("[]").strip().casefold()


def _label_as_written(link: Link) -> str:
    return link.label.strip().strip("[]").strip()


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
    """A link in a table cell is malformed: empty target, no scheme, or text that failed to become a link.

    **Why:** GitHub renders `[pdf](https://a b)` or `[pdf](https://x.org/a_(b)` as literal text, and
    `[pdf](arxiv.org/abs/...)` as a link relative to the repository -- a dead link either way. `[x]()`
    links to the page itself.

    **Example:** `[[pdf]()]`, `[[pdf](arxiv.org/abs/2305.13245)]`, `[[pdf](https://x.org/a b.pdf)]`.

    **Fix:** unsafe, only for a missing scheme: `https://` is prepended (check that the target was not
    meant as a relative path).
    """

    code = "RL203"
    name = "link-syntax"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.UNSAFE,)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    if "[" not in cell.text and "](" not in cell.text:
                        continue
                    yield from self._cell(doc, cell)

    def _cell(self, doc: Document, cell: Cell) -> Iterator[Diagnostic]:
        inline = cell.inline
        for link in inline.links:
            yield from self._link(doc, link)
        broken = inline.loose_text.find("](")
        if broken != -1:
            position = cell.text.find("](")
            col = cell.text_col + max(position, 0)
            yield self.report(
                doc,
                cell.line,
                col,
                cell.text_end_col,
                "Text looks like a link but is not one: a space or an unbalanced parenthesis in the target "
                "makes GitHub show it literally (write spaces as %20)",
            )

    def _link(self, doc: Document, link: Link) -> Iterator[Diagnostic]:
        if link.target_col is None:
            return
        target = link.target
        if not target.strip():
            yield self.report(doc, link.line, link.col, link.end_col, f"Link {link.label!r} has an empty target")
        elif _DOMAIN_WITHOUT_SCHEME.match(target) and not target.startswith(("./", "../")):
            fix = Fix(
                (Edit.insert(link.line, link.target_col, "https://"),),
                Applicability.UNSAFE,
            )
            yield self.report_link(
                doc, link, f"Link target {target!r} has no scheme; GitHub treats it as a path in this repository", fix
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
        for paper in ctx.model.papers:
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
