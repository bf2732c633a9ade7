"""RL504 ``anchor-link``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from readme_lint.diagnostics import Diagnostic
from readme_lint.patterns import lazy_pattern
from readme_lint.rules._sections import TOC_HEADINGS, find_toc
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document

_HTML_ANCHOR = lazy_pattern(r"""<[A-Za-z][^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_TAG_START = lazy_pattern(r"<[A-Za-z]")
_GITHUB_PREFIX = "user-content-"  # GitHub prefixes the ids it renders; links may name either form


class AnchorLink(Rule):
    """A link to a place in this file (`#anchor`) matches no heading.

    **Why:** GitHub scrolls nowhere when an in-page link's anchor matches no heading, so a renamed or removed
    section leaves its navigation links dead: `[Self-Evolution & Test-Time RL](#self-evolution--test-time-rl)`
    after that heading was dropped.

    **What counts:** every link whose destination is `#anchor`, outside code, compared with the anchors GitHub
    gives the file's headings (github-slugger's: entities decoded, lowercase, punctuation dropped except `-` and
    connector punctuation, letter-like symbols kept, spaces as `-`, a repeated heading numbered `-1`, `-2`) and
    with the `id` and `name` attributes of the file's HTML. The comparison ignores case and
    percent-encoding, and a `user-content-` prefix. Links inside the Table of Contents that `toc` (RL502)
    checks are left to that rule. The message names the closest existing anchor when there is one.

    **Example:** `[Alignment](#alignment--preference-optimization)` where no heading reads "Alignment &
    Preference Optimization".

    **Fix:** none: which heading was meant needs a human (the closest anchor may be the wrong one).
    """

    code = "RL504"
    name = "anchor-link"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        links = [link for link in doc.links() if link.kind == "link" and link.target.startswith("#")]
        if not links:
            return
        anchors = {heading.anchor.casefold() for heading in doc.headings}
        anchors.update(_html_anchors(doc))
        toc = find_toc(doc, TOC_HEADINGS)
        toc_lines = range(toc[1].start_line, toc[1].end_line + 1) if toc is not None else range(0)
        closest = _Closest(anchors)
        for link in links:
            wanted = _normalized(link.target[1:])
            if not wanted or wanted in anchors or link.line in toc_lines:
                continue
            yield self.report_link(doc, link, f"No heading has the anchor {link.target!r}{closest.hint(wanted)}")


def _normalized(fragment: str) -> str:
    anchor = unquote(fragment).casefold()
    return anchor[len(_GITHUB_PREFIX) :] if anchor.startswith(_GITHUB_PREFIX) else anchor


def _html_anchors(doc: Document) -> set[str]:
    """``id`` and ``name`` attributes written in the file's HTML (outside code)."""
    code = doc.code_lines
    return {
        _normalized(value)
        for number, line in enumerate(doc.lines, start=1)
        if "=" in line and number not in code
        for value in _anchor_values(line)
    }


def _anchor_values(line: str) -> Iterator[str]:
    """What ``_HTML_ANCHOR.finditer(line)`` finds, in linear time.

    ``finditer`` retries the pattern at every ``<`` after a failed one, and each try scans to the next ``>``:
    a line of ``<a`` repeated with no ``>`` took minutes. Every ``<`` before that same ``>`` would scan the
    same stretch for a later ``id=``, so when one fails they all do: skip to the ``>``.
    """
    position = 0
    while True:
        start = _TAG_START().search(line, position)
        if start is None:
            return
        match = _HTML_ANCHOR().match(line, start.start())
        if match is not None:
            yield match.group(1)
            position = match.end()
            continue
        close = line.find(">", start.start())
        if close == -1:
            return
        position = close + 1


# The closest-anchor hint compares a dead anchor with every anchor of the file (difflib's ratio, quadratic in
# the length of the two). Bounded per document: dead anchors longer than _LONGEST get no hint (no typo of a
# heading is that long), and once _COMPARISONS candidate comparisons are spent the remaining dead anchors get no
# hint either -- a README of 1,000 near-identical headings and 1,000 near-miss links took 100 s. A hint is given
# from a full search or not at all, so it is never a worse match than difflib's.
_CUTOFF = 0.75
_LONGEST = 200
_COMPARISONS = 20_000


class _Closest:
    """The hint naming the anchor closest to a dead one: ``difflib.get_close_matches(wanted, anchors, n=1,
    cutoff=0.75)``, computed once per distinct dead anchor, within a comparison budget for the document."""

    def __init__(self, anchors: set[str]) -> None:
        self.anchors = sorted(anchors)
        self.budget = _COMPARISONS
        self.found: dict[str, str] = {}
        self.comparisons = 0  # candidate comparisons made, for the tests

    def hint(self, wanted: str) -> str:
        if wanted not in self.found:
            match = self._search(wanted)
            self.found[wanted] = f"; did you mean '#{match}'?" if match else ""
        return self.found[wanted]

    def _search(self, wanted: str) -> str | None:
        if len(wanted) > _LONGEST or len(self.anchors) > self.budget:
            return None
        self.budget -= len(self.anchors)
        import difflib  # only when a link is dead: difflib costs milliseconds at import

        # get_close_matches's own loop (same filters, same tie-break: the highest score, then the larger
        # string), counted: a comparison is one anchor that passes the length bound.
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(wanted)
        best: tuple[float, str] | None = None
        for anchor in self.anchors:
            matcher.set_seq1(anchor)
            if matcher.real_quick_ratio() < _CUTOFF:
                continue
            self.comparisons += 1
            if matcher.quick_ratio() < _CUTOFF:
                continue
            score = matcher.ratio()
            if score >= _CUTOFF and (best is None or (score, anchor) > best):
                best = (score, anchor)
        return best[1] if best else None


RULES: tuple[type[Rule], ...] = (AnchorLink,)
