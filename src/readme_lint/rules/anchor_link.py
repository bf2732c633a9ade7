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
_GITHUB_PREFIX = "user-content-"  # GitHub prefixes the ids it renders; links may name either form


class AnchorLink(Rule):
    """A link to a place in this file (`#anchor`) matches no heading.

    **Why:** GitHub scrolls nowhere when an in-page link's anchor matches no heading, so a renamed or removed
    section leaves its navigation links dead: `[Self-Evolution & Test-Time RL](#self-evolution--test-time-rl)`
    after that heading was dropped.

    **What counts:** every link whose destination is `#anchor`, outside code, compared with the anchors GitHub
    gives the file's headings (lowercase, punctuation dropped, spaces as `-`, a repeated heading numbered `-1`,
    `-2`) and with the `id` and `name` attributes of the file's HTML. The comparison ignores case and
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
        for link in links:
            wanted = _normalized(link.target[1:])
            if not wanted or wanted in anchors or link.line in toc_lines:
                continue
            yield self.report_link(doc, link, f"No heading has the anchor {link.target!r}{_closest(wanted, anchors)}")


def _normalized(fragment: str) -> str:
    anchor = unquote(fragment).casefold()
    return anchor[len(_GITHUB_PREFIX) :] if anchor.startswith(_GITHUB_PREFIX) else anchor


def _html_anchors(doc: Document) -> set[str]:
    """``id`` and ``name`` attributes written in the file's HTML (outside code)."""
    code = doc.code_lines
    return {
        _normalized(match.group(1))
        for number, line in enumerate(doc.lines, start=1)
        if "=" in line and number not in code
        for match in _HTML_ANCHOR().finditer(line)
    }


def _closest(wanted: str, anchors: set[str]) -> str:
    import difflib  # only when a link is dead: difflib costs milliseconds at import

    match = difflib.get_close_matches(wanted, sorted(anchors), n=1, cutoff=0.75)
    return f"; did you mean '#{match[0]}'?" if match else ""


RULES: tuple[type[Rule], ...] = (AnchorLink,)
