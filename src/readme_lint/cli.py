"""The command line: ``readme-lint [PATH]...`` plus ``rule``, ``rules`` subcommands.

Thin on purpose: it collects files, loads config once per directory, runs the linter or the fixer, and
prints. ``main(argv) -> int`` is what tests call; exit codes are 0 (clean), 1 (problems remain, or ``--diff``
found something to change) and 2 (usage, config or input error -- always one line, never a traceback).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from readme_lint import __version__
from readme_lint.config import ConfigLoader
from readme_lint.errors import ReadmeLintError
from readme_lint.runner import RunResult, unified_diff
from readme_lint.source import read_source, write_atomic

OUTPUT_FORMATS = ("text", "json", "github", "sarif")


class _DefaultCommandGroup(click.Group):
    """``readme-lint PATH...`` runs ``check``; ``readme-lint rule CODE`` and friends are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("readme-lint", "[OPTIONS] [PATH]... | rule CODE | rules | init | add")


@click.group(cls=_DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Lint and fix curated paper-list READMEs."""


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@cli.command("check", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe (with --fix or --diff).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing; exit 1 if any.")
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes like RL4, or names); replaces config.")
@click.option("--ignore", multiple=True, help="Rules to disable (codes, prefixes or names).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of each problem.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Use this config file only.")
@click.option("--no-config", is_flag=True, help="Ignore config files; use the defaults.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary.")
@click.option("--color/--no-color", default=None, help="Color the text output (default: when a terminal).")
@click.option("--diff-base", metavar="REF", help="Report only problems on lines changed since this git ref.")
@click.option("--check-links", is_flag=True, help="Also check links online (RL210-RL213; needs network).")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Link check timeout in seconds (default 10).")
@click.option("--max-concurrency", type=click.IntRange(min=1), help="Link checks in flight at most (default 32).")
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the link cache.")
@click.option("--allow-private", is_flag=True, help="Let link checks reach loopback and private addresses.")
@click.version_option(__version__, "--version", prog_name="readme-lint", message="%(prog)s %(version)s")
def check_command(paths: tuple[Path, ...], **options: Any) -> int:
    """Lint paper-list READMEs (default: ./README.md; a directory means the README.md files below it).

    Subcommands (each with --help): `readme-lint rule CODE` prints a rule's doc, `readme-lint rules` lists them
    all, `readme-lint init` writes a config inferred from a README, `readme-lint add ARXIV_ID --section NAME`
    adds a paper.
    """
    return run_check(paths, **options)


def run_check(
    paths: tuple[Path, ...],
    *,
    output_format: str = "text",
    statistics: bool = False,
    quiet: bool = False,
    color: bool | None = None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    extend_select: tuple[str, ...] = (),
    **options: Any,
) -> int:
    """Turn the parsed options into RunOptions, run, print; returns the exit code."""
    from readme_lint.runner import Runner, RunOptions

    if options.get("config_path") is not None and options.get("no_config"):
        raise click.UsageError("--config and --no-config exclude each other")
    run_options = RunOptions(
        select=_split_codes(select) or None,
        ignore=_split_codes(ignore),
        extend_select=_split_codes(extend_select),
        show_progress=not quiet,
        **options,
    )
    runner = Runner(run_options)
    result = runner.run(paths)
    for text in result.diffs:
        click.echo(text, nl=False)
    for message in result.errors:
        click.echo(f"readme-lint: error: {message}", err=True)
    if run_options.diff:
        return 2 if result.errors else int(result.would_change)
    _report(result, output_format, statistics, quiet, color, run_options.unsafe_fixes, run_options.fix)
    summary = runner.link_summary()
    if summary is not None and output_format == "text" and not quiet:
        click.echo(summary)
    return result.exit_code


def _report(
    result: RunResult,
    output_format: str,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    unsafe: bool,
    fixing: bool,
) -> None:
    from readme_lint import output

    diagnostics = sorted(result.diagnostics, key=lambda d: d.sort_key)
    if output_format == "json":
        click.echo(output.format_json(diagnostics))
    elif output_format == "github":
        if diagnostics:
            click.echo(output.format_github(diagnostics))
    elif output_format == "sarif":
        from readme_lint.rules import all_rules

        click.echo(output.format_sarif(diagnostics, result.rules or list(all_rules())))
    else:
        use_color = sys.stdout.isatty() if color is None else color
        body = (
            output.format_statistics(diagnostics) if statistics else output.format_text(diagnostics, use_color, unsafe)
        )
        if body:
            click.echo(body, color=use_color)
        if not quiet and (diagnostics or not result.errors):
            click.echo(output.summary(diagnostics, result.fixed if fixing else 0, unsafe))


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> int:
    """Print the documentation of one rule (by code or name)."""
    from readme_lint.rules import find_rule

    rule = find_rule(code)
    if rule is None:
        raise click.UsageError(f"unknown rule {code!r} (see `readme-lint rules`)")
    click.echo(render_rule_doc(rule))
    return 0


def render_rule_doc(rule: Any) -> str:
    lines = [f"# {rule.name} ({rule.code})", ""]
    lines.append(
        f"Default severity: {rule.severity.value}. Enabled by default: {'yes' if rule.enabled_by_default else 'no'}."
    )
    lines.append(f"Fix: {rule.fix_declaration()}.")
    lines.append("")
    lines.append(rule.doc())
    if rule.options:
        lines += ["", "Options:"]
        for name, option in rule.options.items():
            lines.append(f"  {name} (default: {option.default!r}): {option.help}")
    return "\n".join(lines)


@cli.command("rules")
@click.option("--format", "format_name", type=click.Choice(["text", "markdown"]), default="text")
def rules_command(format_name: str) -> int:
    """List every rule: code, name, default severity, fix availability and safety, summary."""
    click.echo(rules_table(format_name))
    return 0


def rules_table(format_name: str = "text") -> str:
    from readme_lint.rules import all_rules

    rows = [
        (
            rule.code,
            rule.name,
            rule.severity.value + ("" if rule.enabled_by_default else " (off)") + (" (online)" if rule.online else ""),
            rule.fix_declaration(),
            rule.summary(),
        )
        for rule in all_rules()
    ]
    if format_name == "markdown":
        lines = ["| Code | Name | Severity | Fix | What it checks |", "|---|---|---|---|---|"]
        lines += [f"| {c} | `{n}` | {s} | {f} | {d} |" for c, n, s, f, d in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(value.ljust(widths[i]) for i, value in enumerate(row[:4])) + "  " + row[4] for row in rows
    )


@cli.command("init")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("README.md"))
@click.option("--file", "dedicated", is_flag=True, help="Write .readme-lint.toml instead of pyproject.toml.")
@click.option("--force", is_flag=True, help="Replace existing readme-lint settings.")
@click.option("--noisy-after", default=10, show_default=True, help="List rules firing more often than this.")
def init_command(path: Path, dedicated: bool, force: bool, noisy_after: int) -> int:
    """Write a config inferred from an existing README (schema, date pattern, intro base, section orders)."""
    from readme_lint.document import Document
    from readme_lint.infer import ExistingSettings, config_file_text, infer
    from readme_lint.source import SourceText

    doc = Document.parse(read_source(path, str(path)), str(path))
    config, noisy = infer(doc, noisy_after)
    target = path.parent / (".readme-lint.toml" if dedicated else "pyproject.toml")
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    try:
        text = config_file_text(config, noisy, existing, dedicated, force)
    except ExistingSettings as error:
        raise click.UsageError(f"{target} {error}; use --force to replace them") from None
    if target.exists():
        write_atomic(target, SourceText(text))
    else:
        target.write_text(text, encoding="utf-8")
    listed = f", {len(noisy)} noisy rules listed" if noisy else ""
    click.echo(f"Wrote {target} ({len(config.get('columns', []))} columns{listed})")
    return 0


@cli.command("add")
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
def add_command(reference: str, path: Path, dry_run: bool, **options: Any) -> int:
    """Add a paper (arXiv ID or URL) as a row in the list's own schema, where the section's order puts it."""
    from readme_lint.add import AddError, plan_addition

    try:
        addition = plan_addition(reference, path, ConfigLoader().for_file(path), **options)
    except AddError as error:
        click.echo(f"readme-lint: {error}", err=True)
        return 1
    if dry_run:
        click.echo(unified_diff(addition.before.text, addition.after.text, str(path)), nl=False)
        if addition.intro_file is not None:
            click.echo(f"would create {addition.intro_file}")
        return 0
    write_atomic(path, addition.after)
    if addition.intro_file is not None:
        addition.intro_file.parent.mkdir(parents=True, exist_ok=True)
        addition.intro_file.write_text(addition.intro_text, encoding="utf-8")
        click.echo(f"Created {addition.intro_file}")
    click.echo(f"Added {addition.title!r} to {path} at line {addition.line}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code instead of exiting (pre-commit-hooks style)."""
    args = list(sys.argv[1:] if argv is None else argv)
    # A lint run allocates many small objects and frees them at exit; the cyclic collector would only
    # rescan them over and over (it made 100,000-row lists 40% slower). Nothing we build relies on it.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        code = cli.main(args=args, prog_name="readme-lint", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:  # pragma: no cover - depends on click version
        click.echo(error.ctx.get_help() if error.ctx else str(error))
        return 2
    except click.UsageError as error:
        click.echo(f"readme-lint: error: {error.format_message()}", err=True)
        return 2
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except click.Abort:
        click.echo("readme-lint: aborted", err=True)
        return 1
    except ReadmeLintError as error:
        click.echo(f"readme-lint: error: {error}", err=True)
        return 2
    except BrokenPipeError:
        return 1
    finally:
        if gc_was_enabled:
            gc.enable()
    return code if isinstance(code, int) else 0


def entry_point() -> None:
    sys.exit(main())
