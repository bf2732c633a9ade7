"""Online link checking against a real HTTP server on 127.0.0.1 (no mocks, no internet)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from readme_lint.links.service import LinkService
from readme_lint.links.settings import parse_link_settings
from tests.conftest import link_cache, run_command
from tests.linkserver import LinkServer


@pytest.fixture
def server() -> LinkServer:
    with LinkServer() as running:
        yield running


def write_list(directory: Path, links: list[str], server: LinkServer, extra_config: str = "") -> Path:
    """A README whose paragraph lists ``links``, and a config pointing the arXiv API at the server."""
    lines = "".join(f"- [link {n}]({link})\n" for n, link in enumerate(links))
    (directory / "README.md").write_text(f"# Links\n\n{lines}")
    (directory / ".readme-lint.toml").write_text(
        f'[links]\narxiv-api = "{server.url}/api/query"\narxiv-interval = 0\nretries = 2\ntimeout = 2\n{extra_config}'
    )
    return directory / "README.md"


def check(directory: Path, *args: str) -> tuple[list[dict], str, int]:
    result = run_command(["--check-links", "--allow-private", "--output-format", "json", *args], cwd=directory)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout), result.stderr, result.returncode


def by_code(found: list[dict]) -> dict[str, list[int]]:
    codes: dict[str, list[int]] = {}
    for item in found:
        codes.setdefault(item["code"], []).append(item["line"])
    return codes


def test_verdicts_for_every_kind_of_answer(server: LinkServer, tmp_path: Path) -> None:
    links = [
        "/ok",
        "/notfound",
        "/gone",
        "/error",
        "/flaky/1",
        "/moved",
        "/moved308",
        "/temp",
        "/ratelimited/1",
        "/always429",
        "/nohead",
        "/botwall",
        "/loop",
    ]
    write_list(tmp_path, [server.url + link for link in links], server, "max-redirects = 3\n")
    found, _, code = check(tmp_path)
    line = {link: n + 3 for n, link in enumerate(links)}
    codes = by_code(found)
    assert code == 1
    assert codes["RL210"] == [line["/notfound"], line["/gone"], line["/error"], line["/loop"]]
    assert codes["RL211"] == [line["/moved"], line["/moved308"]]
    assert codes["RL213"] == [line["/always429"], line["/botwall"]]
    messages = {item["line"]: item["message"] for item in found}
    assert messages[line["/notfound"]] == "Link is broken: HTTP 404"
    assert messages[line["/error"]] == "Link is broken: HTTP 500 (after 3 tries)"
    assert messages[line["/moved"]] == f"Link moved permanently to {server.url}/ok"
    assert "more than 3 redirects" in messages[line["/loop"]]
    text = (tmp_path / "README.md").read_text().splitlines()
    first = next(item for item in found if item["line"] == line["/notfound"])
    assert text[first["line"] - 1][first["column"] - 1 : first["end_column"] - 1] == server.url + "/notfound"
    assert server.counts["/flaky/1"] == 2 and server.counts["/ratelimited/1"] == 2
    assert server.counts["/error"] == 6  # HEAD and GET, three tries: retries are bounded


def test_redirect_fix_is_unsafe_and_rewrites_the_link(server: LinkServer, tmp_path: Path) -> None:
    readme = write_list(tmp_path, [server.url + "/moved"], server)
    run_command(["--check-links", "--allow-private", "--fix"], cwd=tmp_path)
    assert "/moved" in readme.read_text()
    run_command(["--check-links", "--allow-private", "--fix", "--unsafe-fixes", "--no-cache"], cwd=tmp_path)
    assert f"({server.url}/ok)" in readme.read_text()


def test_each_url_once_and_the_cache(server: LinkServer, tmp_path: Path) -> None:
    links = [server.url + "/ok", server.url + "/ok#section", server.url + "/page", server.url + "/notfound"]
    write_list(tmp_path, links, server)
    _, _, _ = check(tmp_path)
    assert server.counts["/ok"] == 1 and server.counts["/page"] == 1
    cache = link_cache(tmp_path)  # outside the working tree (issue 17 item 6)
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    assert not (tmp_path / ".readme-lint-cache").exists()
    server.reset()
    found, _, _ = check(tmp_path)
    assert server.counts["/ok"] == 0 and server.counts["/page"] == 0  # passed links are not asked again
    assert server.counts["/notfound"] == 2  # failures are never cached (HEAD, then GET)
    assert by_code(found)["RL210"] == [6]
    server.reset()
    check(tmp_path, "--no-cache")
    assert server.counts["/ok"] == 1


def test_text_summary_counts(server: LinkServer, tmp_path: Path) -> None:
    write_list(
        tmp_path,
        [server.url + "/ok", server.url + "/moved", server.url + "/botwall"],
        server,
        'exclude = ["/excluded"]\n',
    )
    (tmp_path / "README.md").write_text((tmp_path / "README.md").read_text() + f"- [x]({server.url}/excluded)\n")
    result = run_command(["--check-links", "--allow-private"], cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == (
        "Links: 3 checked, 1 ok, 0 broken, 1 redirected, 1 unverifiable, 1 excluded, 0 cached."
    )


def test_per_host_limit_is_never_exceeded(server: LinkServer, tmp_path: Path) -> None:
    write_list(tmp_path, [f"{server.url}/slow/{n}" for n in range(16)], server, "max-per-host = 3\n")
    start = time.monotonic()
    check(tmp_path)
    elapsed = time.monotonic() - start
    assert server.peak == 3
    assert sum(server.counts[f"/slow/{n}"] for n in range(16)) == 16
    assert elapsed >= 16 / 3 * 0.2 * 0.9


def test_min_interval_spaces_requests_to_one_host(server: LinkServer, tmp_path: Path) -> None:
    settings = parse_link_settings({"min-interval": 0.2}, allow_private=True, use_cache=False)
    service = LinkService(settings, None)
    start = time.monotonic()
    service.report([f"{server.url}/bulk/{n}" for n in range(5)], [])
    assert time.monotonic() - start >= 0.8
    assert server.peak == 1


def test_token_is_never_sent_to_other_hosts_nor_across_redirects(server: LinkServer, tmp_path: Path) -> None:
    """Token hosts are fixed in the code (https to github.com, api.github.com): a local server never sees it."""
    write_list(tmp_path, [server.url + "/to-other", server.url + "/ok"], server)
    os.environ["GITHUB_TOKEN"] = "secret-token"
    try:
        found, stderr, _ = check(tmp_path)
    finally:
        del os.environ["GITHUB_TOKEN"]
    assert {host.split(":")[0] for host, _ in server.auth} == {"127.0.0.1", "localhost"}
    assert all(auth is None for _, auth in server.auth)
    assert "secret-token" not in json.dumps(found) + stderr
    assert "secret-token" not in "".join(p.read_text() for p in link_cache(tmp_path).glob("*.json"))


def test_private_addresses_are_refused_without_allow_private(server: LinkServer, tmp_path: Path) -> None:
    write_list(tmp_path, [server.url + "/ok", "http://169.254.169.254/latest/meta-data/"], server)
    result = run_command(["--check-links"], cwd=tmp_path)
    assert result.stdout.splitlines()[-1].startswith("Links: 0 checked") and "2 excluded" in result.stdout
    assert sum(server.counts.values()) == 0


def test_a_hanging_server_cannot_hold_the_run(server: LinkServer, tmp_path: Path) -> None:
    write_list(tmp_path, [server.url + "/hang", server.url + "/ok"], server)
    start = time.monotonic()
    found, _, _ = check(tmp_path, "--timeout", "0.5", "--no-cache")
    assert time.monotonic() - start < 10
    assert [item["message"] for item in found] == ["Link is broken: timed out after 0.5 s (after 3 tries)"]


def test_deadline_reports_the_rest_as_unchecked(server: LinkServer, tmp_path: Path) -> None:
    write_list(tmp_path, [f"{server.url}/slow/{n}" for n in range(12)], server, "max-per-host = 1\ndeadline = 0.5\n")
    found, _, _ = check(tmp_path)
    unchecked = [item for item in found if item["code"] == "RL213"]
    assert unchecked and all(item["message"].endswith("not checked before the deadline") for item in unchecked)
    assert sum(server.counts.values()) < 12


def test_arxiv_ids_in_batches_and_title_mismatch(server: LinkServer, tmp_path: Path) -> None:
    header = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"
    rows = []
    for n in range(250):
        identifier = f"2305.{10000 + n}"
        title = f"Paper number {n}: a study"
        server.papers[identifier] = (title, "")
        if n == 7:
            title = "A different paper"
        rows.append(f"|K|**{title}**|[[pdf](https://arxiv.org/abs/{identifier})]|A|2023.05|1|\n")
    rows.append("|K|**Ghost**|[[pdf](https://arxiv.org/abs/2305.99999)]|A|2023.05|1|\n")
    server.papers["2305.10001"] = ("Paper number 1:\n  a  $\\alpha$-study", "")
    rows[1] = "|K|**Paper number 1: a α-study**|[[pdf](https://arxiv.org/abs/2305.10001)]|A|2023.05|1|\n"
    (tmp_path / "README.md").write_text("## Papers\n\n" + header + "".join(rows))
    (tmp_path / ".readme-lint.toml").write_text(f'[links]\narxiv-api = "{server.url}/api/query"\narxiv-interval = 0\n')
    result = run_command(
        ["--check-links", "--allow-private", "--select", "RL212", "--output-format", "json"], cwd=tmp_path
    )
    found = json.loads(result.stdout)
    assert [(item["line"], item["message"]) for item in found] == [
        (12, "arXiv 2305.10007 is titled 'Paper number 7: a study', the row says 'A different paper'"),
        (255, "arXiv has no paper 2305.99999"),
    ]
    assert [len(ids) for ids in server.api_requests] == [100, 100, 51]
    assert sum(v for k, v in server.counts.items() if k != "/api/query") == 0  # abs pages are never fetched


def test_network_code_is_imported_only_for_online_checks(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "README.md").write_text("# x\n\n- [a](https://example.org)\n")
    code = (
        "import sys; from readme_lint.cli import main; main(['-q', 'README.md']);"
        " print(any(m in sys.modules for m in ('readme_lint.links.client', 'http.client', 'ssl', 'requests')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.strip().endswith("False")


def test_bad_links_settings_are_config_errors(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".readme-lint.toml").write_text("[links]\naccept = [200, 'ok']\n")
    result = run_command([], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("links.accept: 'ok' is not a status code or a range like '200-299'")


def test_reference_readme_against_a_local_mirror(server: LinkServer, tmp_path: Path) -> None:
    """The reference README with its links served by a local mirror: exactly the planted problems are found."""
    import re

    from tests.conftest import CORPUS, init_git_repo

    seed = CORPUS.parent / "seed" / "README.md"
    if not seed.exists():
        pytest.skip(f"reference README not found at {seed}")
    text = seed.read_text()
    mirrored = re.sub(r"https?://(?!arxiv\.org)([^)\s]+)", lambda m: f"{server.url}/mirror/{m.group(1)}", text)
    init_git_repo(tmp_path)
    (tmp_path / "README.md").write_text(mirrored)
    (tmp_path / ".readme-lint.toml").write_text(f'[links]\narxiv-api = "{server.url}/api/query"\narxiv-interval = 0\n')
    lines = mirrored.splitlines()

    def line_of(fragment: str) -> int:
        return next(number for number, line in enumerate(lines, start=1) if fragment in line)

    server.mirror["/mirror/www.usenix.org/conference/osdi22/presentation/yu"] = 404
    blob = "/mirror/github.com/shishishu/LLM-Inference-Acceleration/blob/main"
    intro = f"{blob}/more/lazyllm--dynamic-token-pruning-for-efficient-long-context-llm-inference/README.md"
    server.mirror[intro] = 404
    madsys = (
        "/mirror/madsys.cs.tsinghua.edu.cn/publication/low-latency-rnn-inference-with-cellular-batching/"
        "EUROSYS2018-gao.pdf"
    )
    server.mirror[madsys] = 301
    walled = (
        f"{blob}/kv-cache/efficient-memory-management-for-large-language-model-serving-with-pagedattention/README.md"
    )
    server.mirror[walled] = 403
    for match in re.finditer(r"\*\*(.+?)\*\*[^|]*\|\[\[pdf\]\(https://arxiv\.org/abs/([0-9.]+)", text):
        server.papers[match.group(2)] = (match.group(1), "")
    server.papers["2305.13245"] = ("Some Other Paper Entirely", "")  # the copy-paste-the-wrong-ID mistake
    del server.papers["2407.14057"]  # an ID arXiv does not know
    found, _, _ = check(tmp_path, "--select", "RL21")
    assert sorted((item["line"], item["code"]) for item in found) == sorted(
        [
            (line_of("usenix"), "RL210"),
            (line_of("lazyllm--"), "RL210"),
            (line_of("madsys"), "RL211"),
            (line_of("2305.13245"), "RL212"),
            (line_of("2407.14057"), "RL212"),
            (line_of("kv-cache/efficient-memory"), "RL213"),
        ]
    )


def test_diff_base_checks_only_links_on_changed_lines(server: LinkServer, tmp_path: Path) -> None:
    import subprocess

    readme = write_list(tmp_path, [server.url + "/notfound", server.url + "/ok"], server)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base"], cwd=tmp_path, check=True
    )
    readme.write_text(readme.read_text() + f"- [new]({server.url}/gone)\n")
    found, _, _ = check(tmp_path, "--diff-base", "HEAD")
    assert [(item["line"], item["code"]) for item in found] == [(5, "RL210")]
    assert server.counts["/notfound"] == 0 and server.counts["/ok"] == 0 and server.counts["/gone"] == 2


def test_every_link_github_renders_is_checked_as_github_resolves_it(server: LinkServer, tmp_path: Path) -> None:
    """Reference links (in a cell too), autolinks, bare URLs and raw HTML are checked; each finding stands at the
    URL as written (a reference link's at its definition); the request goes to GitHub's href: `a\\_b` is `a_b`,
    `&amp;` is `&` -- no false RL210 for the backslash."""
    u = server.url
    readme = write_list(tmp_path, [], server)
    readme.write_text(
        "# Links\n\n"
        f"See [the docs][docs], <{u}/auto-dead>, {u}/bare-dead. and [x]({u}/bulk/a\\_b).\n\n"
        f'<p><a href="{u}/bulk/q&amp;r">a</a> <img src="{u}/html-dead"></p>\n\n'
        "| Paper | Code |\n|---|---|\n"
        f"| [P][code] | {u}/gone |\n\n"
        f"[docs]: {u}/notfound\n"
        f"[code]: <{u}/ref-dead>\n"
        f"[unused]: {u}/never\n"
    )
    found, _, code = check(tmp_path)
    lines = readme.read_text().splitlines()
    spans = [
        (item["line"], lines[item["line"] - 1][item["column"] - 1 : item["end_column"] - 1])
        for item in found
        if item["code"] == "RL210"
    ]
    assert spans == [
        (3, f"{u}/auto-dead"),
        (3, f"{u}/bare-dead"),
        (5, f"{u}/html-dead"),
        (9, f"{u}/gone"),
        (11, f"{u}/notfound"),
        (12, f"{u}/ref-dead"),
    ]
    assert code == 1
    assert server.counts["/bulk/a_b"] == 1 and server.counts["/bulk/q&r"] == 1  # HEAD answered 200: one request
    assert server.counts["/never"] == 0  # a definition no link uses renders nothing
