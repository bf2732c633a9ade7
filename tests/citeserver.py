"""A fake Semantic Scholar Graph API and OpenAlex on 127.0.0.1 for the citation tests (stdlib only).

  POST /graph/v1/paper/batch?fields=citationCount   {"ids": [...]} -> a list in the same order: ``{"paperId",
                                                    "citationCount"}`` for IDs in ``counts``, null for others;
                                                    400 for more than 500 IDs, as the real API
  GET  /works?filter=doi:A|B&select=...             {"results": [{"doi": "https://doi.org/A", "cited_by_count"}]}
                                                    for DOIs in ``works``

``planned`` holds answers to give first, one per request, instead of the real one: ``(status, headers,
body)``. ``latency`` delays every answer; from request ``fail_from`` on, every answer is a 503. Every request is
recorded: the IDs of each batch, the x-api-key.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class CitationServer:
    def __init__(self, latency: float = 0.0) -> None:
        self.lock = threading.Lock()
        self.counts: dict[str, int] = {}  # "ARXIV:2106.09685" / "DOI:10.1145/..." -> citationCount
        self.works: dict[str, int] = {}  # lower-case DOI -> cited_by_count
        self.planned: list[tuple[int, dict[str, str], bytes]] = []
        self.latency = latency
        self.fail_from: int | None = None  # from this request on (0-based), answer 503
        self.default: int | None = None  # the count of every ID not in ``counts`` (None: unknown papers)
        self.batches: list[list[str]] = []  # the IDs (or DOIs) of every request, in order
        self.keys: list[str | None] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                try:
                    ids = json.loads(body)["ids"]
                except (ValueError, KeyError, TypeError):
                    ids = None
                self._answer("POST", ids if isinstance(ids, list) else None)

            def do_GET(self) -> None:
                self._answer("GET", None)

            def _answer(self, method: str, ids: list[str] | None) -> None:
                url = urlsplit(self.path)
                with server.lock:
                    server.paths.append(f"{method} {self.path}")
                    server.keys.append(self.headers.get("x-api-key"))
                    planned = server.planned.pop(0) if server.planned else None
                    if server.fail_from is not None and len(server.paths) > server.fail_from:
                        planned = (503, {}, b'{"error": "unavailable"}')
                if server.latency:
                    time.sleep(server.latency)
                if planned is not None:
                    self._send(*planned)
                    return
                if method == "POST" and url.path == "/graph/v1/paper/batch" and ids is not None:
                    with server.lock:
                        server.batches.append(list(ids))
                    if len(ids) > 500:
                        self._send(400, {}, b'{"error": "Cannot process more than 500 ids"}')
                        return
                    found = {i: server.counts.get(i, server.default) for i in ids}
                    answer = [
                        {"paperId": f"p{n}", "citationCount": found[i]} if found[i] is not None else None
                        for n, i in enumerate(ids)
                    ]
                    self._send(200, {}, json.dumps(answer).encode())
                elif method == "GET" and url.path == "/works":
                    query = parse_qs(url.query)
                    dois = query.get("filter", [""])[0].removeprefix("doi:").split("|")
                    with server.lock:
                        server.batches.append(dois)
                    results = [
                        {"doi": f"https://doi.org/{doi}", "cited_by_count": server.works[doi]}
                        for doi in dois
                        if doi in server.works
                    ]
                    self._send(200, {}, json.dumps({"meta": {"count": len(results)}, "results": results}).encode())
                else:
                    self._send(404, {}, b'{"error": "not found"}')

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def s2_api(self) -> str:
        return f"{self.url}/graph/v1"

    def __enter__(self) -> CitationServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
