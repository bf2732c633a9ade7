"""RL202 ``paper-cell``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.listmodel import (
    ColumnModel,
    Paper,
    Role,
    link_form,
)
from readme_lint.patterns import lazy_compile
from readme_lint.rules._links import shorten
from readme_lint.rules.base import Option, RowRule, Rule, TableVisit, replace_cell_text

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell, Row


_FORMS = {  # how each link shape is written back; the destination is kept exactly as written
    "[[L](U)]": "[[{label}]({target})]",
    "[[L]](U)": "[[{label}]]({target})",
    "[L](U)": "[{label}]({target})",
    "**[L](U)**": "**[{label}]({target})**",
}


class PaperCell(RowRule):
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

    rows = "papers"

    def begin_table(self, visit: TableVisit) -> bool:
        column = visit.model.column(Role.PAPER)
        if column is None:
            return False
        options = visit.options
        self._column = column
        self._vocabulary = [label.casefold() for label in options["labels"]] or list(column.link_labels or ())
        self._required = [label.casefold() for label in options["required"]] or list(column.required_labels)
        self._require_a_link = bool(self._required) and bool(options["required"] or column.labels_from_prior)
        self._ordered = self._vocabulary if (options["labels"] or column.labels_from_prior) else []
        self._verdicts: dict[tuple[str, ...], _Verdict] = {}  # by the labels as parsed: a list has a few sets
        self._written_so = _canonical_cell(column.link_form, column.link_separator, True)  # (for ASCII cells)
        return True

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        cell = paper.paper_cell if paper is not None else None
        column = self._column
        if cell is None or not cell.text or column.is_placeholder(cell.text) or not visit.model.fits(row):
            return ()
        assert paper is not None
        doc, vocabulary, required = visit.doc, self._vocabulary, self._required
        links = [link for link in paper.links if link.kind == "link"]
        if not links:
            if self._require_a_link:
                return (self.report_cell(doc, cell, _problem([], required, [], vocabulary)),)
            return ()
        labels = tuple([link.label for link in links])
        verdict = self._verdicts.get(labels)
        if verdict is None:
            verdict = self._verdicts[labels] = _verdict(labels, vocabulary, required, self._ordered)
        problem, found, as_written, in_order = verdict
        if problem is not None:
            return (self.report_cell(doc, cell, problem),)
        written_so = self._written_so
        if in_order and written_so is not None and cell.text.isascii() and written_so.fullmatch(cell.text):
            return ()  # already the list's shape, in order: what a rewrite would write (nearly every row)
        return self._shape(doc, cell, links, found, as_written, column, self._ordered)

    def _shape(
        self,
        doc: Document,
        cell: Cell,
        links: list[Link],
        labels: list[str],
        as_written: list[str],
        column: ColumnModel,
        vocabulary: list[str],
    ) -> tuple[Diagnostic, ...]:
        """A finding when the cell's links are not in the list's form or order (``labels``: theirs, casefolded;
        ``as_written``: the same, in their own case)."""
        form = column.link_form
        text, text_col = cell.text, cell.text_col
        ordered = links
        if vocabulary:
            ranks = [vocabulary.index(label) for label in labels]
            if ranks != sorted(ranks):
                ordered = [link for _rank, link in sorted(zip(ranks, links), key=lambda pair: pair[0])]
        written_so = _canonical_cell(form, column.link_separator)
        if ordered is links and written_so is not None and written_so.fullmatch(text):
            return ()  # already the list's shape, in order: what the rewrite below would write (nearly every row)
        forms = [link_form(text, link, text_col) for link in links]
        shaped = (form is None or all(found == form for found in forms)) and ordered is links
        if shaped and column.link_separator is None:
            return ()  # links of the right shape, in order, and no one separator to hold them to
        template = _FORMS.get(form or "", "")
        if not template or "<U>" in forms:
            return ()
        written = [_written_destination(doc, link) for link in ordered]
        separator = column.link_separator if column.link_separator is not None else " "
        if ordered is not links:
            as_written = [_label_as_written(link) for link in ordered]
        canonical = separator.join(
            _as_written(doc, link, template) if dest is None else template.format(label=label, target=dest)
            for link, dest, label in zip(ordered, written, as_written)
        )
        if cell.text == canonical:
            return ()  # (first: the cell is already what a rewrite would write, nearly every row)
        if shaped and " ".join(cell.text.split()) == " ".join(canonical.split()):
            return ()  # only a doubled space between the links: RL104 reports it, once
        only_links = _only_links(doc, cell, links)
        if shaped and not only_links:
            return ()  # links of the right shape, in order: only stray brackets or spacing around them are reported
        if None in written:
            why = " (a reference link is rewritten by hand)"
        elif not only_links:
            why = " (it holds other text)"
        else:
            why = ""
        fix = None if why else replace_cell_text(cell, canonical)
        return (self.report_cell(doc, cell, f"Paper cell should read {shorten(canonical)!r}{why}", fix),)


# A label and a destination that read the same to the inline parser as written: no brackets, parentheses,
# escapes, entities, emphasis, code or HTML, no outer spaces (so the label is its own stripped text).
_PLAIN_LABEL = r"[^\[\]()\\`&<>*_~!\s](?:[^\[\]()\\`&<>*_~!\n]*[^\[\]()\\`&<>*_~!\s])?"
_PLAIN_TARGET = r"[^\s()<>\\&`\[\]]+"
# What ``\s`` matches among ASCII characters (``str.isspace``): in a class, a table lookup instead of a category
# test per character, the same verdict on an ASCII cell (nearly every cell), in about two thirds of the time.
ASCII_SPACE = r"\t-\r\x1c-\x20"
_MARKUP = "[]()\\`&<>*_~!"
_UNITS = {  # the link shapes whose canonical writing is these plain units joined by the separator
    "[[L](U)]": ("[[", "]"),
    "[L](U)": ("[", ""),
    "**[L](U)**": ("**[", "**"),
}


@lru_cache(maxsize=64)
def _canonical_cell(form: str | None, separator: str | None, ascii_only: bool = False) -> re.Pattern[str] | None:
    """A pattern that matches exactly the cells already written in the list's shape with plain links: each
    `[label](URL)` in the form's brackets, the separator between. Such a cell parses to those very links (nothing
    in it reads differently to the parser), so its rewrite is itself; None for shapes without one.
    ``ascii_only``: the same verdict for ASCII text only (``ASCII_SPACE`` for ``\\s``), quicker."""
    if form not in _UNITS or separator is None or any(char in _MARKUP for char in separator):
        return None  # (a separator with markup could change how a link's shape reads: no shortcut)
    before, after = _UNITS[form]
    label, target = _PLAIN_LABEL, _PLAIN_TARGET
    if ascii_only:
        label, target = label.replace("\\s", ASCII_SPACE), target.replace("\\s", ASCII_SPACE)
    unit = f"{re.escape(before)}{label}\\]\\({target}\\){re.escape(after)}"
    return re.compile(f"{unit}(?:{re.escape(separator)}{unit})*")


def _label_as_written(link: Link) -> str:
    return _stripped_label(link.label)


def _stripped_label(label: str) -> str:
    return label.strip().strip("[]").strip()


_Verdict = tuple[str | None, list[str], list[str], bool]  # (a problem, the labels casefolded, as written, in order)


def _verdict(labels: tuple[str, ...], vocabulary: list[str], required: list[str], ordered: list[str]) -> _Verdict:
    """What a cell's link labels alone decide, once per set of labels: a problem (an unknown, missing or doubled
    label) or None, the labels as compared and as written, and whether they stand in the ``ordered`` order."""
    as_written = [_stripped_label(label) for label in labels]  # each label stripped once
    found = [label.casefold() for label in as_written]  # what labels are compared as
    unknown = [label for label, folded in zip(labels, found) if vocabulary and folded not in vocabulary]
    missing = [label for label in required if label not in found]
    if unknown or missing or len(set(found)) != len(found):
        return _problem(unknown, missing, found, vocabulary), found, as_written, False
    if ordered:
        ranks = [ordered.index(label) for label in found]
        return None, found, as_written, ranks == sorted(ranks)
    return None, found, as_written, True


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
    rest = text[link.target_col - 1 : link.end_col - 2]
    head_text = text[link.col - 1 : link.target_col - 1]
    if head_text[:1] == "[" and head_text.endswith("]("):
        return rest  # `[label](`: what the pattern below reads as no `<` (nearly every link)
    head = _LINK_HEAD.match(head_text)
    if head is None:
        return None
    return head.group(2) + rest


_LINK_HEAD = lazy_compile(r"\[\s*(.*?)\s*\]\(\s*(<?)$", re.DOTALL)


def _only_links(doc: Document, cell: Cell, links: list[Link]) -> bool:
    """True when the cell's source is these links plus brackets, bold markers and spaces: no badge, HTML,
    comment or text that a rewrite would drop."""
    text = doc.line_text(cell.line)
    pieces, position = [], cell.text_col
    in_order = all(before.col < after.col for before, after in pairwise(links))
    for link in links if in_order else sorted(links, key=lambda link: link.col):
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


RULES: tuple[type[Rule], ...] = (PaperCell,)
