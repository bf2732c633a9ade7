"""``readme-lint init``: write down the conventions the list model learned, so a list adopts the linter as it is.

Every list is its own spec: with zero config the list model learns each table's columns, date pattern, order
and arXiv form from the list itself. ``init`` writes exactly what was learned in readable config -- the column
schema of the most common header, a section's own schema where its tables differ, each section's order, the
arXiv form -- and checks that the written config gives back the same model, so that linting after ``init``
reports exactly what zero config reports. Where a learned convention cannot be written without changing what
is checked, it is left to be learned (and said so in a comment). Rules that would still report many problems
are listed on a commented ``ignore`` line for the maintainer to decide on.

No rule module is imported here: the model is the one the linter builds, and the counts come from a real lint
run of the file.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from readme_lint.config import COLUMN_FORMATS, parse_config
from readme_lint.document import Document
from readme_lint.listmodel import ArxivForm, ColumnModel, ListModel, Role, TableModel, build_list_model, enforced_order

if TYPE_CHECKING:
    from pathlib import Path

_ROLE_FORMATS = {Role.TITLE: "title", Role.PAPER: "paper", Role.CITATION: "integer"}


def _column_entry(column: ColumnModel) -> dict[str, Any]:
    """One learned column as a config entry: name, format (and date pattern), required."""
    entry: dict[str, Any] = {"name": column.name.strip(" \t")}
    if not column.required:
        entry["required"] = False
    format_name = _ROLE_FORMATS.get(column.role, "text")
    if column.role in (Role.DATE, Role.YEAR) and column.date_pattern is not None:
        entry["format"] = "date"
        entry["pattern"] = column.date_pattern
    elif format_name != "text":
        entry["format"] = format_name
    return entry


def _schema(model: TableModel) -> list[dict[str, Any]]:
    return [_column_entry(column) for column in model.columns]


def _signature(model: TableModel) -> tuple[Any, ...]:
    """What a pinned schema decides about a table; equal signatures mean equal findings."""
    return tuple((c.role, c.date_pattern, c.required, c.title_shape, c.link_form) for c in model.columns)


def _section_title(model: TableModel) -> str | None:
    section = model.section
    return section.title if section is not None and section.heading is not None else None


class Inference(NamedTuple):
    """What ``init`` writes, the rules still noisy under it, and every finding it leaves standing (per rule)."""

    config: dict[str, Any]
    noisy: list[tuple[str, int]]
    standing: Counter[str]


def infer(
    doc: Document, noisy_after: int = 10, path: Path | None = None
) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """(config table, [(rule code, count)] of rules that would still report more than ``noisy_after`` problems)."""
    found = inference(doc, noisy_after, path)
    return found.config, found.noisy


def inference(doc: Document, noisy_after: int = 10, path: Path | None = None) -> Inference:
    """The config ``init`` writes -- the conventions zero config learns, so today's defects stay findings, never
    conventions -- and the findings a lint under it reports."""
    learned = build_list_model(doc, parse_config({}, None, None))
    config: dict[str, Any] = {}
    _schemas(learned, doc, config)
    orders = _orders(learned)
    everywhere = set(orders.values())
    ordered_tables = [m for m in learned.tables if m.is_paper_table and _section_title(m) is not None]
    loose = any(m.is_paper_table and len(m.table.rows) > 1 and _section_title(m) is None for m in learned.tables)
    sections = {_section_title(m) for m in ordered_tables}
    if len(everywhere) == 1 and len(orders) == len(sections) > 1 and not loose:
        config.setdefault("rules", {})["sort-order"] = {"order": everywhere.pop()}  # every section: one line
        orders = {}
    for title, order in orders.items():
        config.setdefault("sections", {}).setdefault(title, {}).setdefault("rules", {})["sort-order"] = {"order": order}
    form = _form(learned)
    if form is not None:
        config.setdefault("rules", {})["arxiv-link"] = {"form": form}
    standing = _findings(doc, config, path)
    noisy = sorted((code, count) for code, count in standing.items() if count > noisy_after)
    return Inference(config, noisy, standing)


def _schemas(learned: ListModel, doc: Document, config: dict[str, Any]) -> None:
    """The most common paper-table header as ``columns``; sections whose tables differ get their own.

    A pin applies by column name to every table; a section whose tables the pin would change gets its own
    schema, and when that is not enough (two tables in one section that disagree), no schema is written.
    """
    if learned.header is None:
        return  # no header most tables share: RL102 holds tables to the default schema, so pin nothing
    source = next(m for m in learned.tables if m.is_paper_table and m.table.column_names == learned.header)
    config["columns"] = _schema(source)
    want = {id(model.table): _signature(model) for model in learned.tables}
    for _attempt in range(2):
        pinned = build_list_model(doc, parse_config(_columns_only(config), None, None))
        wrong = [model for model in pinned.tables if _signature(model) != want[id(model.table)]]
        wrong += [model for model in learned.tables if _other_kind(model, learned.header)]
        if not wrong:
            return
        for model in wrong:
            title = _section_title(model)
            renamed = model.table.column_names != learned.header and _near_header(model, learned.header)
            if title is None or renamed:
                break  # a header RL102 holds to the list's own would then be held to itself
            original = learned.table(model.table)
            config.setdefault("sections", {}).setdefault(title, {})["columns"] = _schema(original)
        else:
            continue
        break
    config.pop("columns", None)
    for title in list(config.get("sections", {})):
        config["sections"][title].pop("columns", None)
        if not config["sections"][title]:
            del config["sections"][title]
    if not config.get("sections", True):
        del config["sections"]


def _other_kind(model: TableModel, header: tuple[str, ...]) -> bool:
    """A paper table with another header that shares half its names with the list's: with zero config RL102
    leaves it alone (another kind of table), with a pinned schema it would hold it to that schema -- so it
    keeps its own header in its section."""
    if not model.is_paper_table or model.table.column_names == header or _near_header(model, header):
        return False
    wanted = {" ".join(name.split()).casefold() for name in header}
    names = {" ".join(name.split()).casefold() for name in model.table.column_names}
    return len(wanted & names) * 2 >= len(wanted)


def _near_header(model: TableModel, header: tuple[str, ...]) -> bool:
    """Whether RL102 holds this table to the list's header with zero config: the same number of columns, each
    named like one of the header's (up to case, spacing and near spellings). A section schema would hide that."""
    import difflib

    wanted = [" ".join(name.split()).casefold() for name in header]
    names = [" ".join(name.split()).casefold() for name in model.table.column_names]
    return len(names) == len(wanted) and all(
        name in wanted or difflib.get_close_matches(name, wanted, n=1, cutoff=0.8) for name in names
    )


def _columns_only(config: dict[str, Any]) -> dict[str, Any]:
    sections = {title: {"columns": s["columns"]} for title, s in config.get("sections", {}).items() if "columns" in s}
    return {"columns": config["columns"], **({"sections": sections} if sections else {})}


def _orders(learned: ListModel) -> dict[str, str]:
    """Each section's learned order, where all its ordered tables agree (sections only: a global order would
    also apply to tables that have none)."""
    by_section: dict[str, set[str]] = {}
    for model in learned.tables:
        title = _section_title(model)
        if title is None or not model.is_paper_table:
            continue
        by_section.setdefault(title, set()).add(enforced_order(model, learned.papers_in(model.table)))
    return {title: orders.pop() for title, orders in by_section.items() if len(orders) == 1 and "none" not in orders}


def _form(learned: ListModel) -> str | None:
    """``abs`` or ``pdf`` when the learned arXiv form is exactly what that option pins."""
    for kind in ("abs", "pdf"):
        if learned.arxiv_links >= 5 and learned.arxiv_form == ArxivForm("https", "arxiv.org", kind, ""):
            return kind
    return None


def _findings(doc: Document, config: dict[str, Any], path: Path | None) -> Counter[str]:
    """Findings per rule with ``config``, counted by a real lint run."""
    from readme_lint.linter import Linter, enabled_rules

    parsed = parse_config(config, None, None)
    if path is not None:
        from readme_lint.config import ConfigLoader

        found = ConfigLoader(use_files=False).for_file(path)
        parsed.root, parsed.repository = found.root, parsed.repository or found.repository
    linter = Linter(parsed, enabled_rules(parsed), file_path=path.resolve() if path else None)
    return Counter(d.code for d in linter.lint(doc))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")  # \Z: "$" would accept a final newline
_TOML_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_TOML_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character TOML forbids raw (U+0000-U+001F,
    U+007F) escaped; other characters written as they are. (JSON's escaping leaves DEL raw, which TOML
    rejects: a heading holding one made `init` write a file it could not read.)"""
    return '"' + _TOML_ESCAPE.sub(lambda m: _TOML_SHORT.get(m.group(0)) or f"\\u{ord(m.group(0)):04x}", text) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def _columns_lines(columns: list[dict[str, Any]], key: str = "columns") -> list[str]:
    return [f"{key} = ["] + [f"  {_toml(column)}," for column in columns] + ["]"]


def render(config: dict[str, Any], noisy: list[tuple[str, int]], table_prefix: str) -> str:
    """The config as commented TOML; ``table_prefix`` is ``tool.readme-lint`` in pyproject.toml, else ''."""
    head = f"[{table_prefix}]" if table_prefix else ""
    lines = [
        "# readme-lint settings inferred by `readme-lint init` from the README's own tables.",
        "# Every key is documented in README.md (Configuration) and `readme-lint rule CODE`.",
        "# Anything not written here is learned from the list at each run (see docs/conventions.md).",
    ]
    if head:
        lines.append(head)
    for key in ("repository", "branch"):
        if key in config:
            lines.append(f"{key} = {_toml(config[key])}")
    if "columns" in config:
        lines.append("# The column schema of most tables: names in order; required = false where rows may leave")
        lines.append(f"# it empty; format is one of {', '.join(COLUMN_FORMATS)}; dates take a pattern.")
        lines.extend(_columns_lines(config["columns"]))
    if noisy:
        listed = ", ".join(f'"{code}"' for code, _ in noisy)
        counts = ", ".join(f"{code}: {count}" for code, count in noisy)
        lines.append(f"# These rules would report more than a few problems today ({counts}).")
        lines.append("# Fix them (`readme-lint --fix` repairs the safe ones) or uncomment to ignore them for now:")
        lines.append(f"# ignore = [{listed}]")
    prefix = f"{table_prefix}." if table_prefix else ""
    for rule, options in config.get("rules", {}).items():
        lines += ["", f"[{prefix}rules.{rule}]"] + [f"{k} = {_toml(v)}" for k, v in options.items()]
    for title, section in config.get("sections", {}).items():
        if "columns" in section:
            lines += ["", "# This section's tables have their own columns.", f"[{prefix}sections.{_key(title)}]"]
            lines.extend(_columns_lines(section["columns"]))
        for rule, options in section.get("rules", {}).items():
            lines += ["", f"[{prefix}sections.{_key(title)}.rules.{rule}]"]
            lines += [f"{k} = {_toml(v)}" for k, v in options.items()]
    return "\n".join(lines) + "\n"


def config_target(readme: Path, dedicated: bool = False) -> Path:
    """Where ``init`` writes: the README folder's pyproject.toml when it has one, else ``.readme-lint.toml``.

    Most paper lists are not Python projects; a pyproject.toml created only for our settings would make tools
    (pip, editors, pre-commit.ci) take the list for one.
    """
    pyproject = readme.parent / "pyproject.toml"
    present = pyproject.exists() or pyproject.is_symlink()  # a directory or a link there is an error, not skipped
    return pyproject if not dedicated and present else readme.parent / ".readme-lint.toml"


class ExistingSettings(Exception):
    """The target already holds readme-lint settings and --force was not given."""


_INIT_COMMENTS = ("# readme-lint settings inferred", "# Every key is documented in README.md", "# Anything not written")


def config_file_text(
    config: dict[str, Any], noisy: list[tuple[str, int]], existing: str, dedicated: bool, force: bool
) -> str:
    """The new content of ``.readme-lint.toml`` or ``pyproject.toml``; other pyproject tables are kept."""
    if dedicated:
        if existing and not force:
            raise ExistingSettings("exists")
        return render(config, noisy, "")
    if "[tool.readme-lint" in existing and not force:
        raise ExistingSettings("already has [tool.readme-lint] settings")
    kept = _without_tool_section(existing)
    return kept + ("\n" if kept.strip() else "") + render(config, noisy, "tool.readme-lint")


def _without_tool_section(text: str) -> str:
    """``text`` without its ``[tool.readme-lint...]`` tables and our comments; other tables are kept."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            skipping = stripped.startswith(("[tool.readme-lint]", "[tool.readme-lint."))
        if not skipping and not line.startswith(_INIT_COMMENTS):
            kept.append(line)
    return "".join(kept).rstrip("\n") + ("\n" if kept else "")
