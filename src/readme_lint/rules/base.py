"""What a rule is: a code, a kebab-case name, a default severity, declared options, a doc, and ``check``.

A rule reads the parsed Document and the resolved options handed to it in a RuleContext, and yields
Diagnostics. It never reads config files, never re-parses markdown, and never decides its own final severity
or suppression: the linter does that once for all rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol

from readme_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, FixAvailability, Severity

if TYPE_CHECKING:
    from readme_lint.document import Document, Heading, Section
    from readme_lint.listmodel import ListModel
    from readme_lint.markdown import Link
    from readme_lint.tables import Cell, Row, Table


class Option(NamedTuple):
    """A rule option: its default, the types a value may have, allowed choices, and one line of help."""

    default: Any
    help: str
    types: tuple[type, ...] = ()
    choices: tuple[Any, ...] = ()

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


def body_rows(doc: Document) -> Iterator[tuple[Table, Row]]:
    for table in doc.tables:
        for row in table.rows:
            yield table, row
