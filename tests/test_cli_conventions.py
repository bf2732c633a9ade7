"""The command-line conventions users bring from ruff and markdownlint-cli2 (issue 12), run as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import row, run_command, table
from tests.test_action import commit_all, git

BAD = table(row(1, affiliation=" DeepSeek"), row(2, date="2023-5"), row(3, citation="~3"))
FIXED = table(row(1, affiliation="DeepSeek"), row(2, date="2023.05"), row(3, citation="~3"))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(BAD)
    return tmp_path


def run_env(args: list[str], cwd: Path, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """Like run_command, with the environment given exactly (no NO_COLOR added)."""
    executable = shutil.which("readme-lint", path=os.path.dirname(sys.executable))
    command = [executable] if executable else [sys.executable, "-m", "readme_lint"]
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        command + args, cwd=cwd, env={**base, **env}, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_exit_zero_reports_but_passes_and_still_fails_on_errors(workdir: Path) -> None:
    result = run_command(["--exit-zero"], cwd=workdir)
    assert result.returncode == 0 and "Found 3 problems" in result.stdout
    (workdir / ".readme-lint.toml").write_text('slect = ["RL1"]\n')
    assert run_command(["--exit-zero"], cwd=workdir).returncode == 2


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_output_file_holds_the_report(workdir: Path, output_format: str) -> None:
    result = run_command(["-o", "out/report", "--output-format", output_format], cwd=workdir)
    assert result.returncode == 1 and result.stdout == ""
    written = (workdir / "out" / "report").read_text()
    expected = run_command(["--output-format", output_format], cwd=workdir).stdout
    assert written == expected and "\x1b[" not in written


def test_stdin_lints_as_the_named_file_with_its_config(workdir: Path) -> None:
    (workdir / "sub").mkdir()
    (workdir / "sub" / ".readme-lint.toml").write_text('ignore = ["RL104"]\n')
    plain = run_command(["-"], cwd=workdir, stdin=BAD)
    assert plain.returncode == 1 and plain.stdout.splitlines()[0].startswith("-:6:")
    named = run_command(["--stdin-filename", "sub/README.md", "-"], cwd=workdir, stdin=BAD)
    lines = named.stdout.splitlines()
    assert lines[0].startswith("sub/README.md:7:") and " RL104 " not in named.stdout  # sub's config applies
    assert not (workdir / "sub" / "README.md").exists()
    only_name = run_command(["--stdin-filename", "sub/README.md"], cwd=workdir, stdin=BAD)
    assert only_name.stdout == named.stdout  # --stdin-filename alone reads stdin, as in ruff


def test_fix_on_stdin_prints_the_fixed_text_and_writes_nothing(workdir: Path) -> None:
    result = run_command(["--fix", "--stdin-filename", "README.md", "-"], cwd=workdir, stdin=BAD)
    assert result.returncode == 1
    assert result.stdout == FIXED
    assert "README.md:8:" in result.stderr and "Fixed 2 problems; 1 remaining." in result.stderr
    assert (workdir / "README.md").read_text() == BAD
    clean = run_command(["--fix", "-"], cwd=workdir, stdin=FIXED.replace("~3", "3"))
    assert clean.returncode == 0 and clean.stdout == FIXED.replace("~3", "3")
    diff = run_command(["--diff", "-"], cwd=workdir, stdin=BAD)
    assert diff.returncode == 1 and diff.stdout.startswith("--- a/-\n+++ b/-\n")


def test_stdin_errors_are_one_line(workdir: Path) -> None:
    result = run_command(["-", "README.md"], cwd=workdir, stdin=BAD)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "stdin" in result.stderr
    executable = shutil.which("readme-lint", path=os.path.dirname(sys.executable)) or "readme-lint"
    binary = subprocess.run([executable, "-"], cwd=workdir, input=b"|a|\xff|\n", capture_output=True, timeout=60)
    assert binary.returncode == 2
    assert binary.stderr.decode() == "readme-lint: error: -: not valid UTF-8 (byte 0xff at offset 3)\n"


def _tty_output(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """stdout of the command on a pseudo-terminal, as an interactive shell would show it."""
    import pty

    master, slave = pty.openpty()
    executable = shutil.which("readme-lint", path=os.path.dirname(sys.executable))
    command = [executable] if executable else [sys.executable, "-m", "readme_lint"]
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    subprocess.run(command + args, cwd=cwd, env={**base, **env}, stdout=slave, stderr=subprocess.DEVNULL, timeout=120)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return b"".join(chunks).decode()


def test_no_color_and_force_color(workdir: Path) -> None:
    assert "\x1b[" in _tty_output([], workdir, {})
    assert "\x1b[" not in _tty_output([], workdir, {"NO_COLOR": "1"})
    assert "\x1b[" in _tty_output([], workdir, {"NO_COLOR": ""})  # empty means unset (no-color.org)
    assert "\x1b[" in _tty_output(["--color"], workdir, {"NO_COLOR": "1"})  # the flag wins
    assert "\x1b[" in run_env([], workdir, {"FORCE_COLOR": "1"}).stdout  # CI logs render colours
    assert "\x1b[" not in run_env([], workdir, {"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run_env(["--no-color"], workdir, {"FORCE_COLOR": "1"}).stdout


def test_show_settings_says_where_each_value_came_from(workdir: Path) -> None:
    (workdir / ".readme-lint.toml").write_text('ignore = ["RL303"]\n\n[rules.RL501]\norder = "none"\n')
    result = run_command(["--show-settings", "--extend-select", "RL503", "README.md"], cwd=workdir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    config = str((workdir / ".readme-lint.toml").resolve())
    assert lines[0] == "Settings for README.md" and lines[1] == f"  config file: {config}"
    assert any(line.startswith('ignore = ["RL303"]') and line.endswith(f"# {config}") for line in lines)
    assert any(line.startswith('select = ["RL"]') and line.endswith("# default") for line in lines)
    assert any(
        line.startswith('--extend-select = ["RL503"]') and line.endswith("# command line (added)") for line in lines
    )
    assert f'[rules.RL501] {{order = "none"}}  # {config}' in lines
    ran = lines[-1]
    assert ran.startswith("rules that run (") and "RL503 empty-section" in ran and "RL303" not in ran
    assert "RL104" not in result.stdout.split("rules that run")[0]  # nothing was linted


def test_show_files_lists_what_would_be_linted(tmp_path: Path) -> None:
    for folder in ("a", "b", "b/old", ".hidden"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "README.md").write_text(BAD)
    (tmp_path / ".readme-lint.toml").write_text('exclude = ["b/old/*"]\n')
    result = run_command(["--show-files", "."], cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.splitlines() == ["a/README.md", "b/README.md"]


def test_statistics_as_json(workdir: Path) -> None:
    result = run_command(["--statistics", "--output-format", "json"], cwd=workdir)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {"code": "RL104", "name": "cell-spacing", "count": 1, "fixable": True, "fixable_count": 1},
        {"code": "RL301", "name": "date-format", "count": 1, "fixable": True, "fixable_count": 1},
        {"code": "RL601", "name": "citation-format", "count": 1, "fixable": False, "fixable_count": 0},
    ]


def test_select_all_includes_rules_that_are_off_by_default(workdir: Path) -> None:
    every = run_command(["--show-settings", "--select", "ALL"], cwd=workdir).stdout.splitlines()[-1]
    default = run_command(["--show-settings"], cwd=workdir).stdout.splitlines()[-1]
    assert "RL503 empty-section" in every and "RL503" not in default
    assert "RL210" not in every  # online rules still need --check-links
    (workdir / ".readme-lint.toml").write_text('select = ["ALL"]\nignore = ["RL1"]\n')
    assert "RL104" not in run_command([], cwd=workdir).stdout and "RL301" in run_command([], cwd=workdir).stdout


def test_online_rule_without_check_links_gets_a_hint(workdir: Path) -> None:
    result = run_command(["--select", "RL210,arxiv-mismatch"], cwd=workdir)
    assert result.stderr.splitlines() == [
        "readme-lint: hint: RL210 link-broken, RL212 arxiv-mismatch run only with --check-links"
    ]
    assert run_command(["--select", "RL1"], cwd=workdir).stderr == ""


def test_help_usage_names_the_real_command(workdir: Path) -> None:
    for args in (["--help"], ["-h"], ["check", "--help"]):
        usage = run_command(args, cwd=workdir).stdout.splitlines()[0]
        assert usage == "Usage: readme-lint [OPTIONS] [PATH]...", args


def dated(n: int, date: str, **cells: str) -> str:
    """A row whose arXiv ID agrees with its date (no RL303)."""
    return row(n, date=date, paper=f"[[pdf](https://arxiv.org/abs/{date[2:4]}{date[5:7]}.{13245 + n:05d})]", **cells)


def test_fix_with_diff_base_fixes_only_changed_lines(tmp_path: Path) -> None:
    """Old debt (an unsorted table, a wrong ordinal in the note) stays; the new row's padding is fixed."""
    git(tmp_path, "init", "-q", "-b", "main")
    old = table(dated(1, "2023.06"), dated(2, "2023.05"), heading="## Old").replace("28th July", "22th July")
    (tmp_path / "README.md").write_text(old)
    commit_all(tmp_path, "base")
    (tmp_path / "README.md").write_text(old + dated(3, "2023.07", affiliation=" Mistral"))
    before = (tmp_path / "README.md").read_text()
    result = run_command(["--fix", "--diff-base", "HEAD"], cwd=tmp_path)
    after = (tmp_path / "README.md").read_text()
    assert after == before.replace("| Mistral|", "|Mistral|"), result.stdout  # no re-sort, no note rewrite
    assert result.returncode == 0 and "Fixed 1 problem; all checks passed." in result.stdout
    everything = run_command(["-q"], cwd=tmp_path).stdout
    assert " RL501 " in everything and " RL304 " in everything and " RL104 " not in everything  # old debt stays


def test_fix_with_diff_base_follows_moved_rows(tmp_path: Path) -> None:
    """A sort fix for a new row moves it; fixes on the old rows it passed stay out, its own still apply."""
    git(tmp_path, "init", "-q", "-b", "main")
    old = table(dated(1, "2023.05", affiliation=" Old"), dated(2, "2023.07"))
    (tmp_path / "README.md").write_text(old)
    commit_all(tmp_path, "base")
    (tmp_path / "README.md").write_text(old + dated(3, "2023.06", affiliation=" New"))
    result = run_command(["--fix", "--diff-base", "HEAD"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    expected = table(
        dated(1, "2023.05", affiliation=" Old"), dated(3, "2023.06", affiliation="New"), dated(2, "2023.07")
    )
    assert (tmp_path / "README.md").read_text() == expected


def test_changed_files_lints_the_list_that_links_a_renamed_intro(tmp_path: Path) -> None:
    slug = "paper-1--training-models"
    link = f"[[intro](attention-mechanism/{slug}/README.md)]"
    git(tmp_path, "init", "-q")  # a working tree: without git, intro checks stay quiet
    (tmp_path / "README.md").write_text(table(row(1, paper=f"[[pdf](https://arxiv.org/abs/2305.13246)] {link}")))
    (tmp_path / "attention-mechanism" / f"{slug}-v2").mkdir(parents=True)
    (tmp_path / "attention-mechanism" / f"{slug}-v2" / "README.md").write_text("# Paper 1: Training Models\n")
    renamed = f"attention-mechanism/{slug}-v2/README.md"
    alone = run_command(["-q", renamed], cwd=tmp_path)
    assert alone.returncode == 0
    mapped = run_command(["-q", "--changed-files", renamed, f"attention-mechanism/{slug}/README.md"], cwd=tmp_path)
    assert mapped.returncode == 1 and "README.md:6:" in mapped.stdout and " RL402 " in mapped.stdout
    assert run_command(["--changed-files", "scripts/build.py"], cwd=tmp_path).stdout.strip() == "All checks passed."


def test_init_writes_a_dedicated_file_where_there_is_no_pyproject(workdir: Path) -> None:
    result = run_command(["init"], cwd=workdir)
    assert result.returncode == 0 and result.stdout.startswith("Wrote .readme-lint.toml")
    assert not (workdir / "pyproject.toml").exists()
    assert (workdir / ".readme-lint.toml").read_text().startswith("# readme-lint settings inferred")


def test_sarif_of_a_failed_run_is_not_a_clean_log(workdir: Path) -> None:
    (workdir / ".readme-lint.toml").write_text('slect = ["RL1"]\n')
    result = run_command(["--output-format", "sarif"], cwd=workdir)
    assert result.returncode == 2
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "slect" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_diff_base_reports_the_link_a_renamed_intro_folder_broke(tmp_path: Path) -> None:
    """The list is unchanged, but the line linking the moved intro is what the branch broke."""
    git(tmp_path, "init", "-q", "-b", "main")
    slug = "paper-1--training-models"
    link = f"[[intro](attention-mechanism/{slug}/README.md)]"
    rows = row(0, affiliation=" Old") + row(1, paper=f"[[pdf](https://arxiv.org/abs/2305.13246)] {link}")
    (tmp_path / "README.md").write_text(table(rows))
    (tmp_path / "attention-mechanism" / slug).mkdir(parents=True)
    (tmp_path / "attention-mechanism" / slug / "README.md").write_text("# Paper 1: Training Models\n")
    commit_all(tmp_path, "list")
    assert run_command(["-q", "--diff-base", "HEAD"], cwd=tmp_path).stdout == ""
    git(tmp_path, "mv", f"attention-mechanism/{slug}", "attention-mechanism/renamed")
    result = run_command(["-q", "--diff-base", "HEAD"], cwd=tmp_path)
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["RL402"], result.stdout
    assert result.stdout.startswith("README.md:7:")  # not the old padding on line 6


def test_show_settings_shows_what_the_run_learns_and_where_from(tmp_path: Path) -> None:
    """Issue 19 item 5: it printed `repository = unset # default` while the run took the repository from the
    README's links, and the built-in 6-column schema for a 3-column list."""
    from tests.conftest import FIXTURES

    text = (FIXTURES / "lists" / "small-tables.md").read_text(encoding="utf-8")
    intro = "[Alpha Net](https://arxiv.org/abs/2305.01234) [intro](https://github.com/me/papers/blob/main/x/README.md)"
    (tmp_path / "README.md").write_text(text.replace("[Alpha Net](https://arxiv.org/abs/2305.01234)", intro))
    out = run_command(["--show-settings"], cwd=tmp_path).stdout
    assert "columns  # default: applies only to tables with this header" in out
    assert '  repository = "me/papers"  # from the README\'s own GitHub links' in out
    assert "  arXiv links: https://arxiv.org/abs/ID  # what 90% of its 10 arXiv links agree on" in out
    assert "  table at line 5 (Vision): 4 paper rows, order arxiv (from its rows)" in out
    assert "    Date: date, YYYY-MM, required" in out  # pooled with the sibling tables (issue 18)


def test_the_hook_asks_git_each_question_once(tmp_path: Path) -> None:
    """pre-commit runs ``--changed-files`` on every commit: each git process is a few milliseconds of it.

    A ``git`` on PATH that logs its arguments and runs the real one: judging one changed README asks for the
    repository top and HEAD once (one ``rev-parse``), the base text once (``show``, also telling whether the file
    existed), the changed lines and changed paths, and the index's deletions -- nothing twice."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text(table(dated(1, "2023.05"), dated(2, "2023.07")))
    commit_all(repo, "base")
    (repo / "README.md").write_text(table(dated(1, "2023.05"), dated(2, "2023.07"), dated(3, "2023.06")))
    real = shutil.which("git")
    assert real is not None
    bin_dir, log = tmp_path / "bin", tmp_path / "git.log"
    bin_dir.mkdir()
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    executable = shutil.which("readme-lint", path=os.path.dirname(sys.executable))
    command = [executable] if executable else [sys.executable, "-m", "readme_lint"]
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [*command, "--changed-files", "README.md"], cwd=repo, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 1 and " RL501 " in result.stdout, result.stdout + result.stderr  # the new row
    asked = log.read_text().splitlines()
    assert len(asked) == len(set(asked)), asked
    assert [line.split()[0] for line in asked] == ["rev-parse", "diff", "rev-parse", "show", "diff", "diff"], asked
