"""Link settings and the link cache on hostile values (issue 14): clear errors or a rebuilt cache, never a traceback."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from readme_lint.cli import main
from readme_lint.links.cache import MARKER, LinkCache, folder_problem
from tests.conftest import init_git_repo, link_cache, run_command
from tests.linkserver import LinkServer


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str):
    monkeypatch.chdir(tmp_path)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("timeout = 0", "links.timeout: expected a number of seconds, more than 0 and at most 600"),
        ("timeout = nan", "links.timeout: expected a number of seconds"),
        ("timeout = inf", "links.timeout: expected a number of seconds"),
        ("min-interval = inf", "links.min-interval: expected a number of seconds"),
        ("deadline = inf", "links.deadline: expected a number of seconds"),
        ("deadline = 0", "links.deadline: expected a number of seconds, more than 0"),
        ("cache-max-age = 1e30", "links.cache-max-age: expected a number of seconds"),
        ('accept = ["999-100"]', "links.accept: '999-100' is an empty range (the low code comes first)"),
        ("max-concurrency = 1000000000", "links.max-concurrency: expected a whole number from 1 to 256"),
        ("retries = 1000", "links.retries: expected a whole number from 0 to 10"),
        ('exclude = ["(a+)+$"]', "links.exclude: '(a+)+$' repeats a repeated group"),
        ('exclude = ["(a|aa)*$"]', "links.exclude: '(a|aa)*$' repeats an alternation"),
        ('exclude = ["(x)\\\\1"]', "links.exclude: '(x)\\\\1' uses a backreference"),
        ('cache-dir = "/tmp/elsewhere"', "links.cache-dir: expected a folder inside the repository"),
        ('cache-dir = "../../elsewhere"', "links.cache-dir: expected a folder inside the repository"),
        ('cache-dir = "."', "links.cache-dir: '.' is the config's own folder; the cache needs a folder of its own"),
        ('cache-dir = "./"', "links.cache-dir: './' is the config's own folder"),
        ('cache-dir = "./."', "links.cache-dir: './.' is the config's own folder"),
        ('arxiv-api = "http://127.0.0.1:80\\\\@export.arxiv.org/api"', "links.arxiv-api: backslash in URL"),
        ('token-hosts = ["evil.example"]', "links.token-hosts: not a setting any more"),
        ('hosts."x.org".headers = { Host = "evil" }', "'Host' cannot be set (framing or not a header name)"),
        ('hosts."x.org".headers = { "Transfer-Encoding" = "chunked" }', "'Transfer-Encoding' cannot be set"),
        ('hosts."x.org".headers = { X = "a\\r\\nInjected: 1" }', "headers.X: control characters"),
    ],
)
def test_bad_link_settings_are_config_errors_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], setting: str, message: str
) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".readme-lint.toml").write_text(f"[links]\n{setting}\n")
    start = time.monotonic()
    code, _, err = run(tmp_path, monkeypatch, capsys)
    assert time.monotonic() - start < 5
    assert code == 2
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "nan"], "'--timeout': not a number"),
        (["--timeout", "inf"], "--timeout"),
        (["--timeout", "0"], "--timeout"),
        (["--max-concurrency", "1000000000"], "--max-concurrency"),
    ],
)
def test_bad_link_options_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    code, _, err = run(tmp_path, monkeypatch, capsys, "--check-links", *args)
    assert code == 2 and message in err


def test_polynomial_exclude_patterns_are_stopped_by_the_time_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``.*.*.*x`` passes the shape check but backtracks for minutes on a long URL: the budget ends it."""
    (tmp_path / "README.md").write_text(f"# x\n\n- [a](http://127.0.0.1:9/{'a' * 3000})\n")
    (tmp_path / ".readme-lint.toml").write_text('[links]\nexclude = [".*.*.*x"]\n')
    start = time.monotonic()
    code, _, err = run(tmp_path, monkeypatch, capsys, "--check-links", "--no-cache")
    assert time.monotonic() - start < 8
    assert code == 2
    assert "links.exclude: '.*.*.*x' took too long (over 2 s); simplify it" in err


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "not json",
        '{"version": 1, "entries": []}',
        '{"version": 1, "entries": {"URL": 5}}',
        '{"version": 1, "entries": {"URL": {"kind": "ok", "checked": "x"}}}',
        '{"version": 1, "entries": {"URL": {"kind": "ok", "checked": 1e30}}}',
        '{"version": 1, "entries": {"URL": {"kind": "ok", "checked": NaN}}}',
        '{"version": 1, "entries": {"URL": {"kind": "broken", "checked": 0}}}',
        '{"version": 1, "entries": {"URL": {"kind": "ok", "status": "200", "checked": 0}}}',
        '{"version": 1, "entries": {"URL": {"kind": "redirect", "checked": 0}}}',
        '{"version": 1, "entries": {"arxiv:2305.10001": {"title": 3, "checked": 0}}}',
    ],
)
def test_a_malformed_cache_is_ignored_and_rebuilt(tmp_path: Path, content: str) -> None:
    with LinkServer() as server:
        url = f"{server.url}/ok"
        cache = link_cache(tmp_path)
        cache.mkdir(parents=True)
        (cache / "links.json").write_text(
            content.replace("URL", url).replace('"checked": 0', f'"checked": {time.time()}')
        )
        (tmp_path / "README.md").write_text(f"# x\n\n- [a]({url})\n- [p](https://arxiv.org/abs/2305.10001)\n")
        (tmp_path / ".readme-lint.toml").write_text(f'[links]\narxiv-api = "{server.url}/api/query"\n')
        server.papers["2305.10001"] = ("A paper", "")
        code = main(["--check-links", "--allow-private", "-q", str(tmp_path / "README.md")])
        assert code == 0
        assert server.counts["/ok"] == 1  # asked again: the bad entry was not trusted
    rebuilt = json.loads((cache / "links.json").read_text())
    assert rebuilt["version"] == 1 and rebuilt["entries"][url]["kind"] == "ok"
    assert isinstance(rebuilt["entries"][url]["checked"], float)


def test_a_symlinked_cache_folder_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "cache").symlink_to(outside)
    with LinkServer() as server:
        (repo / "README.md").write_text(f"# x\n\n- [a]({server.url}/ok)\n")
        (repo / ".readme-lint.toml").write_text('[links]\ncache-dir = "cache"\n')  # no git: a cache-dir is used
        assert main(["--check-links", "--allow-private", "-q", str(repo / "README.md")]) == 0
    assert list(outside.iterdir()) == []


def test_cache_gitignore_is_never_written_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "outside.txt"
    cache_dir = tmp_path / "repo" / ".readme-lint-cache"
    cache_dir.mkdir(parents=True)
    (cache_dir / ".gitignore").symlink_to(target)  # dangling: a plain write would create the outside file
    cache = LinkCache(cache_dir, 100.0, tmp_path / "repo")
    cache.put("http://example.org/", {"kind": "ok", "status": 200, "detail": "", "final_url": None})
    cache.save()
    assert not target.exists()
    assert json.loads((cache_dir / "links.json").read_text())["entries"]["http://example.org/"]["kind"] == "ok"


def git_status(repo: Path) -> list[str]:
    listed = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "-uall"], capture_output=True, text=True)
    return sorted(listed.stdout.splitlines())


@pytest.mark.parametrize(
    ("setting", "cwd", "problem"),
    [
        ("docs", ".", "'docs' holds files that are not a readme-lint cache"),  # the project's own files
        ("root-link", ".", "'root-link' is the repository root"),  # a symlink back to the root
        ("docs", "docs", "'docs' is the working folder"),  # run from the folder the cache would hide
    ],
)
def test_cache_dir_must_be_a_folder_of_its_own(tmp_path: Path, setting: str, cwd: str, problem: str) -> None:
    """Issue 17 item 11: the cache's ``.gitignore`` of ``*`` never lands where it hides the project's files."""
    repo = tmp_path / "repo"
    init_git_repo(repo)
    (repo / "docs").mkdir()
    (repo / "docs" / "notes.md").write_text("untracked notes\n")
    (repo / "root-link").symlink_to(".")
    with LinkServer() as server:
        (repo / "README.md").write_text(f"# x\n\n- [a]({server.url}/ok)\n")
        (repo / ".readme-lint.toml").write_text(f'[links]\ncache-dir = "{setting}"\n')
        before = git_status(repo)
        result = run_command(["--check-links", "--allow-private", str(repo / "README.md")], cwd=repo / cwd)
        assert server.counts["/ok"] == 0  # refused before any link is checked
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"readme-lint: error: {repo / '.readme-lint.toml'}: links.cache-dir: {problem}; "
        "the cache needs a folder of its own"
    ]
    assert not (repo / ".gitignore").exists() and not (repo / "docs" / ".gitignore").exists()
    assert git_status(repo) == before and "?? docs/notes.md" in before


def test_a_new_an_empty_or_our_own_cache_folder_is_used(tmp_path: Path) -> None:
    """What stays allowed: a folder that does not exist yet, an empty one, and one readme-lint made before
    (outside a git work tree: inside one a ``links.cache-dir`` is not used at all)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "empty").mkdir()
    with LinkServer() as server:
        (repo / "README.md").write_text(f"# x\n\n- [a]({server.url}/ok)\n")
        for setting in ("cache/links", "empty", "cache/links"):  # the last run finds its own cache from the first
            (repo / ".readme-lint.toml").write_text(f'[links]\ncache-dir = "{setting}"\n')
            result = run_command(["--check-links", "--allow-private", "README.md"], cwd=repo)
            assert result.returncode == 0, result.stderr
            assert (repo / setting / ".gitignore").read_text().startswith(MARKER)
        assert server.counts["/ok"] == 2  # the third run answered from the cache the first one wrote
    assert "Links: 1 checked, 1 ok, 0 broken, 0 redirected, 0 unverifiable, 0 excluded, 1 cached." in result.stdout


def test_a_look_alike_marker_is_only_ours_when_it_is_a_regular_file(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (tmp_path / "gitignore").write_text(MARKER + "*\n")
    (folder / ".gitignore").symlink_to(tmp_path / "gitignore")
    assert folder_problem(folder, {}) == "holds files that are not a readme-lint cache"
    (folder / ".gitignore").unlink()
    (folder / ".gitignore").write_text(MARKER + "*\n")
    (folder / "links.json").write_text("{}")
    assert folder_problem(folder, {}) is None
    (tmp_path / "file").write_text("")
    assert folder_problem(tmp_path / "file", {}) == "is not a folder"


def test_the_default_cache_lives_where_the_environment_says(tmp_path: Path) -> None:
    """Outside the working tree: READMELINT_CACHE_DIR, the runner's per-job temp folder, the user cache folder."""
    from readme_lint.links.cache import default_root, folder_for, work_tree

    home = str(tmp_path / "home")
    assert default_root({"READMELINT_CACHE_DIR": "/c", "RUNNER_TEMP": "/r", "GITHUB_ACTIONS": "true"}) == Path("/c")
    assert default_root({"RUNNER_TEMP": "/r", "GITHUB_ACTIONS": "true", "XDG_CACHE_HOME": "/x"}) == Path(
        "/r/readme-lint-cache"
    )
    assert default_root({"RUNNER_TEMP": "/r", "XDG_CACHE_HOME": "/x"}) == Path("/x/readme-lint")  # not a job
    assert default_root({"XDG_CACHE_HOME": "relative", "READMELINT_CACHE_DIR": ""}) != Path("relative/readme-lint")
    assert folder_for(Path("/c"), tmp_path) != folder_for(Path("/c"), tmp_path / "other")
    assert folder_for(Path("/c"), tmp_path).parent == Path("/c/links")
    init_git_repo(tmp_path / "repo")
    (tmp_path / "repo" / "deep").mkdir()
    assert work_tree(tmp_path / "repo" / "deep" / "cache") == (tmp_path / "repo").resolve()
    assert work_tree(Path(home)) is None
