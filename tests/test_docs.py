"""Docs stay in sync with the code: the README's rule table, rule docs, the quick start and .ci/run."""

from __future__ import annotations

import re
from pathlib import Path

from readme_lint.cli import render_rule_doc, rules_table
from readme_lint.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_rule_table_matches_registry() -> None:
    start = README.index("<!-- rules-table-start -->") + len("<!-- rules-table-start -->")
    end = README.index("<!-- rules-table-end -->")
    assert README[start:end].strip() == rules_table("markdown")


def test_every_rule_is_documented_like_ruff() -> None:
    codes = set()
    for rule in all_rules():
        assert re.fullmatch(r"RL[1-9][0-9]{2}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name
        assert rule.code not in codes
        codes.add(rule.code)
        doc = rule.doc()
        assert "**Why:**" in doc and "**Fix:**" in doc, rule.code
        assert rule.fix_safety in {"safe", "unsafe", "sometimes", "none"}
        for name, option in rule.options.items():
            assert option.validate(option.default) is None, (rule.code, name)
            assert f"  {name} (default:" in render_rule_doc(rule)


def test_quick_start_test_command_is_what_ci_runs() -> None:
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    assert len(commands) >= 2
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci.splitlines()
    assert "examples/README.md" in commands[0]


def test_quick_start_output_is_what_the_example_prints() -> None:
    from readme_lint.cli import main  # noqa: F401  (the command is exercised in test_cli)
    from tests.conftest import run_command

    shown = re.search(r"The first command prints:\n\n```text\n(.*?)\n```", README, re.S)
    assert shown is not None
    result = run_command(["examples/README.md"], cwd=ROOT)
    assert result.stdout.strip() == shown.group(1).strip()


def test_docs_links_exist() -> None:
    for target in re.findall(r"\]\(((?:docs|examples)/[^)#]*)\)", README):
        assert (ROOT / target).exists(), target


def test_ci_recipe_shows_real_output() -> None:
    from tests.conftest import run_command

    recipe = (ROOT / "docs" / "ci.md").read_text()
    shown = re.search(r"```text\n(.*?)\n```", recipe, re.S)
    assert shown is not None
    actual = run_command(["--output-format", "github", "examples/README.md"], cwd=ROOT).stdout.splitlines()
    for line in shown.group(1).splitlines():
        assert line in actual


def test_rules_page_matches_rule_docs() -> None:
    """docs/rules.md is generated: `python -m readme_lint.ruledocs > docs/rules.md` after changing a rule."""
    from readme_lint.ruledocs import rules_page

    assert (ROOT / "docs" / "rules.md").read_text() == rules_page()


def test_rules_page_anchors_are_the_sarif_help_uris() -> None:
    """Each helpUri's fragment is the anchor GitHub gives the rule's `## CODE name` heading."""
    from readme_lint.ruledocs import RULES_PAGE_URL, rule_url

    page = (ROOT / "docs" / "rules.md").read_text()
    headings = re.findall(r"^## (.+)$", page, re.M)
    github_anchors = {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}
    for rule in all_rules():
        base, fragment = rule_url(rule).split("#")
        assert base == RULES_PAGE_URL and fragment in github_anchors


def _yaml_blocks(text: str) -> list[object]:
    """Every ```yaml block, parsed; steps shown without their job are indented, so each is dedented first."""
    import textwrap

    import yaml

    return [yaml.safe_load(textwrap.dedent(block)) for block in re.findall(r"```yaml\n(.*?)\n```", text, re.S)]


def _steps(node: object) -> list[dict]:
    if isinstance(node, dict):
        found = [node] if "uses" in node or "run" in node else []
        return found + [step for value in node.values() for step in _steps(value)]
    if isinstance(node, list):
        return [step for value in node for step in _steps(value)]
    return []


def test_install_paths_in_the_docs_work_from_a_fresh_clone() -> None:
    """No PyPI install and no release tag: neither exists. Pins are commits (`<sha>`) or a local path."""
    for name, text in [("README.md", README), ("docs/ci.md", (ROOT / "docs" / "ci.md").read_text())]:
        assert not re.search(r"pip install (-U )?readme-lint\b", text), name
        assert not re.search(r"rev: v[0-9]", text), name
        assert not re.search(r"readme-lint/readme-lint@v[0-9]", text), name


def test_ci_recipes_use_only_inputs_the_action_declares() -> None:
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = [step for block in _yaml_blocks((ROOT / "docs" / "ci.md").read_text()) for step in _steps(block)]
    ours = [step for step in steps if str(step.get("uses", "")).startswith("readme-lint/readme-lint@")]
    assert len(ours) >= 3
    for step in ours:
        assert set(step.get("with", {})) <= set(action["inputs"]), step
    versions: dict[str, set[str]] = {}
    for step in steps:
        if "uses" in step:
            action_name, version = str(step["uses"]).split("@")
            versions.setdefault(action_name, set()).add(version)
    # the current major versions (looked up November 2026), one version per action across the recipes
    assert versions["actions/checkout"] == {"v7"} and versions["actions/setup-python"] == {"v7"}
    assert versions["github/codeql-action/upload-sarif"] == {"v4"} and versions["actions/cache"] == {"v5"}


def test_link_recipes_select_exactly_the_online_rules() -> None:
    """A scheduled links job that selects `RL2` would also run RL201-RL205 (offline table rules) on a schedule."""
    from readme_lint.selectors import specificity

    steps = [step for block in _yaml_blocks((ROOT / "docs" / "ci.md").read_text()) for step in _steps(block)]
    link_jobs = [step for step in steps if step.get("with", {}).get("check-links") and "--select" in str(step["with"])]
    assert link_jobs, "docs/ci.md shows a scheduled links job"
    online = {rule.code for rule in all_rules() if rule.online}
    for step in link_jobs:
        selected = str(step["with"]["args"]).split("--select", 1)[1].split()[0].split(",")
        chosen = {rule.code for rule in all_rules() if any(specificity(s, rule.code, rule.name) for s in selected)}
        assert chosen == online, step
