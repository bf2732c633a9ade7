"""Title, paper cell and link form (RL2xx, offline): what a reader clicks must be well formed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity
from readme_lint.papers import Paper, arxiv_id, is_arxiv_url, papers
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
            canonical = " ".join(f"[{source}]" for source in written)
            if cell.text == canonical:
                continue
            # A reference link's destination stands elsewhere: reported, never rebuilt.
            why = (
                "it holds other text"
                if not _only_links(doc, cell, links)
                else "a reference link is rewritten by hand"
                if any(link.target_col is None for link in links)
                else None
            )
            fix = replace_cell_text(cell, canonical) if why is None else None
            yield self.report_cell(
                doc, cell, f"Paper cell should read {_shorten(canonical)!r}" + (f" ({why})" if why else ""), fix
            )


_LINK_HEAD = re.compile(r"\[\s*(.*?)\s*\]\(\s*(<?)$", re.DOTALL)


def _link_source(doc: Document, link: Link) -> str:
    """The link exactly as written -- escapes (`\\|`), `<...>` destination and title kept -- with the spaces
    inside its label brackets dropped (a reference link: as written)."""
    text, start = doc.line_text(link.line), link.target_col
    head = _LINK_HEAD.match(text[link.col - 1 : start - 1]) if start is not None else None
    if start is None or head is None:
        return text[link.col - 1 : link.end_col - 1]
    return f"[{head.group(1)}]({head.group(2)}" + text[start - 1 : link.end_col - 1]


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
