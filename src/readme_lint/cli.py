"""The command line: ``readme-lint [PATH]...`` plus ``rule``, ``rules`` subcommands.

Thin on purpose: it parses arguments and prints. The application -- which files, which configs, the linter and
the fixer, the ``--diff-base`` / ``--changed-files`` baselines, stdin, the settings report, the exit code -- is
``runner.py``, which returns typed results this module renders (tests/test_imports.py holds it to that).
``main(argv) -> int`` is what tests call; exit codes are 0 (clean), 1 (problems remain, or ``--diff`` found
something to change) and 2 (usage, config or input error -- always one line, never a traceback).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from readme_lint import __version__
from readme_lint.errors import ReadmeLintError
from readme_lint.escape import printable, printable_path

if TYPE_CHECKING:
    from readme_lint.runner import CheckOutcome, Runner, RunOptions

OUTPUT_FORMATS = ("text", "json", "github", "sarif")


# Defined in ``subcommands.py`` and imported only when one of them is asked for (run, or listed by --help): their
# 25 options cost every lint 2 M instructions to build (0.4% of a lint of the reference README).
_LATER_COMMANDS = ("add", "citations", "init")


class _DefaultCommandGroup(click.Group):
    """``readme-lint PATH...`` runs ``check``; ``readme-lint rule CODE`` and friends are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.list_commands(ctx):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *_LATER_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LATER_COMMANDS and cmd_name not in self.commands:
            from readme_lint.subcommands import COMMANDS

            for command in COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("readme-lint", "[OPTIONS] [PATH]... | rule CODE | rules | init | add | citations")


class _CheckCommand(click.Command):
    """The lint command is what ``readme-lint`` runs: its usage line names that, not ``readme-lint check``."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("readme-lint", "[OPTIONS] [PATH]...")


@click.group(cls=_DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Lint and fix curated paper-list READMEs."""


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@cli.command("check", cls=_CheckCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe (with --fix or --diff).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing; exit 1 if any.")
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes like RL4, or names); replaces config.")
@click.option("--ignore", multiple=True, help="Rules to disable (codes, prefixes or names).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of each problem.")
@click.option("--show-all", is_flag=True, help="Show every finding (default: one per cause past 10 repeats).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Use this config file only.")
@click.option("--no-config", is_flag=True, help="Ignore config files; use the defaults.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary.")
@click.option("--color/--no-color", default=None, help="Color the text output (default: when a terminal).")
@click.option("--diff-base", metavar="REF", help="Report only problems on lines changed since this git ref.")
@click.option("--check-links", is_flag=True, help="Also check links online (RL210-RL213; needs network).")
@click.option("--offline", is_flag=True, help="Skip the online checks even with --check-links (say so, exit as usual).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=600),
    help="Seconds one link request may take (default 10); a config may only lower it.",
)
@click.option(
    "--max-retries",
    type=click.IntRange(min=0, max=10),
    help="Retries of a failing link request (default 3); a config may only lower it.",
)
@click.option(
    "--deadline",
    type=click.FloatRange(min=0, min_open=True, max=86400),
    help="Seconds for all the link checks of a run (default 300); a config may only lower it.",
)
@click.option(
    "--max-concurrency", type=click.IntRange(min=1, max=256), help="Link checks in flight at most (default 32)."
)
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the link cache.")
@click.option("--allow-private", is_flag=True, help="Let link checks reach loopback and private addresses.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems remain (errors still exit 2).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="warning",
    show_default=True,
    help="Lowest severity that exits 1 (as the Action's fail-on).",
)
@click.option("--exclude", multiple=True, help="Skip files matching this glob (relative to here), on top of config.")
@click.option("-o", "--output-file", type=click.Path(path_type=Path), help="Write the report to this file.")
@click.option("--stdin-filename", help="Lint standard input as this file (its config); `-` as PATH reads stdin too.")
@click.option("--show-settings", is_flag=True, help="Print the settings the (first) file gets and where each is from.")
@click.option("--show-files", is_flag=True, help="List the files that would be linted, and stop.")
@click.option(
    "--changed-files",
    is_flag=True,
    help="PATHs are changed files (pre-commit): lint the READMEs they touch, judging what the commit changes.",
)
@click.option("--whole-files", is_flag=True, help="With --changed-files: judge whole files, old problems included.")
@click.version_option(__version__, "-V", "--version", prog_name="readme-lint", message="%(prog)s %(version)s")
def check_command(paths: tuple[Path, ...], **options: Any) -> int:
    """Lint paper-list READMEs (default: ./README.md; a directory means the README.md files below it).

    Subcommands (each with --help): `readme-lint rule CODE` prints a rule's doc, `readme-lint rules` lists them
    all, `readme-lint init` writes a config inferred from a README, `readme-lint add ARXIV_ID --section NAME`
    adds a paper, `readme-lint citations` refreshes the Citation counts.
    """
    return run_check(paths, **options)


def run_check(
    paths: tuple[Path, ...],
    *,
    output_format: str = "text",
    statistics: bool = False,
    show_all: bool = False,
    quiet: bool = False,
    color: bool | None = None,
    output_file: Path | None = None,
    stdin_filename: str | None = None,
    show_settings: bool = False,
    show_files: bool = False,
    **options: Any,
) -> int:
    """Turn the parsed options into RunOptions, let the runner run and decide, print; returns the exit code."""
    from readme_lint.runner import Runner

    stdin = _stdin_requested(paths, stdin_filename, options)
    run_options = _run_options(quiet, options)
    if run_options.check_links and run_options.offline:
        _say("note", "--offline: online checks (RL210-RL213) skipped")
    runner = Runner(run_options)
    hint = runner.online_hint()
    if hint is not None:
        _say("hint", hint)
    if show_settings or show_files:
        return _show(runner, paths, stdin_filename, show_settings)
    outcome = runner.check(paths, sys.stdin.buffer.read() if stdin else None, stdin_filename)
    _print_outcome(outcome, run_options, _Shown(output_format, statistics, show_all, quiet, color), output_file)
    return outcome.exit_code


def _stdin_requested(paths: tuple[Path, ...], stdin_filename: str | None, options: dict[str, Any]) -> bool:
    """Whether standard input is linted; options that exclude each other are usage errors (exit 2)."""
    if options.get("config_path") is not None and options.get("no_config"):
        raise click.UsageError("--config and --no-config exclude each other")
    stdin = stdin_filename is not None or Path("-") in paths
    if stdin and any(path != Path("-") for path in paths):
        raise click.UsageError("standard input (`-` or --stdin-filename) is linted alone: give no other PATH")
    for name in ("timeout", "deadline"):
        if options.get(name) is not None and options[name] != options[name]:
            raise click.BadParameter("not a number", param_hint=f"'--{name}'")
    return stdin


def _run_options(quiet: bool, options: dict[str, Any]) -> RunOptions:
    """The command line's settings as one typed value; comma-separated rule lists split."""
    from readme_lint.runner import RunOptions

    codes = {name: _split_codes(options.pop(name, ())) for name in ("select", "ignore", "extend_select")}
    return RunOptions(
        select=codes["select"] or None,
        ignore=codes["ignore"],
        extend_select=codes["extend_select"],
        show_progress=not quiet,
        **options,
    )


class _Shown:
    """The report's look as asked on the command line: format, statistics, all repeats, quiet, color flag."""

    def __init__(self, output_format: str, statistics: bool, show_all: bool, quiet: bool, color: bool | None) -> None:
        self.output_format = output_format
        self.statistics = statistics
        self.show_all = show_all
        self.quiet = quiet
        self.color = color


def _print_outcome(outcome: CheckOutcome, options: RunOptions, shown: _Shown, output_file: Path | None) -> None:
    """Print a check run: stdout's text, diffs, one-line errors, warnings and notes, then (not with --diff) the
    report, where the outcome says it goes."""
    if outcome.stdout_text is not None:
        click.echo(outcome.stdout_text, nl=False)
    for diff in outcome.result.diffs:
        click.echo(diff, nl=False)
    for kind, messages in (("error", outcome.result.errors), ("warning", outcome.warnings), ("note", outcome.notes)):
        for message in messages:
            _say(kind, message)
    if options.diff:
        return
    with _report_stream(output_file, to_stderr=outcome.report_to_stderr) as out:
        _print_report(outcome, options, shown, out, output_file is None)


def _print_report(outcome: CheckOutcome, options: RunOptions, shown: _Shown, out: Any, to_terminal: bool) -> None:
    """The findings in the asked format, then for text the unchecked-links line and the link tally."""
    from readme_lint.output import Findings, ReportStyle, report

    color = _use_color(shown.color, out) if to_terminal else bool(shown.color)
    style = ReportStyle(shown.output_format, shown.statistics, shown.show_all, shown.quiet or outcome.unchecked, color)
    result = outcome.result
    fixed = result.fixed if options.fix else 0
    found = Findings(result.diagnostics, result.errors, result.rules, outcome.sources, fixed, options.unsafe_fixes)
    for piece in report(found, style):
        click.echo(piece.text, file=out, color=piece.color)
    if shown.output_format != "text" or shown.quiet:
        return
    if outcome.unchecked:
        click.echo("No problems found, but some online checks could not run (see the warnings).", file=out)
    if outcome.link_summary is not None:
        click.echo(outcome.link_summary, file=out)


def _use_color(flag: bool | None, stream: Any) -> bool:
    """--color/--no-color, else NO_COLOR (any non-empty value) off, else FORCE_COLOR on, else a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


@contextlib.contextmanager
def _report_stream(output_file: Path | None, to_stderr: bool) -> Iterator[Any]:
    """Where the report goes: --output-file (its folder made), else stdout, or stderr when stdout holds the text."""
    if output_file is None:
        yield sys.stderr if to_stderr else sys.stdout
        return
    try:
        output_file.parent.mkdir(parents=True, exist_ok=True)
        handle = output_file.open("w", encoding="utf-8")
    except OSError as error:
        raise click.UsageError(f"cannot write {output_file}: {error.strerror or error}") from None
    with handle:
        yield handle


def _show(runner: Runner, paths: tuple[Path, ...], stdin_filename: str | None, settings: bool) -> int:
    """--show-files and --show-settings: what a run would lint, or the settings a file gets; lints nothing."""
    named = [path for path in paths if path != Path("-")]
    if settings:
        target = Path(stdin_filename) if stdin_filename else (named[0] if named else Path("README.md"))
        click.echo(runner.settings_report(target))
        return 0
    shown, errors = runner.show_files(named)
    for name in shown:
        click.echo(printable_path(name))
    for message in errors:
        _say("error", message)
    return 2 if errors else 0


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


def paths_never_options(args: Sequence[str]) -> list[str]:
    """Move every argument that names an existing file or folder after ``--``, where it can only be a path.

    pre-commit runs ``entry + args + file names``: a ``--`` in the hook's entry would turn the user's
    ``args: [--fix]`` into a file name, so the separation happens here. A committed file named ``--exit-zero``
    or ``--output-file=.pre-commit-config.yaml`` is linted as a file instead of changing what the run does.
    Arguments after an explicit ``--`` are paths already.
    """
    split = args.index("--") if "--" in args else len(args)
    head, tail = list(args[:split]), list(args[split + 1 :])
    moved = [arg for arg in head if arg.startswith("-") and arg != "-" and os.path.lexists(arg)]
    if not moved:
        return list(args)
    kept = [arg for arg in head if not (arg.startswith("-") and arg != "-" and os.path.lexists(arg))]
    return [*kept, "--", *moved, *tail]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code instead of exiting (pre-commit-hooks style)."""
    args = paths_never_options(sys.argv[1:] if argv is None else argv)
    # The cyclic collector is off while the run lasts: a lint builds hundreds of thousands of small, acyclic
    # objects (the Document and the model hold no cycles, tests/test_pipeline.py; reference counting frees each
    # fixer pass's), and rescanning them cost 9% of a 100,000-row lint even with a 20,000-object threshold. A
    # 10,000-row --fix leaves 10 cyclic objects behind in all (mistune's parser state), and peak RSS is the same.
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = cli.main(args=args, prog_name="readme-lint", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:  # pragma: no cover - depends on click version
        click.echo(error.ctx.get_help() if error.ctx else str(error))
        return 2
    except click.UsageError as error:
        _say("error", error.format_message())
        return 2
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except click.Abort:
        click.echo("readme-lint: aborted", err=True)
        return 1
    except ReadmeLintError as error:
        _say("error", str(error))
        return 2
    except BrokenPipeError:
        return 1
    finally:
        if collecting:
            gc.enable()
    return code if isinstance(code, int) else 0


def _say(kind: str, message: str) -> None:
    """``readme-lint: KIND: message`` on stderr, as one line: messages quote paths, config values and what
    servers answered, and none of that may add a line, drive the terminal or become a workflow command."""
    click.echo(f"readme-lint: {kind}: {printable(message)}", err=True)


def entry_point() -> None:
    sys.exit(main())
