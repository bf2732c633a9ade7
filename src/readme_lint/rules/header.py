"""RL102 ``header``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability
from readme_lint.rules.base import Option, Rule, RuleContext, replace_cell_text
from readme_lint.tables import normalize_name

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.tables import Table


class Header(Rule):
    """The header row differs from the list's own header (or the configured column schema).

    **Why:** every other rule finds columns by name; a misspelled (`Cititaion`), missing, extra or
    reordered column silently turns those checks off and confuses readers. The header a table is held to is
    the one most of the list's paper tables use; `columns` in the config (or a section's `columns`) pins it,
    and a list whose tables all differ is held to the default schema.

    **Example:** `|Keywords | Title | Paper | Date | Affiliation | Citation|` (Date and Affiliation swapped).

    **Fix:** safe when only letter case or spacing inside a name differs (`keywords` -> `Keywords`); other
    differences need a decision and are only reported.

    Tables whose header shares fewer than half of the header's names are taken to be other tables (a
    legend, a comparison) and are not checked; set `all-tables = true` to check them too.
    """

    code = "RL102"
    name = "header"
    fix_availability = FixAvailability.SOMETIMES
    fix_applicability = (Applicability.SAFE,)
    options = {"all-tables": Option(False, "check every table, not only paper tables")}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for table in doc.tables:
            schema, learned = _schema_names(ctx, table)
            names = [cell.text for cell in table.header.cells]
            if not ctx.options["all-tables"] and not _looks_like_paper_table(names, schema):
                continue
            if learned and not _same_columns(names, schema):
                continue  # another kind of table in the same list (a benchmark, a survey table)
            yield from self._compare(doc, table, names, schema)

    def _compare(self, doc: Document, table: Table, names: list[str], expected: list[str]) -> Iterator[Diagnostic]:
        header = table.header
        if [normalize_name(name) for name in names] == [normalize_name(name) for name in expected]:
            for cell, wanted in zip(header.cells, expected):
                if cell.text != wanted:
                    yield self.report_cell(
                        doc,
                        cell,
                        f"Header cell {cell.text!r} should be written {wanted!r}",
                        replace_cell_text(cell, wanted),
                    )
            return
        problem = _describe_difference(names, expected)
        first = header.cells[0] if header.cells else None
        start = first.start_col if first else 1
        yield self.report(
            doc,
            header.line,
            start,
            len(header.text.rstrip()) + 1,
            f"Header differs from the schema: {problem}",
        )


def _schema_names(ctx: RuleContext, table: Table) -> tuple[list[str], bool]:
    """(the header a table is held to, whether it was learned): its section's pinned columns, the config's, the
    list's own most common paper-table header, or (when the list has none) the default schema."""
    section = table.section
    override = ctx.config.section(section.title) if section is not None and section.heading else None
    if override is not None and override.columns:
        return [column.name for column in override.columns], False
    if ctx.config.columns_pinned or ctx.model.header is None:
        return [column.name for column in ctx.config.columns], False
    return list(ctx.model.header), True


def _same_columns(names: list[str], schema: list[str]) -> bool:
    """Whether ``names`` are ``schema``'s columns, up to case, spacing, near spellings and order: a learned
    header only speaks for tables of the same kind."""
    if len(names) != len(schema):
        return False
    wanted = {normalize_name(name) for name in schema}
    return all(_closest(name, wanted) is not None for name in names)


def _looks_like_paper_table(names: list[str], schema: list[str]) -> bool:
    wanted = {normalize_name(name) for name in schema}
    matching = sum(1 for name in names if _closest(name, wanted) is not None)
    return matching * 2 >= len(wanted)


def _closest(name: str, candidates: set[str] | list[str]) -> str | None:
    """The candidate equal to ``name``, or a near spelling of it (difflib, imported only when needed)."""
    normalized = normalize_name(name)
    if normalized in candidates:
        return normalized
    import difflib

    matches = difflib.get_close_matches(normalized, list(candidates), n=1, cutoff=0.8)
    return matches[0] if matches else None


def _describe_difference(names: list[str], expected: list[str]) -> str:
    by_normalized = {normalize_name(name): name for name in expected}
    found_normalized = [normalize_name(name) for name in names]
    parts: list[str] = []
    matched: set[str] = set()
    for name, normalized in zip(names, found_normalized):
        if normalized in by_normalized:
            matched.add(normalized)
            continue
        near = _closest(name, [key for key in by_normalized if key not in found_normalized])
        if near is not None:
            matched.add(near)
            parts.append(f"{name!r} looks like a misspelling of {by_normalized[near]!r}")
        else:
            parts.append(f"unexpected column {name!r}")
    missing = [by_normalized[key] for key in by_normalized if key not in matched]
    if missing:
        parts.append("missing " + ", ".join(repr(name) for name in missing))
    if not parts:
        parts.append("columns are in a different order")
    return "; ".join(parts) + " (expected " + " | ".join(expected) + ")"


RULES: tuple[type[Rule], ...] = (Header,)
