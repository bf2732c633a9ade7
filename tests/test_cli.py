"""The command line, run as a real subprocess of the installed command (and in-process where noted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from readme_lint import __version__
from readme_lint.cli import main
from tests.conftest import row, run_command, table

BAD = table(row(1, affiliation=" DeepSeek"), row(2, date="2023-5"), row(3, citation="~3"))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(BAD)
    return tmp_path


def test_text_output_positions_summary_and_exit_code(workdir: Path) -> None:
    result = run_command([], cwd=workdir)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("README.md:6:") and lines[0].endswith(
        "RL104 Cell is padded as ' DeepSeek'; this table writes cells with no padding [*]"
    )
    assert any(line.startswith("README.md:7:") and " RL301 " in line for line in lines)
    assert lines[-1] == "Found 3 problems (2 fixable with --fix)."
    assert result.stderr == ""


def test_fix_writes_and_second_run_reports_only_unfixable(workdir: Path) -> None:
    first = run_command(["--fix"], cwd=workdir)
    assert first.returncode == 1
    assert first.stdout.splitlines()[-1] == "Fixed 2 problems; 1 remaining."
    assert "|DeepSeek|" in (workdir / "README.md").read_text()
    second = run_command(["--fix", "README.md"], cwd=workdir)
    assert second.stdout.splitlines()[-1] == "Found 1 problem."
    mtime = (workdir / "README.md").stat().st_mtime_ns
    run_command(["--fix"], cwd=workdir)
    assert (workdir / "README.md").stat().st_mtime_ns == mtime


def test_diff_writes_nothing(workdir: Path) -> None:
    result = run_command(["--diff"], cwd=workdir)
    assert result.returncode == 1
    assert "-|GQA|**Paper 1" in result.stdout and "+|GQA|**Paper 1" in result.stdout
    assert (workdir / "README.md").read_text() == BAD
    (workdir / "README.md").write_text(table(row(1)))
    assert run_command(["--diff"], cwd=workdir).returncode == 0


def test_unsafe_fixes(tmp_path: Path) -> None:
    text = table(row(1, date="2023.06"), row(2, date="soon"), row(3, date="2023.05"))
    (tmp_path / "README.md").write_text(text)
    result = run_command(["--select", "RL501"], cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 more with --unsafe-fixes)."
    run_command(["--select", "RL501", "--fix"], cwd=tmp_path)
    assert (tmp_path / "README.md").read_text() == text
    run_command(["--select", "RL501", "--fix", "--unsafe-fixes"], cwd=tmp_path)
    assert "**Paper 3" in (tmp_path / "README.md").read_text().splitlines()[5]


def test_select_ignore_extend_select_and_statistics(workdir: Path) -> None:
    only = run_command(["--select", "RL3,RL6", "--statistics"], cwd=workdir)
    assert only.stdout.splitlines()[:2] == ["1\tRL301\t[*] date-format", "1\tRL601\tcitation-format"]
    ignored = run_command(["--ignore", "RL104", "--ignore", "date-format", "-q"], cwd=workdir)
    assert [line.split()[1] for line in ignored.stdout.splitlines()] == ["RL601"]
    extended = run_command(["--select", "RL6", "--extend-select", "RL104", "-q"], cwd=workdir)
    assert sorted(line.split()[1] for line in extended.stdout.splitlines()) == ["RL104", "RL601"]


def test_json_output_keys(workdir: Path) -> None:
    data = json.loads(run_command(["--output-format", "json"], cwd=workdir).stdout)
    keys = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fixable"}
    assert [set(item) for item in data] == [keys | {"fix", "url"}] * 3
    first = data[0]
    assert (first["path"], first["line"], first["code"], first["fixable"]) == ("README.md", 6, "RL104", True)
    assert first["column"] == BAD.splitlines()[5].index(" DeepSeek") + 1
    assert first["url"].endswith("/docs/rules.md#rl104-cell-spacing")
    # The fix as edits: applying them gives what --fix writes.
    (edit,) = first["fix"]["edits"]
    assert first["fix"]["applicability"] == "safe"
    line = BAD.splitlines()[5]
    fixed = line[: edit["column"] - 1] + edit["content"] + line[edit["end_column"] - 1 :]
    assert fixed == line.replace(" DeepSeek", "DeepSeek")
    assert next(item for item in data if item["code"] == "RL601")["fix"] is None  # `~3`: reported only


def test_github_output(workdir: Path) -> None:
    lines = run_command(["--output-format", "github"], cwd=workdir).stdout.splitlines()
    column = BAD.splitlines()[5].index(" DeepSeek") + 1
    assert lines[0].startswith(
        f"::error file=README.md,line=6,col={column},endLine=6,endColumn={column + 9},title=RL104 cell-spacing::"
    )


def test_sarif_output_is_valid(workdir: Path) -> None:
    from tests.test_sarif import validate

    log = json.loads(run_command(["--output-format", "sarif"], cwd=workdir).stdout)
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} >= {"RL104", "RL301", "RL601"}
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    validate(log)


def test_config_and_no_config(workdir: Path) -> None:
    (workdir / ".readme-lint.toml").write_text('ignore = ["RL1"]\n')
    assert "RL104" not in run_command([], cwd=workdir).stdout
    assert "RL104" in run_command(["--no-config"], cwd=workdir).stdout
    other = workdir / "other.toml"
    other.write_text('select = ["RL6"]\n')
    assert run_command(["--config", "other.toml", "-q"], cwd=workdir).stdout.split()[1] == "RL601"
    (workdir / ".readme-lint.toml").write_text("nonsense = 1\n")
    broken = run_command([], cwd=workdir)
    assert broken.returncode == 2
    assert broken.stderr.strip() == f"readme-lint: error: {workdir / '.readme-lint.toml'}: nonsense: unknown key"


def test_color(workdir: Path) -> None:
    assert "\x1b[" in run_command(["--color"], cwd=workdir).stdout
    assert "\x1b[" not in run_command(["--no-color"], cwd=workdir).stdout


def test_version_rule_and_rules(workdir: Path) -> None:
    assert run_command(["--version"], cwd=workdir).stdout.strip() == f"readme-lint {__version__}"
    assert run_command(["-V"], cwd=workdir).stdout.strip() == f"readme-lint {__version__}"  # as ruff and lychee
    doc = run_command(["rule", "RL401"], cwd=workdir)
    assert doc.returncode == 0 and doc.stdout.startswith("# intro-path (RL401)") and "**Fix:**" in doc.stdout
    assert run_command(["rule", "sort-order"], cwd=workdir).stdout.startswith("# sort-order (RL501)")
    unknown = run_command(["rule", "RL999"], cwd=workdir)
    assert unknown.returncode == 2 and "unknown rule 'RL999'" in unknown.stderr
    listing = run_command(["rules"], cwd=workdir).stdout.splitlines()
    assert listing[0].startswith("RL101  column-count")
    assert len(listing) >= 24


def test_python_dash_m(workdir: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "readme_lint", "-q"], cwd=workdir, capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.startswith("README.md:6:")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x89PNG\x00\x01", "binary file"), (b"caf\xe9", "not valid UTF-8")],
)
def test_bad_input_is_a_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "README.md").write_bytes(content)
    result = run_command([], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "README.md").read_bytes() == content


def test_missing_path_directory_and_empty_files(tmp_path: Path) -> None:
    missing = run_command(["nope.md"], cwd=tmp_path)
    assert (
        missing.returncode == 2 and missing.stderr.strip() == "readme-lint: error: nope.md: no such file or directory"
    )
    assert run_command([], cwd=tmp_path).returncode == 2  # no README.md here
    (tmp_path / "README.md").write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "readme.md").write_text("# Just prose\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "README.md").write_text(BAD)
    result = run_command([".", "-q"], cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""


def test_directory_lints_readmes_below_and_exclude(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "README.md").write_text(BAD)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "README.md").write_text(BAD)
    paths = {line.split(":")[0] for line in run_command([".", "-q"], cwd=tmp_path).stdout.splitlines()}
    assert paths == {"a/README.md", "b/README.md"}
    (tmp_path / ".readme-lint.toml").write_text('exclude = ["b/*"]\n')
    paths = {line.split(":")[0] for line in run_command([".", "-q"], cwd=tmp_path).stdout.splitlines()}
    assert paths == {"a/README.md"}


def test_usage_errors_exit_2(workdir: Path) -> None:
    assert main(["--select", "XX1"]) == 2
    assert main(["--output-format", "yaml"]) == 2
    assert main(["--config", "a.toml", "--no-config"]) == 2


def test_diff_base_reports_only_changed_lines(tmp_path: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "README.md").write_text(table(row(1, affiliation=" Old"), row(2)))
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base"], cwd=tmp_path, check=True
    )
    (tmp_path / "README.md").write_text(table(row(1, affiliation=" Old"), row(2), row(3, date="2023-5")))
    everything = run_command(["-q"], cwd=tmp_path).stdout.splitlines()
    assert [line.split(":")[1] for line in everything] == ["6", "8"]
    changed = run_command(["-q", "--diff-base", "HEAD"], cwd=tmp_path)
    assert [line.split(":")[1] for line in changed.stdout.splitlines()] == ["8"]
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "README.md").write_text(BAD)
    assert len(run_command(["-q", "--diff-base", "HEAD", "new/README.md"], cwd=tmp_path).stdout.splitlines()) == 3
    unknown = run_command(["--diff-base", "nope"], cwd=tmp_path)
    assert (
        unknown.returncode == 2
        and unknown.stderr.strip() == "readme-lint: error: --diff-base: unknown git revision 'nope'"
    )
    assert unknown.stdout == ""


def test_init_writes_documented_config_and_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(table(row(1), row(2, citation=""), row(3, affiliation=" X")))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    result = run_command(["init"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "x"\n') and "[tool.readme-lint]" in text
    assert '{ name = "Date", format = "date", pattern = "YYYY.MM" }' in text
    assert '{ name = "Citation", required = false, format = "integer" }' in text
    assert '[tool.readme-lint.sections."attention mechanism".rules.sort-order]\norder = "date"' in text.replace(
        "Attention Mechanism", "attention mechanism"
    )  # the learned order is written down
    again = run_command(["init"], cwd=tmp_path)
    assert again.returncode == 2 and "use --force" in again.stderr
    assert run_command(["init", "--force"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "pyproject.toml").read_text().count("[tool.readme-lint]") == 1
    assert run_command(["init", "--file"], cwd=tmp_path).returncode == 0
    assert (tmp_path / ".readme-lint.toml").read_text().startswith("# readme-lint settings inferred")
    assert run_command([], cwd=tmp_path).returncode == 1


def test_diff_base_is_the_merge_base_not_the_tip(tmp_path: Path) -> None:
    """main fixed row 2 after the branch left it: the branch still has the old row but did not cause it."""
    from tests.test_action import commit_all, git

    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text(table(row(1), row(2, affiliation=" Meta")))
    commit_all(tmp_path, "base")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    (tmp_path / "README.md").write_text(table(row(1), row(2, affiliation=" Meta"), row(3, affiliation=" Mistral")))
    commit_all(tmp_path, "add a row")
    git(tmp_path, "checkout", "-q", "main")
    (tmp_path / "README.md").write_text(table(row(1), row(2, affiliation="Meta")))
    commit_all(tmp_path, "fix padding")
    git(tmp_path, "checkout", "-q", "feature")
    result = run_command(["-q", "--diff-base", "main"], cwd=tmp_path)
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        f"README.md:8:{row(3, affiliation=' Mistral').index(' Mistral') + 1}"
    ]


def test_control_characters_in_a_link_cannot_forge_output_lines(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(
        "# T\n\nSee [a](docs/x%0AREADME.md:1:1:RL999-forged.md) and [b](docs/x%1B[31mred%E2%80%A8.md).\n"
    )
    text = run_command(["--no-config", "README.md"], cwd=tmp_path).stdout.splitlines()
    assert text == [
        "README.md:3:9: RL402 Link target docs/x\\nREADME.md:1:1:RL999-forged.md does not exist in the working tree",
        "README.md:3:57: RL402 Link target docs/x\\x1b[31mred\\u2028.md does not exist in the working tree",
        "Found 2 problems.",
    ]
    github = run_command(["--no-config", "--output-format", "github", "README.md"], cwd=tmp_path).stdout
    assert len(github.splitlines()) == 2 and "\x1b" not in github and "\u2028" not in github
    assert "::Link target docs/x\\nREADME.md:1:1:RL999-forged.md does not exist" in github


HOSTILE_NAMES = ("--check-links", "--allow-private", "--exit-zero", "--output-file=.pre-commit-config.yaml")


def test_file_names_are_never_options(tmp_path: Path) -> None:
    """Issue 17 item 2: files a pull request commits under option names are linted as files, not obeyed."""
    (tmp_path / "README.md").write_text(table(row(1, affiliation=" DeepSeek")))
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    for name in HOSTILE_NAMES:
        (tmp_path / name).write_text("")
    args = ["--changed-files", "README.md", *HOSTILE_NAMES]
    result = subprocess.run([sys.executable, "-m", "readme_lint", *args], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr  # --exit-zero was not obeyed
    assert "RL104" in result.stdout and "RL21" not in result.stdout  # reported, and no link was checked
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    # a real option still works next to them, and an explicit `--` ends options
    fixed = subprocess.run([sys.executable, "-m", "readme_lint", "--fix", "--", "README.md"], cwd=tmp_path, text=True)
    assert fixed.returncode == 0 and "|DeepSeek|" in (tmp_path / "README.md").read_text()


def test_paths_never_options_moves_only_existing_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from readme_lint.cli import paths_never_options

    monkeypatch.chdir(tmp_path)
    (tmp_path / "--fix").write_text("")
    assert paths_never_options(["--exit-zero", "a.md"]) == ["--exit-zero", "a.md"]
    assert paths_never_options(["--exit-zero", "--fix", "a.md"]) == ["--exit-zero", "a.md", "--", "--fix"]
    assert paths_never_options(["-", "--", "--x"]) == ["-", "--", "--x"]
    assert paths_never_options(["--fix", "--", "--y"]) == ["--", "--fix", "--y"]


def test_fail_on_and_exclude_on_the_command_line(workdir: Path) -> None:
    """`--fail-on` sets the lowest severity that exits 1 (as the Action's fail-on); `--exclude` skips files."""
    (workdir / "README.md").write_text("# L\n\nText. <!-- readme-lint-disable-line RL14 -->\n")  # RL901, a warning
    assert run_command(["README.md"], cwd=workdir).returncode == 1  # default: warnings fail, as before
    assert run_command(["--fail-on", "error", "README.md"], cwd=workdir).returncode == 0
    assert run_command(["--fail-on", "never", "README.md"], cwd=workdir).returncode == 0
    assert run_command(["--fail-on", "info", "README.md"], cwd=workdir).returncode == 1
    skipped = run_command(["--exclude", "README.md", "--show-files", "."], cwd=workdir)
    assert "README.md" not in skipped.stdout, skipped.stdout
    assert "README.md" in run_command(["--show-files", "."], cwd=workdir).stdout


def test_one_cause_is_one_finding_until_show_all(tmp_path: Path) -> None:
    # Twelve rows dated two months after their arXiv month: one finding with the count; --show-all and JSON list
    # all twelve.
    rows = [row(n, date="2023.07") for n in range(1, 13)]
    (tmp_path / "README.md").write_text(table(*rows))
    folded = run_command(["--select", "RL303"], cwd=tmp_path)
    lines = folded.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("README.md:6:")
    assert lines[0].endswith("(first submitted 2023.05) (and 11 more like it in this file, to line 17: --show-all)")
    assert lines[-1] == "Found 12 problems (11 repeats not shown: --show-all)."
    assert folded.returncode == 1
    every = run_command(["--select", "RL303", "--show-all"], cwd=tmp_path).stdout.splitlines()
    assert len(every) == 13 and every[-1] == "Found 12 problems."
    assert len(json.loads(run_command(["--select", "RL303", "--output-format", "json"], cwd=tmp_path).stdout)) == 12
    github = run_command(["--select", "RL303", "--output-format", "github"], cwd=tmp_path).stdout.splitlines()
    assert len(github) == 1 and "11 more like it" in github[0]
    # Ten of a kind are ten findings: only a cause that repeats past ten is folded.
    (tmp_path / "README.md").write_text(table(*rows[:10]))
    assert len(run_command(["--select", "RL303"], cwd=tmp_path).stdout.splitlines()) == 11


def test_diff_base_reports_what_a_change_breaks_on_lines_it_never_touched(tmp_path: Path) -> None:
    # Dropping the header's last column is a one-line change; every row then has a cell too many -- lines the
    # change never touched, findings it caused. Old debt elsewhere (a padded cell) stays unreported.
    from tests.conftest import HEADER, init_git_repo

    init_git_repo(tmp_path)
    (tmp_path / "README.md").write_text(table(row(1, affiliation=" DeepSeek"), row(2), row(3)))
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env={**__import__("os").environ, **env})
    old_header = HEADER.splitlines()[0]
    text = (tmp_path / "README.md").read_text().replace(old_header, old_header.replace(" Citation|", ""))
    (tmp_path / "README.md").write_text(text)
    found = run_command(["--diff-base", "HEAD", "--select", "RL1"], cwd=tmp_path).stdout.splitlines()
    codes = [(line.split(":")[1], line.split()[1]) for line in found[:-1]]
    assert ("5", "RL103") in codes  # the delimiter row no longer matches the header
    assert not any(code == "RL104" for _line, code in codes)
    whole = run_command(["--select", "RL1"], cwd=tmp_path).stdout
    assert "RL104" in whole


def test_without_git_the_unjudged_intro_links_are_said_once(tmp_path: Path) -> None:
    """Issue 19 item 2: without git RL402 went quiet with no note."""
    intro = "[[pdf](https://arxiv.org/abs/2305.13246)] [[intro](attention-mechanism/x/README.md)]"
    (tmp_path / "README.md").write_text(table(row(1, paper=intro)))
    result = run_command([], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == (
        "readme-lint: note: README.md: not in a git working tree: its links into the repository (intro READMEs, "
        "RL402-RL405) were not checked\n"
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    judged = run_command([], cwd=tmp_path)
    assert judged.stderr == "" and "RL402" in judged.stdout
    (tmp_path / "README.md").write_text(table(row(1)))  # no link into the repository: nothing to say
    subprocess.run(["rm", "-rf", ".git"], cwd=tmp_path, check=True)
    assert run_command([], cwd=tmp_path).stderr == ""
