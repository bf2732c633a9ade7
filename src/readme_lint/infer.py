"""``readme-lint init``: infer a config from an existing README so a list adopts the linter without a wall of errors.

From the file's own tables: the column schema (the most common header, each column's format and whether rows
fill it), the date pattern, the repository and branch its intro links use, and the order each section already
follows. Then the README is linted with that config, and rules that would still fire more than N times are listed
on a commented ``ignore`` line for the maintainer to decide on.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from readme_lint.config import COLUMN_FORMATS, parse_config
from readme_lint.document import Document
from readme_lint.papers import parse_date
from readme_lint.tables import Table

DATE_PATTERNS = ("YYYY.MM", "YYYY-MM", "YYYY/MM", "YYYY.MM.DD", "YYYY-MM-DD", "YYYY", "M/D/YY", "MM/DD/YY", "M/D/YYYY")
ORDERS = ("date", "-date", "title", "citation", "-citation")


def _schema_table(doc: Document) -> tuple[tuple[str, ...], list[Table]] | None:
    headers = Counter(table.column_names for table in doc.tables if table.rows)
    if not headers:
        return None
    names = headers.most_common(1)[0][0]
    return names, [table for table in doc.tables if table.column_names == names]


def _column_texts(tables: list[Table], index: int) -> list[str]:
    return [row.cells[index].text for table in tables for row in table.rows if index < len(row.cells)]


def _date_pattern(texts: list[str]) -> tuple[str, float]:
    best, share = "YYYY.MM", 0.0
    filled = [text for text in texts if text]
    for pattern in DATE_PATTERNS:
        matching = sum(1 for text in filled if parse_date(text.split("<!--")[0].strip(), pattern))
        if filled and matching / len(filled) > share:
            best, share = pattern, matching / len(filled)
    return best, share


def _column(name: str, texts: list[str], taken: set[str]) -> dict[str, Any]:
    """Guess one column's format from its cells (each format is given to one column at most)."""
    filled = [text for text in texts if text]
    column: dict[str, Any] = {"name": name}
    if len(filled) < len(texts):  # required only where every row fills it: adopting must not start with errors
        column["required"] = False

    def share(predicate: Any) -> float:
        return sum(1 for text in filled if predicate(text)) / len(filled) if filled else 0.0

    pattern, date_share = _date_pattern(texts)
    candidates = [
        ("date", date_share),
        ("integer", share(lambda t: t.replace(",", "").isdigit())),
        ("title", share(lambda t: t.startswith("**"))),
        ("paper", share(lambda t: t.startswith("[[") and "](" in t)),
    ]
    for format_name, value in candidates:
        if value >= 0.8 and format_name not in taken:
            taken.add(format_name)
            column["format"] = format_name
            if format_name == "date":
                column["pattern"] = pattern
            break
    return column


def _section_order(rows: list[Any]) -> str:
    """The first order whose keys every row has and which the rows already follow, else 'none'."""
    from readme_lint.rules.order import sort_key

    for order in ORDERS:
        keys = [sort_key(paper, order) for paper in rows]
        if all(key is not None for key in keys) and keys == sorted(keys, reverse=order.startswith("-")):
            return order
    return "none"


def infer(doc: Document, noisy_after: int = 10) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """(config table, [(rule code, count)] of rules that would still fire more than ``noisy_after`` times)."""
    config: dict[str, Any] = {}
    found = _schema_table(doc)
    if found is not None:
        names, tables = found
        taken: set[str] = set()
        config["columns"] = [_column(name, _column_texts(tables, i), taken) for i, name in enumerate(names)]
    repository, branch = _intro_base(doc)
    if repository:
        config["repository"] = repository
    if branch:
        config["branch"] = branch
    orders = _orders(doc, config)
    if orders:
        default = Counter(orders.values()).most_common(1)[0][0]
        if default != "date":
            config["rules"] = {"sort-order": {"order": default}}
        sections = {title: order for title, order in orders.items() if order != default}
        if sections:
            config["sections"] = {
                title: {"rules": {"sort-order": {"order": order}}} for title, order in sections.items()
            }
    return config, _noisy(doc, config, noisy_after)


def _orders(doc: Document, config: dict[str, Any]) -> dict[str, str]:
    """The order each section's first table already follows (sections with at least two rows)."""
    from readme_lint.papers import papers
    from readme_lint.rules.base import RuleContext

    rows = papers(doc, RuleContext(parse_config(config, None, None), {}))
    orders: dict[str, str] = {}
    for section in doc.sections:
        if section.heading is None or not section.tables or section.title in orders:
            continue
        table = section.tables[0]
        if len(table.rows) >= 2:
            orders[section.title] = _section_order([paper for paper in rows if paper.table is table])
    return orders


def _intro_base(doc: Document) -> tuple[str | None, str | None]:
    from readme_lint.rules.intro import GITHUB_URL

    owners: Counter[str] = Counter()
    branches: Counter[str] = Counter()
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if "github.com" not in cell.text:
                    continue
                for link in cell.inline.links:
                    match = GITHUB_URL.match(link.target)
                    if match and link.label.strip().lower() == "intro":
                        owners[f"{match.group(1)}/{match.group(2)}"] += 1
                        branches[match.group(4)] += 1
    return (
        owners.most_common(1)[0][0] if owners else None,
        branches.most_common(1)[0][0] if branches else None,
    )


def _noisy(doc: Document, config: dict[str, Any], noisy_after: int) -> list[tuple[str, int]]:
    from readme_lint.linter import Linter, enabled_rules

    parsed = parse_config(config, None, None)
    counts = Counter(d.code for d in Linter(parsed, enabled_rules(parsed)).lint(doc))
    return sorted((code, count) for code, count in counts.items() if count > noisy_after)


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


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TOML_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_TOML_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character TOML forbids raw (U+0000-U+001F,
    U+007F) escaped; other characters written as they are. (JSON's escaping leaves DEL raw, which TOML
    rejects: a heading holding one made `init` write a file it could not read.)"""
    return '"' + _TOML_ESCAPE.sub(lambda m: _TOML_SHORT.get(m.group(0)) or f"\\u{ord(m.group(0)):04x}", text) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def render(config: dict[str, Any], noisy: list[tuple[str, int]], table_prefix: str) -> str:
    """The config as commented TOML; ``table_prefix`` is ``tool.readme-lint`` in pyproject.toml, else ''."""
    head = f"[{table_prefix}]" if table_prefix else ""
    lines = [
        "# readme-lint settings inferred by `readme-lint init` from the README's own tables.",
        "# Every key is documented in README.md (Configuration) and `readme-lint rule CODE`.",
    ]
    if head:
        lines.append(head)
    for key in ("repository", "branch"):
        if key in config:
            lines.append(f"{key} = {_toml(config[key])}")
    if "columns" in config:
        lines.append("# The column schema: names in order; required = false where rows may leave it empty;")
        lines.append(f"# format is one of {', '.join(COLUMN_FORMATS)}; dates take a pattern.")
        lines.append("columns = [")
        lines.extend(f"  {_toml(column)}," for column in config["columns"])
        lines.append("]")
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
        for rule, options in section["rules"].items():
            lines += [
                "",
                "# The rows of this section follow another order than the rest of the list.",
                f"[{prefix}sections.{_key(title)}.rules.{rule}]",
            ]
            lines += [f"{k} = {_toml(v)}" for k, v in options.items()]
    return "\n".join(lines) + "\n"


class ExistingSettings(Exception):
    """The target already holds readme-lint settings and --force was not given."""


_INIT_COMMENTS = ("# readme-lint settings inferred", "# Every key is documented in README.md")


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
