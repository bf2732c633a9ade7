"""The link checker's transport (requests with a pinning adapter): proxies from the environment, NO_PROXY, the CA
bundle, keep-alive per host, and the time bound on a kept-alive connection. Real servers and a real forward proxy
on 127.0.0.1 (``tests/proxy.py``); ``readme-lint`` runs as a subprocess with the environment a user would set.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.hostile import HostileServer, answer, closed_port, drip
from tests.linkserver import LinkServer
from tests.proxy import ForwardProxy
from tests.test_links_security import findings, lint, timed


def proxy_env(http: str = "", https: str = "", every: str = "", no: str = "", ca: str = "") -> dict[str, str]:
    """Proxy variables exactly as given, in both spellings (the lower-case one wins), none left from outside."""
    env = {"REQUESTS_CA_BUNDLE": ca, "CURL_CA_BUNDLE": ""}
    for name, value in (("http_proxy", http), ("https_proxy", https), ("all_proxy", every), ("no_proxy", no)):
        env[name] = env[name.upper()] = value
    return env


@contextlib.contextmanager
def tls_server(directory: Path) -> Iterator[tuple[int, Path, list[str | None], list[str]]]:
    """An HTTPS server for ``localhost`` (self-signed): yields its port, its certificate, the SNI names and the
    ``Host`` headers it received."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert),
            *("-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
            *("-addext", "basicConstraints=critical,CA:TRUE"),
            *("-addext", "keyUsage=critical,keyCertSign,digitalSignature"),
        ],
        check=True,
        capture_output=True,
    )
    names: list[str | None] = []
    hosts: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,func-returns-value]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            hosts.append(self.headers.get("Host", ""))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd.server_address[1], cert, names, hosts
    finally:
        httpd.shutdown()
        httpd.server_close()


# -- proxies ----------------------------------------------------------------------------------------------------


def test_links_are_checked_through_the_proxy_in_the_environment(tmp_path: Path) -> None:
    with LinkServer() as server, ForwardProxy() as proxy:
        links = [f"{server.url}/ok", f"{server.url}/notfound"]
        result = lint(tmp_path, links, "--allow-private", env=proxy_env(http=proxy.url))
        found = findings(result)
        counts = dict(server.counts)
    assert found == [(4, "RL210", "Link is broken: HTTP 404")]
    url = server.url
    assert sorted(proxy.seen()) == [f"GET {url}/notfound", f"HEAD {url}/notfound", f"HEAD {url}/ok"]
    assert counts == {"/ok": 1, "/notfound": 2}  # the origin got them from the proxy


def test_through_a_proxy_the_policy_still_judges_the_url_host(tmp_path: Path) -> None:
    """Without --allow-private, loopback links (by address, by name, as a decoy) never reach the proxy."""
    with LinkServer() as server, ForwardProxy() as proxy:
        links = [f"{server.url}/ok", f"http://localhost:{server.port}/ok", f"{server.url}\\@example.invalid/x"]
        result = lint(tmp_path, links, env=proxy_env(http=proxy.url, https=proxy.url))
        found = findings(result)
        counts = dict(server.counts)
    assert [(line, code) for line, code, _ in found] == [(5, "RL210")]
    assert "unsafe or malformed URL" in found[0][2]
    assert proxy.seen() == [] and counts == {}


def test_no_proxy_is_honoured(tmp_path: Path) -> None:
    with LinkServer() as server, ForwardProxy() as proxy:
        result = lint(tmp_path, [f"{server.url}/ok"], "--allow-private", env=proxy_env(http=proxy.url, no="127.0.0.1"))
        assert findings(result) == []
        counts = dict(server.counts)
    assert proxy.seen() == [] and counts == {"/ok": 1}


def test_a_dead_proxy_is_an_unreachable_network_not_a_timeout(tmp_path: Path) -> None:
    """Every link fails at the proxy's refused port: said once as an unreachable network, at once (no timeout)."""
    with LinkServer() as server:
        proxy = f"http://127.0.0.1:{closed_port()}"
        links = [f"{server.url}/ok", f"http://localhost:{server.port}/ok"]
        env = proxy_env(http=proxy, https=proxy)
        result, wall, _ = timed(lambda: lint(tmp_path, links, "--allow-private", env=env))
        counts = dict(server.counts)
    assert findings(result) == [] and counts == {} and wall < 2 + 1.5
    warnings = [line for line in result.stderr.splitlines() if line.startswith("readme-lint: warning:")]
    assert warnings == [
        "readme-lint: warning: network unreachable (every host failed DNS or connect): 2 links not checked"
    ]


def test_a_socks_proxy_is_refused_not_bypassed(tmp_path: Path) -> None:
    """A SOCKS proxy would open sockets the watchdog cannot bound: each link says so, none goes around it."""
    with LinkServer() as server:
        result = lint(tmp_path, [f"{server.url}/ok"], "--allow-private", env=proxy_env(every="socks5://127.0.0.1:9"))
        counts = dict(server.counts)
    message = "Link is broken: socks5:// proxies are not supported (only http:// and https://)"
    assert findings(result) == [(3, "RL210", message)]
    assert counts == {}


def test_https_through_a_tunnel_verifies_the_url_host_with_the_ca_bundle(tmp_path: Path) -> None:
    """REQUESTS_CA_BUNDLE is the trust anchor; direct or tunnelled (CONNECT), SNI and Host are the URL's host."""
    with tls_server(tmp_path) as (port, cert, names, hosts), ForwardProxy() as proxy:
        link = f"https://localhost:{port}/x"
        direct = lint(tmp_path, [link], "--allow-private", env=proxy_env(ca=str(cert)))
        tunnelled = lint(tmp_path, [link], "--allow-private", env=proxy_env(https=proxy.url, ca=str(cert)))
        untrusted = lint(tmp_path, [link], "--allow-private", env=proxy_env(https=proxy.url))
    assert findings(direct) == [] and findings(tunnelled) == []
    [(line, code, message)] = findings(untrusted)
    assert (line, code) == (3, "RL210") and message.startswith("Link is broken: TLS error: ")
    assert "CERTIFICATE_VERIFY_FAILED" in message
    assert proxy.seen() == [f"CONNECT localhost:{port}"] * 2
    assert names == ["localhost"] * 3 and hosts == [f"localhost:{port}"] * 2


# -- keep-alive -------------------------------------------------------------------------------------------------


def test_links_on_one_host_share_one_connection(tmp_path: Path) -> None:
    """Three links, a redirect hop among them, one after another (max-per-host 1): one TCP connection."""
    with LinkServer() as server:
        links = [f"{server.url}/moved", f"{server.url}/ok", f"{server.url}/page"]
        result = lint(tmp_path, links, "--allow-private", config={"max-per-host": "1"})
        found = findings(result)
        connections, counts = server.connections, dict(server.counts)
    assert [(line, code) for line, code, _ in found] == [(3, "RL211")]
    assert counts == {"/moved": 1, "/ok": 2, "/page": 1}
    assert connections == 1


def test_a_kept_alive_connection_is_cut_at_the_next_request_timeout(tmp_path: Path) -> None:
    """The second request on a reused connection drips its answer: the watchdog cuts it at the timeout too."""

    def answer_then_drip(request: bytes, connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        if connection.recv(65536):
            drip(request, connection)

    with HostileServer(answer_then_drip) as server:
        links = [f"{server.url}/a", f"{server.url}/b"]
        result, wall, cpu = timed(lambda: lint(tmp_path, links, "--allow-private", config={"max-per-host": "1"}))
        connections = server.connections
    assert findings(result) == [(4, "RL210", "Link is broken: timed out after 2 s (after 1 tries)")]
    assert connections == 1
    assert wall < 2 + 2.5 and cpu < 2.0


# -- pinning ----------------------------------------------------------------------------------------------------


def test_new_connections_go_to_the_checked_address_not_a_second_dns_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name first resolves to the checked server, then to another address. The host is looked
    up once per run and every new connection (the server closes each one) goes to the checked address."""
    from readme_lint.links.client import Client
    from readme_lint.links.policy import parse_target

    with HostileServer(answer("200 OK")) as checked:
        other = socket.socket()
        try:
            other.bind(("127.0.0.2", checked.port))
        except OSError:
            other.close()
            pytest.skip("127.0.0.2 is not a loopback address here")
        other.listen(8)
        other.setblocking(False)
        real = socket.getaddrinfo
        lookups: list[str] = []

        def rebinding(host: str, port: object, *args: object, **kwargs: object) -> object:
            if host != "rebind.test":
                return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
            lookups.append(host)
            address = "127.0.0.1" if len(lookups) == 1 else "127.0.0.2"
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        client = Client(5.0, True, None, 1 << 20)
        statuses = [
            client.request("HEAD", parse_target(f"http://rebind.test:{checked.port}/{n}"), {}).status for n in "ab"
        ]
        monkeypatch.undo()
        with pytest.raises(BlockingIOError):
            other.accept()  # nothing ever connected to the second answer
        other.close()
        connections = checked.connections
    assert statuses == [200, 200] and connections == 2
    assert lookups == ["rebind.test"]


def test_a_kept_alive_connection_the_server_closed_is_retried_on_a_new_one() -> None:
    """The server answers the first request and then, on the kept-alive connection, closes without answering
    the second: that says nothing about the link, so it is asked again on a new connection (a flaky 'remote end
    closed' finding before)."""
    from readme_lint.links.client import Client
    from readme_lint.links.policy import parse_target

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    connections: list[int] = []

    def serve() -> None:
        for number in range(2):
            conn, _ = listener.accept()
            connections.append(number)
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                if number == 0:
                    conn.recv(65536)  # the second request, on the kept-alive connection: closed unanswered
                else:
                    conn.recv(1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    client = Client(5.0, True, None, 1 << 20)
    try:
        statuses = [client.request("HEAD", parse_target(f"http://127.0.0.1:{port}/{n}"), {}).status for n in "ab"]
    finally:
        listener.close()
    assert statuses == [200, 200] and connections == [0, 1]
