"""The GitHub Action, run as a runner would: its lint step with the GITHUB_* environment, on real git clones.

There is no runner here, so each test builds an ``origin`` repository with a base branch, clones it the way
actions/checkout does (the pull request's merge commit, or its head, or a push), and runs the action's step --
either ``python -m readme_lint.action`` directly or the ``run:`` script of action.yml's lint step.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from readme_lint import __version__
from tests.conftest import HEADER, row, table

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
REPOSITORY = "owner/list"
TOOL = f"readme-lint {__version__}"  # the summary's heading names the version that ran


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


# Line 4 of every version is the header; rows start at line 6. Row 2 has an old problem main fixes later.
OLD_PROBLEM = row(2, affiliation=" Meta")  # RL104 at line 7 on the base branch
NEW_PROBLEM = row(4, affiliation=" Mistral")  # RL104, added by the pull request at line 9


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A bare origin: main with an old problem; branch `feature` adds a bad row; main then fixes the old one."""
    work = tmp_path / "author"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / "README.md").write_text(table(row(1), OLD_PROBLEM, row(3)))
    (work / "topic").mkdir()
    (work / "topic" / "readme.md").write_text("# Topic\n")
    commit_all(work, "base")
    git(work, "checkout", "-q", "-b", "feature")
    (work / "README.md").write_text(table(row(1), OLD_PROBLEM, row(3), NEW_PROBLEM))
    commit_all(work, "add a paper")
    git(work, "checkout", "-q", "main")
    (work / "README.md").write_text(table(row(1), row(2, affiliation="Meta"), row(3)))
    commit_all(work, "fix the old padding")
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return bare


def checkout(origin: Path, target: Path, how: str, depth: int | None = None) -> str:
    """Clone like actions/checkout: `merge` (the PR's merge commit), `head` (the PR's head) or `push` (main)."""
    args = ["clone", "-q", *(["--depth", str(depth)] if depth else []), f"file://{origin}", str(target)]
    git(origin.parent, *args)
    if how == "head":
        git(target, "fetch", "-q", "origin", "feature")
        git(target, "checkout", "-q", "--detach", "FETCH_HEAD")
    elif how == "merge":
        git(target, "fetch", "-q", "origin", "feature")
        git(target, "checkout", "-q", "--detach", "origin/main")
        git(target, "merge", "-q", "--no-ff", "-m", "Merge feature into main", "FETCH_HEAD")
    # actions/checkout leaves only the checked-out commit; the action must fetch the base branch itself
    for branch in git(target, "branch", "-r", "--format=%(refname:short)").split():
        if branch != "origin/HEAD":
            git(target, "update-ref", "-d", f"refs/remotes/{branch}")
    return git(target, "rev-parse", "HEAD")


def runner_env(workspace: Path, event: str, sha: str, **inputs: str) -> dict[str, str]:
    """The variables a GitHub runner sets for a step, plus the action's inputs as INPUT_*."""
    payload = {"pull_request": {"base": {"ref": "main"}, "head": {"ref": "feature"}}} if event != "push" else {}
    event_path = workspace.parent / "event.json"
    event_path.write_text(json.dumps(payload))
    for name in ("summary.md", "output.txt"):
        (workspace.parent / name).write_text("")
    env = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": event,
        "GITHUB_BASE_REF": "main" if event.startswith("pull_request") else "",
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_STEP_SUMMARY": str(workspace.parent / "summary.md"),
        "GITHUB_OUTPUT": str(workspace.parent / "output.txt"),
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_SHA": sha,
        "GITHUB_SERVER_URL": "https://github.com",
        "NO_COLOR": "1",
    }
    env.update({f"INPUT_{name.upper()}": value for name, value in inputs.items()})
    return env


def run_step(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "readme_lint.action"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def outputs(workspace: Path) -> dict[str, str]:
    lines = (workspace.parent / "output.txt").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines)


def summary_rows(workspace: Path) -> list[str]:
    return [line for line in (workspace.parent / "summary.md").read_text().splitlines() if line.startswith("| ")][1:]


def test_pull_request_merge_commit_reports_only_its_own_lines(origin: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    sha = checkout(origin, workspace, "merge")
    result = run_step(runner_env(workspace, "pull_request", sha, sarif="out/readme-lint.sarif"), workspace)
    assert result.returncode == 1, result.stdout + result.stderr
    column = NEW_PROBLEM.index(" Mistral") + 1
    annotation = f"::error file=README.md,line=9,endLine=9,col={column},title=RL104 cell-spacing::"
    assert [line for line in result.stdout.splitlines() if line.startswith("::")] == [
        annotation + "Cell is padded as ' Mistral'; this table writes cells with no padding"
    ]
    rows = summary_rows(workspace)
    assert rows == [
        f"| error | [README\\.md\\:9\\:{column}](https://github.com/{REPOSITORY}/blob/{sha}/README.md#L9) | "
        "[RL104](https://github.com/readme-lint/readme-lint/blob/main/docs/rules.md#rl104-cell-spacing) `cell-spacing` "
        "| Cell is padded as ' Mistral'; this table writes cells with no padding `[*]` |"
    ]
    main_tip = git(workspace, "rev-parse", "origin/main")
    assert outputs(workspace) == {
        "findings": "1",
        "errors": "1",
        "warnings": "0",
        "notes": "0",
        "diff-base": main_tip,
        "sarif": "out/readme-lint.sarif",
        "version": __version__,
    }
    assert "merge base with `origin/main`" in (workspace.parent / "summary.md").read_text()
    log = json.loads((workspace / "out" / "readme-lint.sarif").read_text())
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["RL104"]


@pytest.mark.parametrize("depth", [None, 1], ids=["full", "shallow"])
def test_pull_request_head_is_judged_against_the_merge_base_not_the_base_tip(
    origin: Path, tmp_path: Path, depth: int | None
) -> None:
    """main fixed line 7 after the branch started: the branch still has it, but did not cause it."""
    workspace = tmp_path / "ws"
    sha = checkout(origin, workspace, "head", depth=depth)
    result = run_step(runner_env(workspace, "pull_request", sha), workspace)
    assert result.returncode == 1, result.stdout + result.stderr
    assert [row.split("|")[2] for row in summary_rows(workspace)] == [
        f" [README\\.md\\:9\\:{NEW_PROBLEM.index(' Mistral') + 1}]"
        f"(https://github.com/{REPOSITORY}/blob/{sha}/README.md#L9) "
    ]
    fork_point = git(workspace, "merge-base", "origin/main", "HEAD")
    assert outputs(workspace)["diff-base"] == fork_point != git(workspace, "rev-parse", "origin/main")


def test_push_event_lints_whole_files(origin: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    git(origin.parent, "clone", "-q", "--branch", "feature", f"file://{origin}", str(workspace))
    sha = git(workspace, "rev-parse", "HEAD")
    result = run_step(runner_env(workspace, "push", sha), workspace)
    assert result.returncode == 1
    lines = [row.split("|")[2].split("](")[0].strip(" [") for row in summary_rows(workspace)]
    old, new = OLD_PROBLEM.index(" Meta") + 1, NEW_PROBLEM.index(" Mistral") + 1
    assert lines == [f"README\\.md\\:7\\:{old}", f"README\\.md\\:9\\:{new}"]
    assert (workspace.parent / "summary.md").read_text().startswith(f"## {TOOL}: 2 problems (2 errors)\n")
    assert "whole files" in (workspace.parent / "summary.md").read_text()
    assert outputs(workspace)["diff-base"] == "" and outputs(workspace)["version"] == __version__


def test_summary_lists_every_finding_beyond_the_annotation_limit(tmp_path: Path) -> None:
    """25 errors and 12 warnings: GitHub would show 10 of each; the summary has all 37."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    git(workspace, "init", "-q")
    short = [row(n).rstrip("|\n").rsplit("|", 1)[0] + "|\n" for n in range(25)]  # no Citation cell: RL101
    rows = short + [row(100 + n, date="2023.01") for n in range(12)]
    rows.sort(key=lambda text: text.split("|")[5])  # keep the table in date order: only RL101 and RL303 fire
    (workspace / "README.md").write_text(table(*rows))
    sha = commit_all(workspace, "list")
    result = run_step(runner_env(workspace, "push", sha, **{"FAIL_ON": "error"}), workspace)
    assert result.returncode == 1
    rows_shown = summary_rows(workspace)
    assert len(rows_shown) == 37
    assert sum(row.startswith("| error |") for row in rows_shown) == 25
    assert sum(row.startswith("| warning |") for row in rows_shown) == 12
    assert "37 findings; GitHub shows at most 10 errors and 10 warnings" in result.stdout
    assert sum(line.startswith("::error file=") for line in result.stdout.splitlines()) == 25
    assert (workspace.parent / "summary.md").read_text().startswith(f"## {TOOL}: 37 problems (25 errors, 12 warnings)")


def test_the_summary_marks_what_fix_repairs_links_rule_docs_and_can_be_turned_off(tmp_path: Path) -> None:
    """Issue 19 item 4: no `[*]` mark, no `readme-lint --fix` hint, no rule docs; no input to turn it off."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    git(workspace, "init", "-q")
    (workspace / "README.md").write_text(table(row(1, affiliation=" DeepSeek"), row(2, date="2023.07")))
    sha = commit_all(workspace, "list")
    assert run_step(runner_env(workspace, "push", sha), workspace).returncode == 1
    text = (workspace.parent / "summary.md").read_text()
    assert "1 finding marked `[*]` can be fixed: run `readme-lint --fix` and commit." in text
    padded, dated = summary_rows(workspace)
    assert "[RL104](https://github.com/readme-lint/readme-lint/blob/main/docs/rules.md#rl104-cell-spacing)" in padded
    assert padded.endswith(" `[*]` |") and not dated.endswith(" `[*]` |") and "[RL303](" in dated
    # The safe fixes as a patch: collapsed in the summary, and as a file outside the workspace (output `patch`).
    env = runner_env(workspace, "push", sha)
    env["RUNNER_TEMP"] = str(tmp_path / "runner-temp")
    (tmp_path / "runner-temp").mkdir()
    assert run_step(env, workspace).returncode == 1
    text = (workspace.parent / "summary.md").read_text()
    assert "<details><summary>The safe fixes of 1 finding as a patch (`git apply " in text and "```diff" in text
    patch = Path(outputs(workspace)["patch"])
    assert patch.parent == tmp_path / "runner-temp"
    git(workspace, "apply", str(patch))
    assert "|DeepSeek|" in (workspace / "README.md").read_text() and "2023.07" in (workspace / "README.md").read_text()
    git(workspace, "checkout", "--", "README.md")
    off = run_step(runner_env(workspace, "push", sha, SUMMARY="false"), workspace)  # the runner's file, empty
    assert off.returncode == 1 and (workspace.parent / "summary.md").read_text() == ""
    assert outputs(workspace)["findings"] == "2"


def test_fail_on_decides_the_exit_code(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    git(workspace, "init", "-q")
    (workspace / "README.md").write_text(table(row(1, date="2023.01")))  # one RL303 warning
    sha = commit_all(workspace, "list")
    for fail_on, expected in [("warning", 1), ("error", 0), ("never", 0), ("note", 1)]:
        result = run_step(runner_env(workspace, "push", sha, FAIL_ON=fail_on), workspace)
        assert result.returncode == expected, (fail_on, result.stdout)
        assert outputs(workspace)["warnings"] == "1"
    bad = run_step(runner_env(workspace, "push", sha, FAIL_ON="sometimes"), workspace)
    assert bad.returncode == 2
    message = "fail-on must be one of error, warning, note, info, never, not 'sometimes'"
    assert bad.stdout.strip() == f"::error title=readme-lint::{message}"
    assert outputs(workspace)["version"] == __version__ and "warnings" not in outputs(workspace)


def test_a_run_that_cannot_finish_fails_and_writes_no_sarif(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    git(workspace, "init", "-q")
    (workspace / "README.md").write_text(table(row(1)))
    (workspace / ".readme-lint.toml").write_text('slect = ["RL1"]\n')
    sha = commit_all(workspace, "list")
    (workspace / "old.sarif").write_text("{}")  # a stale log from an earlier step must not be uploaded
    result = run_step(runner_env(workspace, "push", sha, SARIF="old.sarif"), workspace)
    assert result.returncode == 2
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == 1 and "slect" in errors[0]
    assert not (workspace / "old.sarif").exists()
    assert "sarif" not in outputs(workspace)
    assert (workspace.parent / "summary.md").read_text().startswith(f"## {TOOL} could not finish")
    assert outputs(workspace)["version"] == __version__  # what ran, also when it could not finish


def test_the_sarif_log_is_never_written_through_a_symlink_out_of_the_workspace(tmp_path: Path) -> None:
    """Issue 17 item 11: a pull request committed `reports/` as a link to a folder outside the workspace, and
    the Action wrote its SARIF there. Outputs follow the boundary fixes do."""
    workspace = tmp_path / "ws"
    outside = tmp_path / "outside"
    workspace.mkdir()
    outside.mkdir()
    (outside / "victim.sarif").write_text("precious")
    git(workspace, "init", "-q")
    (workspace / "README.md").write_text(table(row(1)))
    (workspace / "reports").symlink_to(outside, target_is_directory=True)
    (workspace / "link.sarif").symlink_to(outside / "victim.sarif")
    sha = commit_all(workspace, "list")
    result = run_step(runner_env(workspace, "push", sha, SARIF="reports/victim.sarif"), workspace)
    assert result.returncode == 2 and "leaves the workspace" in result.stderr
    assert (outside / "victim.sarif").read_text() == "precious"
    assert "sarif" not in outputs(workspace)
    # A link inside the workspace named as the log: the link is replaced, what it points at is untouched.
    result = run_step(runner_env(workspace, "push", sha, SARIF="link.sarif"), workspace)
    assert result.returncode == 0, result.stderr
    assert (outside / "victim.sarif").read_text() == "precious"
    assert not (workspace / "link.sarif").is_symlink()
    assert '"version": "2.1.0"' in (workspace / "link.sarif").read_text()


def test_default_paths_are_the_tracked_readmes_the_hook_lints(origin: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    sha = checkout(origin, workspace, "push")
    (workspace / "untracked").mkdir()
    (workspace / "untracked" / "README.md").write_text(HEADER + "|x|\n")  # would be RL101 if linted
    result = run_step(runner_env(workspace, "push", sha), workspace)
    assert result.returncode == 0, result.stdout
    # a list and an intro README: the header says which holds tables (issue 19 item 4)
    assert "2 files linted (1 with tables); whole files." in (workspace.parent / "summary.md").read_text()
    given = run_step(runner_env(workspace, "push", sha, PATHS="untracked/README.md"), workspace)
    assert given.returncode == 1 and "untracked/README.md:3:1: RL101" in given.stdout


def _expand(text: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    """Expand the ${{ }} expressions action.yml uses; anything else fails the test (a runner would differ)."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if step:
            return steps[step.group(1)][step.group(2)]
        raise AssertionError(f"action.yml uses an expression this test cannot evaluate: {expression}")

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def run_action_steps(env: dict[str, str], workspace: Path, skip: tuple[str, ...] = (), action_path: Path = ROOT) -> int:
    """Run action.yml's composite steps with bash, as a runner would (outputs read from GITHUB_OUTPUT), from the
    action's checkout at ``action_path`` (a runner's ``_actions/OWNER/REPO/REF``)."""
    action = yaml.safe_load((action_path / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs["github-token"] = ""
    inputs.update({k[6:].lower().replace("_", "-"): v for k, v in env.items() if k.startswith("INPUT_")})
    steps: dict[str, dict[str, str]] = {"install": {"python": sys.executable}}
    code = 0
    for step in action["runs"]["steps"]:
        if step["id"] in skip:
            continue
        output = workspace.parent / f"{step['id']}.out"
        output.write_text("")
        step_env = {k: v for k, v in env.items() if not k.startswith("INPUT_")}
        step_env.update({k: _expand(str(v), inputs, steps) for k, v in step.get("env", {}).items()})
        step_env.update({"GITHUB_ACTION_PATH": str(action_path), "GITHUB_OUTPUT": str(output)})
        step_env["RUNNER_TEMP"] = str(workspace.parent / "runner-temp")
        (workspace.parent / "runner-temp").mkdir(exist_ok=True)  # a runner creates it before any step
        assert step["shell"] == "bash"
        done = subprocess.run(
            ["bash", "-e", "-c", _expand(step["run"], inputs, steps)], cwd=workspace, env=step_env, timeout=600
        )
        steps[step["id"]] = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        code = done.returncode
        if code:
            break
    return code


def test_action_yml_lint_step_runs_the_module(origin: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    sha = checkout(origin, workspace, "merge")
    env = runner_env(workspace, "pull_request", sha, SARIF="readme-lint.sarif")
    assert run_action_steps(env, workspace, skip=("install",)) == 1
    assert len(summary_rows(workspace)) == 1
    assert json.loads((workspace / "readme-lint.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.precommit
def test_action_yml_installs_from_its_own_checkout(origin: Path, tmp_path: Path) -> None:
    """The whole action: a fresh venv, `pip install $GITHUB_ACTION_PATH`, then the lint step with that venv."""
    workspace = tmp_path / "ws"
    sha = checkout(origin, workspace, "push")
    assert run_action_steps(runner_env(workspace, "push", sha), workspace) == 0
    venv_python = next((workspace.parent / "runner-temp" / "readme-lint-venv").glob("*/python*"))
    assert venv_python.exists()
    assert "2 files linted" in (workspace.parent / "summary.md").read_text()


def action_at_ref(tmp_path: Path, ref: str, version: str) -> Path:
    """The action's checkout as a runner downloads it for ``uses: readme-lint/readme-lint@REF``, with ``version``
    declared (a version no package index has, so only this tree can provide it)."""
    target = tmp_path / "_actions" / "readme-lint" / "readme-lint" / ref
    target.mkdir(parents=True)
    for name in ("action.yml", "README.md", "pyproject.toml"):
        (target / name).write_text((ROOT / name).read_text())
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", target / "src", ignore=ignore)
    for name in ("pyproject.toml", "src/readme_lint/__init__.py"):
        file = target / name
        pattern = r'(?m)^(__version__ = |version = )"[^"]+"'
        file.write_text(re.sub(pattern, rf'\1"{version}"', file.read_text(), count=1))
    return target


@pytest.mark.precommit
def test_the_version_that_runs_is_the_one_the_action_ref_holds(origin: Path, tmp_path: Path, capfd: Any) -> None:
    """Issue 19 item 4: `uses: readme-lint/readme-lint@v9.0.1` runs 9.0.1, never PyPI's or the workspace's; a
    second use of the action pinned to an older commit in the same job (the same RUNNER_TEMP, where the venv with
    9.0.1 is) runs that commit's 9.0.0, not the newer one it finds installed."""
    workspace = tmp_path / "ws"
    sha = checkout(origin, workspace, "push")
    for ref, version in (("v9.0.1", "9.0.1"), ("0123456789abcdef0123456789abcdef01234567", "9.0.0")):
        action = action_at_ref(tmp_path, ref, version)
        assert run_action_steps(runner_env(workspace, "push", sha), workspace, action_path=action) == 0
        log = capfd.readouterr().out
        assert f"readme-lint {version}, installed from the action's checkout {action}" in log
        assert (workspace.parent / "summary.md").read_text().startswith(f"## readme-lint {version}: all checks")
        lint_outputs = dict(line.split("=", 1) for line in (workspace.parent / "lint.out").read_text().splitlines())
        assert lint_outputs["version"] == version


def test_the_install_check_refuses_another_version_or_a_module_outside_the_venv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from readme_lint import action

    checkout_dir = action_at_ref(tmp_path, "v1", __version__)
    venv = tmp_path / "venv"
    module = venv / "lib" / "site-packages" / "readme_lint" / "__init__.py"
    env = {"GITHUB_ACTION_PATH": str(checkout_dir)}
    assert action.check_install(env, str(module), str(venv)) == 0
    assert capsys.readouterr().out == f"{TOOL}, installed from the action's checkout {checkout_dir}\n"
    newer = action_at_ref(tmp_path, "v2", "99.0")
    assert action.check_install({"GITHUB_ACTION_PATH": str(newer)}, str(module), str(venv)) == 2
    message = f"the venv runs readme-lint {__version__}, but the action's ref holds 99.0"
    assert capsys.readouterr().out == f"::error title=readme-lint::{message}\n"
    from_workspace = tmp_path / "ws" / "readme_lint" / "__init__.py"
    assert action.check_install(env, str(from_workspace), str(venv)) == 2
    assert f"readme_lint was imported from {from_workspace}, outside the venv" in capsys.readouterr().out
    assert action.check_install({"GITHUB_ACTION_PATH": str(tmp_path)}, str(module), str(venv)) == 2
    assert "holds no readable pyproject.toml version" in capsys.readouterr().out


def test_action_yml_pins_the_version_to_its_ref() -> None:
    """The install step installs the action's own tree (a path: pip asks no index for readme-lint), into an
    emptied venv, then checks what it installed; the `version` output comes from the lint step."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    install = next(step for step in action["runs"]["steps"] if step["id"] == "install")["run"]
    assert '-m venv --clear "$venv"' in install
    assert re.search(r'pip install [^\n]*"\$GITHUB_ACTION_PATH"\n', install)
    assert install.index("pip install") < install.index("-m readme_lint.action --check-install")
    assert action["outputs"]["version"]["value"] == "${{ steps.lint.outputs.version }}"


HOSTILE_MODULES = ("readme_lint", "venv", "pip", "ensurepip")


def commit_hostile_modules(workspace: Path, marker_dir: Path) -> str:
    """Issue 17 item 1: a pull request commits packages named like the modules the action runs with `-m`.

    Each one, if imported, writes a marker file outside the workspace (where a real attack would read the token).
    """
    for name in HOSTILE_MODULES:
        package = workspace / name
        package.mkdir()
        code = f"open({str(marker_dir / name)!r}, 'w').write('ran')\n"
        (package / "__init__.py").write_text(code)
        (package / "__main__.py").write_text(code)
    return commit_all(workspace, "a pull request with its own readme_lint, venv and pip packages")


def test_action_lint_step_never_imports_the_workspace(origin: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    checkout(origin, workspace, "push")
    markers = tmp_path / "markers"
    markers.mkdir()
    sha = commit_hostile_modules(workspace, markers)
    assert run_action_steps(runner_env(workspace, "push", sha), workspace, skip=("install",)) == 0
    assert sorted(path.name for path in markers.iterdir()) == []
    assert "2 files linted" in (workspace.parent / "summary.md").read_text()  # the real readme-lint ran
    # the same module run the way action.yml used to (`python -m` from the workspace) does import it: the test
    # can fail
    subprocess.run([sys.executable, "-m", "readme_lint.action"], cwd=workspace, capture_output=True, timeout=60)
    assert (markers / "readme_lint").exists()


@pytest.mark.precommit
def test_action_install_and_lint_never_import_the_workspace(origin: Path, tmp_path: Path) -> None:
    """The whole action (venv, pip install, lint) with the pull request's venv/, pip/ and readme_lint/ folders."""
    workspace = tmp_path / "ws"
    checkout(origin, workspace, "push")
    markers = tmp_path / "markers"
    markers.mkdir()
    sha = commit_hostile_modules(workspace, markers)
    assert run_action_steps(runner_env(workspace, "push", sha), workspace) == 0
    assert sorted(path.name for path in markers.iterdir()) == []
    assert "2 files linted" in (workspace.parent / "summary.md").read_text()


ATTACKER = "attacker.example"
# Anchors a ToC entry points at: RL504 quotes each in its message, so the summary prints them.
HOSTILE_ANCHORS = [
    "#![t](https://attacker.example/toc.png)",  # issue 17 item 9: an image from the attacker's host
    "#**All-checks-passed**[go](https://attacker.example/)",
    "#www.attacker.example-and-x@attacker.example",  # GFM autolinks: a bare host, an e-mail address
    "#<img-src=https://attacker.example/h.png>$x^2$~~gone~~",
]
FAKE = "readme-lint: all checks passed"
HOSTILE_FOLDER = f"x\n## {FAKE}\n**All checks passed** [go](https:attacker.example) ```\n```"


def rendered_summary(workspace: Path) -> str:
    """The job summary as GitHub renders it: cmark-gfm with raw HTML kept (GitHub sanitizes, but allows img)."""
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (GitHub's cmark-gfm) is a test extra")
    from cmarkgfm.cmark import Options

    text = (workspace.parent / "summary.md").read_text()
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def assert_nothing_the_attacker_chose(html: str, title: str) -> None:
    outside_code = re.sub(r"(?s)<pre.*?</pre>|<code>.*?</code>", "", html)
    assert "<img" not in html and "<del>" not in html and "<strong>" not in html and "<em>" not in html
    assert re.findall(r"<h\d>(.*?)</h\d>", html) == [title]
    links = re.findall(r'href="([^"]*)"', html)  # only ours: each finding's line, each rule's doc
    docs = "https://github.com/readme-lint/readme-lint/blob/main/docs/rules.md#"
    assert all(href.startswith((f"https://github.com/{REPOSITORY}/blob/", docs)) for href in links)
    assert not re.search(r"<[a-z][^>]* src=", html)  # no element loads anything
    assert not re.search(r"(?m)^All checks passed", outside_code)  # never a line of its own


def test_the_job_summary_shows_hostile_text_as_text(tmp_path: Path) -> None:
    """Issue 17 item 9: messages quoting the README and paths named by the pull request render as literal text."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    git(workspace, "init", "-q")
    toc = "".join(f"- [Entry {n}]({anchor})\n" for n, anchor in enumerate(HOSTILE_ANCHORS))
    (workspace / "README.md").write_text(f"# List\n\n{toc}\n## Papers\n\ntext\n")
    (workspace / HOSTILE_FOLDER).mkdir()
    (workspace / HOSTILE_FOLDER / "README.md").write_text(f"# T\n\n- [A]({HOSTILE_ANCHORS[0]})\n\n## B\n")
    sha = commit_all(workspace, "list")
    result = run_step(runner_env(workspace, "push", sha), workspace)
    assert result.returncode == 1, result.stdout + result.stderr
    html = rendered_summary(workspace)
    rows = re.findall(r"(?s)<tr>(.*?)</tr>", html)
    assert len(rows) == 1 + len(HOSTILE_ANCHORS) + 1  # the header, the four entries, the folder's entry
    for anchor in HOSTILE_ANCHORS:  # each message shows the anchor's characters, as text
        shown = anchor.replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u2060")
        assert f"No heading has the anchor '{shown}'" in html
    assert "x\\n## readme-lint: all checks passed\\n**All checks passed**" in html  # the path, escaped and inert
    assert_nothing_the_attacker_chose(html, f"{TOOL}: 5 problems (5 errors)")

    (workspace / HOSTILE_FOLDER / "README.md").write_bytes(b"# T\n\n\xff\xfe not UTF-8\n")  # an error line
    sha = commit_all(workspace, "not UTF-8")
    result = run_step(runner_env(workspace, "push", sha), workspace)
    assert result.returncode == 2
    html = rendered_summary(workspace)
    assert_nothing_the_attacker_chose(html, f"{TOOL} could not finish")
    (block,) = re.findall(r"(?s)<pre[^>]*><code[^>]*>(.*?)</code></pre>", html)
    assert "## readme-lint: all checks passed" in block and "not valid UTF-8" in block  # the whole line, in the block


def test_markdown_escapes_are_exact() -> None:
    from readme_lint.escape import markdown_code, markdown_fence, markdown_text

    assert markdown_text("![t](x) a|b\nc <b> &amp; @me") == r"\!\[t\]\(x\) a\|b\\nc &lt;b&gt; &amp;amp; @&#8288;me"
    assert markdown_fence(["a", "````", "b\nc"]) == ["`````text", "a", "````", "b\\nc", "`````"]
    assert markdown_code("origin/main") == "`origin/main`"
    assert markdown_code("a``b`") == "``` a``b` ```"
