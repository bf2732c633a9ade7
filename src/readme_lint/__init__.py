"""readme-lint: a linter, fixer and pre-commit hook for curated paper-list READMEs.

The Python API is two functions; both take markdown text and an optional config (a ``Config``, or a dict
shaped like the ``[tool.readme-lint]`` table): ``lint_text(text) -> list[Diagnostic]`` and
``fix_text(text) -> str``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from readme_lint.config import Config
    from readme_lint.diagnostics import Diagnostic


def _linter(config: Config | dict[str, Any] | None, select: list[str] | None, ignore: list[str] | None) -> Any:
    from readme_lint.config import Config, parse_config
    from readme_lint.linter import Linter, Selection, enabled_rules

    if config is None:
        config = Config()
    elif isinstance(config, dict):
        config = parse_config(config, None, None)
    selection = Selection(select=tuple(select) if select else None, ignore=tuple(ignore or ()))
    return Linter(config, enabled_rules(config, selection))


def lint_text(
    text: str,
    path: str = "README.md",
    config: Config | dict[str, Any] | None = None,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> list[Diagnostic]:
    """Lint markdown text and return its diagnostics, sorted by position."""
    from readme_lint.source import SourceText

    return _linter(config, select, ignore).lint_text(SourceText(text), path)[1]


def fix_text(
    text: str,
    path: str = "README.md",
    config: Config | dict[str, Any] | None = None,
    *,
    unsafe: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> str:
    """Return the text with every applicable fix applied (safe ones; unsafe too with ``unsafe=True``)."""
    from readme_lint.fixer import fix_source
    from readme_lint.source import SourceText

    linter = _linter(config, select, ignore)
    return fix_source(SourceText(text), lambda source: linter.lint_text(source, path), unsafe=unsafe).text


__all__ = ["__version__", "fix_text", "lint_text"]
