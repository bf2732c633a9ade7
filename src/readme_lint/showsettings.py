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
    lines += ["", f"rules that run ({len(rules)}): " + ", ".join(f"{rule.code} {rule.name}" for rule in rules)]
    return "\n".join(printable(line) for line in lines)  # paths and values may hold newlines or escapes
