"""The runner: one typed options value, per-file results, errors by type, the SARIF rule list, diffs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from readme_lint.cli import main
from readme_lint.errors import GitError, ReadmeLintError
from readme_lint.runner import Runner, RunOptions, SelectionError, unified_diff
from readme_lint.source import SourceText
from tests.conftest import row, table

BAD = table(row(1, affiliation=" DeepSeek"), row(2, date="2023-5"))


def test_run_reports_and_fixes_through_the_options_object(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BAD)
    linted = Runner(RunOptions(no_config=True)).run([readme])
    assert sorted(d.code for d in linted.diagnostics) == ["RL104", "RL301"]
    assert linted.exit_code == 1 and not linted.would_change and readme.read_text() == BAD
    fixed = Runner(RunOptions(fix=True, no_config=True)).run([readme])
    assert fixed.fixed == 2 and fixed.diagnostics == [] and fixed.exit_code == 0
    assert "|DeepSeek|" in readme.read_text()


def test_run_source_lints_text_as_the_named_file_without_writing(tmp_path: Path) -> None:
    (tmp_path / ".readme-lint.toml").write_text('ignore = ["RL104"]\n')
    readme = tmp_path / "README.md"
    result = Runner(RunOptions(fix=True)).run_source(SourceText(BAD), readme, "README.md")
    assert result.error is None and not readme.exists()
    assert result.after is not None and "2023.05" in result.after.text and " DeepSeek" in result.after.text
    assert result.applied == 1 and not result.written


def test_unknown_selector_is_a_typed_error() -> None:
    with pytest.raises(SelectionError, match="'RLX1' matches no rule"):
        Runner(RunOptions(select=("RLX1",)))
    assert issubclass(SelectionError, ReadmeLintError)


def test_git_failure_is_a_typed_error_reported_for_the_file(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BAD)
    result = Runner(RunOptions(diff_base="HEAD", no_config=True)).run_file(readme, "README.md")
    assert result.error is not None and "not inside a git repository" in result.error
    assert issubclass(GitError, ReadmeLintError)


def test_sarif_lists_every_rule_enabled_for_any_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, code in (("a", "RL101"), ("b", "RL301")):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".readme-lint.toml").write_text(f'select = ["{code}"]\n')
        (tmp_path / name / "README.md").write_text(BAD)
    assert main(["--output-format", "sarif", str(tmp_path / "a"), str(tmp_path / "b")]) == 1
    log = json.loads(capsys.readouterr().out)
    assert [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]] == ["RL101", "RL301"]
    assert [result["ruleIndex"] for result in log["runs"][0]["results"]] == [1]


def test_unified_diff_splits_lines_like_the_source_layer() -> None:
    before = "a\u2028b\nold\n"
    after = "a\u2028b\nnew\n"
    diff = unified_diff(before, after, "README.md")
    assert "No newline" not in diff
    assert diff.split("\n")[2:] == ["@@ -1,2 +1,2 @@", " a\u2028b", "-old", "+new", ""]
    no_newline = "\\ No newline at end of file\n"
    assert unified_diff("x\r\ny", "x\r\nz", "R.md").endswith(f"-y\n{no_newline}+z\n{no_newline}")


def test_diff_output_of_a_line_with_u2028(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = table(row(1, keywords="A\u2028B", affiliation=" DeepSeek"))
    (tmp_path / "README.md").write_text(text)
    assert main(["--diff", "--no-config", str(tmp_path / "README.md")]) == 1
    out = capsys.readouterr().out
    assert "No newline" not in out and "+|A\u2028B|**Paper 1" in out


def test_the_runner_decides_the_exit_code_the_cli_only_prints_it(tmp_path: Path) -> None:
    """--fail-on, --exit-zero and --diff as one decision on the typed result (no command line involved)."""
    readme = tmp_path / "README.md"
    readme.write_text(BAD)  # RL104 and RL301: errors, both fixable
    outcomes = {
        options: Runner(RunOptions(no_config=True, **dict(options))).check([readme]).exit_code
        for options in (
            (),
            (("fail_on", "error"),),
            (("fail_on", "never"),),
            (("exit_zero", True),),
            (("diff", True),),
            (("diff", True), ("exit_zero", True)),
        )
    }
    assert list(outcomes.values()) == [1, 1, 0, 0, 1, 0]
    missing = Runner(RunOptions(no_config=True, exit_zero=True)).check([tmp_path / "gone.md"])
    assert missing.exit_code == 2 and missing.result.errors == [f"{tmp_path / 'gone.md'}: no such file or directory"]
    assert readme.read_text() == BAD  # --diff wrote nothing


def test_check_on_stdin_gives_the_fixed_text_for_stdout_and_sends_the_report_to_stderr(tmp_path: Path) -> None:
    data = ("\ufeff" + BAD).encode()
    fixed = Runner(RunOptions(fix=True, no_config=True)).check([], data, str(tmp_path / "README.md"))
    assert fixed.report_to_stderr and fixed.exit_code == 0 and fixed.result.fixed == 2
    text = fixed.stdout_text
    assert text is not None and text.startswith("\ufeff") and "|DeepSeek|" in text
    linted = Runner(RunOptions(no_config=True)).check([], data, None)
    assert linted.stdout_text is None and not linted.report_to_stderr and linted.exit_code == 1
    assert linted.sources == {"-": BAD} and {d.path for d in linted.result.diagnostics} == {"-"}
    undecodable = Runner(RunOptions(no_config=True)).check([], b"\xff\xfe\x00bad", None)
    assert undecodable.exit_code == 2 and undecodable.sources is None and len(undecodable.result.errors) == 1


def test_online_hint_show_files_and_settings_come_from_the_runner(tmp_path: Path) -> None:
    hint = "RL210 link-broken run only with --check-links"
    assert Runner(RunOptions(select=("RL210",))).online_hint() == hint
    assert Runner(RunOptions(select=("RL210", "RL101"))).online_hint() == hint
    assert Runner(RunOptions(select=("RL1",))).online_hint() is None
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "README.md").write_text(BAD)
    shown, errors = Runner(RunOptions(no_config=True)).show_files([tmp_path, tmp_path / "nothing"])
    assert shown == [os.path.relpath(tmp_path / "a" / "README.md")]
    assert errors == [f"{tmp_path / 'nothing'}: no such file or directory"]
    report = Runner(RunOptions(no_config=True, ignore=("RL104",))).settings_report(tmp_path / "a")
    assert report.startswith(f"Settings for {tmp_path / 'a' / 'README.md'}\n")
    assert '--ignore = ["RL104"]' in report and "RL104 " not in report.split("rules that run")[1]
