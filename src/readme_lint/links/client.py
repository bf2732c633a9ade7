"""One HTTP request, under the URL policy and the run's clock: the only code that opens a network connection.

The request is built from the :class:`~readme_lint.links.policy.Target` alone (``http.client`` gets a socket we
connected and the path we parsed: it never parses the URL itself). Each request:

* resolves the host once and connects to one of exactly the addresses that were checked (pinned against DNS
  rebinding); TLS verifies the certificate for the host name, sent as SNI, and the ``Host`` header is the URL's;
* is bounded in total time, not per read: a watchdog thread shuts the socket down when the request's time is
  up (``timeout``, or the run's deadline if sooner), so a server that drips its status line a byte a second is
  cut off like one that never answers. The watchdog sleeps on a condition: nothing polls;
* reads at most ``max_body`` bytes of a body (headers: ``http.client``'s limits, 100 lines of 64 KiB).
"""

from __future__ import annotations

import heapq
import http.client
import itertools
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import NamedTuple

from readme_lint.links.policy import Address, Target, blocked_reason, resolve

_CHUNK = 65536


class FetchError(Exception):
    """A request that got no HTTP answer. ``kind``: dns, connect, timeout, deadline, tls, protocol, too-large."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


class Blocked(Exception):
    """The host resolves to an address the policy refuses (loopback, private, ...)."""


class Answer(NamedTuple):
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


class _Guard:
    __slots__ = ("done", "expiry", "fired", "handle")

    def __init__(self, expiry: float, handle: socket.socket) -> None:
        self.expiry = expiry
        self.handle = handle
        self.fired = False
        self.done = False


class Watchdog:
    """Shuts sockets down when their time is up (a duplicate descriptor, so TLS sockets are covered too)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Guard]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    @contextmanager
    def guard(self, sock: socket.socket, expiry: float) -> Iterator[_Guard]:
        guard = _Guard(expiry, socket.socket(fileno=os.dup(sock.fileno())))
        with self._cond:
            heapq.heappush(self._heap, (expiry, next(self._order), guard))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="readme-lint-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
        try:
            yield guard
        finally:
            with self._cond:
                guard.done = True
                guard.handle.close()

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                delay = self._heap[0][0] - time.monotonic()
                if delay > 0:
                    self._cond.wait(delay)
                    continue
                guard = heapq.heappop(self._heap)[2]
                guard.fired = True
                with suppress(OSError):
                    guard.handle.shutdown(socket.SHUT_RDWR)


class Client:
    """Makes requests under the policy; ``deadline_at`` (monotonic) ends every request still running then."""

    def __init__(self, timeout: float, allow_private: bool, deadline_at: float | None, max_body: int) -> None:
        self.timeout = timeout
        self.allow_private = allow_private
        self.deadline_at = deadline_at
        self.max_body = max_body
        self.watchdog = Watchdog()
        self._context: ssl.SSLContext | None = None
        self._lock = threading.Lock()

    def expired(self) -> bool:
        return self.deadline_at is not None and time.monotonic() >= self.deadline_at

    def request(
        self,
        method: str,
        target: Target,
        headers: Mapping[str, str],
        read_body: bool = False,
        body: bytes | None = None,
    ) -> Answer:
        """One request; raises :class:`FetchError` (no answer) or :class:`Blocked` (refused by the policy).

        ``body``: bytes sent after the headers with their Content-Length (a JSON POST to a batch API)."""
        start = time.monotonic()
        expiry = start + self.timeout
        if self.deadline_at is not None:
            if start >= self.deadline_at:
                raise FetchError("deadline", "not checked before the deadline")
            expiry = min(expiry, self.deadline_at)
        addresses = self._resolve(target, expiry)
        if not self.allow_private:
            reason = blocked_reason(target.host, addresses)
            if reason:
                raise Blocked(reason)
        sock = self._connect(addresses, target.port, expiry)
        try:
            with self.watchdog.guard(sock, expiry) as guard:
                try:
                    return self._exchange(sock, method, target, headers, read_body, body)
                except (OSError, http.client.HTTPException, ValueError) as error:  # hostile answers included
                    if guard.fired or isinstance(error, TimeoutError) or time.monotonic() >= expiry:
                        raise self._out_of_time() from None
                    if isinstance(error, ssl.SSLError | ssl.CertificateError):
                        raise FetchError("tls", f"TLS error: {_short(error)}") from None
                    raise FetchError("protocol", f"connection failed: {_short(error)}") from None
        finally:
            sock.close()

    def _resolve(self, target: Target, expiry: float) -> list[Address]:
        """``resolve(target)`` within the request's time: the lookup runs in a daemon thread, since a
        ``getaddrinfo`` stuck on a slow name server cannot be interrupted; past the time it is abandoned."""
        if target.ip_literal:
            return resolve(target)
        outcome: list[list[Address] | BaseException] = []

        def lookup() -> None:
            try:
                outcome.append(resolve(target))
            except BaseException as error:  # handed to the waiting thread
                outcome.append(error)

        worker = threading.Thread(target=lookup, name="readme-lint-dns", daemon=True)
        worker.start()
        worker.join(max(0.0, expiry - time.monotonic()))
        if not outcome:
            raise self._out_of_time()
        if isinstance(outcome[0], OSError):
            raise FetchError("dns", "DNS lookup failed")
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    def _out_of_time(self) -> FetchError:
        if self.expired():
            return FetchError("deadline", "not checked before the deadline")
        return FetchError("timeout", f"timed out after {self.timeout:g} s")

    def _connect(self, addresses: list[Address], port: int, expiry: float) -> socket.socket:
        """A TCP connection to the first of the checked ``addresses`` that answers (never a fresh lookup)."""
        problem = "connection failed"
        for family, address in addresses:
            remaining = expiry - time.monotonic()
            if remaining <= 0:
                break
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.settimeout(remaining)
            try:
                sock.connect((address, port))
            except TimeoutError:
                sock.close()
                break
            except OSError as error:
                sock.close()
                problem = "connection refused" if isinstance(error, ConnectionRefusedError) else _short(error)
                continue
            sock.settimeout(max(0.001, min(self.timeout, expiry - time.monotonic())))
            return sock
        else:
            raise FetchError("connect", problem)
        raise self._out_of_time()

    def _exchange(
        self,
        sock: socket.socket,
        method: str,
        target: Target,
        headers: Mapping[str, str],
        read_body: bool,
        body: bytes | None = None,
    ) -> Answer:
        if target.scheme == "https":
            sock = self.context().wrap_socket(sock, server_hostname=target.host)
        connection = http.client.HTTPConnection(target.host, target.port)
        connection.sock = sock  # connected above, to the checked address: http.client never resolves or parses
        try:
            connection.putrequest(method, target.path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", target.authority)
            for name, value in headers.items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            answer_headers = {name.lower(): value for name, value in response.getheaders()}
            body = self._read(response) if read_body and method != "HEAD" else b""
            return Answer(response.status, answer_headers, body)
        finally:
            connection.close()

    def _read(self, response: http.client.HTTPResponse) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read(_CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_body:
                raise FetchError("too-large", f"answer larger than {self.max_body // 1048576} MiB")
            chunks.append(chunk)

    def context(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                try:
                    import certifi

                    self._context = ssl.create_default_context(cafile=certifi.where())
                except ImportError:  # pragma: no cover - certifi is a dependency
                    self._context = ssl.create_default_context()
            return self._context


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:160]
