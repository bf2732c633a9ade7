"""The pipeline's shape: one rule per module, a parsed document holds no reference cycles (GC stays on and each
fixer pass is freed by reference counting), and config discovery. What may import what: tests/test_imports.py."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

import pytest

from readme_lint.config import ConfigError, ConfigLoader
from readme_lint.linter import Linter, enabled_rules
from readme_lint.source import SourceText
from tests.conftest import make_config, row, table

SRC = Path(__file__).resolve().parents[1] / "src" / "readme_lint"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any level (TYPE_CHECKING blocks and function bodies included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_rule_module_imports_another_rule_module() -> None:
    """One rule, one module: helpers several rules share live in ``_``-prefixed modules, never in a rule module."""
    from readme_lint.rules import rule_modules

    modules = rule_modules()
    assert "column_count" in modules and "toc" in modules and "base" not in modules
    assert not any(name.startswith("_") for name in modules)
    rule_imports = {f"readme_lint.rules.{name}" for name in modules}
    for path in sorted((SRC / "rules").glob("*.py")):
        assert not _imports(path) & rule_imports, path.name
        for node in ast.walk(ast.parse(path.read_text())):  # `from readme_lint.rules import toc`, `from . import toc`
            if isinstance(node, ast.ImportFrom) and (node.module == "readme_lint.rules" or node.level):
                assert not {alias.name for alias in node.names} & set(modules), path.name


def test_every_rule_module_holds_exactly_the_rule_it_is_named_after() -> None:
    import importlib

    from readme_lint.rules import all_rules, rule_modules

    for name in rule_modules():
        rules = importlib.import_module(f"readme_lint.rules.{name}").RULES
        assert [rule.name.replace("-", "_") for rule in rules] == [name]
    assert len(rule_modules()) == len(all_rules())


def test_a_linted_document_leaves_no_cyclic_garbage() -> None:
    text = table(*(row(n, affiliation=" X" if n == 3 else "Y") for n in range(40)))  # one row breaks the style
    config = make_config()
    linter = Linter(config, enabled_rules(config))
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        doc, diagnostics = linter.lint_text(SourceText(text))
        assert diagnostics and all(cell.inline is not None for r in doc.tables[0].rows for cell in r.cells[1:3])
        del doc, diagnostics
        gc.collect()
        leaked = {type(obj).__name__ for obj in gc.garbage} & {
            *("Document", "Table", "Section", "Row", "Cell"),
            *("ListModel", "TableModel", "ColumnModel", "Paper"),
        }
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert leaked == set()


def test_main_pauses_the_collector_only_while_it_runs(tmp_path: Path) -> None:
    from readme_lint import cli

    (tmp_path / "README.md").write_text(table(row(1)))
    before = gc.get_threshold()
    seen: list[bool] = []
    original = cli.cli.main

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    assert gc.isenabled()
    cli.cli.main = spy  # type: ignore[method-assign]
    try:
        assert cli.main(["--no-config", "-q", str(tmp_path / "README.md")]) == 0
    finally:
        cli.cli.main = original  # type: ignore[method-assign]
    assert seen == [False]
    assert gc.isenabled() and gc.get_threshold() == before
    gc.disable()
    try:  # a caller that had it off keeps it off
        assert cli.main(["--no-config", "-q", str(tmp_path / "README.md")]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_pyproject_that_only_depends_on_readme_lint_is_not_its_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".readme-lint.toml").write_text('ignore = ["RL104"]\n')
    package = tmp_path / "tools"
    package.mkdir()
    (package / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["readme-lint>=0.1"]\n')
    readme = package / "README.md"
    readme.write_text("")
    config = ConfigLoader().for_file(readme)
    assert config.source == tmp_path / ".readme-lint.toml" and config.ignore == ("RL104",)
    (package / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool."readme-lint"]\nignore = ["RL105"]\n')
    assert ConfigLoader().for_file(readme).ignore == ("RL105",)
    (package / "pyproject.toml").write_text("[tool.readme-lint]\nignore = [\n")  # broken: reported, not skipped
    with pytest.raises(ConfigError, match="invalid TOML"):
        ConfigLoader().for_file(readme)
