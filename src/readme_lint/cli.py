"""The command line: ``readme-lint [PATH]...`` plus ``rule``, ``rules`` subcommands.

Thin on purpose: it collects files, loads config once per directory, runs the linter or the fixer, and
prints. ``main(argv) -> int`` is what tests call; exit codes are 0 (clean), 1 (problems remain, or ``--diff``
found something to change) and 2 (usage, config or input error -- always one line, never a traceback).
"""

from __future__ import annotations

import fnmatch
import gc
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from readme_lint import __version__
from readme_lint.config import Config, ConfigError, ConfigLoader
from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.source import InputError, SourceText, read_source, write_atomic

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
        formatter.write_usage("readme-lint", "[OPTIONS] [PATH]... | rule CODE | rules")


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

    Subcommands: `readme-lint rule CODE` prints a rule's doc, `readme-lint rules` lists them all.
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
    links = (
        _LinkServices(timeout, max_concurrency, no_cache, allow_private, show_progress=not quiet)
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
    from readme_lint.rules import find_rule, rules_matching

    for selector in (*(selection.select or ()), *selection.ignore, *selection.extend_select):
        if not rules_matching(selector) and find_rule(selector) is None:
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
    links: _LinkServices | None = None,
) -> None:
    from readme_lint.linter import Linter, enabled_rules

    changed: set[int] | None = None
    try:
        config = loader.for_file(path)
        source = read_source(path, shown)
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
    linter = Linter(config, rules, file_path=path.resolve(), links=service)

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


class _LinkServices:
    """One link service per config (a config's ``links`` table sets the checker up), shared by its files."""

    def __init__(
        self,
        timeout: float | None,
        max_concurrency: int | None,
        no_cache: bool,
        allow_private: bool,
        show_progress: bool,
    ) -> None:
        self.overrides: dict[str, Any] = {
            "timeout": timeout,
            "max_concurrency": max_concurrency,
            "use_cache": False if no_cache else None,
            "allow_private": True if allow_private else None,
        }
        self.show_progress = show_progress and sys.stderr.isatty()
        self.services: dict[int, Any] = {}

    def for_config(self, config: Config, path: Path) -> Any:
        """The service for ``config``; a bad ``links`` table raises ValueError (LinkSettingsError)."""
        service = self.services.get(id(config))
        if service is None:
            from readme_lint.links.service import LinkService
            from readme_lint.links.settings import parse_link_settings

            settings = parse_link_settings(config.links, **self.overrides)
            base = config.source.parent if config.source else (config.root or path.resolve().parent)
            cache_dir = base / (settings.cache_dir or ".readme-lint-cache")
            service = LinkService(settings, cache_dir, self.show_progress)
            self.services[id(config)] = service
        return service

    def close(self) -> None:
        for service in self.services.values():
            service.close()

    def summary(self) -> str:
        from collections import Counter

        from readme_lint.links.service import format_summary

        total: Counter[str] = Counter()
        for service in self.services.values():
            total.update(service.counts)
        return format_summary(total)


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
            key = candidate.resolve()
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
    from readme_lint.infer import infer, render

    doc = Document.parse(read_source(path, str(path)), str(path))
    config, noisy = infer(doc, noisy_after)
    directory = path.parent
    target = directory / (".readme-lint.toml" if dedicated else "pyproject.toml")
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    if dedicated:
        if existing and not force:
            raise click.UsageError(f"{target} exists; use --force to replace it")
        text = render(config, noisy, "")
    else:
        if "[tool.readme-lint" in existing and not force:
            raise click.UsageError(f"{target} already has [tool.readme-lint] settings; use --force to replace them")
        text = (
            _without_tool_section(existing)
            + ("\n" if existing.strip() else "")
            + render(config, noisy, "tool.readme-lint")
        )
    from readme_lint.source import SourceText

    if target.exists():
        write_atomic(target, SourceText(text))
    else:
        target.write_text(text, encoding="utf-8")
    click.echo(
        f"Wrote {target} ({len(config.get('columns', []))} columns"
        + (f", {len(noisy)} noisy rules listed)" if noisy else ")")
    )
    return 0


def _without_tool_section(text: str) -> str:
    """``text`` without its ``[tool.readme-lint...]`` tables (for --force); other tables are kept."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            skipping = stripped.startswith(("[tool.readme-lint]", "[tool.readme-lint."))
        if (
            not skipping
            and not line.startswith("# readme-lint settings inferred")
            and not line.startswith("# Every key is documented in README.md")
        ):
            kept.append(line)
    return "".join(kept).rstrip("\n") + ("\n" if kept else "")


_ARXIV_REFERENCE = re.compile(
    r"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)?([0-9]{4}\.[0-9]{4,5}|[a-z][a-z.-]*/[0-9]{7})(v[0-9]+)?(?:\.pdf)?$"
)


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
def add_command(reference: str, path: Path, **options: Any) -> int:
    """Add a paper (arXiv ID or URL) as a row in the list's own schema, where the section's order puts it."""
    from readme_lint.add import AddError

    try:
        return _add(reference, path, **options)
    except AddError as error:
        click.echo(f"readme-lint: {error}", err=True)
        return 1


def _add(
    reference: str,
    path: Path,
    *,
    section: str,
    keywords: str,
    affiliation: str,
    venue: str,
    citation: str,
    intro: bool,
    title: str | None,
    date_text: str | None,
    url: str | None,
    dry_run: bool,
) -> int:
    from readme_lint import add
    from readme_lint.document import Document
    from readme_lint.linter import Linter
    from readme_lint.papers import read_date_leniently
    from readme_lint.rules.intro import repository, section_folder

    config = ConfigLoader().for_file(path)
    source = read_source(path, str(path))
    doc = Document.parse(source, str(path))
    from readme_lint.rules.order import SortOrder

    ctx = Linter(config, [SortOrder], file_path=path.resolve()).context(SortOrder, {})
    match = _ARXIV_REFERENCE.match(reference.strip())
    arxiv_id = match.group(1) if match else None
    if arxiv_id is None and not (url or reference.startswith(("http://", "https://"))):
        raise add.AddError(f"{reference!r} is neither an arXiv ID nor a URL")
    form = config.rule_options.get("RL204", {}).get("form", "abs")
    pdf_url = url or (f"https://arxiv.org/{'abs' if form == 'any' else form}/{arxiv_id}" if arxiv_id else reference)
    date = read_date_leniently(date_text) if date_text else None
    if date_text and date is None:
        raise add.AddError(f"--date {date_text!r}: write it as YYYY.MM")
    target_section, table = add.find_section(doc, section)
    if arxiv_id is not None:
        add.check_duplicate(doc, ctx, add.NewPaper("", 0, 0, pdf_url, arxiv_id))
    if title is None or date is None:
        if arxiv_id is None:
            raise add.AddError("a paper not on arXiv needs --title and --date")
        found_title, found_date = _ask_arxiv(config, arxiv_id)
        title = title or found_title
        date = date or found_date
    paper = add.NewPaper(
        add.readme_title(title), date[0], date[1], pdf_url, arxiv_id, keywords, affiliation, venue, citation
    )
    add.check_duplicate(doc, ctx, paper)
    repo = repository(doc, ctx)
    folder = section_folder(ctx, target_section) or ""
    intro_url = add.intro_url_for(repo.slug, repo.branch, folder, paper.title)
    base = repo.root or path.resolve().parent
    intro_file = base / folder / add.slugify(paper.title) / "README.md"
    if intro and intro_url is None:
        raise add.AddError("--intro needs the repository: set `repository` in the config or add an origin remote")
    link_intro = intro_url if (intro or intro_file.exists()) else None
    row_text = add.build_row(config, table, paper, link_intro)
    order_name = ctx.options_for(target_section)["order"]
    after = add.insertion_line(doc, ctx, table, order_name, add.new_key(paper, order_name))
    from readme_lint.fixer import apply_fixes
    from readme_lint.source import SourceText

    new_text = apply_fixes(doc, [add.insertion_fix(doc, after, row_text)])
    creates_intro = intro and not intro_file.exists()
    if dry_run:
        click.echo(unified_diff(source.text, new_text, str(path)), nl=False)
        if creates_intro:
            click.echo(f"would create {intro_file}")
        return 0
    write_atomic(path, SourceText(new_text, source.has_bom))
    if creates_intro:
        template = config.intro_template.read_text(encoding="utf-8") if config.intro_template else add.DEFAULT_TEMPLATE
        intro_file.parent.mkdir(parents=True, exist_ok=True)
        intro_file.write_text(template.replace("{title}", paper.title), encoding="utf-8")
        click.echo(f"Created {intro_file}")
    click.echo(f"Added {paper.title!r} to {path} at line {after + 1}")
    return 0


def _ask_arxiv(config: Config, arxiv_id: str) -> tuple[str, tuple[int, int]]:
    """Title and first-version (year, month) from the arXiv API, with the link checker's settings."""
    from readme_lint.add import AddError
    from readme_lint.links.arxiv import query
    from readme_lint.links.http import Checker, get_json_like
    from readme_lint.links.settings import parse_link_settings

    settings = parse_link_settings(config.links)
    answer = query([arxiv_id], get_json_like(Checker(settings)), settings.arxiv_api, settings.arxiv_interval)
    if answer.error:
        raise AddError(f"cannot ask arXiv ({answer.error}); give --title and --date to add it offline")
    paper = answer.papers.get(arxiv_id)
    if paper is None:
        raise AddError(f"arXiv has no paper {arxiv_id}")
    if paper.withdrawn:
        raise AddError(f"arXiv {arxiv_id} has been withdrawn; not adding it")
    published = paper.published[:7]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", published):
        raise AddError(f"arXiv gave no first-version date for {arxiv_id}; give --date")
    return paper.title, (int(published[:4]), int(published[5:7]))


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
