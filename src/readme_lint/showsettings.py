"""``--show-settings PATH``: the configuration a file gets, each value with where it came from.

readme-lint uses the nearest config file (``.readme-lint.toml``, else a ``pyproject.toml`` with a
``[tool.readme-lint]`` table) from the file's folder up to the repository root; values that file leaves out
are defaults, ``repository`` may come from the ``origin`` remote, and ``--select`` / ``--ignore`` /
``--extend-select`` on the command line apply on top. The file is read again here only to tell which keys it
sets: this is a diagnostic command, not a hot path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from readme_lint.config import Config
from readme_lint.escape import printable


def _file_keys(config: Config) -> dict[str, Any]:
    """The readme-lint table of the config file as written (empty for defaults)."""
    if config.source is None:
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    data = tomllib.loads(config.source.read_text(encoding="utf-8"))
    if config.source.name == "pyproject.toml":
        data = data.get("tool", {}).get("readme-lint", {})
    return data


def _value(value: Any) -> str:
    """A TOML-like rendering: strings quoted, lists bracketed, None as 'unset'."""
    if value is None:
        return "unset"
    if isinstance(value, Path):
        return json.dumps(str(value))
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _column(column: Any) -> str:
    parts = [f"name = {_value(column.name)}"]
    if not column.required:
        parts.append("required = false")
    if column.format != "text":
        parts.append(f"format = {_value(column.format)}")
    if column.format == "date":
        parts.append(f"pattern = {_value(column.pattern)}")
    if column.template:
        parts.append(f"template = {_value(column.template)}")
    return "{ " + ", ".join(parts) + " }"


def show_settings(path: Path, config: Config, command_line: dict[str, tuple[str, ...] | None], rules: list[Any]) -> str:
    """The report for ``path``: config file, every top-level setting with its origin, and the rules that run."""
    written = _file_keys(config)
    source = str(config.source) if config.source else None

    def origin(key: str, fallback: str = "default") -> str:
        return source if source and key in written else fallback

    lines = [f"Settings for {path}", f"  config file: {source or 'none (defaults)'}"]
    lines.append(f"  repository root: {config.root or 'none (not in a git repository)'}")
    lines.append("")
    remote = "the origin remote" if config.repository else "default"
    entries: list[tuple[str, str, str]] = [
        ("select", _value(config.select), origin("select")),
        ("ignore", _value(config.ignore), origin("ignore")),
        ("extend-select", _value(config.extend_select), origin("extend-select")),
        ("exclude", _value(config.exclude), origin("exclude")),
        ("repository", _value(config.repository), origin("repository", remote)),
        ("branch", _value(config.branch), origin("branch")),
        ("intro-template", _value(config.intro_template), origin("intro-template")),
    ]
    for option, value in command_line.items():
        if value:
            verb = "replaces select" if option == "select" else "added"
            entries.append((f"--{option}", _value(value), f"command line ({verb})"))
    width = max(len(f"{key} = {value}") for key, value, _ in entries)
    lines += [f"{f'{key} = {value}':<{width}}  # {where}" for key, value, where in entries]
    column_origin = origin("columns")
    if column_origin == "default" and not config.columns_pinned:
        column_origin = "default: applies only to tables with this header; other tables' columns are learned below"
    lines += ["", f"columns  # {column_origin}"] + [f"  {_column(column)}" for column in config.columns]
    for code in sorted(set(config.rule_options) | set(config.rule_severity)):
        settings = dict(config.rule_options.get(code, {}))
        if code in config.rule_severity:
            settings["severity"] = config.rule_severity[code].value
        lines.append(f"[rules.{code}] {_value(settings)}  # {source}")
    for title, section in config.sections.items():
        lines.append(f"[sections.{_value(title)}] {_value(section._asdict())}  # {source}")
    if config.links:
        lines.append(f"[links] {_value(config.links)}  # {source}")
    if config.citations:
        lines.append(f"[citations] {_value(config.citations)}  # {source}")
    lines += learned_lines(path, config)
    lines += ["", f"rules that run ({len(rules)}): " + ", ".join(f"{rule.code} {rule.name}" for rule in rules)]
    return "\n".join(printable(line) for line in lines)  # paths and values may hold newlines or escapes


_ORDER_SOURCES = {
    "learned": "from its rows",
    "list": "the list's other tables: too short to tell",
    "prior": "the reference format's",
    "config": "pinned",
}
_IDENTITY_SOURCES = {
    "config": "the config",
    "links": "the README's own GitHub links",
    "upstream": "the upstream remote",
    "origin": "the origin remote",
    "none": "nowhere: no config, links or remote",
}


def learned_lines(path: Path, config: Config) -> list[str]:
    """What a run learns from the list itself (zero config): the repository, the arXiv form, and per table its
    columns' roles and conventions and its order -- each with where it came from. Empty when the file cannot be
    read (the lint run says why)."""
    from readme_lint.document import Document
    from readme_lint.errors import ReadmeLintError
    from readme_lint.listmodel import build_list_model, enforced_order
    from readme_lint.source import read_source
    from readme_lint.workspace import gather

    try:
        doc = Document.parse(read_source(path, str(path)), str(path))
    except (ReadmeLintError, OSError):
        return []
    model = build_list_model(doc, config)
    identity = gather(doc, config, path.resolve(), {"intro"}, config.root).identity
    lines = ["", f"learned from {path} (each run learns these; a pinned value above wins)"]
    lines.append(f"  repository = {_value(identity.slug)}  # from {_IDENTITY_SOURCES[identity.source]}")
    form = model.arxiv_form
    if model.arxiv_links:
        parts = [part or "(as written)" for part in (form.scheme, form.host, form.kind)]
        shown = f"{parts[0]}://{parts[1]}/{parts[2]}/ID"
        lines.append(f"  arXiv links: {shown}  # what 90% of its {model.arxiv_links} arXiv links agree on")
    for table_model in model.tables:
        section = table_model.section.title if table_model.section and table_model.section.heading else "(top)"
        papers = model.papers_in(table_model.table)
        order = enforced_order(table_model, papers)
        source = _ORDER_SOURCES[table_model.order.source if table_model.order is not None else "learned"]
        lines.append(
            f"  table at line {table_model.table.start_line} ({section}): {len(papers)} paper rows, "
            f"order {order} ({source})"
        )
        for column in table_model.columns:
            lines.append(f"    {column.name.strip() or '(empty)'}: {_conventions(column)}")
    return lines


def _conventions(column: Any) -> str:
    """A column's role and the conventions a rule checks, as learned (pinned ones marked)."""
    parts = [column.role.value + (" (pinned)" if column.pinned is not None else "")]
    if column.date_pattern:
        parts.append(column.date_pattern)
    if column.title_shape:
        parts.append(f"{column.title_shape} titles" + (" with [Venue YYYY] tails" if column.venue_tail else ""))
    if column.link_form:
        parts.append(f"links {column.link_form}")
    if column.link_labels:
        parts.append("labels " + "/".join(column.link_labels))
    if column.required:
        parts.append("required")
    if column.left_padding:
        parts.append(f"padding {column.left_padding}/{column.right_padding}")
    if column.placeholders:
        parts.append("none written " + "/".join(sorted(column.placeholders)))
    return ", ".join(parts)
