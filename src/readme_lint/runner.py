"""One lint run, file by file: find the config, read, lint, fix, diff and write; and what the run decides.

This is the application; ``cli.py`` only turns arguments into RunOptions and prints what comes back: a
``CheckOutcome`` (the result, the exit code, the warnings and notes, the text for stdout), the files
``--show-files`` lists, the report ``--show-settings`` assembles. Nothing here imports click or prints, so the
decisions are tested without a command line. A file that cannot be linted (bad config, unreadable, git cannot
answer ``--diff-base``) becomes a one-line error in the result and the run goes on with the next file; errors
are caught by type (ReadmeLintError), never by name.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readme_lint.config import Config, ConfigLoader
from readme_lint.decide import settle
from readme_lint.diagnostics import Diagnostic, Severity
from readme_lint.errors import ReadmeLintError
from readme_lint.source import (
    InputError,
    SourceText,
    check_inside,
    read_source,
    repository_boundary,
    split_lines,
    write_atomic,
)

if TYPE_CHECKING:
    from readme_lint.linter import Selection
    from readme_lint.rules import Rule

_SKIP_DIRECTORIES = {"node_modules", "__pycache__", "venv", "site-packages"}


class SelectionError(ReadmeLintError):
    """A ``--select`` / ``--ignore`` / ``--extend-select`` entry that matches no rule."""


FAILING_SEVERITIES: dict[str, frozenset[Severity]] = {
    "error": frozenset({Severity.ERROR}),
    "warning": frozenset({Severity.ERROR, Severity.WARNING}),
    "info": frozenset(Severity),
    "never": frozenset(),
}


class RunOptions:
    """How to lint: the command line's settings for every file of a run, as one typed value."""

    def __init__(
        self,
        fix: bool = False,
        unsafe_fixes: bool = False,
        diff: bool = False,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        extend_select: tuple[str, ...] = (),
        config_path: Path | None = None,
        no_config: bool = False,
        diff_base: str | None = None,
        check_links: bool = False,
        offline: bool = False,
        timeout: float | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        max_concurrency: int | None = None,
        no_cache: bool = False,
        allow_private: bool = False,
        show_progress: bool = True,
        changed_files: bool = False,
        whole_files: bool = False,
        exclude: tuple[str, ...] = (),
        fail_on: str = "warning",
        exit_zero: bool = False,
    ) -> None:
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.diff = diff
        self.select = select
        self.ignore = ignore
        self.extend_select = extend_select
        self.config_path = config_path
        self.no_config = no_config
        self.diff_base = diff_base
        self.check_links = check_links
        self.offline = offline  # with check_links: skip the online checks (the CLI says so)
        self.timeout = timeout  # --timeout, --max-retries, --deadline: caps a config may only lower
        self.max_retries = max_retries
        self.deadline = deadline
        self.max_concurrency = max_concurrency
        self.no_cache = no_cache
        self.allow_private = allow_private
        self.show_progress = show_progress
        self.changed_files = changed_files  # paths are a commit's changed files: map them to the READMEs to lint
        self.whole_files = whole_files  # with changed_files: judge whole files, not what the commit changes
        self.exclude = exclude  # --exclude: glob patterns on top of each config's exclude
        self.fail_on = fail_on  # --fail-on: the lowest severity that exits 1 (error, warning, info or never)
        self.exit_zero = exit_zero  # --exit-zero: problems that remain exit 0 (errors still exit 2)

    @property
    def fixing(self) -> bool:
        """Whether fixes are computed (``--diff`` computes them without writing)."""
        return self.fix or self.diff


class FileResult:
    """What one file gave: its diagnostics, or the one-line error that stopped it, and what a fix changed."""

    def __init__(
        self,
        path: Path,
        shown: str,
        diagnostics: list[Diagnostic],
        rules: tuple[type[Rule], ...] = (),
        error: str | None = None,
        before: SourceText | None = None,
        after: SourceText | None = None,
        applied: int = 0,
        written: bool = False,
        diff: str | None = None,
    ) -> None:
        self.path = path
        self.shown = shown
        self.diagnostics = diagnostics
        self.rules = rules
        self.error = error
        self.before = before
        self.after = after  # the fixed text, when fixing changed it
        self.applied = applied  # fixes applied to reach ``after``
        self.written = written
        self.diff = diff  # with ``--diff``: the fix as a unified diff


class RunResult:
    """What a run gathered over all files: diagnostics, one-line errors, fixes written, diffs, rules run."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.errors: list[str] = []
        self.fixed = 0
        self.would_change = False
        self.diffs: list[str] = []
        self._rules: dict[str, type[Rule]] = {}

    @property
    def rules(self) -> list[type[Rule]]:
        """Every rule enabled for at least one file, by code (the SARIF driver's rule list)."""
        return [self._rules[code] for code in sorted(self._rules)]

    def add(self, file: FileResult) -> None:
        if file.error is not None:
            self.errors.append(file.error)
        self.diagnostics.extend(file.diagnostics)
        self._rules.update((rule.code, rule) for rule in file.rules)
        if file.after is not None:
            self.would_change = True
            self.fixed += file.applied if file.written else 0
        if file.diff is not None:
            self.diffs.append(file.diff)

    @property
    def exit_code(self) -> int:
        """2 on any error; else 1 when a problem other than info remains; else 0."""
        return self.exit_code_failing_on("warning")

    def exit_code_failing_on(self, fail_on: str) -> int:
        """2 on any error; else 1 when a finding at or above ``fail_on`` remains (``never``: none does); else 0."""
        if self.errors:
            return 2
        failing = FAILING_SEVERITIES[fail_on]
        return int(any(d.severity in failing for d in self.diagnostics))


class CheckOutcome:
    """A check run as the command line shows it, in the order it prints: the text for stdout (``--fix`` on
    stdin), the result's diffs and errors, the warnings and notes, the report, the link tally; and the exit code."""

    def __init__(
        self,
        result: RunResult,
        exit_code: int,
        warnings: tuple[str, ...] = (),
        notes: tuple[str, ...] = (),
        link_summary: str | None = None,
        stdout_text: str | None = None,
        sources: dict[str, str] | None = None,
        report_to_stderr: bool = False,
    ) -> None:
        self.result = result
        self.exit_code = exit_code
        self.warnings = warnings  # online checks that could not run: a warning, not a failure (docs/security.md)
        self.notes = notes
        self.link_summary = link_summary  # the one-line tally of link checks, with --check-links
        self.stdout_text = stdout_text  # --fix on stdin: the fixed text (or the input unchanged), as ruff prints it
        self.sources = sources  # stdin's text by its shown name, for SARIF's embedded contents
        # --fix on stdin: stdout carries the text, so the report goes to stderr.
        self.report_to_stderr = report_to_stderr

    @property
    def unchecked(self) -> bool:
        """Nothing found while some online checks could not run: the run must never say "All checks passed"."""
        return bool(self.warnings and not self.result.diagnostics)


def decide_exit(result: RunResult, options: RunOptions) -> int:
    """The exit code: with ``--diff`` 1 when a fix would change a file, else 1 when a finding at or above
    ``--fail-on`` remains; 2 on any error; ``--exit-zero`` turns 1 (never 2) into 0."""
    if options.diff:
        code = 2 if result.errors else int(result.would_change)
    else:
        code = result.exit_code_failing_on(options.fail_on)
    return 0 if options.exit_zero and code == 1 else code


class Runner:
    """Lints and fixes files with one set of options; configs are loaded once per directory."""

    def __init__(self, options: RunOptions) -> None:
        from readme_lint.linter import Selection

        self.options = options
        self.selection: Selection = Selection(
            select=options.select or None, ignore=options.ignore, extend_select=options.extend_select
        )
        check_selectors(self.selection)
        self.loader = ConfigLoader(explicit=options.config_path, use_files=not options.no_config)
        self.links: Any = None
        self.warnings: list[str] = []  # online checks that could not run (network unreachable, arXiv down)
        self.notes: list[str] = []  # what the link checker chose not to use (a cache inside a git work tree)
        self.local_notes: list[str] = []  # checks of the working tree that could not run (no git)
        self._git: Any = None
        if options.check_links and not options.offline:
            from readme_lint.links.service import LinkServices

            self.links = LinkServices(
                options.timeout,
                options.max_concurrency,
                options.no_cache,
                options.allow_private,
                show_progress=options.show_progress,
                fresh_redirects=options.unsafe_fixes and options.fixing,
                max_retries=options.max_retries,
                deadline=options.deadline,
            )

    def check(self, paths: Sequence[Path], stdin: bytes | None = None, stdin_name: str | None = None) -> CheckOutcome:
        """The whole check command: lint the paths (or ``stdin``, as the file ``stdin_name``) and decide the exit."""
        if stdin is None:
            result, sources, text = self.run(paths), None, None
        else:
            result, sources, text = self._check_stdin(stdin, stdin_name)
        return CheckOutcome(
            result,
            decide_exit(result, self.options),
            tuple(self.warnings),
            tuple(self.notes),
            self.link_summary(),
            text,
            sources,
            report_to_stderr=stdin is not None and self.options.fix,
        )

    def _check_stdin(self, data: bytes, name: str | None) -> tuple[RunResult, dict[str, str] | None, str | None]:
        """Lint standard input: the result, its text by shown name, and with ``--fix`` the text for stdout."""
        result, text = self.run_stdin(data, name)
        if text is None:
            return result, None, None
        printed = ("\ufeff" if text.has_bom else "") + text.text if self.options.fix else None
        return result, {display_path(Path(name)) if name else "-": text.text}, printed

    def run(self, paths: Sequence[Path]) -> RunResult:
        """Lint (and fix) every README the paths name; the result holds everything to report."""
        result = RunResult()
        try:
            for path, shown in self.files(paths, result.errors):
                result.add(self.run_file(path, shown))
        finally:
            self.close()
        self.gather_link_notes(result)
        return result

    def gather_link_notes(self, result: RunResult) -> None:
        """What the link checker could not do, for every kind of run (files or stdin): errors and warnings."""
        if self.links is not None:
            result.errors.extend(self.links.errors())  # a links.exclude pattern over its time budget
            self.warnings = self.links.warnings()
            self.notes = self.links.notes()
        self.notes = [*self.local_notes, *self.notes]

    def files(self, paths: Sequence[Path], errors: list[str]) -> list[tuple[Path, str]]:
        """The files a run lints (``--show-files``): the READMEs the paths name, or ./README.md."""
        if self.options.changed_files:
            from readme_lint.changes import readmes_for_changes, staged_deletions

            changed = readmes_for_changes([*paths, *staged_deletions()])
            return collect_files(changed, self.loader, errors, self.options.exclude)
        return collect_files(paths or (Path("README.md"),), self.loader, errors, self.options.exclude)

    def show_files(self, paths: Sequence[Path]) -> tuple[list[str], list[str]]:
        """``--show-files``: the names a run would lint, and the one-line errors of paths it could not take."""
        errors: list[str] = []
        try:
            return [shown for _, shown in self.files(paths, errors)], errors
        finally:
            self.close()

    def settings_report(self, target: Path) -> str:
        """``--show-settings``: the settings ``target`` (a file, or a folder's README.md) gets, each with its origin."""
        from readme_lint.linter import enabled_rules
        from readme_lint.showsettings import show_settings

        target = target / "README.md" if target.is_dir() else target
        try:
            config = self.loader.for_file(target)
            rules = enabled_rules(config, self.selection, online=self.links is not None)
        finally:
            self.close()
        chosen = self.selection
        command_line = {"select": chosen.select, "ignore": chosen.ignore, "extend-select": chosen.extend_select}
        return show_settings(target, config, command_line, rules)

    def online_hint(self) -> str | None:
        """``--select RL210`` without ``--check-links`` would run nothing and pass: the line that says so."""
        if self.options.check_links:
            return None
        from readme_lint.rules import rules_matching

        online: dict[str, Any] = {}
        for selector in (*(self.options.select or ()), *self.options.extend_select):
            matched = rules_matching(selector)
            if matched and all(rule.online for rule in matched):
                online.update((rule.code, rule) for rule in matched)
        if not online:
            return None
        return ", ".join(f"{code} {online[code].name}" for code in sorted(online)) + " run only with --check-links"

    def run_stdin(self, data: bytes, name: str | None) -> tuple[RunResult, SourceText | None]:
        """Lint text from standard input as the file ``name`` (its config, repository, git diff); never writes.

        Returns the result and the text to print with ``--fix`` (the fixed text, or the input unchanged).
        """
        from readme_lint.source import decode

        result = RunResult()
        shown = display_path(Path(name)) if name else "-"
        try:
            source = decode(data, shown)
        except ReadmeLintError as error:
            result.errors.append(str(error))
            self.close()
            return result, None
        try:
            file = self.run_source(source, Path(name or "README.md"), shown)
        finally:
            self.close()
        self.gather_link_notes(result)
        if file.after is not None and self.options.diff:
            file.diff = unified_diff(source.text, file.after.text, shown)
        file.written = file.after is not None and not self.options.diff
        result.add(file)
        return result, file.after or source

    def run_file(self, path: Path, shown: str) -> FileResult:
        """Read one file, lint it, and with ``--fix`` write the fixed text back (atomically)."""
        try:
            source = read_source(path, shown, root=repository_boundary(path))
        except ReadmeLintError as error:
            return FileResult(path, shown, [], error=str(error))
        result = self.run_source(source, path, shown)
        if result.after is None:
            return result
        if self.options.diff:
            result.diff = unified_diff(source.text, result.after.text, shown)
            return result
        try:
            write_atomic(path, result.after)
        except ReadmeLintError as error:
            result.error = str(error)
            return result
        result.written = True
        return result

    def run_source(self, source: SourceText, path: Path, shown: str) -> FileResult:
        """Lint (and fix, without writing) a text as the file at ``path``: its config, repository and git diff."""
        try:
            config = settle(self.loader.for_file(path))
            ref = self.diff_base(path)
            changed = self._changed_lines(path, ref)
            service = self._link_service(config, path)
        except ReadmeLintError as error:
            return FileResult(path, shown, [], error=str(error))
        from readme_lint.linter import Linter, enabled_rules

        rules = tuple(enabled_rules(config, self.selection, online=self.links is not None))
        baseline = None
        if changed is not None and ref is not None:
            offline = tuple(rule for rule in rules if not rule.online)  # links are checked on changed lines only
            base_linter = Linter(config, offline, file_path=path.resolve())
            baseline = partial(self._baseline, base_linter, path, ref)  # run only if needed (decide.Decider)
        linter = Linter(config, rules, path.resolve(), links=service, changed_lines=changed, baseline=baseline)

        def lint(text: SourceText) -> Any:
            return linter.lint_text(text, shown)

        if not self.options.fixing:
            found = lint(source)[1]
            self._note_unjudged(linter, shown)
            return FileResult(path, shown, found, rules)
        from readme_lint.fixer import fix_source

        if changed is not None and ref is not None:

            def linter_for(lines: set[int] | None) -> Any:
                return Linter(config, rules, file_path=path.resolve(), links=service, changed_lines=lines)

            lint = self._changed_only(path, shown, linter_for, ref)
        staged = None if changed is not None else (lambda text: linter.lint_text_staged(text, shown))
        fixed = fix_source(source, lint, unsafe=self.options.unsafe_fixes, staged=staged)
        self._note_unjudged(linter, shown)
        diagnostics = fixed.diagnostics
        if fixed.source.text == source.text:
            return FileResult(path, shown, diagnostics, rules)
        return FileResult(path, shown, diagnostics, rules, before=source, after=fixed.source, applied=fixed.applied)

    def _note_unjudged(self, linter: Any, shown: str) -> None:
        """Say once per file when its intro links were not judged (RL402-RL405 need a git working tree)."""
        if linter.unjudged:
            self.local_notes.append(
                f"{shown}: not in a git working tree: its links into the repository (intro READMEs, RL402-RL405) "
                "were not checked"
            )

    def diff_base(self, path: Path) -> str | None:
        """The ref whose changes are judged: ``--diff-base``, or for the pre-commit hook (``--changed-files``)
        HEAD -- the hook judges what the commit changes -- unless ``--whole-files`` or there is no HEAD yet."""
        if self.options.diff_base is not None:
            return self.options.diff_base
        if self.options.changed_files and not self.options.whole_files:
            return "HEAD" if self.git.has_head(path) else None
        return None

    @property
    def git(self) -> Any:
        """The run's ``gitdiff.GitBases``: each git answer asked once per run (imported only when git is needed)."""
        if self._git is None:
            from readme_lint.gitdiff import GitBases

            self._git = GitBases()
        return self._git

    def _baseline(self, linter: Any, path: Path, ref: str) -> Any:
        """The base version's findings, by fingerprint: what the change did not cause."""
        from collections import Counter

        from readme_lint.decide import fingerprint

        base = self.git.base_text(path, ref)
        if base is None:
            return None
        doc, found = linter.lint_text(SourceText(base), str(path))
        return Counter(fingerprint(doc.line_text(d.line) if d.line <= len(doc.lines) else "", d) for d in found)

    def _changed_only(self, path: Path, shown: str, linter_for: Any, ref: str) -> Any:
        """A lint function for the fixer that decides each pass on the lines that pass's text changed.

        Each pass compares its own text with the base: a sort that moves a new row takes the row's changed
        line with it, so the old rows it passes never become fixable.
        """
        from readme_lint.gitdiff import lines_changed

        base = self.git.base_text(path, ref)

        def lint_changed(text: SourceText) -> Any:
            return linter_for(lines_changed(base, text.text)).lint_text(text, shown)

        return lint_changed

    def _changed_lines(self, path: Path, ref: str | None) -> set[int] | None:
        if ref is None:
            return None
        return self.git.changed_lines(path, ref)

    def _link_service(self, config: Config, path: Path) -> Any:
        if self.links is None:
            return None
        from readme_lint.links.settings import LinkSettingsError

        try:
            return self.links.for_config(config, path)
        except LinkSettingsError as error:
            raise ReadmeLintError(f"{config.source}: {error}") from None

    def link_summary(self) -> str | None:
        """The one-line tally of link checks, with ``--check-links``."""
        return self.links.summary() if self.links is not None else None

    def close(self) -> None:
        if self.links is not None:
            self.links.close()


def check_selectors(selection: Selection) -> None:
    """Every selector on the command line must pick a rule: a typo is an error, not a silent no-op."""
    from readme_lint.rules import selector_known

    for selector in (*(selection.select or ()), *selection.ignore, *selection.extend_select):
        if not selector_known(selector):
            raise SelectionError(f"{selector!r} matches no rule (see `readme-lint rules`)")


def unified_diff(before: str, after: str, shown: str) -> str:
    """A unified diff of two texts, split into lines the way the source layer splits them.

    ``str.splitlines`` would also break at U+2028, form feeds and friends, which are text to markdown: a
    line holding one would show as two, the first with a bogus ``\\ No newline at end of file``.
    """
    from readme_lint.escape import printable
    from readme_lint.unidiff import unified_diff as diff_lines  # difflib's output, fast on big files (issue 21)

    shown = printable(shown)  # the header is ours; the lines below are the file's own, as a patch needs them
    lines = diff_lines(_lines_with_endings(before), _lines_with_endings(after), f"a/{shown}", f"b/{shown}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def _lines_with_endings(text: str) -> list[str]:
    lines, endings = split_lines(text)
    return [line + ending for line, ending in zip(lines, endings)]


def collect_files(
    paths: Iterable[Path], loader: ConfigLoader, errors: list[str], exclude: Sequence[str] = ()
) -> list[tuple[Path, str]]:
    """Expand directories into the README.md files below them; drop excluded files; keep order, no repeats.

    ``exclude`` (``--exclude``) holds glob patterns matched against the path relative to the working directory,
    on top of each config's own ``exclude`` (matched relative to that config's folder).
    """
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
                key = check_inside(candidate, repository_boundary(candidate), display_path(candidate))
            except InputError as error:
                errors.append(str(error))
                continue
            if key in seen or _excluded_here(candidate, exclude) or _excluded(candidate, loader, errors):
                continue
            seen.add(key)
            found.append((candidate, display_path(candidate)))
    return found


def _readmes_below(directory: Path) -> list[Path]:
    found: list[Path] = []
    for current, directories, files in os.walk(directory):
        directories[:] = [d for d in directories if not d.startswith(".") and d not in _SKIP_DIRECTORIES]
        found.extend(Path(current) / name for name in files if name.lower() == "readme.md")
    return found


def _excluded_here(path: Path, patterns: Sequence[str]) -> bool:
    """Whether a command-line ``--exclude`` pattern matches ``path`` (relative to the working directory)."""
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def _excluded(path: Path, loader: ConfigLoader, errors: list[str]) -> bool:
    try:
        config = loader.for_file(path)
    except ReadmeLintError as error:
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


def display_path(path: Path) -> str:
    """The path as the user sees it in reports: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# The other commands' applications: each plans (the module that knows how), writes, and returns what to print.


class SettingsConflict(ReadmeLintError):
    """``init`` found readme-lint settings in its target and was not told ``--force`` (exit 2, one line)."""


class InitOutcome:
    """What ``readme-lint init`` wrote: the file, its column count, the noisy rules it listed, today's findings
    that break the conventions it wrote (by rule code)."""

    def __init__(self, target: Path, columns: int, noisy: int, standing: dict[str, int]) -> None:
        self.target = target
        self.columns = columns
        self.noisy = noisy
        self.standing = standing


def write_inferred_config(path: Path, dedicated: bool, force: bool, noisy_after: int) -> InitOutcome:
    """Learn the conventions of the README at ``path`` and write them down as its config (``init``)."""
    from readme_lint.document import Document
    from readme_lint.infer import ExistingSettings, config_file_text, config_target, inference

    boundary = repository_boundary(path)
    doc = Document.parse(read_source(path, str(path), root=boundary), str(path))
    config, noisy, standing = inference(doc, noisy_after, path)
    target = config_target(path, dedicated)
    present = os.path.lexists(target)  # a dangling symlink is there too: never write through it
    existing = read_source(target, str(target), root=boundary) if present else SourceText("")
    try:
        text = config_file_text(config, noisy, existing.text, target.name != "pyproject.toml", force)
    except ExistingSettings as error:
        raise SettingsConflict(f"{target} {error}; use --force to replace them") from None
    if present:
        write_atomic(target, SourceText(text, existing.has_bom), root=boundary)
    else:
        create_file(target, text)
    return InitOutcome(target, len(config.get("columns", [])), len(noisy), dict(standing))


def create_file(target: Path, text: str) -> None:
    """Write a new file; O_EXCL, so a file or symlink that appeared meanwhile is never written through."""
    try:
        with target.open("x", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as error:
        raise InputError(f"{target}: cannot write ({error.strerror or error})") from None


class AddOutcome:
    """What ``readme-lint add`` did: why it added nothing (exit 1), or the row's title and line, the intro it
    created, and with ``--dry-run`` the change as a diff."""

    def __init__(
        self,
        problem: str | None = None,
        title: str = "",
        line: int = 0,
        intro_file: Path | None = None,
        diff: str = "",
    ) -> None:
        self.problem = problem
        self.title = title
        self.line = line
        self.intro_file = intro_file
        self.diff = diff


def add_paper(reference: str, path: Path, dry_run: bool, **options: Any) -> AddOutcome:
    """Add a paper as a row (``add``): the intro first, so a failed intro leaves the README untouched."""
    from readme_lint.add import AddError, plan_addition

    try:
        addition = plan_addition(reference, path, settle(ConfigLoader().for_file(path)), **options)
    except AddError as error:
        return AddOutcome(str(error))
    done = AddOutcome(None, addition.title, addition.line, addition.intro_file)
    if dry_run:
        done.diff = unified_diff(addition.before.text, addition.after.text, str(path))
        return done
    problem = _create_intro(addition.intro_file, addition.intro_text)
    if problem is not None:
        return AddOutcome(problem)
    try:
        write_atomic(path, addition.after)
    except InputError:
        if addition.intro_file is not None:
            addition.intro_file.unlink(missing_ok=True)
        raise
    return done


def _create_intro(intro_file: Path | None, text: str) -> str | None:
    """Create the new paper's intro README (never over an existing file), or say why it could not be."""
    if intro_file is None:
        return None
    try:
        intro_file.parent.mkdir(parents=True, exist_ok=True)
        with intro_file.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        return f"cannot create the intro {intro_file}: {error.strerror}"
    return None


class CitationsOutcome:
    """What ``readme-lint citations`` did: why it refused (exit 1), or its summary, and with ``--dry-run`` the
    change as a diff."""

    def __init__(self, problem: str | None = None, summary: str = "", diff: str = "") -> None:
        self.problem = problem
        self.summary = summary
        self.diff = diff


def refresh_citations(path: Path, dry_run: bool, **options: Any) -> CitationsOutcome:
    """Refresh the Citation counts (``citations``); writes the README unless ``dry_run`` or nothing changed."""
    from readme_lint.citations.refresh import CitationError, plan_refresh
    from readme_lint.citations.report import summary

    try:
        refresh = plan_refresh(path, settle(ConfigLoader().for_file(path)), **options)
    except CitationError as error:
        return CitationsOutcome(str(error))
    if dry_run:
        diff = unified_diff(refresh.before.text, refresh.after.text, str(path))
        return CitationsOutcome(None, summary(refresh, dry_run=True), diff)
    if refresh.changed:
        write_atomic(path, refresh.after)
    return CitationsOutcome(None, summary(refresh, dry_run=False))
