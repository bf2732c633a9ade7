"""SARIF as GitHub code scanning reads it: the official 2.1.0 schema, rule help, fingerprints, failed runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from readme_lint.output import format_sarif
from readme_lint.rules import all_rules, find_rule
from tests.conftest import lint, row, table

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def validate(log: dict[str, Any]) -> None:
    """Validate against the OASIS schema from ../shared (the subset we kept before missed required fields)."""
    if not SCHEMA.is_file():
        pytest.skip(f"official SARIF schema not found at {SCHEMA} (it sits beside the checkout in ../shared)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def sarif(text: str, errors: tuple[str, ...] = ()) -> dict[str, Any]:
    diagnostics = lint(text)
    return json.loads(format_sarif(diagnostics, list(all_rules()), errors, {"README.md": text}))


BAD = table(row(3, date="2023.01"), row(1), row(2, affiliation=" Meta"))
CLEAN_EARLIER_ROW = row(0, paper="[[pdf](https://arxiv.org/abs/2212.00001)]", date="2022.12")


def test_log_is_valid_and_says_the_run_succeeded() -> None:
    log = sarif(BAD)
    validate(log)
    run = log["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("RL303", "warning"), ("RL104", "error")]


def test_every_rule_carries_help_as_text_and_markdown_and_links_its_doc() -> None:
    rules = {rule["id"]: rule for rule in sarif(BAD)["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {rule.code for rule in all_rules()}
    padding = rules["RL104"]
    assert "**Why:**" in padding["help"]["markdown"] and "**" not in padding["help"]["text"]
    assert "Why: diffs of hand-edited rows" in padding["help"]["text"]
    assert "- `padding` (default: `'auto'`)" in padding["help"]["markdown"]
    assert padding["helpUri"] == "https://github.com/readme-lint/readme-lint/blob/main/docs/rules.md#rl104-cell-spacing"
    assert padding["fullDescription"]["markdown"] == find_rule("RL104").doc()  # type: ignore[union-attr]
    assert rules["RL503"]["defaultConfiguration"] == {"level": "note", "enabled": False}


def _fingerprints(log: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["partialFingerprints"]["readmeLintFingerprint/v1"],
        )
        for r in log["runs"][0]["results"]
    ]


def test_fingerprints_survive_rows_added_above() -> None:
    before = _fingerprints(sarif(BAD))
    moved = BAD.replace(row(3, date="2023.01"), CLEAN_EARLIER_ROW + row(3, date="2023.01"))  # all move down
    after = _fingerprints(sarif(moved))
    assert [code for code, *_ in before] == ["RL303", "RL104"]
    assert [(code, line + 1) for code, line, _ in before] == [(code, line) for code, line, _ in after]
    assert [print_ for *_, print_ in before] == [print_ for *_, print_ in after]


def test_identical_findings_get_distinct_fingerprints() -> None:
    """The same row pasted twice: two RL104 findings on identical text are still two alerts."""
    twice = table(row(1), row(2, affiliation=" Meta"), row(2, affiliation=" Meta"))
    prints = [print_ for code, _, print_ in _fingerprints(sarif(twice)) if code == "RL104"]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_a_run_that_could_not_finish_is_not_a_clean_log() -> None:
    log = sarif(BAD, errors=(".readme-lint.toml: unknown key 'slect'",))
    validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": ".readme-lint.toml: unknown key 'slect'"}}
    ]


def test_sarif_and_annotation_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    """Issue 19 item 6: run from a subfolder, the paths were ``../README.md``; GitHub wants them from the root."""
    import json

    from tests.conftest import init_git_repo, row, run_command, table

    init_git_repo(tmp_path)
    (tmp_path / "README.md").write_text(table(row(1, affiliation=" DeepSeek")))
    (tmp_path / "docs").mkdir()
    sarif = json.loads(run_command(["--output-format", "sarif", "../README.md"], cwd=tmp_path / "docs").stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "README.md"
    github = run_command(["--output-format", "github", "../README.md"], cwd=tmp_path / "docs").stdout
    assert "file=README.md," in github and "../" not in github
    text = run_command(["../README.md"], cwd=tmp_path / "docs").stdout
    assert text.startswith("../README.md:6:")  # the text report stays relative to where you are
