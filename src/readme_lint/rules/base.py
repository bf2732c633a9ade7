"""What a rule is: a code, a kebab-case name, a default severity, declared options, a doc, and ``check``.

A rule reads the parsed Document and the resolved options handed to it in a RuleContext, and yields
Diagnostics. It never reads config files, never re-parses markdown, and never decides its own final severity
or suppression: the linter does that once for all rules.

**Which interface a new rule uses.** A rule that judges one table row at a time -- its cells, its links, its
date, its intro link, its citation, the shape of its title or paper cell -- is a ``RowRule``: it implements
``check_row(visit, row, paper)`` and the linter calls it from ONE loop over the document's tables and rows
(``run_rows``), shared by every row rule, with the row's ``Paper`` when the row is one. A 100,000-row list
costs a row loop per rule otherwise (each rule deriving the same cell parts again): keep work per row small,
derive a value once, and test cheaply (``"arxiv" in text``) before a regular expression. ``begin_table`` gets
the table's options resolved once (``visit.options``: the file's options with the table's section overrides)
and may skip a table the rule cannot report on; ``rows`` says which rows it sees (``"papers"``, ``"body"``,
``"all"`` with the header and delimiter); ``start`` and ``finish`` hold what comes before and after the rows
(findings about the whole table or file, or a statistic over all rows gathered in ``check_row``).
A rule that needs the whole list at once -- order, duplicates, the table of contents, orphans, anchors,
sections, suppressions -- subclasses ``Rule`` and implements ``check(doc, ctx)``, reading ``ctx.model``
(built once). ``check`` works for every rule: a row rule's is the row loop over that rule alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity

if TYPE_CHECKING:
    from readme_lint.document import Document, Heading, Section
    from readme_lint.listmodel import ListModel, Paper, TableModel
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell, Row, Table


class Option:
    """A rule option: its default, the types a value may have, allowed choices, and one line of help."""

    def __init__(self, default: Any, help: str, types: tuple[type, ...] = (), choices: tuple[Any, ...] = ()) -> None:
        self.default = default
        self.help = help
        self.types = types
        self.choices = choices

    def validate(self, value: Any) -> str | None:
        """None when ``value`` is acceptable, else what is wrong with it."""
        types = self.types or (type(self.default),)
        if isinstance(value, bool) and bool not in types:
            return f"expected {_type_names(types)}, got a boolean"
        if not isinstance(value, types):
            return f"expected {_type_names(types)}, got {type(value).__name__}"
        if self.choices and value not in self.choices:
            return "expected one of " + ", ".join(repr(choice) for choice in self.choices)
        if isinstance(value, list):
            item_types = tuple({type(item) for item in self.default}) or (str,)  # list options hold strings
            if not all(isinstance(item, item_types) and not isinstance(item, bool) for item in value):
                plural = {str: "strings", int: "integers"}
                return "expected a list of " + " or ".join(plural.get(kind, kind.__name__) for kind in item_types)
        return None


def _type_names(types: tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", bool: "a boolean", list: "a list", float: "a number"}
    return " or ".join(names.get(kind, kind.__name__) for kind in types)


class ColumnView(Protocol):
    """A schema column as rules see it (``config.Column`` is one; rules never import the config module)."""

    @property
    def name(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def format(self) -> str: ...
    @property
    def pattern(self) -> str: ...


class SectionSettingsView(Protocol):
    """A section's settings as rules see them."""

    @property
    def folder(self) -> str | None: ...
    @property
    def columns(self) -> tuple[ColumnView, ...] | None: ...


class ConfigView(Protocol):
    """What rules may read of the resolved settings besides their own options (``config.Config`` is one)."""

    @property
    def repository(self) -> str | None: ...
    @property
    def branch(self) -> str | None: ...
    @property
    def columns(self) -> tuple[ColumnView, ...]: ...
    @property
    def columns_pinned(self) -> bool: ...
    @property
    def root(self) -> Path | None: ...
    def column(self, format_name: str) -> ColumnView | None: ...
    def section(self, title: str) -> SectionSettingsView | None: ...


class RuleContext:
    """Everything a rule may know besides the document: options, config, the file on disk, today.

    ``model`` is the list model (conventions and paper rows), built once per document before any rule runs.
    Other values derived from the document for several rules (the repository) are computed once per lint run
    by functions decorated with ``per_run``, cached under the function and its arguments.
    """

    def __init__(
        self,
        config: ConfigView,
        options: dict[str, Any],
        section_options: dict[str, dict[str, Any]] | None = None,
        file_path: Path | None = None,
        root: Path | None = None,
        today: dt.date | None = None,
        cache: dict[Any, Any] | None = None,
        links: Any = None,
        changed_lines: set[int] | None = None,
        model: ListModel | None = None,
        workspace: Any = None,
    ) -> None:
        self._model = model
        self.config = config
        self.options = options
        self.section_options = section_options or {}
        self.file_path = file_path
        self.root = root
        self.today = today or dt.date.today()
        self.cache = {} if cache is None else cache
        self.links = links  # the link verdicts (a LinkReport) gathered before rules run, for online rules
        self.changed_lines = changed_lines  # with --diff-base: only these lines matter (None: all)
        self.workspace = workspace  # the working-tree view (readme_lint.workspace), for rules that need it

    def options_for(self, section: Section | None) -> dict[str, Any]:
        """The rule's options with the overrides of ``section`` (matched by heading text) applied."""
        if section is None or not self.section_options:
            return self.options
        override = self.section_options.get(section.title.casefold())
        return {**self.options, **override} if override else self.options

    def with_options(self, options: dict[str, Any]) -> RuleContext:
        """This context with other options and no per-section overrides (same run, same cache, same model, and
        the same working-tree view: dropping it made a second context gather the tree's facts again)."""
        return RuleContext(
            self.config, options, None, self.file_path, self.root, self.today, self.cache, self.links,
            self.changed_lines, self._model, self.workspace,
        )  # fmt: skip

    @property
    def model(self) -> ListModel:
        """The list model of the document being linted: its conventions and paper rows, built once by the
        linter before any rule runs."""
        if self._model is None:
            raise RuntimeError("RuleContext has no list model; lint through Linter")
        return self._model


class Rule:
    """Base class: subclasses set the class attributes and implement ``check``; the docstring is the doc."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    enabled_by_default: ClassVar[bool] = True
    online: ClassVar[bool] = False  # needs the network: runs only with --check-links
    needs_workspace: ClassVar[bool] = False  # reads the working tree: the linter gathers it first
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NONE  # whether findings carry fixes
    fix_applicability: ClassVar[tuple[Applicability, ...]] = ()  # what those fixes may be: safe, unsafe
    fix_safety: ClassVar[str] = "none"  # derived from the two above, for the rules table and SARIF
    options: ClassVar[dict[str, Option]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kinds = set(cls.fix_applicability)
        if cls.fix_availability is FixAvailability.NONE or not kinds:
            cls.fix_safety = "none"
        else:
            cls.fix_safety = kinds.pop().value if len(kinds) == 1 else "sometimes"

    @classmethod
    def fix_declaration(cls) -> str:
        """What ``readme-lint rule`` prints: e.g. ``sometimes available; safe or unsafe``."""
        if cls.fix_availability is FixAvailability.NONE:
            return "none"
        kinds = " or ".join(kind.value for kind in cls.fix_applicability)
        return f"{cls.fix_availability.value} available; {kinds}"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The doc's first paragraph, on one line."""
        return " ".join(cleandoc(cls.__doc__ or "").split("\n\n")[0].split())

    @classmethod
    def doc(cls) -> str:
        return cleandoc(cls.__doc__ or "")

    def report(
        self,
        doc: Document,
        line: int,
        col: int,
        end_col: int,
        message: str,
        fix: Fix | None = None,
        end_line: int | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A Diagnostic of this rule at its default severity (the linter restamps it from config)."""
        return Diagnostic(
            doc.path,
            line,
            col,
            line if end_line is None else end_line,
            max(end_col, col) if end_line is None else end_col,
            self.code,
            self.name,
            severity or self.severity,
            message,
            fix,
        )

    def report_link(
        self, doc: Document, link: Link, message: str, fix: Fix | None = None, severity: Severity | None = None
    ) -> Diagnostic:
        """Report at a link's destination (what a fix of a link rewrites)."""
        col, end = link.target_span
        return self.report(doc, link.line, col, end, message, fix, severity=severity)

    def report_heading(self, doc: Document, heading: Heading, message: str, fix: Fix | None = None) -> Diagnostic:
        return self.report(doc, heading.line, heading.col, heading.end_col, message, fix)

    def report_cell(self, doc: Document, cell: Cell, message: str, fix: Fix | None = None) -> Diagnostic:
        """Report at a cell's text, or at the whole cell when it is empty."""
        if cell.text:
            return self.report(doc, cell.line, cell.text_col, cell.text_end_col, message, fix)
        return self.report(doc, cell.line, cell.start_col, cell.end_col, message, fix)


def cleandoc(text: str) -> str:
    """``inspect.cleandoc`` without importing inspect (it costs milliseconds at every start)."""
    lines = text.expandtabs().strip("\n").splitlines()
    if not lines:
        return ""
    rest = [line for line in lines[1:] if line.strip()]
    margin = min((len(line) - len(line.lstrip()) for line in rest), default=0)
    return "\n".join([lines[0].strip()] + [line[margin:].rstrip() for line in lines[1:]]).strip()


def replace_cell_text(cell: Cell, text: str, applicability: Applicability = Applicability.SAFE) -> Fix:
    """A fix that replaces a cell's stripped text and keeps its padding."""
    return Fix((Edit.replace_span(cell.line, cell.text_col, cell.text_end_col, text),), applicability)


def replace_link_target(link: Link, text: str, applicability: Applicability = Applicability.SAFE) -> Fix:
    """A fix that rewrites a link's destination."""
    col, end = link.target_span
    return Fix((Edit.replace_span(link.line, col, end, text),), applicability)


class TableVisit:
    """One table as a row rule sees it: the document, the rule's context, the table and its model, and the rule's
    options for the table's section -- resolved once per table, never per row."""

    __slots__ = ("ctx", "doc", "model", "options", "table")

    def __init__(self, doc: Document, ctx: RuleContext, table: Table, model: TableModel) -> None:
        self.doc = doc
        self.ctx = ctx
        self.table = table
        self.model = model
        self.options = ctx.options_for(table.section)


class RowRule(Rule):
    """A rule that judges one row at a time, called from the linter's one loop over the rows (see the module doc).

    ``rows``: which rows ``check_row`` sees -- ``"papers"`` (rows read as papers: ``paper`` is never None),
    ``"body"`` (every body row, ``paper`` None for a row that is no paper) or ``"all"`` (the header and delimiter
    rows first, with ``paper`` None).
    """

    rows: ClassVar[str] = "body"

    def start(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Before the rows: whole-file setup, and findings that come first (e.g. about a table's header)."""
        return ()

    def begin_table(self, visit: TableVisit) -> bool:
        """Before a table's rows: per-table setup from ``visit.options``; False skips the table's rows."""
        return True

    def check_row(self, visit: TableVisit, row: Row, paper: Paper | None) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def finish(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        """After every row: findings that need all rows seen (gathered by ``check_row``) or lie outside tables."""
        return ()

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        """The row loop over this rule alone (``readme-lint`` runs every row rule in one loop: ``run_rows``)."""
        return run_rows(doc, ctx.model, [(self, ctx)])[0]


RowCheck = tuple[Any, TableVisit, Any]  # (a rule's bound check_row, its visit, its findings' bound ``extend``)


def run_rows(doc: Document, model: ListModel, rules: Sequence[tuple[RowRule, RuleContext]]) -> list[list[Diagnostic]]:
    """Every row rule's findings, in the order of ``rules``, from one loop over the tables and their rows.

    Each rule's own findings come in the order its ``start``, rows and ``finish`` yield them -- the order a
    separate pass of that rule would give -- so sharing the loop changes no output.
    """
    found: list[list[Diagnostic]] = [list(rule.start(doc, ctx)) for rule, ctx in rules]
    for table in doc.tables:
        table_model = model.table(table)
        groups: dict[str, list[RowCheck]] = {"all": [], "body": [], "papers": []}
        for (rule, ctx), out in zip(rules, found):
            visit = TableVisit(doc, ctx, table, table_model)
            if rule.begin_table(visit):
                groups[rule.rows].append((rule.check_row, visit, out.extend))
        _visit_rows(table, model.papers_in(table), groups)
    for (rule, ctx), out in zip(rules, found):
        out.extend(rule.finish(doc, ctx))
    return found


def _visit_rows(table: Table, papers: list[Paper], groups: dict[str, list[RowCheck]]) -> None:
    """The one loop over a table's rows; a body row is matched to its Paper by identity (papers are in row order).

    The rules that apply were picked once per table (``run_rows``); a rule's rows in this table come in row
    order whichever other rules share the loop, so a paper row runs the paper rules and the body rules in one
    list. Nearly every call finds nothing (an empty tuple): only a finding is appended."""
    every, body, paper_rules = groups["all"], groups["body"] + groups["all"], groups["papers"]
    if not (body or paper_rules):
        return
    for row in (table.header, table.delimiter) if every else ():
        for check, visit, extend in every:
            extend(check(visit, row, None))
    if not body:
        for paper in papers:
            row = paper.row
            for check, visit, extend in paper_rules:
                if result := check(visit, row, paper):
                    extend(result)
        return
    both = paper_rules + body
    position, count = 0, len(papers)
    following = papers[0].row if count else None
    for row in table.rows:
        if row is following:
            paper = papers[position]
            position += 1
            following = papers[position].row if position < count else None
            for check, visit, extend in both:
                if result := check(visit, row, paper):
                    extend(result)
        else:
            for check, visit, extend in body:
                if result := check(visit, row, None):
                    extend(result)
