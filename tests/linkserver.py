"""A real HTTP server on 127.0.0.1 for the link-checker tests (stdlib only, started and stopped by the tests).

Paths and what they answer (HEAD and GET alike unless said):
  /ok, /page#frag       200
  /notfound, /gone      404, 410
  /error                500 always
  /flaky/<n>            500 on the first request of each path, 200 afterwards
  /moved, /moved308     301 / 308 to /ok;  /temp: 302 to /ok;  /loop: 301 to itself
  /ratelimited/<n>      429 with Retry-After: 1 on the first request, then 200
  /always429            429 with Retry-After: 0, always
  /nohead               HEAD 405, GET 200
  /botwall              403 with a cf-mitigated header
  /hang                 never answers (sleeps 30 s)
  /slow/<n>             200 after 0.2 s (for concurrency)
  /to-other             302 to the same server under another host name (localhost)
  /api/query            arXiv's Atom feed for ?id_list=... from the server's ``papers`` dict
  /mirror/<host>/<path> a mirror of any page: 200, or the status planted in ``mirror`` (301 moves, 403 bot wall)
Every request is recorded: counts per path, the peak number in flight, and Authorization headers per host; and
every TCP connection accepted (``connections``: keep-alive reuses one).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

ATOM_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
    "<title>arXiv Query</title>\n"
)


class LinkServer:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.methods: Counter[str] = Counter()
        self.in_flight = 0
        self.peak = 0
        self.auth: list[tuple[str, str | None]] = []
        self.papers: dict[str, tuple[str, str]] = {}  # id -> (title, comment)
        self.published: dict[str, str] = {}  # id -> first-version date, default 2023-05-22
        self.mirror: dict[str, int] = {}  # /mirror/... path -> planted status (200 otherwise)
        self.api_requests: list[list[str]] = []
        self.connections = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self._handle(body=False)

            def do_GET(self) -> None:
                self._handle(body=True)

            def _send(
                self, status: int, headers: dict[str, str] | None = None, text: str = "ok", body: bool = True
            ) -> None:
                data = text.encode()
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if body:
                    self.wfile.write(data)

            def _handle(self, body: bool) -> None:
                parts = urlsplit(self.path)
                path = parts.path
                with server.lock:
                    seen = server.counts[path]
                    server.counts[path] += 1
                    server.methods[self.command] += 1
                    server.in_flight += 1
                    server.peak = max(server.peak, server.in_flight)
                    server.auth.append((self.headers.get("Host", ""), self.headers.get("Authorization")))
                try:
                    self._route(path, parts.query, seen, body)
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def _route(self, path: str, query: str, seen: int, body: bool) -> None:
                host = self.headers.get("Host", "")
                port = host.rsplit(":", 1)[-1]
                if path.startswith("/mirror/"):
                    status = server.mirror.get(path, 200)
                    headers = {"Location": path + "-moved"} if status in (301, 308) else {}
                    if status == 403:
                        headers = {"cf-mitigated": "challenge"}
                    self._send(status, headers, body=body)
                elif path in ("/ok", "/page") or path.startswith("/bulk/"):
                    self._send(200, body=body)
                elif path == "/notfound":
                    self._send(404, body=body)
                elif path == "/gone":
                    self._send(410, body=body)
                elif path == "/error":
                    self._send(500, body=body)
                elif path.startswith("/flaky/"):
                    self._send(500 if seen == 0 else 200, body=body)
                elif path in ("/moved", "/moved308", "/temp"):
                    status = {"/moved": 301, "/moved308": 308, "/temp": 302}[path]
                    self._send(status, {"Location": "/ok"}, body=body)
                elif path == "/loop":
                    self._send(301, {"Location": "/loop"}, body=body)
                elif path.startswith("/ratelimited/"):
                    if seen == 0:
                        self._send(429, {"Retry-After": "1"}, body=body)
                    else:
                        self._send(200, body=body)
                elif path == "/always429":
                    self._send(429, {"Retry-After": "0"}, body=body)
                elif path == "/nohead":
                    self._send(405 if self.command == "HEAD" else 200, body=body)
                elif path == "/botwall":
                    self._send(403, {"cf-mitigated": "challenge", "Server": "cloudflare"}, body=body)
                elif path == "/hang":
                    time.sleep(30)
                elif path.startswith("/slow/"):
                    time.sleep(0.2)
                    self._send(200, body=body)
                elif path == "/to-other":
                    self._send(302, {"Location": f"http://localhost:{port}/ok"}, body=body)
                elif path == "/api/query":
                    ids = parse_qs(query).get("id_list", [""])[0].split(",")
                    with server.lock:
                        server.api_requests.append(ids)
                    self._send(200, {"Content-Type": "application/atom+xml"}, server.feed(ids), body=body)
                else:
                    self._send(404, body=body)

        class CountingServer(ThreadingHTTPServer):
            def get_request(self) -> tuple[Any, Any]:
                accepted = super().get_request()
                with server.lock:
                    server.connections += 1
                return accepted

        self.httpd = CountingServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def feed(self, ids: list[str]) -> str:
        entries = []
        for identifier in ids:
            if identifier in self.papers:
                title, comment = self.papers[identifier]
                entries.append(
                    f"<entry><id>http://arxiv.org/abs/{identifier}v1</id>"
                    f"<published>{self.published.get(identifier, '2023-05-22')}T17:16:38Z</published>"
                    f"<title>{escape(title)}</title>"
                    f"<summary>abstract</summary><arxiv:comment>{escape(comment)}</arxiv:comment></entry>\n"
                )
        return ATOM_HEAD + "".join(entries) + "</feed>\n"

    def __enter__(self) -> LinkServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        with self.lock:
            self.counts.clear()
            self.methods.clear()
            self.peak = 0
            self.auth.clear()
            self.api_requests.clear()
            self.connections = 0
