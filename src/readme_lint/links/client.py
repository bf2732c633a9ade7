"""One HTTP request, under the URL policy and the run's clock: ``requests`` with a transport adapter that pins.

The HTTP work is ``requests`` (urllib3 underneath): one :class:`requests.Session` per run, so connections are kept
alive and reused per host, the standard proxy variables (``HTTPS_PROXY``, ``HTTP_PROXY``, ``NO_PROXY``) and
``REQUESTS_CA_BUNDLE`` are honoured, and TLS verifies the URL's host name. What this module adds:

* **Pinning.** The host is resolved once per run, within the request's time, and judged by the policy before
  anything is sent; urllib3's connections (:class:`_PinnedHTTPConnection`) then open their socket to one of
  exactly those checked addresses (a second DNS answer cannot send them elsewhere: DNS rebinding), while SNI,
  certificate verification and ``Host`` stay the URL's host. Through a proxy the socket goes to the proxy (the
  environment's, trusted) and the policy has still judged the URL's host.
* **One reading of the URL.** The request is sent for the canonical ``Target.url`` that ``policy.parse_target``
  produced, left exactly as it is (requests' re-quoting is skipped); a connection whose host is not the checked
  one is refused.
* **Time bounded in total, not per read.** A watchdog thread shuts the socket down when the request's time is up
  (``timeout``, or the run's deadline if sooner), new or reused connection alike, so a server that drips its
  answer a byte a second is cut off like one that never answers. The watchdog sleeps on a condition.
* **Bytes bounded.** Bodies are streamed and read in chunks, at most ``max_body`` bytes (headers: ``http.client``'s
  limits, 100 lines of 64 KiB). Requests go straight to the session's adapter: redirects are never followed nor
  their ``Location`` parsed here (the caller judges each hop), no cookie jar is kept and ``~/.netrc`` is not read,
  so no request carries state or credentials from another.
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
from collections.abc import Callable, Mapping
from contextlib import suppress
from typing import Any, NamedTuple

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.utils import select_proxy
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from readme_lint.links.policy import Address, Target, blocked_reason, resolve

_CHUNK = 65536
_POOL_SIZE = 64  # idle connections kept per host: max-per-host is at most 64
_POOLS = 64  # hosts whose idle connections are kept (least recently used dropped)


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

    def watch(self, sock: socket.socket, expiry: float) -> _Guard:
        guard = _Guard(expiry, socket.socket(fileno=os.dup(sock.fileno())))
        with self._cond:
            heapq.heappush(self._heap, (expiry, next(self._order), guard))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="readme-lint-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
        return guard

    def release(self, guard: _Guard) -> None:
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


class _StaleConnection(Exception):
    """A kept-alive connection the server had closed before this request: send it again, once."""


def _closed_by_peer(error: BaseException) -> bool:
    """Whether the connection ended before any answer (closed, reset or a broken pipe): a stale kept-alive one."""
    closed = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, ConnectionAbortedError)
    return any(isinstance(cause, closed) for cause in _causes(error))


class _Call:
    """The request running in this thread: what urllib3's connections may connect to, and their watchdog guards."""

    def __init__(self, client: Client, target: Target, addresses: list[Address], expiry: float) -> None:
        self.client = client
        self.target = target
        self.addresses = addresses
        self.proxied = False  # set once the environment's proxy for the URL is known
        self.expiry = expiry
        self.guards: list[_Guard] = []
        self._fired = False
        self.reused = False  # the request went over a kept-alive connection (which the server may have closed)

    def watch(self, sock: socket.socket) -> None:
        self.guards.append(self.client.watchdog.watch(sock, self.expiry))

    def fired(self) -> bool:
        return self._fired or any(guard.fired for guard in self.guards)

    def release(self) -> None:
        """Ends the guards (again: a no-op); called when a connection goes back to the pool, which urllib3 does
        as soon as a body has been read to its end, so this request's clock never cuts the next request's."""
        while self.guards:
            guard = self.guards.pop()
            self._fired = self._fired or guard.fired
            self.client.watchdog.release(guard)

    def connect(self, connection: HTTPConnection, via_proxy: Callable[[], socket.socket]) -> socket.socket:
        """The socket for a new connection: to a checked address of the target, or to the proxy."""
        if time.monotonic() >= self.expiry:
            raise self.client.out_of_time()
        if self.proxied:
            sock = via_proxy()
        else:
            host = connection.host.strip("[]").rstrip(".").lower()
            if (host, connection.port) != (self.target.host.rstrip("."), self.target.port):  # never expected
                raise FetchError("protocol", f"connection to unchecked host {host} refused")
            sock = self.client.connect(self.addresses, self.target.port, self.expiry)
            for option in connection.socket_options or ():
                with suppress(OSError):
                    sock.setsockopt(*option)
        self.watch(sock)
        return sock


_local = threading.local()


def _running() -> _Call:
    call: _Call | None = getattr(_local, "call", None)
    if call is None:  # a connection outside Client.request: nothing was checked, so nothing is connected
        raise FetchError("protocol", "connection outside a checked request refused")
    return call


class _PinnedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _running().connect(self, super()._new_conn)

    def request(self, *args: Any, **kwargs: Any) -> None:
        if self.sock is not None:  # a kept-alive connection: this request's time bounds it too
            call = _running()
            call.reused = True
            call.watch(self.sock)
        super().request(*args, **kwargs)


class _PinnedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _running().connect(self, super()._new_conn)

    def request(self, *args: Any, **kwargs: Any) -> None:
        if self.sock is not None:
            call = _running()
            call.reused = True
            call.watch(self.sock)
        super().request(*args, **kwargs)


def _returned() -> None:
    call: _Call | None = getattr(_local, "call", None)
    if call is not None:
        call.release()


class _PinnedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PinnedHTTPConnection

    def _put_conn(self, conn: Any) -> None:
        _returned()
        super()._put_conn(conn)


class _PinnedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPSConnection

    def _put_conn(self, conn: Any) -> None:
        _returned()
        super()._put_conn(conn)


_POOL_CLASSES = {"http": _PinnedHTTPPool, "https": _PinnedHTTPSPool}


class PinnedAdapter(HTTPAdapter):
    """requests' adapter with urllib3 pools whose connections connect only where :class:`_Call` allows."""

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOL_CLASSES

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        if not proxy.lower().startswith(("http:", "https:")):  # SOCKS: its sockets would escape the watchdog
            scheme = proxy.split(":", 1)[0]
            raise FetchError("protocol", f"{scheme}:// proxies are not supported (only http:// and https://)")
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _POOL_CLASSES
        return manager


class Client:
    """Makes requests under the policy; ``deadline_at`` (monotonic) ends every request still running then."""

    def __init__(self, timeout: float, allow_private: bool, deadline_at: float | None, max_body: int) -> None:
        self.timeout = timeout
        self.allow_private = allow_private
        self.deadline_at = deadline_at
        self.max_body = max_body
        self.watchdog = Watchdog()
        self._addresses: dict[tuple[str, int], list[Address]] = {}
        self._lock = threading.Lock()
        self.session = requests.Session()
        adapter = PinnedAdapter(pool_connections=_POOLS, pool_maxsize=_POOL_SIZE)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

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

        ``body``: bytes sent after the headers with their Content-Length (a JSON POST to a batch API).

        A kept-alive connection the server closed meanwhile (it answers nothing: "remote end closed") is no
        answer about the link: the request is sent once more, on a new connection."""
        try:
            return self._request(method, target, headers, read_body, body)
        except _StaleConnection:
            return self._request(method, target, headers, read_body, body, retry=False)

    def _request(
        self,
        method: str,
        target: Target,
        headers: Mapping[str, str],
        read_body: bool,
        body: bytes | None,
        retry: bool = True,
    ) -> Answer:
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
        call = _Call(self, target, addresses, expiry)
        _local.call = call
        response: requests.Response | None = None
        complete = False  # the whole answer was read: its connection may serve the next request to the host
        try:
            # the environment's proxies (NO_PROXY included) and CA bundle; never ~/.netrc (no prepare_request)
            settings = self.session.merge_environment_settings(target.url, {}, True, None, None)
            call.proxied = select_proxy(target.url, settings["proxies"]) is not None
            prepared = requests.PreparedRequest()
            sent = {"Host": target.authority, **{k: v for k, v in headers.items() if k.lower() != "host"}}
            prepared.prepare(method=method, url=target.url, headers=sent, data=body)  # body: with its Content-Length
            prepared.url = target.url  # exactly the policy's reading: requests would re-quote the path
            remaining = max(0.001, expiry - time.monotonic())
            # the session's adapter sends it: Session.send would also read a redirect's Location, which is ours
            adapter = self.session.get_adapter(target.url)
            response = adapter.send(prepared, timeout=(remaining, remaining), **settings)
            answer_headers = {name.lower(): value for name, value in response.raw.headers.items()}
            answer = self._read(response) if read_body or method == "HEAD" else b""
            complete = read_body or method == "HEAD"
            return Answer(response.status_code, answer_headers, answer)
        except FetchError:
            raise
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, http.client.HTTPException) as error:
            if retry and call.reused and response is None and not call.fired() and _closed_by_peer(error):
                raise _StaleConnection from None
            raise self._failure(error, call) from None
        except ValueError as error:  # a hostile answer urllib3 cannot read
            raise FetchError("protocol", f"connection failed: {_short(error)}") from None
        finally:
            _local.call = None
            call.release()  # before the connection goes back to the pool (urllib3 may have put it back already)
            if response is not None and complete:
                response.raw.release_conn()
            elif response is not None:
                response.close()  # a body left unread (or a failure): the connection is not reused

    def _read(self, response: requests.Response) -> bytes:
        """The body, in chunks, at most ``max_body`` bytes (read to its end, the connection can be reused)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.raw.read(_CHUNK, decode_content=False)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_body:
                raise FetchError("too-large", f"answer larger than {self.max_body // 1048576} MiB")
            chunks.append(chunk)

    def _failure(self, error: BaseException, call: _Call) -> FetchError:
        causes = _causes(error)
        if call.fired() or time.monotonic() >= call.expiry or any(_timed_out(cause) for cause in causes):
            return self.out_of_time()
        tls = next((c for c in causes if isinstance(c, ssl.SSLError | ssl.CertificateError)), None)
        if tls is not None:
            return FetchError("tls", f"TLS error: {_short(tls)}")
        refused = any(isinstance(cause, ConnectionRefusedError) for cause in causes)
        reason = "connection refused" if refused else _short(causes[-1])
        if any(isinstance(c, requests.exceptions.ProxyError | urllib3.exceptions.ProxyError) for c in causes):
            return FetchError("connect", f"proxy failed: {reason}")  # as a network failure: offline if every one is
        return FetchError("protocol", f"connection failed: {reason}")

    def _resolve(self, target: Target, expiry: float) -> list[Address]:
        """``resolve(target)``, once per host and run, within the request's time: the lookup runs in a daemon
        thread, since a ``getaddrinfo`` stuck on a slow name server cannot be interrupted; past the time it is
        abandoned. Only answers are kept (a failed lookup is tried again by the next request)."""
        if target.ip_literal:
            return resolve(target)
        key = (target.host, target.port)
        with self._lock:
            known = self._addresses.get(key)
        if known is not None:
            return known
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
            raise self.out_of_time()
        if isinstance(outcome[0], OSError):
            raise FetchError("dns", "DNS lookup failed")
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        with self._lock:
            return self._addresses.setdefault(key, outcome[0])

    def out_of_time(self) -> FetchError:
        if self.expired():
            return FetchError("deadline", "not checked before the deadline")
        return FetchError("timeout", f"timed out after {self.timeout:g} s")

    def connect(self, addresses: list[Address], port: int, expiry: float) -> socket.socket:
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
            return sock
        else:
            raise FetchError("connect", problem)
        raise self.out_of_time()


def _causes(error: BaseException) -> list[BaseException]:
    """``error`` and what it wraps, outermost first (requests wraps urllib3, which wraps ``ssl`` and sockets)."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending and len(seen) < 16:
        current = pending.pop(0)
        if any(current is known for known in seen):
            continue
        seen.append(current)
        inner = [getattr(current, "reason", None), getattr(current, "original_error", None), current.__cause__]
        inner += [arg for arg in current.args if isinstance(arg, BaseException)]
        pending += [item for item in inner if isinstance(item, BaseException)]
    return seen


def _timed_out(cause: BaseException) -> bool:
    if isinstance(cause, urllib3.exceptions.NewConnectionError):  # a ConnectTimeoutError by inheritance only
        return False
    return isinstance(cause, requests.Timeout | urllib3.exceptions.TimeoutError | TimeoutError)


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:160]
