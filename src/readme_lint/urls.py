"""Reading a URL the one way readme-lint reads it: the parse behind every request and every URL a fix writes.

Pure (no network, no sockets): the URL policy in ``readme_lint.links.policy`` re-exports it and adds the address
checks; the rules use :func:`clean_url` for fixes whose target comes from a server. The rules of the parse are
described in ``readme_lint.links.policy``: one parse into the pieces the HTTP client sends, and anything another
reader could see differently (backslashes, user names, non-canonical hosts and ports) refused outright.
"""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple
from urllib.parse import quote

DEFAULT_PORTS = {"http": 80, "https": 443}
# GitHub hosts that may receive GITHUB_TOKEN: named here, never taken from a config file.
TOKEN_HOSTS = frozenset({"github.com", "api.github.com"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_PORT = re.compile(r"[0-9]{1,5}")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)")
# What may stay as it is in a request path or query; everything else is percent-encoded (UTF-8). The set
# leaves out ( ) [ ] | < > and quotes, so a canonical URL also fits in a markdown link inside a table cell.
_PATH_SAFE = "/?:@!$&'*+,;=-._~"
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class UrlRejected(ValueError):
    """The URL is not fetched; the message (one line) says why."""


class Target(NamedTuple):
    """A URL as the client sends it: connect to ``host:port``, send ``Host: authority`` and ``path``."""

    scheme: str  # "http" or "https"
    host: str  # lower-case ASCII name, or an IP address (IPv6 without brackets)
    port: int
    path: str  # path and query, percent-encoded, starting with "/"; no fragment

    @property
    def authority(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.authority}{self.path}"

    @property
    def ip_literal(self) -> bool:
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            return False
        return True

    @property
    def gets_token(self) -> bool:
        """Whether GITHUB_TOKEN may be sent here: https, port 443, a GitHub host named in the code."""
        return self.scheme == "https" and self.port == 443 and self.host in TOKEN_HOSTS


def parse_target(url: str) -> Target:
    """The one parse of ``url``; raises :class:`UrlRejected` for anything outside the policy above."""
    if "\\" in url:
        raise UrlRejected("backslash in URL (browsers and HTTP libraries read it differently)")
    url = url.strip(" ")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        raise UrlRejected("control character in URL")
    scheme_match = _SCHEME.match(url)
    if scheme_match is None:
        raise UrlRejected("not an absolute URL")
    scheme = scheme_match.group(1).lower()
    if scheme not in DEFAULT_PORTS:
        raise UrlRejected(f"not an http(s) URL ({scheme}:)")
    rest = url[scheme_match.end() :]
    if not rest.startswith("//"):
        raise UrlRejected("no host in URL")
    rest = rest[2:]
    end = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    host, port = _authority(rest[:end], scheme)
    return Target(scheme, host, port, _path(rest[end:].split("#", 1)[0]))


def _authority(authority: str, scheme: str) -> tuple[str, int]:
    if "@" in authority:
        raise UrlRejected("user name or password in URL")
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            raise UrlRejected("unclosed [ in host")
        host_text, after = authority[1:close], authority[close + 1 :]
        if "%" in host_text:
            raise UrlRejected("IPv6 zone in host")
        try:
            host = str(ipaddress.IPv6Address(host_text))
        except ValueError:
            raise UrlRejected(f"bad IPv6 address [{host_text}]") from None
        if after and not after.startswith(":"):
            raise UrlRejected("text after ] in host")
        port_text = after[1:] if after else None
    else:
        if authority.count(":") > 1:
            raise UrlRejected("bad host (more than one ':')")
        host_text, _, port_text_or_empty = authority.partition(":")
        port_text = port_text_or_empty if ":" in authority else None
        host = _host(host_text)
    if port_text is None:
        return host, DEFAULT_PORTS[scheme]
    if not _PORT.fullmatch(port_text) or not 1 <= int(port_text) <= 65535:
        raise UrlRejected(f"bad port {port_text!r}")
    return host, int(port_text)


def _host(text: str) -> str:
    if not text:
        raise UrlRejected("empty host")
    if "%" in text:
        raise UrlRejected("percent-encoded host")
    if not text.isascii():
        try:
            text = text.encode("idna").decode("ascii")
        except UnicodeError:
            raise UrlRejected("host is not a valid international domain name") from None
    host = text.lower()
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise UrlRejected(f"bad host name {host!r}")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        # WHATWG reads a host ending in a number as an IPv4 address, inet_aton even in octal and hex: only the
        # canonical dotted-decimal form is taken, so every reader agrees on the address.
        try:
            return str(ipaddress.IPv4Address(host))
        except ValueError:
            raise UrlRejected(f"non-canonical numeric host {host!r}") from None
    return host


def _path(text: str) -> str:
    if not text.startswith("/"):
        text = "/" + text
    text = _PERCENT.sub("%25", text)
    return quote(text, safe=_PATH_SAFE + "%")


def join(base: Target, location: str) -> Target:
    """The target of a redirect's ``Location`` (relative or absolute), through the same policy."""
    location = location.strip(" \t")
    if "\\" in location:
        raise UrlRejected("backslash in redirect target")
    if _SCHEME.match(location) and not location.lower().startswith(("http:", "https:")):
        return parse_target(location)  # raises "not an http(s) URL"
    if location.startswith("//"):
        return parse_target(f"{base.scheme}:{location}")
    if _SCHEME.match(location):
        return parse_target(location)
    if location.startswith("/"):
        return parse_target(f"{base.scheme}://{base.authority}{location}")
    directory = base.path.split("?", 1)[0].rsplit("/", 1)[0]
    if location.startswith("?"):
        return parse_target(f"{base.scheme}://{base.authority}{base.path.split('?', 1)[0]}{location}")
    if location.startswith("#") or not location:
        return base
    return parse_target(f"{base.scheme}://{base.authority}{_dot_segments(directory + '/' + location)}")


def _dot_segments(path: str) -> str:
    """RFC 3986 remove_dot_segments for a relative redirect (``../x``, ``./y``)."""
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
        query = "?" + query
    out: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        elif segment == ".":
            if last:
                out.append("")
        else:
            out.append(segment)
    joined = "/".join(out)
    return (joined if joined.startswith("/") else "/" + joined) + query


def clean_url(url: str | None) -> str | None:
    """``url`` in canonical form when it is a clean http(s) URL fit to write into a README table cell, else None.

    Used for the RL211 fix, whose target comes from a server's ``Location``: the result has no ``|``, ``(``,
    ``)``, brackets, spaces or control characters, so it can neither split a table row nor inject a link.
    """
    if not url:
        return None
    try:
        return parse_target(url).url
    except UrlRejected:
        return None
