"""`readme-lint add`: the row a careful maintainer would write, in the right place, with arXiv on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from readme_lint.document import Document
from tests.conftest import CORPUS, REFERENCE_TREE, init_git_repo, row, run_command, table
from tests.linkserver import LinkServer

CONFIGS = Path(__file__).resolve().parents[1] / "examples" / "configs"


@pytest.fixture
def arxiv() -> LinkServer:
    with LinkServer() as server:
        yield server


def api_config(server: LinkServer, extra: str = "") -> str:
    return f'{extra}\n[links]\narxiv-api = "{server.url}/api/query"\narxiv-interval = 0\n'


def lint_json(directory: Path) -> list[dict]:
    return json.loads(run_command(["--output-format", "json"], cwd=directory).stdout)


def test_add_from_arxiv_with_intro_in_date_order(arxiv: LinkServer, tmp_path: Path) -> None:
    init_git_repo(tmp_path, "https://github.com/OWNER/REPO.git")
    readme = tmp_path / "README.md"
    readme.write_text(
        table(
            row(1, date="2023.05"),
            row(2, date="2024.02", title="**Paper 2** [ICLR 2024]", paper="[[pdf](https://arxiv.org/abs/2402.10000)]"),
        )
    )
    (tmp_path / ".readme-lint.toml").write_text(api_config(arxiv))
    arxiv.papers["2311.01234"] = ("Multi-head Latent\n  Attention  with $\\alpha$-Scaling", "")
    arxiv.published["2311.01234"] = "2023-11-03"
    before = readme.read_text()
    result = run_command(
        [
            "add",
            "--allow-private",
            "https://arxiv.org/abs/2311.01234v2",
            "--section",
            "attention mechanism",
            "--keywords",
            "MLA",
            "--affiliation",
            "DeepSeek",
            "--venue",
            "ICLR 2025",
            "--citation",
            "12",
            "--intro",
        ],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    after = readme.read_text().splitlines()
    slug = "multi-head-latent-attention-with-α-scaling".replace("α", "-")
    expected = (
        "|MLA|**Multi-head Latent Attention with α-Scaling** [ICLR 2025]|[[pdf](https://arxiv.org/abs/2311.01234)] "
        f"[[intro](https://github.com/OWNER/REPO/blob/main/attention-mechanism/{slug}/README.md)]|DeepSeek|2023.11|12|"
    )
    assert after == [*before.splitlines()[:6], expected, *before.splitlines()[6:]]
    intro = tmp_path / "attention-mechanism" / slug / "README.md"
    assert intro.read_text().startswith("# Multi-head Latent Attention with α-Scaling\n\n## Core Idea")
    assert lint_json(tmp_path) == []
    assert list(arxiv.api_requests) == [["2311.01234"]]


def test_add_refuses_duplicates_unknown_sections_missing_and_withdrawn(arxiv: LinkServer, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(table(row(1)))
    (tmp_path / ".readme-lint.toml").write_text(api_config(arxiv))
    arxiv.papers["2401.00001"] = ("Gone Paper", "This paper has been withdrawn by the authors")
    cases = {
        "2305.13246": "arXiv 2305.13246 is already in the list (line 6)",
        "2401.99999": "arXiv has no paper 2401.99999",
        "2401.00001": "arXiv 2401.00001 has been withdrawn; not adding it",
    }
    for reference, message in cases.items():
        result = run_command(["add", "--allow-private", reference, "--section", "Attention Mechanism"], cwd=tmp_path)
        assert result.returncode == 1 and result.stderr.strip() == f"readme-lint: {message}"
    same_title = run_command(
        [
            "add",
            "--allow-private",
            "2402.00002",
            "--section",
            "Attention Mechanism",
            "--title",
            "paper 1: training models",
            "--date",
            "2024.02",
        ],
        cwd=tmp_path,
    )
    assert same_title.returncode == 1 and "already in the list (line 6)" in same_title.stderr
    unknown = run_command(
        ["add", "--allow-private", "2402.00002", "--section", "Nope", "--title", "T", "--date", "2024-02"], cwd=tmp_path
    )
    assert unknown.returncode == 1
    assert (
        unknown.stderr.strip() == "readme-lint: no section 'Nope' with a table; known sections: 'Attention Mechanism'"
    )
    assert (tmp_path / "README.md").read_text() == table(row(1))


def test_add_offline_dry_run_and_no_final_newline(tmp_path: Path) -> None:
    text = table(
        row(1, date="2023.05"),
        row(2, date="2024.01", title="**Paper 2** [ICLR 2024]", paper="[[pdf](https://arxiv.org/abs/2401.10000)]"),
    )
    readme = tmp_path / "README.md"
    readme.write_text(text.rstrip("\n").replace("\n", "\r\n"))
    args = [
        "add",
        "--allow-private",
        "https://example.org/paper.pdf",
        "--section",
        "Attention Mechanism",
        "--title",
        "Offline  Paper",
        "--date",
        "2024-05",
        "--keywords",
        "K",
    ]
    dry = run_command([*args, "--dry-run"], cwd=tmp_path)
    assert (
        dry.returncode == 0 and "+|K|**Offline Paper**|[[pdf](https://example.org/paper.pdf)]||2024.05||" in dry.stdout
    )
    assert readme.read_bytes() == text.rstrip("\n").replace("\n", "\r\n").encode()
    assert run_command(args, cwd=tmp_path).returncode == 0
    data = readme.read_bytes()
    assert data.endswith(b"|2024.05||") and data.count(b"\r\n") == text.count("\n")
    assert (
        run_command(
            ["add", "--allow-private", "https://example.org/x.pdf", "--section", "Attention Mechanism"], cwd=tmp_path
        ).returncode
        == 1
    )
    no_keywords = run_command(
        [
            "add",
            "--allow-private",
            "https://example.org/y.pdf",
            "--section",
            "Attention Mechanism",
            "--title",
            "Y",
            "--date",
            "2024.06",
        ],
        cwd=tmp_path,
    )
    assert no_keywords.stderr.strip() == "readme-lint: column 'Keywords' is required; give --keywords"


@pytest.mark.parametrize(
    "section", ["Review", "Attention Mechanism", "Quantization", "KV Cache", "Continuous Batching", "More"]
)
def test_add_to_every_reference_section_adds_no_diagnostic(section: str, arxiv: LinkServer, tmp_path: Path) -> None:
    if not REFERENCE_TREE.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    shutil.copy(REFERENCE_TREE / "README.md", tmp_path / "README.md")
    init_git_repo(tmp_path, "https://github.com/shishishu/LLM-Inference-Acceleration.git")
    (tmp_path / ".readme-lint.toml").write_text(api_config(arxiv))
    arxiv.papers["2406.01234"] = ("A Brand New Paper on Serving", "")
    arxiv.published["2406.01234"] = "2024-06-10"
    before = lint_json(tmp_path)
    result = run_command(
        ["add", "--allow-private", "2406.01234", "--section", section, "--keywords", "New", "--affiliation", "Lab"],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    line = int(result.stdout.strip().rsplit(" ", 1)[-1])
    after = lint_json(tmp_path)
    assert [d for d in after if d["line"] == line] == []
    assert sorted(d["code"] for d in after) == sorted(d["code"] for d in before)
    doc = Document.parse((tmp_path / "README.md").read_text())
    assert doc.section_at(line).title == section


@pytest.mark.parametrize("name", ["awesome-llm-inference", "awesome-llm", "awesome-rl-ai-agents"])
def test_add_to_other_schemas_through_config(name: str, arxiv: LinkServer, tmp_path: Path) -> None:
    source = CORPUS / name / "README.md"
    if not source.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    shutil.copy(source, tmp_path / "README.md")
    config = (CONFIGS / f"{name}.toml").read_text()
    (tmp_path / ".readme-lint.toml").write_text(config.replace("[rules.", api_config(arxiv) + "\n[rules.", 1))
    doc = Document.parse(source.read_text())
    section = next(s for s in doc.sections if s.heading and s.tables and len(s.tables[0].rows) > 2).title
    arxiv.papers["2406.01234"] = ("A Brand New Paper on Serving", "")
    arxiv.published["2406.01234"] = "2024-06-10"
    before = lint_json(tmp_path)
    args = ["add", "--allow-private", "2406.01234", "--section", section, "--keywords", "New", "--affiliation", "Lab"]
    result = run_command([*args, "--venue", "ICML 2024"], cwd=tmp_path)
    if name != "awesome-rl-ai-agents":  # no Venue column, no venue tags: a venue has no place (issue 18 item 6)
        assert result.returncode == 1 and "no place for a venue" in result.stderr
        result = run_command(args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    line = int(result.stdout.strip().rsplit(" ", 1)[-1])
    after = lint_json(tmp_path)
    assert [d for d in after if d["line"] == line] == []
    assert len(after) == len(before)


def _offline_repo(tmp_path: Path, heading: str = "## Attention Mechanism", config: str = "") -> tuple[Path, Path]:
    repository = tmp_path / "repo"
    repository.mkdir()
    init_git_repo(repository, "https://github.com/OWNER/REPO.git")
    readme = repository / "README.md"
    readme.write_text(table(row(1), heading=heading))
    if config:
        (repository / ".readme-lint.toml").write_text(config)
    return repository, readme


def _add(repository: Path, section: str, *extra: str):  # type: ignore[no-untyped-def]
    args = ["add", "https://example.org/p.pdf", "--section", section, "--title", "T", "--date", "2024.05"]
    return run_command([*args, "--keywords", "K", *extra], cwd=repository)


def _tree(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*") if ".git" not in p.parts)


@pytest.mark.parametrize(
    ("heading", "problem"), [("## ..", "outside the repository"), ("## .", "is not a folder name")]
)
def test_add_intro_never_creates_folders_outside_the_repository(tmp_path: Path, heading: str, problem: str) -> None:
    repository, readme = _offline_repo(tmp_path, heading)
    before, outside = readme.read_text(), _tree(tmp_path)
    result = _add(repository, heading[3:], "--intro")
    assert result.returncode == 1, result.stdout
    assert result.stderr.strip().startswith("readme-lint: the intro folder ")
    assert problem in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert readme.read_text() == before and _tree(tmp_path) == outside


@pytest.mark.parametrize("folder", ["/abs", "../../x"])
def test_add_refuses_a_section_folder_that_leaves_the_repository(tmp_path: Path, folder: str) -> None:
    repository, readme = _offline_repo(tmp_path, config=f'[sections."Attention Mechanism"]\nfolder = "{folder}"\n')
    before, outside = readme.read_text(), _tree(tmp_path)
    result = _add(repository, "Attention Mechanism", "--intro")
    assert result.returncode == 2 and "expected a folder inside the repository" in result.stderr
    assert "Traceback" not in result.stderr
    assert readme.read_text() == before and _tree(tmp_path) == outside
    assert not Path("/abs").exists()


@pytest.mark.parametrize("template", ["/etc/hostname", "../secret.md", "link.md"])
def test_add_refuses_an_intro_template_outside_the_repository(tmp_path: Path, template: str) -> None:
    (tmp_path / "secret.md").write_text("SECRET\n")
    repository, readme = _offline_repo(tmp_path, config=f'intro-template = "{template}"\n')
    (repository / "link.md").symlink_to(tmp_path / "secret.md")
    before = readme.read_text()
    result = _add(repository, "Attention Mechanism", "--intro")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("readme-lint: the intro template ")
    assert "outside the repository" in result.stderr
    assert readme.read_text() == before
    assert _tree(repository) == [".readme-lint.toml", "README.md", "link.md"]


def test_add_writes_nothing_when_the_intro_folder_cannot_be_created(tmp_path: Path) -> None:
    repository, readme = _offline_repo(tmp_path)
    (repository / "attention-mechanism").write_text("a file where the section folder should be\n")
    before = readme.read_text()
    result = _add(repository, "Attention Mechanism", "--intro")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("readme-lint: cannot create the intro attention-mechanism/t/README.md")
    assert readme.read_text() == before
    assert _tree(repository) == ["README.md", "attention-mechanism"]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--keywords", "MLA\n|x|y|"),
        ("--affiliation", "A\rB"),
        ("--venue", "ICLR\n2025"),
        ("--citation", "1\x1b[2J"),
        ("--url", "https://example.org/a b.pdf"),
        ("--url", "https://example.org/a\n.pdf"),
        ("--url", "javascript:alert(1)"),
        ("--date", "0000.05"),
    ],
)
def test_add_rejects_fields_that_would_break_the_row(tmp_path: Path, option: str, value: str) -> None:
    repository, readme = _offline_repo(tmp_path)
    before = readme.read_text()
    result = _add(repository, "Attention Mechanism", option, value)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"readme-lint: {option}: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert readme.read_text() == before


def test_add_refuses_what_the_list_has_no_place_for_and_writes_nothing(tmp_path: Path) -> None:
    """Issue 18 item 6: on a 5-column list outside the built-in schema, `--venue` and `--intro` were dropped
    from the row while the intro file was created; the next lint reported the row (RL403, RL404)."""
    init_git_repo(tmp_path, "https://github.com/me/papers.git")
    rows = [
        f"|2024.0{n}|[**P{n}**] Paper {n}|[[pdf]](https://arxiv.org/abs/240{n}.0000{n})|[[code]](https://x.org/{n})|⭐️|"
        for n in range(1, 6)
    ]
    text = "## Serving\n\n|Date|Title|Paper|Code|Recom|\n|:---|:---|:---|:---|:---|\n" + "\n".join(rows) + "\n"
    readme = tmp_path / "README.md"
    readme.write_text(text)
    base = ["add", "--allow-private", "https://example.org/p.pdf", "--section", "Serving", "--title", "New Paper"]
    base += ["--date", "2024.06"]
    venue = run_command([*base, "--venue", "ICLR 2025"], cwd=tmp_path)
    assert venue.returncode == 1 and "no place for a venue" in venue.stderr
    intro = run_command([*base, "--intro"], cwd=tmp_path)
    assert intro.returncode == 1 and "link no intro README" in intro.stderr
    assert readme.read_text() == text and sorted(p.name for p in tmp_path.iterdir()) == [".git", "README.md"]
    added = run_command(base, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "|2024.06|New Paper|[[pdf]](https://example.org/p.pdf)|" in readme.read_text()
