"""RuleContext: a context derived for other options keeps everything gathered once per run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from readme_lint.rules.base import RuleContext


def test_with_options_keeps_every_fact_of_the_run() -> None:
    """Dropping the working-tree view made rules that derive a context gather the tree's facts a second time."""
    workspace, links, model, cache = object(), object(), object(), {"k": 1}
    context = RuleContext(
        config=object(),  # type: ignore[arg-type]
        options={"a": 1},
        section_options={"s": {"a": 2}},
        file_path=Path("README.md"),
        root=Path("."),
        today=dt.date(2026, 12, 2),
        cache=cache,
        links=links,
        changed_lines={3},
        model=model,  # type: ignore[arg-type]
        workspace=workspace,
    )
    derived = context.with_options({"b": 2})
    assert derived.options == {"b": 2} and derived.section_options == {}
    assert derived.workspace is workspace and derived.links is links and derived.cache is cache
    assert derived.model is model and derived.config is context.config and derived.changed_lines == {3}
    assert (derived.file_path, derived.root, derived.today) == (context.file_path, context.root, context.today)
