"""Config discovery and validation: every bad key or value is a one-line error naming key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from readme_lint.config import ConfigError, ConfigLoader, load_file, parse_config
from readme_lint.decide import settle
from readme_lint.diagnostics import Severity
from readme_lint.linter import Selection, enabled_rules
from readme_lint.repo import origin_repository
from tests.conftest import init_git_repo


def codes(config_data: dict, selection: Selection | None = None) -> list[str]:
    selection = selection or Selection()
    return [rule.code for rule in enabled_rules(parse_config(config_data, None, None), selection)]


def test_defaults_enable_everything_but_opt_in_rules() -> None:
    enabled = codes({})
    assert "RL101" in enabled and "RL601" in enabled and "RL503" not in enabled


def test_selectors_prefixes_names_and_specificity() -> None:
    assert codes({"select": ["RL4"]}) == ["RL401", "RL402", "RL403", "RL404", "RL405"]
    assert codes({"select": ["RL4"], "ignore": ["RL401"]}) == ["RL402", "RL403", "RL404", "RL405"]
    assert codes({"select": ["intro-path"], "ignore": ["RL4"]}) == ["RL401"]
    assert "RL503" in codes({"extend-select": ["RL503"]})
    assert codes({}, Selection(select=("RL1",), ignore=("RL102",))) == [
        "RL101",
        "RL103",
        "RL104",
        "RL105",
        "RL106",
        "RL107",
        "RL108",
        "RL109",
        "RL110",
        "RL111",
        "RL112",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"colour": 1}, "colour: unknown key"),
        ({"select": "RL1"}, "select: expected a list of strings"),
        ({"select": ["XX9"]}, "'XX9' matches no rule"),
        ({"rules": {"RL999": {}}}, "rules.RL999: unknown rule"),
        ({"rules": {"RL501": {"order": "sideways"}}}, "rules.RL501.order: expected one of"),
        ({"rules": {"RL501": {"speed": 1}}}, "rules.RL501.speed: unknown option"),
        ({"rules": {"RL501": {"severity": "fatal"}}}, "severity: expected 'error', 'warning' or 'info'"),
        ({"rules": {"RL302": {"min-year": True}}}, "min-year: expected an integer, got a boolean"),
        ({"columns": [{"name": "Date", "format": "when"}]}, "columns[0].format: expected one of"),
        ({"columns": [{"name": "Date", "size": 3}]}, "columns[0].size: unknown key"),
        ({"selcet": ["RL1"]}, "selcet: unknown key (did you mean 'select'?)"),  # as ruff and click suggest
        ({"columns": [{"name": "D", "requird": 1}]}, "columns[0].requird: unknown key (did you mean 'required'?)"),
        ({"sections": {"A": {"ignor": []}}}, "sections.\"A\".ignor: unknown key (did you mean 'ignore'?)"),
        ({"links": {"timout": 3}}, "links.timout: unknown key (did you mean 'timeout'?)"),
        ({"repository": "not a repo"}, "repository: expected 'owner/name'"),
        ({"branch": "main\n|x|"}, "branch: expected a branch name"),
        ({"branch": "a b"}, "branch: expected a branch name"),
        ({"branch": "a/../b"}, "branch: expected a branch name"),
        ({"branch": "a)"}, "branch: expected a branch name"),
        ({"sections": {"A": {"order": "none"}}}, 'sections."A".order: unknown key'),
        ({"columns": [{"name": "Date", "format": "date", "pattern": "YYYY.MM.MM"}]}, "'MM' and 'MM' both"),
        ({"columns": [{"name": "Date", "format": "date", "pattern": "YYYY YYYY"}]}, "'YYYY' and 'YYYY' both"),
        ({"columns": [{"name": "Date", "format": "date", "pattern": "YYYY.YY"}]}, "'YYYY' and 'YY' both"),
        ({"columns": [{"name": "Date", "format": "date", "pattern": "M/D/DD/YYYY"}]}, "'D' and 'DD' both"),
        ({"columns": [{"name": "T", "template": "{url"}]}, "columns[0].template: expected"),
        ({"columns": [{"name": "T", "template": "{title.__class__}"}]}, "columns[0].template: expected"),
        ({"columns": [{"name": "T", "template": "{title:>999999999}"}]}, "columns[0].template: expected"),
        ({"columns": [{"name": "T", "template": "{0}"}]}, "columns[0].template: expected"),
        ({"rules": {"RL202": {"labels": ["pdf", 1]}}}, "rules.RL202.labels: expected a list of strings"),
        ({"rules": {"RL202": {"required": [1]}}}, "rules.RL202.required: expected a list of strings"),
        ({"rules": {"RL502": {"headings": [2]}}}, "rules.RL502.headings: expected a list of strings"),
        ({"rules": {"RL503": {"headings": [True]}}}, "rules.RL503.headings: expected a list of strings"),
        ({"rules": {"RL105": {"placeholders": [0]}}}, "rules.RL105.placeholders: expected a list of strings"),
        ({"sections": {"A": {"folder": "/etc"}}}, 'sections."A".folder: expected a folder inside the repository'),
        ({"sections": {"A": {"folder": "../../x"}}}, 'sections."A".folder: expected a folder inside the repository'),
        ({"sections": {"A": {"folder": "a/../../x"}}}, 'sections."A".folder: expected a folder inside'),
        ({"sections": {"A": {"folder": "a\\..\\..\\x"}}}, 'sections."A".folder: expected a folder inside'),
        ({"sections": {"A": {"folder": "C:/x"}}}, 'sections."A".folder: expected a folder inside the repository'),
        ({"sections": {"A": {"folder": "a\nb"}}}, 'sections."A".folder: expected a folder inside the repository'),
    ],
)
def test_bad_config_is_named(data: dict, message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        settle(parse_config(data, tmp_path / ".readme-lint.toml", None))
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert str(tmp_path / ".readme-lint.toml") in str(error.value)


def test_discovery_dedicated_file_wins_and_stops_at_repo_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.readme-lint]\nignore = ["RL101"]\n')
    repo = tmp_path / "repo"
    init_git_repo(repo)
    docs = repo / "docs"
    docs.mkdir()
    readme = docs / "README.md"
    readme.write_text("")
    assert ConfigLoader().for_file(readme).source is None  # above the repository root: not used
    (repo / "pyproject.toml").write_text(
        '[tool.readme-lint]\nignore = ["RL102"]\n[tool.readme-lint.rules.RL501]\nseverity = "warning"\n'
    )
    config = settle(ConfigLoader().for_file(readme))
    assert config.ignore == ("RL102",) and config.rule_severity == {"RL501": Severity.WARNING}
    assert config.root == repo
    (docs / ".readme-lint.toml").write_text('ignore = ["RL103"]\n')
    assert ConfigLoader().for_file(readme).ignore == ("RL103",)
    assert ConfigLoader(use_files=False).for_file(readme).ignore == ()


def test_invalid_toml_and_origin_remote(tmp_path: Path) -> None:
    bad = tmp_path / ".readme-lint.toml"
    bad.write_text("select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_file(bad)
    init_git_repo(tmp_path, "git@github.com:shishishu/LLM-Inference-Acceleration.git")
    assert origin_repository(tmp_path) == "shishishu/LLM-Inference-Acceleration"


@pytest.mark.parametrize("pattern", ["YYYY.MM", "YYYY-MM-DD", "DD.MM.YYYY", "YY/M", "YYYY", "M/D/YYYY"])
def test_date_patterns_with_each_token_once_are_accepted(pattern: str) -> None:
    config = parse_config({"columns": [{"name": "Date", "format": "date", "pattern": pattern}]}, None, None)
    assert config.columns[0].pattern == pattern


@pytest.mark.parametrize("template", ["[[pdf]]({url})", "{title} ({venue} {year})", "{unknown}", "{{literal}}"])
def test_plain_templates_are_accepted(template: str) -> None:
    config = parse_config({"columns": [{"name": "T", "template": template}]}, None, None)
    assert config.columns[0].template == template


@pytest.mark.parametrize("folder", ["attention", "a/b", "Attention Mechanism", "a..b"])
def test_section_folders_inside_the_repository_are_accepted(folder: str) -> None:
    config = parse_config({"sections": {"A": {"folder": folder}}}, None, None)
    assert config.section("a").folder == folder  # type: ignore[union-attr]


def test_config_types_and_the_decision_step_matches_rules(tmp_path: Path) -> None:
    """config.py knows no rule: rule tables wait, as written, until decide.settle keys them by code."""
    path = tmp_path / ".readme-lint.toml"
    path.write_text(
        '[rules.sort-order]\norder = "date"\nseverity = "warning"\n'
        '[sections."Old Papers".rules.RL501]\norder = "none"\n[sections."New".rules.column-count]\nseverity = "info"\n'
    )
    config = load_file(path)
    with pytest.raises(RuntimeError, match="settle"):
        config.rule_options  # noqa: B018 - reading it unsettled is the error under test
    assert settle(config) is config and settle(config) is config  # once, then a no-op
    assert config.rule_options == {"RL501": {"order": "date"}} and config.rule_severity == {"RL501": Severity.WARNING}
    assert config.sections["old papers"].rules == {"RL501": {"order": "none"}}
    assert config.sections["new"].severity == {"RL101": Severity.INFO} and config.sections["new"].rules == {}


def test_a_rule_error_names_the_file_and_the_key_like_any_config_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.readme-lint.sections."A".rules.sort-order]\nspeed = 1\n')
    with pytest.raises(ConfigError) as error:
        settle(ConfigLoader().for_file(tmp_path / "README.md"))
    assert str(error.value).startswith(f'{path}: tool.readme-lint.sections."A".rules.sort-order.speed: unknown option')
