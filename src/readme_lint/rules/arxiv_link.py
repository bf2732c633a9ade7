"""RL204 ``arxiv-link``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.listmodel import (
    MIN_SAMPLES,
    ArxivForm,
    Paper,
    is_arxiv_url,
    parse_arxiv_url,
)
from readme_lint.patterns import lazy_compile
from readme_lint.rules.base import Option, RowRule, Rule, TableVisit, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.markdown import Link
    from readme_lint.tables import Row


_NEW_ARXIV_ID = lazy_compile(r"^([0-9]{2})([0-9]{2})\.([0-9]+)$")


class ArxivLink(RowRule):
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

    A stray dot after the ID (`https://arxiv.org/abs/2305.13245.`, pasted from the end of a sentence) is
    reported in any form: arXiv does not know that ID.

    **Fix:** safe; only the URL's form changes toward the list's own (a stray dot is dropped), the ID and
    (unless `strip-version`) its version stay, and a query or fragment is kept.
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

    def begin_table(self, visit: TableVisit) -> bool:
        model, options = visit.ctx.model, visit.options
        self._strip = options["strip-version"]
        self._form = _arxiv_form(options["form"], model.arxiv_form, model.arxiv_links)
        self._canonical = _canonical_link(self._form, self._strip)
        return True

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for cell in row.cells:
            text = cell.text
            if ("x" in text or "X" in text) and "arxiv" in text.lower():  # no x: no arXiv (a cheap test first)
                for link in cell.inline.links:
                    target = link.target
                    if "x" not in target and "X" not in target:
                        continue  # no x: no arXiv host, so ``_link`` has nothing to say (an intro or code link)
                    if self._canonical is not None and self._canonical.match(target):
                        continue  # already in the list's form, with an ID that can exist (nearly every link)
                    problem = self._link(visit.doc, link, self._strip, self._form)
                    if problem is not None:
                        found.append(problem)
        return found

    def _link(self, doc: Document, link: Link, strip: bool, form: ArxivForm | None) -> Diagnostic | None:
        if link.target_col is None or not is_arxiv_url(link.target):
            return None
        found = parse_arxiv_url(link.target)
        if found is None:
            return None
        impossible = impossible_arxiv_id(found.id)
        if impossible:
            return self.report_link(doc, link, f"arXiv ID {found.id} cannot exist: {impossible}")
        if form is None and not (strip and found.version) and not found.tail.startswith("."):
            return None
        url = found._replace(version="") if strip else found
        canonical = (form or ArxivForm(None, None, None, None)).canonical(url)
        if link.target == canonical:
            return None
        return self.report_link(doc, link, f"arXiv link should be {canonical}", replace_link_target(link, canonical))


def _arxiv_form(option: str, learned: ArxivForm, evidence: int) -> ArxivForm | None:
    """The form links are checked against: pinned by the option, else the list's own (None: IDs only)."""
    if option == "any":
        return None
    if option in ("abs", "pdf"):
        return ArxivForm("https", "arxiv.org", option, "")
    if evidence < MIN_SAMPLES:
        return ArxivForm("https", "arxiv.org", "abs", "")
    return learned if any(part is not None for part in learned) else None


# The new-style IDs ``impossible_arxiv_id`` accepts: from 0704 on, a real month, 4 digits up to 2014, 5 from 2015.
_POSSIBLE_ID = (
    r"(?:(?:07(?:0[4-9]|1[0-2])|(?:0[89]|1[0-4])(?:0[1-9]|1[0-2]))\.[0-9]{4}"
    r"|(?:1[5-9]|[2-9][0-9])(?:0[1-9]|1[0-2])\.[0-9]{5})"
)


@lru_cache(maxsize=16)
def _canonical_link(form: ArxivForm | None, strip: bool) -> re.Pattern[str] | None:
    """A pattern matching exactly the links ``_link`` passes in ``form``: the canonical URL of an ID that can
    exist (with its version unless ``strip``). None unless the form fixes every part of the URL."""
    if form is None or None in (form.scheme, form.host, form.kind) or (form.kind == "pdf" and form.suffix is None):
        return None
    suffix = form.suffix if form.kind == "pdf" else ""
    version = "" if strip else "(?:v[0-9]+)?"
    head = re.escape(f"{form.scheme}://{form.host}/{form.kind}/")
    return re.compile(f"{head}{_POSSIBLE_ID}{version}{re.escape(suffix or '')}\\Z")


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


RULES: tuple[type[Rule], ...] = (ArxivLink,)
