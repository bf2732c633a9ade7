"""Finding, reading and type-checking configuration; loaded once per directory and passed to the rules.

Sources, nearest first, from the linted file's directory up to the repository root: ``.readme-lint.toml``
(it wins in its directory) or ``pyproject.toml`` with a ``[tool.readme-lint]`` table. Zero config fits the
reference paper-list format. Every unknown key and every bad value is a ConfigError that names the key and
the file. This module knows no rule (it sits below the rule registry): selectors and ``[rules.X]`` tables are
typed here and matched to rules by ``decide.settle``, the step that decides which rules run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

from readme_lint.diagnostics import Severity
from readme_lint.errors import ReadmeLintError, unknown_key
from readme_lint.patterns import lazy_pattern
from readme_lint.repo import find_repository_root
from readme_lint.tables import normalize_name

COLUMN_FORMATS = ("text", "title", "paper", "date", "integer")
_TOP_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "exclude",
    "columns",
    "repository",
    "branch",
    "rules",
    "sections",
    "links",
    "intro-template",
    "citations",
}
_SECTION_KEYS = {"ignore", "folder", "rules", "columns"}
_REPOSITORY = lazy_pattern(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_BRANCH = lazy_pattern(r"^[^\s~^:?*\[\]\\()<>|\x00-\x1f\x7f]+$")  # git's ref rules, and what ends a link or a cell
_DATE_TOKENS = lazy_pattern(r"YYYY|YY|MMMM|MMM|MM|M|DD|D")  # the tokens papers.date_regex reads, longest first
_FOLDER_PART = lazy_pattern(r"^[^\x00-\x1f\x7f\\:]+$")


class ConfigError(ReadmeLintError):
    """A configuration problem; the message is one line naming the file and the key."""


class Column(NamedTuple):
    """A schema column: its header name, whether a row may leave it empty, its format, and for dates the
    pattern (``YYYY.MM``; tokens ``YYYY YY MMMM MMM MM M DD D``, anything else literal)."""

    name: str
    required: bool = True
    format: str = "text"
    pattern: str = "YYYY.MM"
    template: str | None = None  # how `readme-lint add` fills the cell, e.g. "[[pdf]]({url})"


DEFAULT_COLUMNS: tuple[Column, ...] = (
    Column("Keywords", True, "text"),
    Column("Title", True, "title"),
    Column("Paper", True, "paper"),
    Column("Affiliation", False, "text"),
    Column("Date", True, "date"),
    Column("Citation", False, "integer"),
)


class SectionConfig(NamedTuple):
    """Overrides for one section, keyed by its heading text."""

    ignore: tuple[str, ...] = ()
    folder: str | None = None
    rules: dict[str, dict[str, Any]] = {}  # rule code -> options, applied the same way for every rule
    severity: dict[str, Severity] = {}  # rule code -> severity inside this section
    columns: tuple[Column, ...] | None = None  # the schema of this section's tables, where it differs


class RuleTable:
    """A ``[rules.KEY]`` table as written, typed but not yet matched to a rule: ``key`` is the path errors name
    (``rules.RL501``, ``sections."A".rules.sort-order``), ``rule`` the code or name as written, ``section`` the
    casefolded section title it belongs to (None: the top level). Which rule it means and whether its options
    are that rule's is decided by the step that knows the rules (``decide.settle``)."""

    def __init__(
        self, key: str, rule: str, severity: Severity | None, options: dict[str, Any], section: str | None = None
    ) -> None:
        self.key = key
        self.rule = rule
        self.severity = severity
        self.options = options
        self.section = section


class SelectorList:
    """A list of selectors as written (``select``, ``sections."A".ignore`` ...) and the key path errors name;
    whether each picks a rule is for ``decide.settle``, as for the command line's."""

    def __init__(self, key: str, selectors: tuple[str, ...]) -> None:
        self.key = key
        self.selectors = selectors


class Written:
    """What a config file says about rules, in the order it says it, for ``decide.settle`` to check and
    resolve: config parses and types, the decision step (which knows the rules) validates codes."""

    def __init__(self, where: str, checks: tuple[SelectorList | RuleTable, ...]) -> None:
        self.where = where  # the file, as errors name it
        self.checks = checks


class Config:
    """Resolved settings. ``source`` is the file they came from (None: defaults)."""

    def __init__(
        self,
        source: Path | None = None,
        root: Path | None = None,
        select: tuple[str, ...] = ("RL",),
        ignore: tuple[str, ...] = (),
        extend_select: tuple[str, ...] = (),
        exclude: tuple[str, ...] = (),
        columns: tuple[Column, ...] | None = None,
        repository: str | None = None,
        branch: str | None = None,
        rule_severity: dict[str, Severity] | None = None,
        rule_options: dict[str, dict[str, Any]] | None = None,
        sections: dict[str, SectionConfig] | None = None,
        links: dict[str, Any] | None = None,
        intro_template: Path | None = None,
        written: Written | None = None,
        citations: dict[str, Any] | None = None,
    ) -> None:
        self.source = source
        self.root = root
        self.select = select
        self.ignore = ignore
        self.extend_select = extend_select
        self.exclude = exclude
        # Without ``columns`` in the config, the default (reference) schema is only a prior: the list model
        # learns each table's columns from the list itself. With it, the schema is pinned.
        self.columns = columns or DEFAULT_COLUMNS
        self.columns_pinned = columns is not None
        self.repository = repository
        self.branch = branch
        self._rule_severity = rule_severity or {}
        self._rule_options = rule_options or {}
        self.sections = sections or {}
        self.links = links or {}
        self.intro_template = intro_template
        # Rule tables and selectors from a file wait here until the decision step has matched them to rules.
        self.written = written if written is not None and written.checks else None
        self.citations = citations or {}  # [citations]: read by readme_lint.citations.settings

    @property
    def rule_severity(self) -> dict[str, Severity]:
        """Severity by rule code, from the top-level ``[rules.CODE]`` tables (once settled)."""
        self._require_settled()
        return self._rule_severity

    @property
    def rule_options(self) -> dict[str, dict[str, Any]]:
        """Options by rule code, from the top-level ``[rules.CODE]`` tables (once settled)."""
        self._require_settled()
        return self._rule_options

    def _require_settled(self) -> None:
        if self.written is not None:  # a programming error: a code path forgot decide.settle
            raise RuntimeError("rule settings read before readme_lint.decide.settle matched them to rules")

    def settle(
        self,
        rule_severity: dict[str, Severity],
        rule_options: dict[str, dict[str, Any]],
        sections: dict[str, SectionConfig],
    ) -> None:
        """Take the rule settings the decision step resolved from ``written`` (keyed by rule code)."""
        self._rule_severity, self._rule_options, self.sections = rule_severity, rule_options, sections
        self.written = None

    def column(self, format_name: str) -> Column | None:
        """The schema column with the given format (the first, when several share it)."""
        for column in self.columns:
            if column.format == format_name:
                return column
        return None

    def column_named(self, name: str) -> Column | None:
        wanted = normalize_name(name)
        for column in self.columns:
            if normalize_name(column.name) == wanted:
                return column
        return None

    def section(self, title: str) -> SectionConfig | None:
        return self.sections.get(title.casefold())


class ConfigLoader:
    """Finds the config for each linted file, caching per directory so each file is read once."""

    def __init__(self, explicit: Path | None = None, use_files: bool = True) -> None:
        self.explicit = explicit
        self.use_files = use_files
        self._by_directory: dict[Path, Config] = {}
        self._explicit_config: Config | None = None

    def for_file(self, path: Path) -> Config:
        directory = path.resolve().parent
        cached = self._by_directory.get(directory)
        if cached is None:
            cached = self._load(directory)
            self._by_directory[directory] = cached
        return cached

    def _load(self, directory: Path) -> Config:
        root = find_repository_root(directory)
        if self.explicit is not None:
            if self._explicit_config is None:
                self._explicit_config = load_file(self.explicit, root)
            return self._explicit_config
        if self.use_files:
            for candidate in (directory, *directory.parents):
                found = _config_in(candidate)
                if found is not None:
                    return load_file(found, root or candidate)
                if root is not None and candidate == root:
                    break
        return Config(root=root)


def _config_in(directory: Path) -> Path | None:
    dedicated = directory / ".readme-lint.toml"
    if dedicated.is_file():
        return dedicated
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file() and _has_tool_table(pyproject):
        return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a ``[tool.readme-lint]`` table (merely depending on readme-lint is not
    configuring it). A pyproject.toml that cannot be read or parsed counts as configuring readme-lint
    only when its text names the table, so that its error is reported instead of silently skipped."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "readme-lint" not in text:  # fast path: most pyprojects never mention us
        return False
    tomllib = _toml()
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return "[tool.readme-lint" in text.replace('"', "").replace(" ", "")
    return isinstance(tool, dict) and "readme-lint" in tool


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


def load_file(path: Path, root: Path | None = None) -> Config:
    """Read one config file; ``pyproject.toml`` contributes its ``[tool.readme-lint]`` table."""
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("readme-lint", {})
        prefix = "tool.readme-lint"
    else:
        prefix = ""
    return parse_config(data, path, root, prefix)


def parse_config(data: dict[str, Any], path: Path | None, root: Path | None, prefix: str = "") -> Config:
    """Type-check a config table and turn it into a Config. Rule codes, names and options are checked against
    the rules by ``decide.settle`` (this module knows no rule): until then they wait in ``Config.written``."""
    where = str(path) if path else "<config>"
    checks: list[SelectorList | RuleTable] = []

    def key_name(*parts: str) -> str:
        return ".".join(part for part in (prefix, *parts) if part)

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where}: {key}: {problem}")

    for key in data:
        if key not in _TOP_KEYS:
            raise fail(key_name(key), unknown_key(key, _TOP_KEYS))
    select = _string_list(data, "select", ["RL"], fail, key_name)
    ignore = _string_list(data, "ignore", [], fail, key_name)
    extend_select = _string_list(data, "extend-select", [], fail, key_name)
    exclude = _string_list(data, "exclude", [], fail, key_name)
    for key, selectors in (("select", select), ("ignore", ignore), ("extend-select", extend_select)):
        checks.append(SelectorList(key_name(key), tuple(selectors)))
    repository = data.get("repository")
    if repository is not None and (not isinstance(repository, str) or not _REPOSITORY().match(repository)):
        raise fail(key_name("repository"), "expected 'owner/name'")
    branch = data.get("branch")
    if branch is not None and (not isinstance(branch, str) or not _BRANCH().match(branch) or ".." in branch):
        raise fail(key_name("branch"), "expected a branch name")
    columns = _columns(data.get("columns"), fail, key_name)
    checks.extend(_rules_table(data.get("rules", {}), fail, key_name("rules")))
    sections = _sections(data.get("sections", {}), fail, key_name, checks)
    links = data.get("links", {})
    if not isinstance(links, dict):
        raise fail(key_name("links"), "expected a table")
    if links:  # checked whenever written, but a config without [links] imports nothing of the network layer
        from readme_lint.links.settings import LinkSettingsError, parse_link_settings

        try:
            parse_link_settings(links)
        except LinkSettingsError as error:
            raise fail(key_name(str(error).split(":", 1)[0]), str(error).split(": ", 1)[1]) from None
    citations = data.get("citations", {})
    if citations:  # like [links]: a config without [citations] imports nothing of that command
        from readme_lint.citations.settings import CitationSettingsError, validate

        try:
            validate(citations)
        except CitationSettingsError as error:
            raise fail(key_name(str(error).split(":", 1)[0]), str(error).split(": ", 1)[1]) from None
    template = data.get("intro-template")
    if template is not None and (not isinstance(template, str) or not template.strip()):
        raise fail(key_name("intro-template"), "expected a path to a template file")
    return Config(
        intro_template=(path.parent if path else Path.cwd()) / template if template else None,
        source=path,
        root=root,
        select=tuple(select),
        ignore=tuple(ignore),
        extend_select=tuple(extend_select),
        exclude=tuple(exclude),
        columns=columns,
        repository=repository,  # only as configured: remotes are weighed by readme_lint.workspace
        branch=branch,
        sections=sections,
        links=links,
        written=Written(where, tuple(checks)),
        citations=citations,
    )


def _string_list(data: dict[str, Any], key: str, default: list[str], fail: Any, key_name: Any) -> list[str]:
    value = data.get(key, default)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(key_name(key), "expected a list of strings")
    return value


def _columns(value: Any, fail: Any, key_name: Any) -> tuple[Column, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise fail(key_name("columns"), "expected a non-empty list of column tables or names")
    columns = []
    for number, item in enumerate(value):
        key = key_name(f"columns[{number}]")
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise fail(key, "expected a table with name, required and format")
        column_keys = {"name", "required", "format", "pattern", "template"}
        unknown = set(item) - column_keys
        if unknown:
            first = sorted(unknown)[0]
            raise fail(f"{key}.{first}", unknown_key(first, column_keys))
        name, required, format_name = item.get("name"), item.get("required", True), item.get("format", "text")
        if not isinstance(name, str) or not name.strip(" \t"):  # markdown's whitespace, as the header cell has it
            raise fail(key + ".name", "expected a column name")
        if not isinstance(required, bool):
            raise fail(key + ".required", "expected true or false")
        if format_name not in COLUMN_FORMATS:
            raise fail(key + ".format", "expected one of " + ", ".join(COLUMN_FORMATS))
        pattern = item.get("pattern", "YYYY.MM")
        if not isinstance(pattern, str) or "YY" not in pattern:
            raise fail(key + ".pattern", "expected a date pattern with a year, like 'YYYY.MM'")
        problem = _pattern_problem(pattern)
        if problem:
            raise fail(key + ".pattern", problem)
        template = item.get("template")
        if template is not None and (not isinstance(template, str) or not _plain_template(template)):
            raise fail(key + ".template", "expected a string with plain {field} names, such as '[[pdf]]({url})'")
        columns.append(Column(name.strip(" \t"), required, format_name, pattern, template))
    return tuple(columns)


def _pattern_problem(pattern: str) -> str | None:
    """Why a date pattern would not read what it claims: each of year, month and day may appear once."""
    seen: dict[str, str] = {}
    for match in _DATE_TOKENS().finditer(pattern):
        token = match.group(0)
        earlier = seen.get(token[0])
        if earlier is not None:
            return (
                f"{earlier!r} and {token!r} both give the {_PART_NAMES[token[0]]}; write each of year, month, day once"
            )
        seen[token[0]] = token
    return None


_PART_NAMES = {"Y": "year", "M": "month", "D": "day"}


def _plain_template(template: str) -> bool:
    """True when ``str.format_map`` can fill the template with strings only: balanced braces, every field a
    plain name (no attribute, index, conversion or format spec, which would reach into objects or pad
    without bound)."""
    import string

    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return False
    return all(
        field is None or (field.isidentifier() and not conversion and not spec) for _, field, spec, conversion in parsed
    )


def _folder_problem(folder: str) -> bool:
    """True when a section folder could leave the repository: absolute, a drive, '..', backslashes or
    control characters (it becomes part of paths and of intro URLs)."""
    parts = folder.split("/")
    return folder.startswith("/") or any(part in ("", ".", "..") or not _FOLDER_PART().match(part) for part in parts)


def _rules_table(value: Any, fail: Any, key: str, section: str | None = None) -> list[RuleTable]:
    """The ``[rules]`` tables, typed: each a table of options whose ``severity`` is a severity."""
    if not isinstance(value, dict):
        raise fail(key, "expected a table keyed by rule code or name")
    tables = []
    for rule_key, settings in value.items():
        where = f"{key}.{rule_key}"
        if not isinstance(settings, dict):
            raise fail(where, "expected a table of options")
        options = dict(settings)
        severity = options.pop("severity", None)
        if severity is not None and severity not in ("error", "warning", "info"):
            raise fail(f"{where}.severity", "expected 'error', 'warning' or 'info'")
        tables.append(RuleTable(where, rule_key, Severity(severity) if severity else None, options, section))
    return tables


def _sections(value: Any, fail: Any, key_name: Any, checks: list[SelectorList | RuleTable]) -> dict[str, SectionConfig]:
    if not isinstance(value, dict):
        raise fail(key_name("sections"), "expected a table keyed by section heading")
    sections = {}
    for title, settings in value.items():
        where = key_name("sections", f'"{title}"')
        if not isinstance(settings, dict):
            raise fail(where, "expected a table")
        unknown = set(settings) - _SECTION_KEYS
        if unknown:
            first = sorted(unknown)[0]
            raise fail(f"{where}.{first}", unknown_key(first, _SECTION_KEYS))
        ignore = settings.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(item, str) for item in ignore):
            raise fail(f"{where}.ignore", "expected a list of strings")
        checks.append(SelectorList(f"{where}.ignore", tuple(ignore)))
        folder = settings.get("folder")
        if folder is not None and (not isinstance(folder, str) or not folder.strip()):
            raise fail(f"{where}.folder", "expected a folder name")
        if folder is not None and _folder_problem(folder):
            raise fail(f"{where}.folder", "expected a folder inside the repository (relative, no '..', no '\\')")
        checks.extend(_rules_table(settings.get("rules", {}), fail, f"{where}.rules", title.casefold()))
        columns = _columns(settings.get("columns"), fail, lambda *parts, at=where: ".".join((at, *parts)))
        sections[title.casefold()] = SectionConfig(tuple(ignore), folder, columns=columns)
    return sections
