"""A real forward HTTP proxy on 127.0.0.1 for the transport tests (stdlib only, started and stopped by the tests).

Absolute-URI ``GET``/``HEAD`` (``GET http://host:port/path HTTP/1.1``, what a client sends to an ``HTTP_PROXY``)
are forwarded with ``http.client``; ``CONNECT host:port`` (an ``HTTPS_PROXY``) opens a tunnel. Every request line
the proxy receives is recorded in ``lines``, so a test can tell that a link went through it.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer", "upgrade"}


class ForwardProxy:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._forward()

            def do_HEAD(self) -> None:
                self._forward()

            def _forward(self) -> None:
                with proxy.lock:
                    proxy.lines.append(f"{self.command} {self.path}")
                parts = urlsplit(self.path)
                if parts.scheme != "http" or not parts.hostname:
                    self.send_error(400, "absolute http URI expected")
                    return
                upstream = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                try:
                    path = parts.path + (f"?{parts.query}" if parts.query else "")
                    upstream.request(self.command, path, None, headers)
                    response = upstream.getresponse()
                    body = response.read()
                except OSError:
                    self.send_error(502)
                    return
                finally:
                    upstream.close()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in HOP_BY_HOP | {"content-length", "date", "server"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_CONNECT(self) -> None:
                with proxy.lock:
                    proxy.lines.append(f"CONNECT {self.path}")
                host, _, port = self.path.rpartition(":")
                try:
                    upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
                except (OSError, ValueError):
                    self.send_error(502)
                    return
                self.send_response(200, "Connection established")
                self.end_headers()
                pump = threading.Thread(target=_pump, args=(upstream, self.connection), daemon=True)
                pump.start()
                _pump(self.connection, upstream)
                pump.join(10)
                upstream.close()
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ForwardProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def seen(self) -> list[str]:
        with self.lock:
            return list(self.lines)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    """Copy ``source`` to ``sink`` until it closes, then half-close ``sink`` (one direction of a tunnel)."""
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)
