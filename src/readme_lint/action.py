"""The GitHub Action's lint step: ``action.yml`` runs ``python -m readme_lint.action`` on the runner.

It reads the action's inputs (``INPUT_*``) and the ``GITHUB_*`` variables a runner sets, lints the READMEs the
pre-commit hook would lint (or the given paths), and on pull requests judges only the lines changed since the
merge base of the pull request's base branch. readme-lint runs once, as a subprocess writing SARIF, and this
module turns that log into annotations (GitHub keeps only 10 errors and 10 warnings per step), a job summary
that lists every finding with a link to its line, outputs, and the SARIF file when asked for. The exit code
follows ``fail-on``; a run readme-lint could not finish (its exit 2) always fails, and writes no SARIF that an
upload could mistake for a clean result.

The tool's version is the action's ref: action.yml installs readme-lint from the action's own checkout
(``$GITHUB_ACTION_PATH``, the tree of the tag or commit the workflow pinned), never from PyPI and never from the
workspace, and ``--check-install`` (the install step's last command) fails the step unless the venv runs exactly
the version that checkout declares. The log, the job summary's heading and the ``version`` output name it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, unquote

from readme_lint import __version__
from readme_lint.escape import markdown_code, markdown_fence, markdown_text
from readme_lint.output import escape_data, escape_property, printable, printable_path

TOOL = f"readme-lint {__version__}"  # what ran, as the log, the summary heading and the `version` output say
README_PATTERN = re.compile(r"(?i)(^|/)readme\.md$")  # the hook's `files` pattern for README files
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
LEVELS = ("error", "warning", "note")
FAIL_ON = {"error": 1, "warning": 2, "note": 3, "info": 3, "never": 0}  # how many LEVELS fail the step
ANNOTATION = {"error": "error", "warning": "warning", "note": "notice"}
SUMMARY_LIMIT = 1_000_000  # GitHub refuses job summaries over 1 MiB
# The inputs that bound the link checks (name, readme-lint option, default, low, high). A run on a pull request
# reads the pull request's config: the config may lower these, never raise them (docs/security.md).
LIMITS = (
    ("timeout", "--timeout", "10", 0.1, 600.0),
    ("max-retries", "--max-retries", "3", 0, 10),
    ("deadline", "--deadline", "300", 1.0, 86400.0),
)


class ActionError(Exception):
    """A problem with the inputs or the checkout; reported as one annotation, exit 2."""


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    end_line: int
    code: str
    name: str
    level: str
    message: str
    fix: str = "none"  # "safe": `readme-lint --fix` repairs it; "unsafe": with --unsafe-fixes
    url: str = ""  # the rule's doc


class Inputs(NamedTuple):
    paths: list[str]
    args: list[str]
    check_links: bool
    diff_base: bool
    sarif: str
    fail_on: str
    limits: tuple[str, ...] = ()  # --timeout, --max-retries, --deadline: what the PR's config may only lower
    job_summary: bool = True  # input `summary`: false writes no job summary (annotations and outputs stay)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Inputs:
        def value(name: str, default: str = "") -> str:
            return environ.get(f"INPUT_{name.upper().replace('-', '_')}", default).strip() or default

        fail_on = value("fail-on", "warning").lower()
        if fail_on not in FAIL_ON:
            raise ActionError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
        args = shlex.split(value("args"))
        if any(arg == "--output-format" or arg.startswith("--output-format=") for arg in args):
            raise ActionError("args must not set --output-format: the action reads SARIF and writes the outputs")
        limits: list[str] = []
        for name, option, default, low, high in LIMITS:
            number = _number(value(name, default), name, low, high, whole=option == "--max-retries")
            limits += [option, number]
        return cls(
            paths=shlex.split(value("paths")),
            args=args,
            check_links=_flag(value("check-links", "false"), "check-links"),
            diff_base=_flag(value("diff-base", "true"), "diff-base"),
            sarif=value("sarif"),
            fail_on=fail_on,
            limits=tuple(limits),
            job_summary=_flag(value("summary", "true"), "summary"),
        )


def _number(text: str, name: str, low: float, high: float, whole: bool) -> str:
    """An input that must be a number from ``low`` to ``high`` (a whole one for counts), as readme-lint reads it."""
    pattern = r"[0-9]+" if whole else r"[0-9]+(\.[0-9]+)?"
    if not re.fullmatch(pattern, text) or not low <= float(text) <= high:
        kind = "a whole number" if whole else "a number of seconds"
        raise ActionError(f"{name} must be {kind} from {low:g} to {high:g}, not {text!r}")
    return text


def _flag(text: str, name: str) -> bool:
    if text.lower() in ("true", "yes", "on", "1"):
        return True
    if text.lower() in ("false", "no", "off", "0"):
        return False
    raise ActionError(f"{name} must be true or false, not {text!r}")


def git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def default_paths(workspace: Path) -> list[str]:
    """Every tracked README.md the hook would lint (any case, any folder)."""
    listed = git(["ls-files", "-z"], workspace)
    if listed.returncode != 0:
        raise ActionError(f"{workspace} is not a git checkout; give `paths` (git said: {_first_line(listed.stderr)})")
    return [name for name in listed.stdout.split("\0") if name and README_PATTERN.search(name)]


_DELIMITER_ROW = re.compile(r"(?m)^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")


def _with_tables(workspace: Path, paths: Sequence[str]) -> int:
    """How many of the linted files hold a table (the paper lists; the rest are intro READMEs and the like), so
    the summary's "N files linted" does not pass intro READMEs off as lists."""
    count = 0
    for name in paths:
        try:
            with open(workspace / name, encoding="utf-8", errors="replace") as handle:
                text = handle.read(MAX_SCAN)
        except OSError:
            continue
        count += _DELIMITER_ROW.search(text) is not None
    return count


MAX_SCAN = 8 << 20  # characters of a file read to tell whether it has a table


def pull_request_base(environ: Mapping[str, str]) -> str | None:
    """The base branch of a pull request event; None for pushes, schedules and manual runs."""
    if environ.get("GITHUB_EVENT_NAME") not in PULL_REQUEST_EVENTS:
        return None
    base = environ.get("GITHUB_BASE_REF", "")
    if not base and environ.get("GITHUB_EVENT_PATH"):
        try:
            event = json.loads(Path(environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
            base = event["pull_request"]["base"]["ref"]
        except (OSError, ValueError, KeyError, TypeError):
            base = ""
    return base or None


def merge_base(workspace: Path, branch: str) -> str:
    """The commit the pull request branched from: fetch the base branch, deepen a shallow clone if needed."""
    remote_ref = f"refs/remotes/origin/{branch}"
    fetched = git(["fetch", "--no-tags", "--quiet", "origin", f"+refs/heads/{branch}:{remote_ref}"], workspace)
    if fetched.returncode != 0:
        raise ActionError(f"cannot fetch the base branch {branch!r}: {_first_line(fetched.stderr)}")
    found = git(["merge-base", remote_ref, "HEAD"], workspace)
    if found.returncode != 0 and git(["rev-parse", "--is-shallow-repository"], workspace).stdout.strip() == "true":
        # actions/checkout fetches one commit by default; the merge base needs the history of both sides.
        git(["fetch", "--no-tags", "--quiet", "--unshallow", "origin", f"+refs/heads/{branch}:{remote_ref}"], workspace)
        found = git(["merge-base", remote_ref, "HEAD"], workspace)
    if found.returncode != 0:
        raise ActionError(f"no merge base between origin/{branch} and HEAD (use fetch-depth: 0 in actions/checkout)")
    return found.stdout.strip()


def lint_command(inputs: Inputs, paths: Sequence[str], base: str | None) -> list[str]:
    command = [sys.executable, "-I", "-m", "readme_lint", "--output-format", "sarif", "--quiet"]
    if inputs.check_links:
        command += ["--check-links", *inputs.limits]  # before args: the workflow's own args may set them
    if base:
        command += ["--diff-base", base]
    return [*command, *inputs.args, "--", *paths]


def fix_command(inputs: Inputs, paths: Sequence[str], base: str | None) -> list[str]:
    """``readme-lint --diff``: the safe fixes as a patch, for the same files and lines, offline."""
    command = [sys.executable, "-I", "-m", "readme_lint", "--diff", "--quiet"]
    if base:
        command += ["--diff-base", base]
    own = [arg for arg in inputs.args if arg not in ("--fix", "--unsafe-fixes", "--check-links", "--diff")]
    return [*command, *own, "--", *paths]


PATCH_INLINE = 60_000  # characters of patch shown in the summary; a bigger one is only in the file


def safe_fixes_patch(environ: Mapping[str, str], inputs: Inputs, paths: Sequence[str], base: str | None) -> str:
    """The safe fixes as a unified diff (empty when none), written to ``$RUNNER_TEMP/readme-lint-fixes.patch``."""
    workspace = Path(environ.get("GITHUB_WORKSPACE") or ".")
    done = subprocess.run(fix_command(inputs, paths, base), cwd=workspace, capture_output=True, text=True)
    return done.stdout if done.returncode == 1 and done.stdout.startswith("--- ") else ""


def patch_summary(patch: str, fixable: int, where: str | None) -> str:
    """The patch as a collapsed block of the summary: inert text in a fence no line of it can close."""
    apply = f"`git apply {where}`" if where else "`git apply` it"
    head = f"<details><summary>The safe fixes of {_plural(fixable, 'finding')} as a patch ({apply})</summary>"
    if len(patch) > PATCH_INLINE:
        return "\n".join([head, "", f"The patch has {len(patch):,} characters: see the file.", "</details>", ""])
    return "\n".join([head, "", *markdown_fence(patch.splitlines(), "diff"), "", "</details>", ""])


def parse_sarif(text: str) -> list[Finding]:
    """The findings of readme-lint's SARIF log, in its order (by path, line, column)."""
    run = json.loads(text)["runs"][0]
    rules = run["tool"]["driver"].get("rules", [])
    names = {rule["id"]: rule.get("name", "") for rule in rules}
    docs = {rule["id"]: rule.get("helpUri", "") for rule in rules}
    findings = []
    for result in run.get("results", []):
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        findings.append(
            Finding(
                path=unquote(location["artifactLocation"]["uri"]),
                line=region["startLine"],
                column=region.get("startColumn", 1),
                end_line=region.get("endLine", region["startLine"]),
                code=result["ruleId"],
                name=names.get(result["ruleId"], ""),
                level=result.get("level", "warning"),
                message=result["message"]["text"],
                fix=str(result.get("properties", {}).get("fix", "none")),
                url=str(docs.get(result["ruleId"], "")),
            )
        )
    return findings


def workflow_commands(findings: Sequence[Finding], errors: Sequence[str]) -> list[str]:
    """Workflow commands: one annotation per finding, one per readme-lint error."""
    lines = [f"::error title=readme-lint::{escape_data(error)}" for error in errors]
    for f in findings:
        properties = (
            f"file={escape_property(f.path)},line={f.line},endLine={f.end_line},col={f.column},"
            f"title={escape_property(f'{f.code} {f.name}'.strip())}"
        )
        lines.append(f"::{ANNOTATION.get(f.level, 'warning')} {properties}::{escape_data(f.message)}")
    shown = {level: sum(1 for f in findings if f.level == level) for level in ("error", "warning")}
    if any(count > 10 for count in shown.values()):
        lines.append(
            f"::notice title=readme-lint::{len(findings)} findings; GitHub shows at most 10 errors and 10 warnings "
            "as annotations per step. The job summary lists every one."
        )
    return lines


def line_url(environ: Mapping[str, str], finding: Finding) -> str | None:
    repository, sha = environ.get("GITHUB_REPOSITORY"), environ.get("GITHUB_SHA")
    if not repository or not sha:
        return None
    server = environ.get("GITHUB_SERVER_URL") or "https://github.com"
    lines = f"L{finding.line}" + (f"-L{finding.end_line}" if finding.end_line > finding.line else "")
    return f"{server}/{repository}/blob/{sha}/{quote(finding.path)}#{lines}"


def _cell(text: str) -> str:
    """Text from the README or a path, as literal text in a table cell: one line, every markup character escaped
    (:func:`markdown_text`), so a message quoting ``![t](https://host/x.png)`` shows those characters."""
    return markdown_text(text)


def summary(
    environ: Mapping[str, str],
    findings: Sequence[Finding],
    errors: Sequence[str],
    checked: int,
    scope: str,
    with_tables: int | None = None,
) -> str:
    """The job summary: counts, what was judged, then every finding as a table row linking to its line."""
    counts = {level: sum(1 for f in findings if f.level == level) for level in LEVELS}
    tables = "" if with_tables is None or with_tables == checked else f" ({with_tables} with tables)"
    if errors:
        title = f"{TOOL} could not finish"
    elif findings:
        parts = [f"{count} {level}{'s' if count != 1 else ''}" for level, count in counts.items() if count]
        title = f"{TOOL}: {_plural(len(findings), 'problem')} ({', '.join(parts)})"
    else:
        title = f"{TOOL}: all checks passed"
    lines = [f"## {title}", "", f"{_plural(checked, 'file')} linted{tables}; {scope}.", ""]
    if errors:
        lines += [*markdown_fence(list(errors)), ""]
    if not findings:
        return "\n".join(lines)
    safe = sum(1 for f in findings if f.fix == "safe")
    if safe:
        lines += [f"{_plural(safe, 'finding')} marked `[*]` can be fixed: run `readme-lint --fix` and commit.", ""]
    lines += ["| Severity | Location | Rule | Message |", "|---|---|---|---|"]
    size = sum(len(line) + 1 for line in lines)
    for number, f in enumerate(findings):
        location = f"{f.path}:{f.line}:{f.column}"
        url = line_url(environ, f)
        rule = f"[{f.code}]({f.url}) `{f.name}`" if f.url.startswith("https://") else f"{f.code} `{f.name}`"
        mark = " `[*]`" if f.fix == "safe" else ""
        row = (
            f"| {f.level} | {f'[{_cell(location)}]({url})' if url else _cell(location)} | "
            f"{rule} | {_cell(f.message)}{mark} |"  # code, name and doc URL are readme-lint's own
        )
        if size + len(row) > SUMMARY_LIMIT - 200:
            lines.append(f"\n{len(findings) - number} more findings do not fit GitHub's 1 MiB summary; see the log.")
            break
        lines.append(row)
        size += len(row) + 1
    return "\n".join(lines) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _first_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else "no message"


def _append(environ: Mapping[str, str], variable: str, text: str) -> None:
    target = environ.get(variable)
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def failed(findings: Sequence[Finding], fail_on: str) -> bool:
    failing = LEVELS[: FAIL_ON[fail_on]]
    return any(f.level in failing for f in findings)


class Plan(NamedTuple):
    """What the step lints: the inputs, the files, and on pull requests the base branch and its merge base."""

    inputs: Inputs
    paths: list[str]
    branch: str | None
    base: str | None

    @property
    def scope(self) -> str:
        """What was judged, for the summary: whole files, or the lines changed since the merge base."""
        if not (self.base and self.branch):
            return "whole files"
        since, against = markdown_code(self.base[:12]), markdown_code(f"origin/{self.branch}")
        return f"only lines changed since {since}, the merge base with {against}"


def plan(environ: Mapping[str, str], workspace: Path) -> Plan:
    """Read the inputs, find the files and the merge base; raises ActionError when the step cannot start."""
    inputs = Inputs.from_env(environ)
    paths = inputs.paths or default_paths(workspace)
    branch = pull_request_base(environ) if inputs.diff_base else None
    return Plan(inputs, paths, branch, merge_base(workspace, branch) if branch else None)


class Linted(NamedTuple):
    """What the readme-lint run gave: its findings, the one-line errors that stopped it, its SARIF log."""

    findings: list[Finding]
    errors: list[str]
    sarif: str


def lint(chosen: Plan, workspace: Path) -> Linted:
    """Run readme-lint once, writing SARIF; its exit 2 (or a log that cannot be read) becomes errors."""
    completed = subprocess.run(
        lint_command(chosen.inputs, chosen.paths, chosen.base), cwd=workspace, capture_output=True, text=True
    )
    errors = [line.removeprefix("readme-lint: error: ") for line in completed.stderr.splitlines() if line.strip()]
    errors = errors if completed.returncode == 2 else []
    if completed.returncode != 2 and completed.stderr.strip():
        sys.stderr.write(completed.stderr)  # link-check progress and notes
    findings: list[Finding] = []
    if completed.returncode in (0, 1):
        try:
            findings = parse_sarif(completed.stdout)
        except (ValueError, KeyError, IndexError, TypeError) as error:
            errors.append(f"could not read readme-lint's SARIF output: {error}")
    elif not errors:
        errors.append(f"readme-lint exited with {completed.returncode}")
    return Linted(findings, errors, completed.stdout)


def run(environ: Mapping[str, str]) -> int:
    """The whole step; returns its exit code (0 pass, 1 findings at or above fail-on, 2 could not lint)."""
    workspace = Path(environ.get("GITHUB_WORKSPACE") or ".").resolve()
    try:
        chosen = plan(environ, workspace)
    except ActionError as error:
        return _could_not_start(environ, error)
    if not chosen.paths:
        print("::warning title=readme-lint::no README.md is tracked in this repository; nothing to lint")
        _append(environ, "GITHUB_STEP_SUMMARY", f"## {TOOL}: no README.md to lint\n")
        _append(environ, "GITHUB_OUTPUT", f"findings=0\nerrors=0\nwarnings=0\nnotes=0\nversion={__version__}\n")
        return 0
    linted = lint(chosen, workspace)
    findings, errors = linted.findings, linted.errors
    for f in findings:
        print(f"{printable_path(f.path)}:{f.line}:{f.column}: {f.code} {printable(f.message)}")
    print("\n".join(workflow_commands(findings, errors)))
    patch, patch_file = _patch(environ, chosen, linted)
    if chosen.inputs.job_summary:
        _write_summary(environ, workspace, chosen, linted, (patch, patch_file))
    errors = _write_outputs(environ, workspace, chosen, linted, patch_file)
    if errors:
        return 2
    return int(failed(findings, chosen.inputs.fail_on))


def _could_not_start(environ: Mapping[str, str], error: ActionError) -> int:
    """One annotation, a summary that says why, the version output; exit 2."""
    print(f"::error title=readme-lint::{escape_data(str(error))}")
    text = "\n".join([f"## {TOOL} could not start", "", *markdown_fence([str(error)]), ""])
    _append(environ, "GITHUB_STEP_SUMMARY", text)
    _append(environ, "GITHUB_OUTPUT", f"version={__version__}\n")
    return 2


def _patch(environ: Mapping[str, str], chosen: Plan, linted: Linted) -> tuple[str, str | None]:
    """The safe fixes as a patch (empty when none or the run failed), and the file it was written to, if any."""
    fixable = any(f.fix == "safe" for f in linted.findings)
    patch = safe_fixes_patch(environ, chosen.inputs, chosen.paths, chosen.base) if fixable and not linted.errors else ""
    if not patch or not environ.get("RUNNER_TEMP"):
        return patch, None
    patch_file = str(Path(environ["RUNNER_TEMP"]) / "readme-lint-fixes.patch")  # the PR cannot place a link there
    Path(patch_file).write_text(patch, encoding="utf-8")
    return patch, patch_file


def _write_summary(
    environ: Mapping[str, str], workspace: Path, chosen: Plan, linted: Linted, patch: tuple[str, str | None]
) -> None:
    """The job summary, with the patch of the safe fixes collapsed at its end."""
    tables = _with_tables(workspace, chosen.paths)
    text = summary(environ, linted.findings, linted.errors, len(chosen.paths), chosen.scope, tables)
    if patch[0]:
        fixable = sum(1 for f in linted.findings if f.fix == "safe")
        text += "\n" + patch_summary(patch[0], fixable, patch[1])
    _append(environ, "GITHUB_STEP_SUMMARY", text)


def _write_outputs(
    environ: Mapping[str, str], workspace: Path, chosen: Plan, linted: Linted, patch_file: str | None
) -> list[str]:
    """The step's outputs, and the SARIF file when asked for; returns the errors, with one writing it raised."""
    findings, errors = linted.findings, linted.errors
    counts = {level: sum(1 for f in findings if f.level == level) for level in LEVELS}
    outputs = [f"findings={len(findings)}", f"errors={counts['error']}", f"warnings={counts['warning']}"]
    outputs += [f"notes={counts['note']}", f"diff-base={chosen.base or ''}", f"version={__version__}"]
    if patch_file:
        outputs.append(f"patch={patch_file}")
    if chosen.inputs.sarif:
        problem = write_sarif(workspace, chosen.inputs.sarif, None if errors else linted.sarif)
        if problem:
            print(f"readme-lint: error: {printable(problem)}", file=sys.stderr)
            errors = [*errors, problem]
        elif not errors:
            outputs.append(f"sarif={chosen.inputs.sarif}")
    _append(environ, "GITHUB_OUTPUT", "".join(f"{line}\n" for line in outputs))
    return errors


def write_sarif(workspace: Path, name: str, text: str | None) -> str | None:
    """Write the SARIF log at ``name`` in the workspace (None: only remove an older one), or say why not.

    Outputs follow the boundary fixes do: a pull request can commit a symlinked ``reports/`` folder, and the log
    must not be written through it to a file outside the workspace (or over one inside, through a link)."""
    root = workspace.resolve()
    target = workspace / name
    if not target.parent.resolve().is_relative_to(root):
        return f"sarif: {name} leaves the workspace (a symlinked folder?); not written"
    if target.is_symlink():
        target.unlink()  # the link itself, never what it points at
    target.unlink(missing_ok=True)  # never leave an older log for an upload step to find
    if text is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.parent.resolve().is_relative_to(root):  # a folder swapped for a link meanwhile
        return f"sarif: {name} leaves the workspace (a symlinked folder?); not written"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(target, flags, 0o644), "w", encoding="utf-8") as handle:
        handle.write(text)
    return None


def declared_version(action_path: Path) -> str:
    """The version the action's checkout declares (its pyproject.toml): the one its tag or commit pins."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        return str(tomllib.loads((action_path / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ActionError(f"{action_path} holds no readable pyproject.toml version: {error}") from None


def check_install(environ: Mapping[str, str], module_file: str, prefix: str = sys.prefix) -> int:
    """The install step's check: the venv runs the readme-lint of the action's ref, installed in the venv.

    A version other than the checkout's (an older venv kept, a package index answering for a path) or a module
    imported from anywhere but the venv (the workspace, a folder on ``PYTHONPATH``) fails the step (exit 2)."""
    action_path = Path(environ.get("GITHUB_ACTION_PATH") or ".")
    try:
        expected = declared_version(action_path)
        if __version__ != expected:
            raise ActionError(f"the venv runs readme-lint {__version__}, but the action's ref holds {expected}")
        if not Path(module_file).resolve().is_relative_to(Path(prefix).resolve()):
            raise ActionError(f"readme_lint was imported from {module_file}, outside the venv {prefix}")
    except ActionError as error:
        print(f"::error title=readme-lint::{escape_data(str(error))}")
        return 2
    print(printable(f"{TOOL}, installed from the action's checkout {action_path}"))
    return 0


def main() -> None:
    if sys.argv[1:] == ["--check-install"]:
        import readme_lint

        sys.exit(check_install(os.environ, readme_lint.__file__ or ""))
    sys.exit(run(os.environ))


if __name__ == "__main__":
    main()
