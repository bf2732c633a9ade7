"""RL502 ``toc``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability
from readme_lint.patterns import lazy_pattern
from readme_lint.rules._sections import TOC_HEADINGS, find_toc
from readme_lint.rules.base import Option, Rule, RuleContext, replace_link_target

if TYPE_CHECKING:
    from readme_lint.document import Document, Heading
    from readme_lint.markdown import Block, Link


_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-+*]|[0-9]{1,9}[.)])[ \t]+")


class TableOfContents(Rule):
    """The Table of Contents does not match the headings.

    **What:** the ToC is the first list under a heading named "Table of Contents" (or "Contents", "TOC").
    Reported: an entry whose anchor resolves to no heading (GitHub's anchors, as github-slugger makes them: the
    rendered text, entities decoded (`Q&amp;A` is `qa`), lowercase, punctuation dropped except '-' and connector
    punctuation such as '_' and '‿', letters and letter-like symbols (`Ⓐ`) kept, spaces to '-', repeats get -1,
    -2 ... skipping any a heading already has: `A, A, A-1` are `a, a-1, a-1-1`), a heading after the ToC that has no
    entry, and entries in another order than their headings. Headings count from level `min-level` (2) to
    `max-level` (default: the deepest level the ToC already links to).

    **Why:** readers navigate long lists by the ToC; `#hw/sw-co-design` silently goes nowhere.

    **Fix:** safe where it keeps the ToC's structure: a dead anchor is corrected when its text names a
    heading; a missing heading gets an entry after its predecessor's, indented like it when both are of one
    level, else the way the list indents that level (a `###` entry nests under its `##`) -- unsafe when the ToC
    has no entry of that level to learn the indentation from; the heading text is escaped so the entry stays
    one link. A list of single-line entries is reordered -- safe when every entry keeps its parent entry, else
    only with `--unsafe-fixes`, since moving lines can move a subsection under another parent. Existing
    entries keep their text and indentation.
    """

    code = "RL502"
    name = "toc"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)
    options = {
        "headings": Option(list(TOC_HEADINGS), "heading texts that mark the Table of Contents"),
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
                # Safe only where the ToC shows how it writes each new entry's level; a guessed nesting may
                # put a subsection at the top level.
                known = all(style.knows(heading.level, link, listed[after]) for heading in headings)
                fix = Fix((Edit.insert(link.line, len(line_text) + 1, new_lines),), Applicability.safe_if(known))
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
            # Moving lines of a nested ToC can move a subsection under another parent: unsafe then.
            before = [entry for entry, _ in pairs]
            keeps = _parents(doc, before) == _parents(doc, ordered)
            fix = Fix(edits, Applicability.safe_if(keeps)) if edits else None
        yield self.report(
            doc,
            link.line,
            link.col,
            link.end_col,
            f"ToC entry {heading.plain!r} is out of order: its heading comes earlier",
            fix,
        )


_LABEL_SPECIAL = lazy_pattern(r"([\\`*_\[\]<>!&~|#])")


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
        label = _LABEL_SPECIAL().sub(r"\\\1", heading.plain)
        return f"{self.prefix(heading.level, after, after_heading)}[{label}](#{heading.anchor})"

    def knows(self, level: int, after: Link, after_heading: Heading) -> bool:
        """Whether the ToC itself shows the prefix for an entry of ``level`` (no guessing)."""
        same = level == after_heading.level and _LIST_MARKER.match(self.doc.line_text(after.line)) is not None
        return same or level in self.by_level

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


def _parents(doc: Document, entries: list[Link]) -> dict[int, int | None]:
    """Each entry's parent in this sequence of entry lines: the nearest earlier entry indented less (by line)."""
    parents: dict[int, int | None] = {}
    stack: list[tuple[int, int]] = []  # (indentation, line) of the open ancestors
    for entry in entries:
        depth = _indent(doc.line_text(entry.line))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[entry.line] = stack[-1][1] if stack else None
        stack.append((depth, entry.line))
    return parents


def _indent(prefix: str) -> int:
    return len(prefix) - len(prefix.lstrip(" \t"))


RULES: tuple[type[Rule], ...] = (TableOfContents,)
