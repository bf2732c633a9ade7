"""The ``init``, ``add`` and ``citations`` commands, which ``cli.py`` imports only when one is asked for.

Thin like ``cli.py``: each parses its options, calls the runner (``write_inferred_config``, ``add_paper``,
``refresh_citations``) and prints what comes back. Building their options costs every lint start-up, so the
command group in ``cli.py`` adds these only when one of them is run or listed (``_LATER_COMMANDS``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from readme_lint.escape import printable


@click.command("init")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("README.md"))
@click.option("--file", "dedicated", is_flag=True, help="Write .readme-lint.toml even beside a pyproject.toml.")
@click.option("--force", is_flag=True, help="Replace existing readme-lint settings.")
@click.option("--noisy-after", default=10, show_default=True, help="List rules firing more often than this.")
def init_command(path: Path, dedicated: bool, force: bool, noisy_after: int) -> int:
    """Write down the conventions learned from an existing README (schema, date pattern, orders, arXiv form)."""
    from readme_lint.runner import write_inferred_config

    written = write_inferred_config(path, dedicated, force, noisy_after)
    listed = f", {written.noisy} noisy rules listed" if written.noisy else ""
    click.echo(printable(f"Wrote {written.target} ({written.columns} columns{listed})"))
    if written.standing:  # today's defects are findings under what init wrote, never conventions
        total = sum(written.standing.values())
        rules = ", ".join(f"{code}: {count}" for code, count in sorted(written.standing.items()))
        noun = "finding" if total == 1 else "findings"
        click.echo(f"init: {total} {noun} break the conventions it wrote ({rules}); run readme-lint to see them")
    return 0


@click.command("add")
@click.argument("reference")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("README.md"))
@click.option("--section", required=True, help="The section (heading text) whose table gets the row.")
@click.option("--keywords", default="", help="The Keywords cell.")
@click.option("--affiliation", default="", help="The Affiliation cell.")
@click.option("--venue", default="", help="Venue and year, e.g. 'ICLR 2025'.")
@click.option("--citation", default="", help="The Citation cell.")
@click.option("--intro", is_flag=True, help="Link an intro and create its README from the template.")
@click.option("--title", help="The title (instead of arXiv's; required for papers not on arXiv).")
@click.option("--date", "date_text", help="YYYY.MM or YYYY-MM (instead of arXiv's first version).")
@click.option("--url", help="The paper link for a paper not on arXiv.")
@click.option("--dry-run", is_flag=True, help="Print the change as a diff; write nothing.")
@click.option("--allow-private", is_flag=True, help="Let the arXiv API URL be a loopback or private address.")
def add_command(reference: str, path: Path, dry_run: bool, **options: Any) -> int:
    """Add a paper (arXiv ID or URL) as a row in the list's own schema, where the section's order puts it."""
    from readme_lint.runner import add_paper

    added = add_paper(reference, path, dry_run, **options)
    if added.problem is not None:
        click.echo(printable(f"readme-lint: {added.problem}"), err=True)
        return 1
    if dry_run:
        click.echo(added.diff, nl=False)
        if added.intro_file is not None:
            click.echo(printable(f"would create {added.intro_file}"))
        return 0
    if added.intro_file is not None:
        click.echo(printable(f"Created {added.intro_file}"))
    click.echo(printable(f"Added {added.title!r} to {path} at line {added.line}"))
    return 0


@click.command("citations")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("README.md"))
@click.option("--section", "sections", multiple=True, help="Refresh only this section (repeatable).")
@click.option("--dry-run", is_flag=True, help="Print the change as a diff (the summary to stderr); write nothing.")
@click.option(
    "--min-change", type=click.IntRange(min=1), help="Rewrite a count only when it moved by at least N (default 1)."
)
@click.option("--source", type=click.Choice(["semantic-scholar", "openalex"]), help="The API (default: config).")
@click.option("--no-reorder", is_flag=True, help="Keep the row order of tables sorted by citations (say so).")
@click.option("--no-cache", is_flag=True, help="Ask the API for every count (and do not write the cache).")
@click.option("--allow-private", is_flag=True, help="Let the API URL be a loopback or private address.")
def citations_command(
    path: Path,
    sections: tuple[str, ...],
    dry_run: bool,
    min_change: int | None,
    source: str | None,
    no_reorder: bool,
    no_cache: bool,
    allow_private: bool,
) -> int:
    """Refresh every Citation count, and each refreshed section's update note, from Semantic Scholar or OpenAlex."""
    from readme_lint.runner import refresh_citations

    refreshed = refresh_citations(
        path,
        dry_run,
        sections=sections,
        min_change=min_change,
        source=source,
        allow_private=allow_private,
        use_cache=not no_cache,
        reorder=not no_reorder,
    )
    if refreshed.problem is not None:
        click.echo(f"readme-lint: {refreshed.problem}", err=True)
        return 1
    if dry_run:
        click.echo(refreshed.diff, nl=False)
        click.echo(refreshed.summary, err=True)
        return 0
    click.echo(refreshed.summary)
    return 0


COMMANDS: tuple[click.Command, ...] = (init_command, add_command, citations_command)
