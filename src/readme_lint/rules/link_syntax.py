"""RL203 ``link-syntax``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.document import MAX_INLINE
from readme_lint.patterns import lazy_compile
from readme_lint.rules._links import web_address_without_scheme
from readme_lint.rules.base import RowRule, Rule, RuleContext, TableVisit

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.listmodel import Paper
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell, Row


class LinkSyntax(RowRule):
    """A link is malformed or failed to form: GitHub shows it as text, or it leads nowhere.

    **Why:** a link that does not form is invisible to the reader and to every link checker; a target with
    a stray character or two URLs glued together is a dead link that only looks right in the source.

    **What:** in table cells, text that was meant as a link but is not one: `[[data]]` (no target),
    `[[data(URL)]]` (the URL inside the brackets), `[x] (url)` (a space before the parenthesis),
    `[x](https://github .com/a)` (a space in the target), an unbalanced parenthesis; and an empty target
    `[x]()` -- unless the list uses it on purpose: three or more in the column (across the tables of that
    header), or the same placeholder three or more times anywhere (`[Coming soon]()`); a badge with an empty
    target (`[![Publish](https://img.shields.io/badge/...)]()`) is an image, never reported. In every link of the
    file: a target without a scheme (`arxiv.org/abs/...`), a stray character before the scheme
    (`\\https://`, `[https://`), two URLs glued together (`https://a.org/2402.05https://b.org/x`), and
    `%20` at the start of the host or path (`https://github.com/%20owner/repo`).

    **Fix:** safe for a stray backslash before the scheme (the backslash is removed). Unsafe: `https://` is
    prepended to a target without a scheme (check it was not meant as a relative path), and a leading `%20`
    is removed. Everything else is only reported.

    A cell or line of more than 100,000 characters with link-like text in it is read as plain text (a bound on
    memory: the parser's tokens cost about 200 bytes per character of `[a](` repeated) and reported: its links
    are not checked.
    """

    code = "RL203"
    name = "link-syntax"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)

    def start(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        self._empty_by_column: dict[tuple[tuple[str, ...], int], list[Link]] = {}
        return ()

    def begin_table(self, visit: TableVisit) -> bool:
        self._header = visit.table.column_names
        return True

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for cell in row.cells:
            text = cell.text
            # (no `]` is no `](`: one character is searched quicker than two, and most cells hold neither)
            if ("[" not in text and ("]" not in text or "](" not in text)) or len(text) > MAX_INLINE:
                continue  # nothing link-like, or too long to parse (reported below, doc.unread)
            links = cell.inline.links
            base = cell.text_col + 1  # text[link.target_col - base] is the character before the target
            own = 0
            for link in links:
                target_col = link.target_col
                if target_col is None:
                    continue
                if text[target_col - base : target_col - base + 1] == "(":
                    own += 1
                if not link.target.strip() and not _badge(links, link):
                    self._empty_by_column.setdefault((self._header, cell.index), []).append(link)
            if _maybe_failed(text, own):
                found.extend(self._failed_links(visit.doc, cell))
        return found

    def finish(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        empty_by_column = self._empty_by_column
        by_label = Counter(link.label.strip().casefold() for links in empty_by_column.values() for link in links)
        for links in empty_by_column.values():
            if len(links) >= _EMPTY_TARGET_CONVENTION:
                continue  # the column's own way of writing "none" (e.g. `[2025/05/31]()` for no code)
            for link in links:
                if by_label[link.label.strip().casefold()] >= _EMPTY_TARGET_CONVENTION:
                    continue  # the list's own placeholder (`[Coming soon]()`), wherever it stands
                yield self.report(doc, link.line, link.col, link.end_col, f"Link {link.label!r} has an empty target")
        for link in doc.links():
            target = link.target
            if target.startswith(("https://", "http://")) and target.count("://") == 1 and "%20" not in target:
                continue  # one plain URL: no stray prefix, a scheme, nothing glued, no encoded space (nearly all)
            if link.target_col is not None and target.strip():
                yield from self._target(doc, link)
        for line, col, end_col in doc.unread():
            yield self.report(
                doc,
                line,
                col,
                end_col,
                f"Text of {end_col - col:,} characters: readme-lint reads the links of a cell or line of at most "
                f"{MAX_INLINE:,} characters, so none in this one is checked",
            )

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
        if web_address_without_scheme(target):
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


def _maybe_failed(text: str, own: int) -> bool:
    """False when no text outside the cell's formed links can look like a failed link: a cheap test that spares
    nearly every cell the masking in ``_failed_links``. Every pattern there needs a `(` or a `]]` outside the
    formed links; each formed inline link has its own `(` before its target (``own`` counts them), so when the
    cell has no `]]` and no more `(` than that, none is outside them -- decided by counting, before any pattern.
    (Masking only takes matches away, so a cell without any match of ``_MAYBE_FAILED`` needs no masking either.)"""
    if "]]" not in text and (text.count("(") == own if own else "(" not in text):  # (`in`: no count for none)
        return False
    return _MAYBE_FAILED.search(text) is not None


def _badge(links: tuple[Link, ...], link: Link) -> bool:
    """Whether ``link`` wraps an image (``[![alt](src)]()``): a badge, never an empty link."""
    return any(image.kind == "image" and image.col == link.col + 1 for image in links)


_SCHEME_AHEAD = r"(?:https?://|www\.)"


_STRAY_BEFORE_SCHEME = re.compile(r"^([\\\[\]<>\"'`(]+)(https?://)", re.IGNORECASE)


_LEADING_SPACE = re.compile(r"^https?://(?:[^/?#\s]*/)?(%20)", re.IGNORECASE)


_SECOND_SCHEME = lazy_compile(r"https?://", re.IGNORECASE)


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


_CODE_SPAN = lazy_compile(r"(`+)[^`]*?\1")


_MAYBE_FAILED = re.compile(r"\]\s*\(|\]\]|\(\s*(?:https?://|www\.)", re.IGNORECASE)


_FAILED_LINKS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        lazy_compile(r"\[{1,2}[^\[\]\0]*\]{1,2}[ \t]+\(\s*" + _SCHEME_AHEAD + r"[^()\s\0]*\)?", re.IGNORECASE),
        "Text looks like a link but is not one: a space between ']' and '(' (write [label](URL))",
    ),
    (
        lazy_compile(r"\[{1,2}[^\[\]()\0]*\(\s*" + _SCHEME_AHEAD + r"[^()\s\0]*\)\]{1,2}", re.IGNORECASE),
        "Text looks like a link but is not one: the URL is inside the brackets (write [[label](URL)])",
    ),
    (
        lazy_compile(r"\[\[[^\[\]()\0]+\]\](?![(\[:])"),
        "Text looks like a link but has no target: '[[label]]' needs '(URL)' after the label",
    ),
    (lazy_compile(r"\[[^\[\]\0]*\]\([^\0]*"), _failed_target),
    (
        lazy_compile(r"\]\([^\0]*"),
        "Text looks like a link but is not one: a space or an unbalanced parenthesis in the target "
        "makes GitHub show it literally (write spaces as %20)",
    ),
)


RULES: tuple[type[Rule], ...] = (LinkSyntax,)
