"""The command line: ``readme-lint [PATH]...`` plus ``rule``, ``rules`` subcommands.

Thin on purpose: it collects files, loads config once per directory, runs the linter or the fixer, and
prints. ``main(argv) -> int`` is what tests call; exit codes are 0 (clean), 1 (problems remain, or ``--diff``
found something to change) and 2 (usage, config or input error -- always one line, never a traceback).
"""

from __future__ import annotations

import fnmatch
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from readme_lint import __version__
from readme_lint.config import Config, ConfigError, ConfigLoader
from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.source import InputError, SourceText, check_inside, read_source, repository_boundary, write_atomic

_SKIP_DIRECTORIES = {"node_modules", "__pycache__", "venv", "site-packages"}
OUTPUT_FORMATS = ("text", "json", "github", "sarif")


class RunResult:
    """What a run gathered over all files: diagnostics, one-line errors, fixes written."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.errors: list[str] = []
        self.fixed = 0
        self.would_change = False
        self.rules: list[Any] = []


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
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    output_format: str,
    statistics: bool,
    config_path: Path | None,
    no_config: bool,
    quiet: bool,
    color: bool | None,
    diff_base: str | None = None,
    check_links: bool = False,
    timeout: float | None = None,
    max_concurrency: int | None = None,
    no_cache: bool = False,
    allow_private: bool = False,
) -> int:
    from readme_lint.linter import Selection

    if config_path is not None and no_config:
        raise click.UsageError("--config and --no-config exclude each other")
    selection = Selection(
        select=_split_codes(select) or None,
        ignore=_split_codes(ignore),
        extend_select=_split_codes(extend_select),
    )
    _check_selectors(selection)
    loader = ConfigLoader(explicit=config_path, use_files=not no_config)
    result = RunResult()
    from readme_lint.links.service import LinkServices

    links = (
        LinkServices(timeout, max_concurrency, no_cache, allow_private, show_progress=not quiet)
        if check_links
        else None
    )
    for path, shown in collect_files(paths or (Path("README.md"),), loader, result.errors):
        _process_file(
            path,
            shown,
            loader,
            selection,
            result,
            fix=fix or diff,
            unsafe=unsafe_fixes,
            diff=diff,
            diff_base=diff_base,
            links=links,
        )
    if links is not None:
        links.close()
    for message in result.errors:
        click.echo(f"readme-lint: error: {message}", err=True)
    if diff:
        return 2 if result.errors else int(result.would_change)
    _report(result, output_format, statistics, quiet, color, unsafe_fixes, fix)
    if links is not None and output_format == "text" and not quiet:
        click.echo(links.summary())
    if result.errors:
        return 2
    return int(any(d.severity is not Severity.INFO for d in result.diagnostics))


def _check_selectors(selection: Any) -> None:
    from readme_lint.rules import selector_known

    for selector in (*(selection.select or ()), *selection.ignore, *selection.extend_select):
        if not selector_known(selector):
            raise click.UsageError(f"{selector!r} matches no rule (see `readme-lint rules`)")


def _process_file(
    path: Path,
    shown: str,
    loader: ConfigLoader,
    selection: Any,
    result: RunResult,
    *,
    fix: bool,
    unsafe: bool,
    diff: bool,
    diff_base: str | None = None,
    links: Any = None,
) -> None:
    from readme_lint.linter import Linter, enabled_rules

    changed: set[int] | None = None
    try:
        config = loader.for_file(path)
        source = read_source(path, shown, root=repository_boundary(path))
        if diff_base is not None:
            from readme_lint.gitdiff import changed_lines

            changed = changed_lines(path, diff_base)
    except (ConfigError, InputError) as error:
        result.errors.append(str(error))
        return
    except Exception as error:  # GitError: imported lazily, so matched by name
        if type(error).__name__ != "GitError":
            raise
        result.errors.append(str(error))
        return
    try:
        service = links.for_config(config, path) if links is not None else None
    except ValueError as error:
        result.errors.append(f"{config.source}: {error}")
        return
    rules = enabled_rules(config, selection, online=links is not None)
    result.rules = rules if len(rules) > len(result.rules) else result.rules
    linter = Linter(config, rules, file_path=path.resolve(), links=service, changed_lines=changed)

    def lint(text: SourceText) -> Any:
        return linter.lint_text(text, shown)

    def keep(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        if changed is None:
            return diagnostics
        return [d for d in diagnostics if any(line in changed for line in range(d.line, d.end_line + 1))]

    if not fix:
        result.diagnostics.extend(keep(lint(source)[1]))
        return
    from readme_lint.fixer import fix_source

    fixed = fix_source(source, lint, unsafe=unsafe)
    result.diagnostics.extend(keep(fixed.diagnostics))
    if fixed.source.text == source.text:
        return
    result.would_change = True
    if diff:
        click.echo(unified_diff(source.text, fixed.source.text, shown), nl=False)
        return
    try:
        write_atomic(path, fixed.source)
    except InputError as error:
        result.errors.append(str(error))
        return
    result.fixed += fixed.applied


def unified_diff(before: str, after: str, shown: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


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


def collect_files(paths: Sequence[Path], loader: ConfigLoader, errors: list[str]) -> list[tuple[Path, str]]:
    """Expand directories into the README.md files below them; drop excluded files; keep order, no repeats."""
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = sorted(_readmes_below(path))
            if not candidates:
                errors.append(f"{path}: no README.md below this directory")
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            errors.append(f"{path}: no such file or directory")
            continue
        for candidate in candidates:
            try:  # before its config is looked up: a symlink out of the repository reads nothing there
                key = check_inside(candidate, repository_boundary(candidate), _display(candidate))
            except InputError as error:
                errors.append(str(error))
                continue
            if key in seen or _excluded(candidate, loader, errors):
                continue
            seen.add(key)
            found.append((candidate, _display(candidate)))
    return found


def _readmes_below(directory: Path) -> list[Path]:
    found = []
    for current, directories, files in os.walk(directory):
        directories[:] = [d for d in directories if not d.startswith(".") and d not in _SKIP_DIRECTORIES]
        found.extend(Path(current) / name for name in files if name.lower() == "readme.md")
    return found


def _excluded(path: Path, loader: ConfigLoader, errors: list[str]) -> bool:
    try:
        config: Config = loader.for_file(path)
    except ConfigError as error:
        if str(error) not in errors:
            errors.append(str(error))
        return True
    if not config.exclude:
        return False
    base = config.source.parent if config.source else (config.root or Path.cwd())
    try:
        relative = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch.fnmatch(relative, pattern) for pattern in config.exclude)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


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
    lines.append(f"Fix: {rule.fix_safety}.")
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
    """List every rule: code, name, default severity, fix safety, summary."""
    click.echo(rules_table(format_name))
    return 0


def rules_table(format_name: str = "text") -> str:
    from readme_lint.rules import all_rules

    rows = [
        (
            rule.code,
            rule.name,
            rule.severity.value + ("" if rule.enabled_by_default else " (off)") + (" (online)" if rule.online else ""),
            rule.fix_safety,
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
    if addition.intro_file is not None:  # the intro first: if it cannot be made, the README is untouched
        try:
            addition.intro_file.parent.mkdir(parents=True, exist_ok=True)
            with addition.intro_file.open("x", encoding="utf-8") as stream:
                stream.write(addition.intro_text)
        except OSError as error:
            click.echo(f"readme-lint: cannot create the intro {addition.intro_file}: {error.strerror}", err=True)
            return 1
    try:
        write_atomic(path, addition.after)
    except InputError:
        if addition.intro_file is not None:
            addition.intro_file.unlink(missing_ok=True)
        raise
    if addition.intro_file is not None:
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
    except (ConfigError, InputError) as error:
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
