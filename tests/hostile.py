"""Hostile servers on 127.0.0.1 for the security tests: raw sockets, so they can misbehave at the byte level.

``HostileServer(behaviour)`` accepts connections and records every request head it receives (the raw bytes,
so a token or a smuggled path shows up verbatim); ``behaviour(request, connection)`` answers. Behaviours:

* :func:`answer` -- a fixed answer (status line, headers, body), e.g. a redirect with a hostile ``Location``;
* :func:`routes` -- a behaviour per request path;
* :func:`drip` -- the status line one byte a second (a per-read timeout never fires);
* :func:`endless` -- 200 and a body that never ends;
* :func:`silent` -- accepts, reads the request and never answers.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable

Behaviour = Callable[[bytes, socket.socket], None]


class HostileServer:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.requests: list[bytes] = []
        self.connections = 0
        self.lock = threading.Lock()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()

    @property
    def received(self) -> bytes:
        with self.lock:
            return b"".join(self.requests)

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(30)
            head = b""
            try:
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                with self.lock:
                    self.requests.append(head)
                if head:
                    self.behaviour(head, connection)
            except OSError:
                return


def answer(status: str, headers: dict[str, str] | None = None, body: bytes = b"ok") -> Behaviour:
    def respond(request: bytes, connection: socket.socket) -> None:
        lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in (headers or {}).items())]
        lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
        connection.sendall("\r\n".join(lines).encode("latin-1") + (b"" if request.startswith(b"HEAD") else body))

    return respond


def routes(table: dict[str, Behaviour], default: Behaviour) -> Behaviour:
    """Answer by request path (the raw path as sent, before any decoding)."""

    def respond(request: bytes, connection: socket.socket) -> None:
        path = request.split(b" ", 2)[1].decode("latin-1") if request.count(b" ") >= 2 else ""
        table.get(path, default)(request, connection)

    return respond


def drip(request: bytes, connection: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n":
        connection.sendall(bytes([byte]))
        time.sleep(1)


def endless(request: bytes, connection: socket.socket) -> None:
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml\r\n\r\n<feed>")
    block = b"<!-- " + b"x" * 65536 + b" -->"
    for _ in range(100000):  # ~6.5 GB: far past any cap, but a test that fails still ends
        connection.sendall(block)


def silent(request: bytes, connection: socket.socket) -> None:
    time.sleep(20)


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
