"""The link checker on hostile input (issue 14): every attack is played against a real server on 127.0.0.1.

The attack tests run WITHOUT ``--allow-private`` unless they say why, and assert that the server never
received the request (or the token): the guard holds by itself, not because loopback happens to be refused.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readme_lint.links.policy import TOKEN_HOSTS, UrlRejected, blocked_reason, clean_url, join, parse_target
from tests.conftest import init_git_repo, run_command
from tests.hostile import HostileServer, answer, closed_port, drip, endless, routes, silent
from tests.linkserver import LinkServer

TOKEN = "ghp_secret-token-value"


def lint(
    directory: Path,
    links: list[str],
    *args: str,
    config: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """README listing ``links``, then ``readme-lint --check-links`` on it; returns the finished process.

    ``config``: ``links`` settings (TOML values) on top of retries = 0, timeout = 2.
    """
    lines = "".join(f"- [link {n}]({link})\n" for n, link in enumerate(links))
    (directory / "README.md").write_text(f"# Links\n\n{lines}")
    settings = {"retries": "0", "timeout": "2", "arxiv-interval": "0", **(config or {})}
    toml = "".join(f"{key} = {value}\n" for key, value in settings.items())
    (directory / ".readme-lint.toml").write_text(f"[links]\n{toml}")
    command = [sys.executable, "-m", "readme_lint", "--check-links", "--no-cache", "--output-format", "json", *args]
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(command, cwd=directory, capture_output=True, text=True, env=environment, timeout=60)


def findings(result: subprocess.CompletedProcess[str]) -> list[tuple[int, str, str]]:
    assert "Traceback" not in result.stderr, result.stderr
    return [(item["line"], item["code"], item["message"]) for item in json.loads(result.stdout)]


# -- SSRF past the guard ---------------------------------------------------------------------------------------


DECOYS = [
    "http://127.0.0.1:{port}\\@example.invalid/x",  # urlsplit saw example.invalid, urllib3 127.0.0.1
    "http://%31%32%37.0.0.1:{port}/x",  # percent-encoded loopback
    "http://0177.0.0.1:{port}/x",  # octal, as inet_aton reads it
    "http://2130706433:{port}/x",  # 127.0.0.1 as one number
    "http://user@127.0.0.1:{port}/x",  # userinfo
    "http://example.invalid@127.0.0.1:{port}/x",
]


def test_decoy_urls_never_reach_loopback(tmp_path: Path) -> None:
    """All decoys in one README (one run): each is a finding, the server records no connection at all."""
    with HostileServer(answer("200 OK")) as server:
        result = lint(tmp_path, [template.format(port=server.port) for template in DECOYS])
        found = findings(result)
    assert server.received == b"" and server.connections == 0
    assert [(line, code) for line, code, _ in found] == [(3 + n, "RL210") for n in range(len(DECOYS))]
    assert all("unsafe or malformed URL" in message for _, _, message in found)
    assert result.returncode == 1


MALFORMED = [
    ("http://example.org:+80/x", "bad port '+80'"),
    ("http://example.org:99999/x", "bad port '99999'"),
    ("http://example.org:abc/x", "bad port 'abc'"),
    ("http://example.org:/x", "bad port ''"),
    ("http://[::1/x", "unclosed [ in host"),
    ("http://[]/x", "bad IPv6 address []"),
    ("http://[fe80::1%25eth0]/x", "IPv6 zone in host"),
    ("http:///x", "empty host"),
]


@pytest.mark.parametrize(("url", "reason"), MALFORMED)
def test_malformed_hosts_and_ports_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(UrlRejected, match=re.escape(reason)):
        parse_target(url)


def test_malformed_hosts_and_ports_are_findings_not_tracebacks(tmp_path: Path) -> None:
    result = lint(tmp_path, [url for url, _ in MALFORMED])
    expected = [
        (3 + n, "RL210", f"Link is broken: unsafe or malformed URL: {reason}")
        for n, (_, reason) in enumerate(MALFORMED)
    ]
    assert findings(result) == expected


HOSTILE_LOCATIONS = [
    "http://127.0.0.1:{port}\\@example.invalid/internal",
    "http://%31%32%37.0.0.1:{port}/internal",
    "http://127.0.0.1:+{port}/internal",
    "http://127.0.0.1:99999/internal",
    "http://127.0.0.1:abc/internal",
    "http://[::1/internal",
    "http://[]/internal",
    "/\\127.0.0.1:{port}/internal",
]


def test_hostile_redirect_targets_are_refused(tmp_path: Path) -> None:
    """The first server is reached with --allow-private; each redirect must still go through the policy."""
    with HostileServer(answer("200 OK")) as internal:
        table = {
            f"/start/{n}": answer("302 Found", {"Location": location.format(port=internal.port)})
            for n, location in enumerate(HOSTILE_LOCATIONS)
        }
        with HostileServer(routes(table, answer("404 Not Found"))) as first:
            links = [f"{first.url}/start/{n}" for n in range(len(HOSTILE_LOCATIONS))]
            result = lint(tmp_path, links, "--allow-private")
            found = findings(result)
    assert internal.connections == 0
    assert [(line, code) for line, code, _ in found] == [(3 + n, "RL210") for n in range(len(HOSTILE_LOCATIONS))]
    assert all("redirects to an unsafe or malformed URL" in message for _, _, message in found)


def test_loopback_by_name_or_mapped_address_is_refused(tmp_path: Path) -> None:
    """``localhost`` resolves to loopback, ``[::ffff:127.0.0.1]`` is loopback in IPv6 clothes: both refused."""
    with HostileServer(answer("200 OK")) as internal:
        result = lint(tmp_path, [f"http://localhost:{internal.port}/x", f"http://[::ffff:127.0.0.1]:{internal.port}/y"])
        found = findings(result)
    assert internal.connections == 0
    assert found == []  # refused, counted as excluded: a private address is not the README's fault


def test_unresolvable_hosts_are_failures_not_passes(tmp_path: Path) -> None:
    with HostileServer(answer("200 OK")) as server:
        result = lint(tmp_path, ["http://no-such-host.invalid/x", server.url + "/ok"], "--allow-private")
        found = findings(result)
    assert found == [(3, "RL210", "Link is broken: DNS lookup failed")]


# -- IPv6 addresses that carry an IPv4 address (issue 17, item 3) ----------------------------------------------

# Each form the issue connected to without --allow-private, with what the policy must say about it.
EMBEDDED = [
    ("64:ff9b::a9fe:a9fe", "which embeds link-local address 169.254.169.254"),  # NAT64: the metadata address
    ("64:ff9b::7f00:1", "which embeds loopback address 127.0.0.1"),
    ("64:ff9b:1::7f00:1", "which embeds loopback address 127.0.0.1"),  # local-use NAT64
    ("64:ff9b:1::808:808", "local-use NAT64 address 64:ff9b:1::808:808"),  # any prefix length: never global
    ("::7f00:1", "which embeds loopback address 127.0.0.1"),  # IPv4-compatible ::127.0.0.1
    ("::ffff:0:7f00:1", "which embeds loopback address 127.0.0.1"),  # SIIT ::ffff:0:127.0.0.1
    ("::ffff:7f00:1", "which embeds loopback address 127.0.0.1"),  # IPv4-mapped
    ("2002:a9fe:a9fe::", "which embeds link-local address 169.254.169.254"),  # 6to4
    ("2002:7f00:1::", "which embeds loopback address 127.0.0.1"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "which embeds private address 192.0.2.45"),  # Teredo
    ("fec0::1", "site-local address fec0::1"),
    ("2001:db8::1", " address 2001:db8::1"),  # documentation range (Python versions name its kind differently)
    ("100::1", " address 100::1"),  # discard-only
    ("::", "unspecified address ::"),
    ("ff0e::1", "multicast address ff0e::1"),
]
PUBLIC = ["64:ff9b::808:808", "2002:808:808::1", "::ffff:808:808", "2606:4700:4700::1111", "8.8.8.8"]


@pytest.mark.parametrize(("address", "reason"), EMBEDDED)
def test_addresses_that_embed_or_are_non_public_are_refused(address: str, reason: str) -> None:
    """The judgement itself, for every form: the reason names the embedded IPv4 address where there is one."""
    found = blocked_reason("example.org", [(socket.AF_INET6, address)])
    assert found is not None and found.startswith("example.org resolves to ") and found.endswith(reason)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_and_translations_of_public_ipv4_pass(address: str) -> None:
    """NAT64 and 6to4 of a public IPv4 address are how IPv6-only networks reach it: those stay allowed."""
    assert blocked_reason("example.org", [(socket.AF_INET6, address)]) is None


def test_one_non_public_address_among_public_ones_refuses_the_host() -> None:
    addresses = [(socket.AF_INET, "8.8.8.8"), (socket.AF_INET6, "64:ff9b::a9fe:a9fe")]
    assert blocked_reason("example.org", addresses) == (
        "example.org resolves to 64:ff9b::a9fe:a9fe, which embeds link-local address 169.254.169.254"
    )


def test_ipv6_literals_embedding_loopback_are_refused_before_any_connect(tmp_path: Path) -> None:
    """Direct links to each literal form: refused by the policy (excluded), never tried (no network failure,
    which the old policy ran into: no route, timeouts, and a run reported as offline)."""
    with HostileServer(answer("200 OK")) as server:
        links = [f"http://[{address}]:{server.port}/x" for address, _ in EMBEDDED]
        (tmp_path / "README.md").write_text("# L\n\n" + "".join(f"- [l{n}]({u})\n" for n, u in enumerate(links)))
        (tmp_path / ".readme-lint.toml").write_text("[links]\nretries = 0\ntimeout = 2\n")
        result = run_command(["--check-links", "--no-cache"], cwd=tmp_path)
    assert "Traceback" not in result.stderr and "warning" not in result.stderr, result.stderr
    assert f"Links: 0 checked, 0 ok, 0 broken, 0 redirected, 0 unverifiable, {len(links)} excluded" in result.stdout
    assert "unchecked" not in result.stdout and server.connections == 0


# Runs readme-lint with the policy's judgement of exactly 127.0.0.1 waived: the test server stands in for a
# public host, so a redirect from it is judged by the real policy (a DNS name cannot stand in: the policy
# judges addresses). Every other address goes through blocked_reason unchanged.
PUBLIC_LOOPBACK = """
import runpy, sys
import readme_lint.links.policy as policy
judge = policy.blocked_reason
policy.blocked_reason = lambda host, found: judge(host, [a for a in found if a[1] != "127.0.0.1"])
sys.argv = ["readme-lint", *sys.argv[1:]]
runpy.run_module("readme_lint", run_name="__main__")
"""


def test_redirects_to_addresses_embedding_ipv4_are_refused(tmp_path: Path) -> None:
    """A "public" page (the stand-in above) redirects to each form: every hop is refused, none is tried."""
    with HostileServer(answer("200 OK")) as internal:
        table = {
            f"/start/{n}": answer("302 Found", {"Location": f"http://[{address}]:{internal.port}/internal"})
            for n, (address, _) in enumerate(EMBEDDED)
        }
        with HostileServer(routes(table, answer("200 OK"))) as first:
            links = [f"{first.url}/start/{n}" for n in range(len(EMBEDDED))]
            (tmp_path / "README.md").write_text("# L\n\n" + "".join(f"- [l{n}]({u})\n" for n, u in enumerate(links)))
            toml = f'[links]\nretries = 0\ntimeout = 2\narxiv-api = "{first.url}/api"\n'
            (tmp_path / ".readme-lint.toml").write_text(toml)
            command = [sys.executable, "-c", PUBLIC_LOOPBACK, "--check-links", "--no-cache", "--output-format", "json"]
            environment = {**os.environ, "NO_COLOR": "1"}
            result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=environment, timeout=60)
            first_hits = first.connections
    assert findings(result) == []  # refused hops are excluded, like a direct private link
    assert first_hits == len(EMBEDDED) and internal.connections == 0
    assert "warning" not in result.stderr


# -- GITHUB_TOKEN ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("allow_private", [False, True])
def test_token_never_reaches_a_decoy_host(tmp_path: Path, allow_private: bool) -> None:
    with HostileServer(answer("200 OK")) as server:
        links = [
            f"http://127.0.0.1:{server.port}\\@github.com/steal",
            f"http://127.0.0.1:{server.port}/plain",
            f"http://localhost:{server.port}/github.com",
        ]
        args = ["--allow-private"] if allow_private else []
        result = lint(tmp_path, links, *args, env={"GITHUB_TOKEN": TOKEN})
        findings(result)
        received = server.received
    assert TOKEN.encode() not in received and b"Authorization" not in received
    if allow_private:
        assert b"GET /plain" in received or b"HEAD /plain" in received  # the plain link was checked
    else:
        assert received == b""
    assert TOKEN not in result.stdout + result.stderr


def test_token_hosts_is_not_a_config_setting(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n")
    (tmp_path / ".readme-lint.toml").write_text('[links]\ntoken-hosts = ["127.0.0.1"]\n')
    result = run_command([], cwd=tmp_path)
    assert result.returncode == 2
    assert "links.token-hosts: not a setting any more" in result.stderr


def test_token_goes_only_over_https_to_the_github_hosts_named_in_the_code() -> None:
    assert sorted(TOKEN_HOSTS) == ["api.github.com", "github.com"]
    assert parse_target("https://github.com/a/b").gets_token
    assert parse_target("https://API.GitHub.com/repos").gets_token
    assert not parse_target("http://github.com/a/b").gets_token  # plain http: never
    assert not parse_target("https://github.com:8443/a").gets_token
    assert not parse_target("https://github.com.evil.example/a").gets_token
    assert not parse_target("https://gist.github.com/a").gets_token
    with pytest.raises(UrlRejected):
        parse_target("https://attacker.example\\@github.com/")


def test_host_header_and_path_are_the_parsed_ones(tmp_path: Path) -> None:
    """The request carries the URL's host in ``Host`` (connected to the checked address) and its exact path."""
    with HostileServer(answer("200 OK")) as server:
        result = lint(tmp_path, [f"http://localhost:{server.port}/a%20b/ü?q=|x"], "--allow-private")
        assert findings(result) == []
        head = server.received.decode("latin-1")
    assert head.startswith("HEAD /a%20b/%C3%BC?q=%7Cx HTTP/1.1\r\n")
    assert f"\r\nHost: localhost:{server.port}\r\n" in head


def test_tls_sends_the_host_name_and_verifies_the_certificate(tmp_path: Path) -> None:
    """SNI is the URL's host; a certificate no CA signed is a TLS failure, never a pass."""
    import shutil
    import ssl
    import threading

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert),
            *("-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,func-returns-value]
    with HostileServer(answer("200 OK")) as server:
        server.listener.close()  # replaced by a TLS listener on a new port

        import socket

        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]

        def serve() -> None:
            connection, _ = listener.accept()
            with contextlib.suppress(ssl.SSLError, OSError):
                context.wrap_socket(connection, server_side=True).recv(1)

        threading.Thread(target=serve, daemon=True).start()
        result = lint(tmp_path, [f"https://localhost:{port}/x"], "--allow-private")
        listener.close()
    found = findings(result)
    assert names == ["localhost"]
    assert len(found) == 1 and found[0][1] == "RL210" and "TLS error" in found[0][2]


# -- bounded runs ---------------------------------------------------------------------------------------------


def timed(function):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds of the child processes) of ``function()``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = function()
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_a_dripping_server_is_cut_at_the_timeout_without_busy_waiting(tmp_path: Path) -> None:
    with HostileServer(drip) as server:
        result, wall, cpu = timed(lambda: lint(tmp_path, [server.url + "/drip"], "--allow-private"))
    assert findings(result) == [(3, "RL210", "Link is broken: timed out after 2 s (after 1 tries)")]
    assert result.returncode == 1
    assert wall < 2 + 2.5
    assert cpu < 2.0  # start-up included; a spinning loop would burn the whole wait


def test_the_deadline_cancels_requests_in_flight(tmp_path: Path) -> None:
    """timeout 2, deadline 5, retries: without the deadline the dripping server would hold the run for 8 s+."""
    with HostileServer(drip) as server:
        links = [f"{server.url}/drip/{n}" for n in range(3)]
        result, wall, cpu = timed(
            lambda: lint(tmp_path, links, "--allow-private", config={"retries": "3", "deadline": "5"})
        )
        found = findings(result)
    assert wall < 5 + 2.5
    assert cpu < 2.0
    assert [code for _, code, _ in found] == ["RL213"] * 3
    assert all(message.endswith("not checked before the deadline") for _, _, message in found)


HOSTILE_LIMITS = {"timeout": "600", "retries": "10", "deadline": "86400"}  # two hours a link, a day a run


@pytest.mark.parametrize(
    ("caps", "message"),
    [
        (["--deadline", "2"], "Link could not be verified: not checked before the deadline"),
        (["--timeout", "2", "--max-retries", "0"], "Link is broken: timed out after 2 s (after 1 tries)"),
    ],
    ids=["deadline", "timeout-and-retries"],
)
def test_the_command_line_caps_what_the_config_asks(tmp_path: Path, caps: list[str], message: str) -> None:
    """Issue 17 item 7: a config asking timeout 600, retries 10 and a day's deadline, a server that never
    answers: the run ends at the command line's cap (the config may only lower it)."""
    with HostileServer(silent) as server:
        result, wall, _ = timed(
            lambda: lint(tmp_path, [server.url + "/silent"], "--allow-private", *caps, config=HOSTILE_LIMITS)
        )
    assert findings(result) == [(3, "RL213" if "deadline" in message else "RL210", message)]
    assert wall < 2 + 5


def test_the_deadline_is_the_runs_not_each_configs(tmp_path: Path) -> None:
    """Three folders, each with its own config (its own checker): one deadline for all of them, not one each."""
    with HostileServer(silent) as server:
        for name in ("a", "b", "c"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "README.md").write_text(f"# L\n\n- [x]({server.url}/{name})\n")
            (tmp_path / name / ".readme-lint.toml").write_text("[links]\ntimeout = 600\nretries = 10\n")
        command = ["--check-links", "--allow-private", "--no-cache", "--deadline", "2", "--output-format", "json"]
        result, wall, _ = timed(lambda: run_command([*command, "a", "b", "c"], cwd=tmp_path))
    assert [code for _, code, _ in findings(result)] == ["RL213"] * 3
    assert wall < 5.5  # three deadlines one after the other would take 6 s and more


def test_the_action_caps_the_link_checks_of_a_pull_request(tmp_path: Path) -> None:
    """The Action passes its inputs (default timeout 10, max-retries 3, deadline 300) as those caps: the
    command it runs, run on the pull request's config, ends at the inputs' deadline."""
    from readme_lint.action import ActionError, Inputs, lint_command

    assert Inputs.from_env({}).limits == ("--timeout", "10", "--max-retries", "3", "--deadline", "300")
    for name, bad in (("TIMEOUT", "0"), ("MAX_RETRIES", "1.5"), ("DEADLINE", "inf"), ("DEADLINE", "-1")):
        with pytest.raises(ActionError, match=name.lower().replace("_", "-")):
            Inputs.from_env({f"INPUT_{name}": bad})
    inputs = Inputs.from_env({"INPUT_CHECK_LINKS": "true", "INPUT_DEADLINE": "2", "INPUT_ARGS": "--allow-private"})
    command = lint_command(inputs, ["README.md"], None)
    assert command[1:3] == ["-I", "-m"] and command[3] == "readme_lint"
    with HostileServer(silent) as server:
        (tmp_path / "README.md").write_text(f"# Links\n\n- [a]({server.url}/silent)\n")
        (tmp_path / ".readme-lint.toml").write_text(
            "[links]\n" + "".join(f"{k} = {v}\n" for k, v in HOSTILE_LIMITS.items())
        )
        result, wall, _ = timed(lambda: run_command(command[4:], cwd=tmp_path))
    assert wall < 2 + 5
    (finding,) = json.loads(result.stdout)["runs"][0]["results"]
    assert finding["ruleId"] == "RL213" and finding["message"]["text"].endswith("not checked before the deadline")


def test_a_config_may_only_lower_the_caps() -> None:
    from readme_lint.links.settings import DEFAULT_DEADLINE, parse_link_settings

    hostile = parse_link_settings({"timeout": 600, "retries": 10, "deadline": 86400})
    assert (hostile.timeout, hostile.retries, hostile.deadline) == (600, 10, DEFAULT_DEADLINE) == (600, 10, 300)
    capped = parse_link_settings({"timeout": 600, "retries": 10}, {"timeout": 2.0, "retries": 1, "deadline": 9.0})
    assert (capped.timeout, capped.retries, capped.deadline) == (2.0, 1, 9.0)
    lower = parse_link_settings({"timeout": 1, "retries": 0, "deadline": 5}, {"timeout": 2.0, "retries": 1})
    assert (lower.timeout, lower.retries, lower.deadline) == (1, 0, 5)
    silent_config = parse_link_settings({}, {"timeout": 30.0, "retries": 5, "deadline": 900.0})
    assert (silent_config.timeout, silent_config.retries, silent_config.deadline) == (30.0, 5, 900.0)


def test_arxiv_feed_is_capped_and_its_failure_reported(tmp_path: Path) -> None:
    row = "|K|**A title**|[[pdf](https://arxiv.org/abs/2305.10001)]|A|2023.05|1|\n"
    header = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"
    with HostileServer(endless) as server:
        (tmp_path / "README.md").write_text("## Papers\n\n" + header + row)
        (tmp_path / ".readme-lint.toml").write_text(f'[links]\narxiv-api = "{server.url}/api"\ntimeout = 10\n')
        command = [sys.executable, "-m", "readme_lint", "--check-links", "--allow-private", "--select", "RL212"]
        result, wall, _ = timed(lambda: subprocess.run(command, cwd=tmp_path, capture_output=True, text=True))
    assert "Traceback" not in result.stderr
    assert wall < 10
    assert "readme-lint: warning: arXiv IDs not checked (arXiv API failed: answer larger than 16 MiB): 2305.10001" in (
        result.stderr
    )
    assert "All checks passed" not in result.stdout
    assert result.returncode == 0


def test_arxiv_api_is_guarded_like_links(tmp_path: Path) -> None:
    """The issue's attack: an arXiv API URL that redirects into the network; neither server is reached."""
    row = "|K|**A title**|[[pdf](https://arxiv.org/abs/2305.10001)]|A|2023.05|1|\n"
    header = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"
    with HostileServer(answer("200 OK")) as internal:
        redirect = answer("302 Found", {"Location": f"{internal.url}/internal"})
        with HostileServer(redirect) as first:
            (tmp_path / "README.md").write_text("## Papers\n\n" + header + row)
            (tmp_path / ".readme-lint.toml").write_text(f'[links]\narxiv-api = "{first.url}/redirect"\n')
            result = run_command(["--check-links", "--select", "RL212"], cwd=tmp_path)
            assert first.connections == 0 and internal.connections == 0
            assert "resolves to loopback address 127.0.0.1" in result.stderr
            # with --allow-private the redirect is followed by hand, through the policy, and capped in number
            (tmp_path / ".readme-lint.toml").write_text(
                f'[links]\narxiv-api = "{first.url}/redirect"\nmax-redirects = 0\n'
            )
            result = run_command(["--check-links", "--allow-private", "--select", "RL212"], cwd=tmp_path)
            assert first.connections == 1 and internal.connections == 0
    assert "arXiv IDs not checked (arXiv API failed: more than 0 redirects): 2305.10001" in result.stderr
    assert "All checks passed" not in result.stdout


# -- offline --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("from_stdin", [False, True], ids=["file", "stdin"])
def test_unreachable_network_is_said_once_and_blocks_nothing(tmp_path: Path, from_stdin: bool) -> None:
    """Read from a file or from standard input, an offline run says so: never "All checks passed"."""
    links = [f"http://127.0.0.1:{closed_port()}/a", f"http://127.0.0.1:{closed_port()}/b"]
    lines = "".join(f"- [link {n}]({link})\n" for n, link in enumerate(links))
    text = f"# Links\n\n{lines}- [paper](https://arxiv.org/abs/2305.10001)\n"
    (tmp_path / "README.md").write_text(text)
    (tmp_path / ".readme-lint.toml").write_text(f'[links]\narxiv-api = "http://127.0.0.1:{closed_port()}/api"\n')
    args = ["--check-links", "--allow-private", "--no-cache"]
    if from_stdin:
        result = run_command([*args, "--stdin-filename", "README.md", "-"], cwd=tmp_path, stdin=text)
    else:
        result = run_command(args, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("readme-lint: warning:")]
    assert warnings == [
        "readme-lint: warning: network unreachable (every host failed DNS or connect): 2 links not checked",
        "readme-lint: warning: arXiv IDs not checked (network unreachable): 2305.10001",
    ]
    assert "RL210" not in result.stdout and "All checks passed" not in result.stdout
    assert "No problems found, but some online checks could not run" in result.stdout
    # never "2 checked ... 2 unchecked": only links that got a verdict are counted as checked
    assert "Links: 0 checked, " in result.stdout and ", 2 unchecked." in result.stdout


def test_one_dead_host_is_broken_not_offline(tmp_path: Path) -> None:
    with HostileServer(answer("200 OK")) as server:
        result = lint(
            tmp_path,
            [f"http://127.0.0.1:{closed_port()}/a"],
            "--allow-private",
            config={"arxiv-api": f'"{server.url}/api"'},
        )
    assert findings(result) == [(3, "RL210", "Link is broken: connection refused")]


def test_a_host_that_answered_is_not_offline(tmp_path: Path) -> None:
    """Issue 17 item 11: offline means no answer from any host. This server answers its first link and then
    stops listening, so its second link fails to connect like the dead host beside it; it did answer, so the
    network is up and both failures are broken links (they used to be hidden as "network unreachable")."""
    with HostileServer(answer("200 OK")) as server:

        def answer_then_stop(request: bytes, connection: socket.socket) -> None:
            server.listener.shutdown(socket.SHUT_RDWR)  # before answering: the next link finds no listener
            answer("200 OK")(request, connection)

        server.behaviour = answer_then_stop
        dead = closed_port()
        links = [f"{server.url}/first", f"{server.url}/second", f"http://127.0.0.1:{dead}/x"]
        result = lint(tmp_path, links, "--allow-private", config={"max-per-host": "1"})
        found = findings(result)
    assert server.requests[0].startswith(b"HEAD /first ") and len(server.requests) == 1
    assert found == [
        (4, "RL210", "Link is broken: connection refused"),
        (5, "RL210", "Link is broken: connection refused"),
    ]
    assert "network unreachable" not in result.stderr and result.returncode == 1


def test_offline_flag_skips_online_checks(tmp_path: Path) -> None:
    with HostileServer(answer("200 OK")) as server:
        result = lint(tmp_path, [server.url + "/x"], "--allow-private", "--offline")
        assert server.connections == 0
    assert findings(result) == []
    assert "--offline: online checks (RL210-RL213) skipped" in result.stderr
    assert result.returncode == 0


# -- the RL211 fix --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "written"),
    [
        ("/ok|INJECTED|CELL", "/ok%7CINJECTED%7CCELL"),
        ("/ok) [[x](https://evil)", "/ok%29%20%5B%5Bx%5D%28https://evil%29"),
    ],
)
def test_redirect_fix_writes_only_a_clean_url(tmp_path: Path, location: str, written: str) -> None:
    moved = routes({"/start": answer("301 Moved Permanently", {"Location": location})}, answer("200 OK"))
    with HostileServer(moved) as server:
        header = "| Title | Paper |\n|---|---|\n"
        (tmp_path / "README.md").write_text(f"# L\n\n{header}| A | [pdf]({server.url}/start) |\n")
        (tmp_path / ".readme-lint.toml").write_text("[links]\nretries = 0\n")
        result = run_command(
            ["--check-links", "--allow-private", "--no-cache", "--fix", "--unsafe-fixes", "--select", "RL211"],
            cwd=tmp_path,
        )
    assert "Traceback" not in result.stderr
    row = (tmp_path / "README.md").read_text().splitlines()[-1]
    assert row == f"| A | [pdf]({server.url}{written}) |"
    assert "INJECTED|" not in row and "[[x]" not in row


# -- the link cache ---------------------------------------------------------------------------------------------


def committed_cache(repo: Path, folder: str, entries: dict[str, dict[str, object]]) -> None:
    """A pull request's ``links.json`` in ``folder`` (with readme-lint's own .gitignore), force-added and committed."""
    from readme_lint.links.cache import MARKER

    cache = repo / folder
    cache.mkdir(parents=True)
    (cache / ".gitignore").write_text(MARKER + "*\n")
    stamped = {
        url: {"detail": "", "final_url": None, **entry, "checked": time.time()} for url, entry in entries.items()
    }
    (cache / "links.json").write_text(json.dumps({"version": 1, "entries": stamped}))
    for command in (["add", "-f", folder], ["-c", "user.name=t", "-c", "user.email=t@e.org", "commit", "-qm", "pr"]):
        subprocess.run(["git", "-C", str(repo), *command], check=True)


def test_a_committed_link_cache_is_never_trusted(tmp_path: Path) -> None:
    """Issue 17 item 6: a pull request force-adds ``.readme-lint-cache/links.json`` saying that a live link moved
    to its own host and that a dead link is fine; the fix must not write its host, the dead link is reported."""
    from readme_lint.links.service import normalize_url

    repo = tmp_path / "repo"
    init_git_repo(repo)
    with LinkServer() as server:
        live, dead = f"{server.url}/ok", f"{server.url}/notfound"
        header = "| Title | Paper |\n|---|---|\n"
        text = f"# L\n\n{header}| A | [pdf]({live}) |\n| B | [pdf]({dead}) |\n"
        (repo / "README.md").write_text(text)
        (repo / ".readme-lint.toml").write_text("[links]\nretries = 0\n")
        committed_cache(
            repo,
            ".readme-lint-cache",
            {
                normalize_url(live): {"kind": "redirect", "status": 301, "final_url": "http://attacker.example/a"},
                normalize_url(dead): {"kind": "ok", "status": 200},
            },
        )
        arguments = ["--check-links", "--allow-private", "--fix", "--unsafe-fixes", "--output-format", "json"]
        result = run_command(arguments, cwd=repo)
        assert server.counts["/ok"] >= 1 and server.counts["/notfound"] >= 1  # both asked: no verdict from the file
    assert (repo / "README.md").read_text() == text  # the row still points at the live link
    assert [(item["line"], item["code"]) for item in json.loads(result.stdout)] == [(6, "RL210")]
    assert "attacker.example" not in result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_a_cache_dir_inside_a_git_work_tree_is_not_used(tmp_path: Path) -> None:
    """``links.cache-dir`` names a folder of the checkout: not read, not written, said once."""
    repo = tmp_path / "repo"
    init_git_repo(repo)
    (repo / "sub").mkdir()
    with LinkServer() as server:
        for folder in (".", "sub"):  # two configs naming the same kind of folder: one note each
            (repo / folder / "README.md").write_text(f"# L\n\n- [a]({server.url}/ok)\n")
            (repo / folder / ".readme-lint.toml").write_text('[links]\ncache-dir = "cache"\n')
        committed_cache(
            repo, "cache", {f"{server.url}/ok": {"kind": "redirect", "final_url": "http://attacker.example/"}}
        )
        result = run_command(["--check-links", "--allow-private", "README.md", "README.md", "sub"], cwd=repo)
        assert server.counts["/ok"] == 2  # asked, once per config (each its own checker), despite the entry
    notes = [line for line in result.stderr.splitlines() if line.startswith("readme-lint: note:")]
    assert notes == [
        f"readme-lint: note: link cache {repo / folder / 'cache'} not used: it is inside the git work tree {repo}, "
        "where a pull request could commit it (set links.cache-dir outside a checkout, or READMELINT_CACHE_DIR)"
        for folder in (".", "sub")
    ]
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (repo / "sub" / "cache").exists()  # never written either


def test_a_cached_redirect_is_asked_again_before_it_is_fixed(tmp_path: Path) -> None:
    """The user's own cache (outside the tree) answers a plain run; a fix needs an answer of this run."""
    with LinkServer() as server:
        (tmp_path / "README.md").write_text(f"# L\n\n- [a]({server.url}/moved)\n")
        (tmp_path / ".readme-lint.toml").write_text("[links]\nretries = 0\n")
        first = run_command(["--check-links", "--allow-private"], cwd=tmp_path)
        again = run_command(["--check-links", "--allow-private", "--fix"], cwd=tmp_path)
        assert server.counts["/moved"] == 1  # the second run answered from the cache
        fixed = run_command(["--check-links", "--allow-private", "--fix", "--unsafe-fixes"], cwd=tmp_path)
        assert server.counts["/moved"] == 2  # asked again before writing
    assert "1 redirected" in first.stdout and "1 cached" in again.stdout
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert (tmp_path / "README.md").read_text() == f"# L\n\n- [a]({server.url}/ok)\n"


def test_clean_url_escapes_what_could_break_a_table_or_a_link() -> None:
    assert clean_url("http://example.org/ok|INJECTED|CELL") == "http://example.org/ok%7CINJECTED%7CCELL"
    assert clean_url("http://example.org/ok) [[x](https://evil)") == (
        "http://example.org/ok%29%20%5B%5Bx%5D%28https://evil%29"
    )
    assert clean_url("javascript:alert(1)") is None
    assert clean_url("http://a\\@b/") is None
    assert clean_url("https://example.org/a?b=c&d=%zz") == "https://example.org/a?b=c&d=%25zz"
    base = parse_target("https://example.org/a/b/c?q")
    assert join(base, "../d").url == "https://example.org/a/d"
    assert join(base, "//other.example/x").url == "https://other.example/x"
    assert join(base, "?r").url == "https://example.org/a/b/c?r"


def test_the_deadline_covers_the_arxiv_api(tmp_path: Path) -> None:
    """A dripping arXiv API is cut at the run's deadline (3 s), not at its 10 s timeout, and the IDs are named."""
    header = "|Keywords | Title | Paper | Affiliation | Date | Citation|\n|:---:|:---:|:---:|:---:|:---:|:---:|\n"
    rows = "".join(f"|K|**T{n}**|[[pdf](https://arxiv.org/abs/2305.{10000 + n})]|A|2023.05|1|\n" for n in range(2))
    with HostileServer(drip) as server:
        (tmp_path / "README.md").write_text("## Papers\n\n" + header + rows)
        (tmp_path / ".readme-lint.toml").write_text(
            f'[links]\narxiv-api = "{server.url}/api"\ntimeout = 10\ndeadline = 3\n'
        )
        command = [sys.executable, "-m", "readme_lint", "--check-links", "--allow-private", "--select", "RL212"]
        result, wall, cpu = timed(lambda: subprocess.run(command, cwd=tmp_path, capture_output=True, text=True))
    assert wall < 3 + 2.5 and cpu < 2.0
    assert (
        "readme-lint: warning: arXiv IDs not checked (arXiv API failed: not checked before the deadline): "
        "2305.10000, 2305.10001"
    ) in result.stderr
    assert "All checks passed" not in result.stdout and result.returncode == 0


# -- fuzzing the policy ---------------------------------------------------------------------------------------

_URL_PIECES = [
    "http://", "https://", "HTTP://", "ftp://", "//", "/", "\\", "@", ":", "::", "[", "]", "%", "%2e", "%31",
    "127.0.0.1", "0177.0.0.1", "0x7f.1", "2130706433", "localhost", "example.org", "GitHub.COM", "xn--", "ü",
    "::1", "::ffff:127.0.0.1", "fe80::1%25eth0", ":80", ":+80", ":99999", ":0", ":abc", ":", "?", "#", "|", "(",
    ")", " ", "\t", "\n", "\x00", "..", ".", "a", "1", "-", "_",
]  # fmt: skip


def test_policy_fuzz_one_reading_of_every_url() -> None:
    """Random URLs from hostile pieces: the policy either refuses them (UrlRejected, never another exception) or
    gives a canonical URL that reads the same again -- and where urllib3 (requests' parser) reads the URL as
    written, it finds the same host and port."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from urllib3.util import parse_url

    examples = int(os.environ.get("READMELINT_FUZZ_EXAMPLES", "300"))

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(st.sampled_from(_URL_PIECES), min_size=1, max_size=12).map("".join))
    def check(url: str) -> None:
        try:
            target = parse_target(url)
        except UrlRejected:
            return
        assert parse_target(target.url) == target
        assert all(c.isalnum() or c in ".-_:" for c in target.host)
        assert 1 <= target.port <= 65535 and target.path.startswith("/")
        assert not any(c in target.path for c in ' |()[]<>\\"\n\t')
        for text in (url, target.url):  # the original and the canonical form: urllib3 reads the same address
            if not text.isascii():
                continue  # IDNA: urllib3 leaves it to the idna package, we to Python's codec
            seen = parse_url(text.strip(" "))
            assert (seen.host or "").strip("[]").lower() == target.host
            assert (seen.port or {"http": 80, "https": 443}[target.scheme]) == target.port

    check()
