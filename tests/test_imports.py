"""The import graph: no circle among readme-lint's modules, and the layers' nevers.

Data flows one way (docs/architecture.md): the config types, the decision step knows the rules, the rules read the
document and the facts gathered for them, the network layer fetches. A module that imports one above it makes a
circle sooner or later (the last one ran config -> rules -> listmodel -> config), and a rule that imports the
network layer pulls sockets and TLS into every lint. Imports are read from the source (every level: module top,
function bodies and ``TYPE_CHECKING`` blocks), so a circle hidden in a late import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "readme_lint"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """The readme_lint modules ``name`` imports explicitly (``from a.b import c`` is ``a.b.c`` when that is a
    module, else ``a.b``); relative imports resolved. A package's own parents, which Python runs first, are
    not edges: ``rules/__init__`` importing ``rules.base`` is no circle."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _cycle() -> list[str] | None:
    """One import circle (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[name] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state:
            found = visit(name)
            if found:
                return found
    return None


def _importing(prefix: str) -> dict[str, set[str]]:
    """What each module under ``prefix`` (a module or a package) imports."""
    return {name: GRAPH[name] for name in MODULES if name == prefix or name.startswith(prefix + ".")}


def _under(modules: set[str], *prefixes: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)}


def test_the_graph_is_read_from_every_level() -> None:
    """The reader sees function-level and TYPE_CHECKING imports, or the tests below would prove nothing."""
    assert "readme_lint.rules" in GRAPH["readme_lint.decide"]  # imported inside enabled_rules
    assert "readme_lint.document" in GRAPH["readme_lint.listmodel"]  # under TYPE_CHECKING
    assert "readme_lint.links.settings" in GRAPH["readme_lint.links"]  # the package's own __init__
    assert "readme_lint.rules.base" in GRAPH["readme_lint.rules"]


def test_no_import_circle_among_readme_lint_modules() -> None:
    assert _cycle() is None, " -> ".join(_cycle() or [])


def test_the_cycle_finder_finds_a_planted_circle() -> None:
    saved = set(GRAPH["readme_lint.repo"])
    GRAPH["readme_lint.repo"].add("readme_lint.source")  # source imports repo: a two-module circle
    try:
        found = _cycle()
    finally:
        GRAPH["readme_lint.repo"] = saved
    assert found is not None and {"readme_lint.repo", "readme_lint.source"} <= set(found)


def test_config_knows_no_rule_and_source_no_config() -> None:
    """Config parses and types; the decision step (``decide.settle``) matches codes to rules."""
    assert not _under(GRAPH["readme_lint.config"], "readme_lint.rules", "readme_lint.decide", "readme_lint.linter")
    assert not _under(GRAPH["readme_lint.source"], "readme_lint.config")
    assert not _under(GRAPH["readme_lint.listmodel"], "readme_lint.rules")


def test_rules_never_import_the_network_layer_config_or_the_application() -> None:
    forbidden = ("readme_lint.links", "readme_lint.cli", "readme_lint.config", "readme_lint.runner")
    forbidden += ("readme_lint.linter", "readme_lint.decide", "readme_lint.fixer")
    offenders = {name: _under(imports, *forbidden) for name, imports in _importing("readme_lint.rules").items()}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_network_layer_never_imports_rules_or_the_application() -> None:
    forbidden = ("readme_lint.rules", "readme_lint.cli", "readme_lint.runner", "readme_lint.linter")
    offenders = {name: _under(imports, *forbidden) for name, imports in _importing("readme_lint.links").items()}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_add_and_init_never_import_rules() -> None:
    """``add`` and ``init`` read the list model; a lint they need goes through the linter, which knows the rules."""
    for name in ("readme_lint.add", "readme_lint.infer"):
        assert not _under(GRAPH[name], "readme_lint.rules"), name


def test_shared_pure_helpers_sit_below_rules_and_links() -> None:
    """What the rules and the network layer share (the URL parse, title comparison) imports neither."""
    for name in ("readme_lint.urls", "readme_lint.papers"):
        assert not _under(GRAPH[name], "readme_lint.rules", "readme_lint.links"), name


def _external(name: str) -> set[str]:
    """The top-level packages outside readme-lint that ``name`` imports, at any level of the module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found - {"readme_lint"}


def _reachable(name: str) -> set[str]:
    """``name`` and every readme-lint module it imports, directly or through others."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(GRAPH[current])
    return seen


def test_the_application_never_imports_click_and_the_cli_only_parses_and_prints() -> None:
    """``runner.py`` chooses the files and configs, lints, fixes, judges against the baseline and decides the exit
    code, with nothing of click in reach; ``cli.py`` reaches the linter, fixer, config, git and files only through
    it (issue 21 item 5)."""
    assert "click" in _external("readme_lint.cli")  # the reader sees the imports it must not find below
    assert not {m for m in _reachable("readme_lint.runner") if "click" in _external(m)}
    application = ("readme_lint.linter", "readme_lint.fixer", "readme_lint.config", "readme_lint.decide")
    application += ("readme_lint.source", "readme_lint.gitdiff", "readme_lint.changes", "readme_lint.document")
    application += ("readme_lint.links", "readme_lint.add", "readme_lint.infer", "readme_lint.citations")
    assert not _under(GRAPH["readme_lint.cli"], *application)
    assert not _under(GRAPH["readme_lint.subcommands"], *application)


def test_the_rule_index_is_current() -> None:
    """A run picks its rules from ``rules/_index.py``; it must list every rule module's rules as they are."""
    from readme_lint.rules._generate import index_source

    assert (SRC / "rules" / "_index.py").read_text(encoding="utf-8") == index_source(), (
        "rules/_index.py is out of date: python -m readme_lint.rules._generate > src/readme_lint/rules/_index.py"
    )


def _imported_by_a_run(tmp_path: Path, *args: str) -> set[str]:
    """The readme_lint modules a fresh interpreter has imported after ``readme-lint ARGS README.md``."""
    import json
    import subprocess
    import sys

    (tmp_path / "README.md").write_text(
        "# x\n\n| Title | Date |\n|---|---|\n| **A** | 2023.01 |\n\n- [a](https://x.org)\n"
    )
    code = (
        "import json, sys; from readme_lint.cli import main; code = main([*sys.argv[1:], 'README.md']);"
        " print(json.dumps([code, sorted(m for m in sys.modules if m.startswith('readme_lint'))]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    exit_code, modules = json.loads(result.stdout.splitlines()[-1])
    assert exit_code in (0, 1), result.stderr
    return set(modules)


def test_a_run_imports_only_the_rules_it_selects(tmp_path: Path) -> None:
    from readme_lint.rules import rule_index

    chosen = _imported_by_a_run(tmp_path, "-q", "--no-config", "--select", "RL101,RL501")
    rule_modules = {m for m in chosen if m.startswith("readme_lint.rules.") and not m.split(".")[-1].startswith("_")}
    assert rule_modules == {"readme_lint.rules.base", "readme_lint.rules.column_count", "readme_lint.rules.sort_order"}
    default = _imported_by_a_run(tmp_path, "-q", "--no-config")
    off = {
        f"readme_lint.rules.{entry.module}" for entry in rule_index() if entry.online or not entry.enabled_by_default
    }
    on = {f"readme_lint.rules.{entry.module}" for entry in rule_index()} - off
    assert on <= default and not off & default
    assert "readme_lint.subcommands" not in default  # init, add and citations are built only when asked for


def test_the_commands_built_later_are_the_ones_the_group_names() -> None:
    """The group lists and dispatches ``_LATER_COMMANDS`` without importing them; they must be what
    ``subcommands.py`` defines, or a command would be missing from --help or unreachable."""
    from readme_lint.cli import _LATER_COMMANDS, cli
    from readme_lint.subcommands import COMMANDS

    assert sorted(command.name or "" for command in COMMANDS) == sorted(_LATER_COMMANDS)
    context = cli.make_context("readme-lint", ["--help"], resilient_parsing=True)
    assert cli.list_commands(context) == ["add", "check", "citations", "init", "rule", "rules"]
    assert all(cli.get_command(context, name) is not None for name in cli.list_commands(context))


def test_nothing_of_the_network_layer_without_check_links(tmp_path: Path) -> None:
    """Sockets, TLS and the link settings stay unimported on a lint, even with a config file (without ``[links]``)."""
    (tmp_path / ".readme-lint.toml").write_text('ignore = ["RL105"]\n[rules.RL501]\norder = "date"\n')
    for args in (("-q",), ("-q", "--select", "ALL"), ("-q", "--fix")):
        found = _imported_by_a_run(tmp_path, *args)
        assert not _under(found, "readme_lint.links", "readme_lint.urls"), args


def test_a_lazy_pattern_compiles_on_its_first_call_and_keeps_it() -> None:
    import re

    from readme_lint.patterns import lazy_pattern

    source = r"lazy-[0-9]+-only-here"
    pattern = lazy_pattern(source, re.IGNORECASE)
    re.purge()
    assert not any(source in key for key in getattr(re, "_cache", {}))  # declaring it compiled nothing
    first = pattern()
    assert first is pattern() and first.flags & re.IGNORECASE and first.match("LAZY-7-only-here")


def test_a_lazy_compile_stands_in_for_the_pattern_and_compiles_once() -> None:
    import re

    from readme_lint.patterns import lazy_compile

    source = r"lazy-compile-[0-9]+-only-here"
    pattern = lazy_compile(source, re.IGNORECASE)
    re.purge()
    assert not any(source in key for key in getattr(re, "_cache", {}))  # declaring it compiled nothing
    assert pattern.match("LAZY-compile-7-only-here") and pattern.flags & re.IGNORECASE
    assert "match" in vars(pattern) and pattern.sub("x", "lazy-compile-1-only-here") == "x"  # bound once, kept


def test_a_plain_lint_leaves_the_patterns_it_never_needs_uncompiled(tmp_path: Path) -> None:
    """The link-syntax heuristics, the Markdown escaper and the HTML scanners wait for a text that needs them."""
    (tmp_path / "README.md").write_text("# x\n\n| Title | Date |\n|---|---|\n| **A** | 2023.01 |\n")
    code = (
        "import sys; from readme_lint.cli import main; code = main(['-q', '--no-config', 'README.md']);"
        " from readme_lint import escape, gfm; from readme_lint.rules import link_syntax as s;"
        " print([name for name, p in [('escape', escape._MARKDOWN), ('gfm', gfm._HTML_LINK),"
        " ('link_syntax', s._FAILED_LINKS[0][0])] if 'match' in vars(p)])"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]", result.stderr
