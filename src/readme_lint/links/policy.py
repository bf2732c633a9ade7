"""The URL policy: every request readme-lint makes (links, each redirect hop, the arXiv API) goes through here.

A URL is parsed ONCE, by :func:`parse_target`, into the pieces the HTTP client sends: the address it connects
to, the ``Host`` header, the TLS server name and the request path. No other parser reads the URL afterwards,
so there is no second reading for an attacker to aim at (the old hole: ``urlsplit`` saw
``http://127.0.0.1:8080\\@example.invalid/`` as a request to ``example.invalid`` while the HTTP library sent it
to 127.0.0.1). What a browser or another library could read differently is refused outright:

* a backslash anywhere, control characters, user names or passwords (``user@host``);
* percent-encoded or otherwise non-canonical hosts (``%31%32%37.0.0.1``, ``0177.0.0.1``, ``2130706433``),
  IPv6 zone IDs, broken brackets (``[::1``, ``[]``);
* ports that are not 1 to 65535 written in decimal (``+80``, ``99999``, ``abc``, an empty port).

:func:`resolve` then looks the host up once; the client connects to one of exactly those addresses (pinned: a
second, different DNS answer cannot send the connection elsewhere), after :func:`blocked_reason` has refused
loopback, private, link-local, multicast and reserved addresses, and IPv6 addresses that embed such an IPv4
address (NAT64, 6to4, Teredo, IPv4-compatible, -mapped, -translated), unless ``--allow-private``. A host that
does not resolve is a failure, never a pass.
"""

from __future__ import annotations

import ipaddress
import re
import socket
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


Address = tuple[int, str]  # (socket family, IP address text)


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


def resolve(target: Target) -> list[Address]:
    """Every address ``target.host`` resolves to (one lookup); raises OSError when it does not resolve."""
    if target.ip_literal:
        version = ipaddress.ip_address(target.host).version
        return [(socket.AF_INET6 if version == 6 else socket.AF_INET, target.host)]
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except UnicodeError as error:
        raise OSError(f"bad host name: {error}") from None
    addresses: list[Address] = []
    for family, _, _, _, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            found = (int(family), str(sockaddr[0]).split("%", 1)[0])
            if found not in addresses:
                addresses.append(found)
    if not addresses:
        raise OSError("no IPv4 or IPv6 address")
    return addresses


# IPv6 ranges whose last 32 bits are an IPv4 address a router or the kernel may turn the connection into:
# IPv4-compatible (::a.b.c.d), IPv4-mapped, SIIT IPv4-translated (::ffff:0:a.b.c.d) and the NAT64 prefixes.
_EMBEDS_IPV4 = tuple(
    ipaddress.IPv6Network(network)
    for network in ("::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48")
)
# IPv6 ranges never contacted whatever they embed, whatever this Python's ``is_global`` thinks of them: site-local
# (deprecated, still routed inside some networks) and local-use NAT64, which may embed an IPv4 address at any
# prefix length (RFC 8215), so its last 32 bits alone cannot be trusted.
_NOT_GLOBAL_IPV6 = (
    (ipaddress.IPv6Network("fec0::/10"), "site-local"),
    (ipaddress.IPv6Network("64:ff9b:1::/48"), "local-use NAT64"),
)


def blocked_reason(host: str, addresses: list[Address]) -> str | None:
    """Why ``host`` must not be contacted (one line), or None when every address it resolved to is public.

    An address passes only when it is global and every IPv4 address it embeds is global too: NAT64, 6to4,
    Teredo, IPv4-compatible, -mapped and -translated forms reach the IPv4 address inside them, so
    ``64:ff9b::a9fe:a9fe`` is the metadata address 169.254.169.254 and ``2002:7f00:1::`` is loopback.
    """
    for _, text in addresses:
        address = ipaddress.ip_address(text)
        if isinstance(address, ipaddress.IPv4Address):
            kind = _refusal(address)
            if kind:
                return f"{host} resolves to {kind} address {address}"
            continue
        inside = _embedded_ipv4(address)
        for inner in inside:
            kind = _refusal(inner)
            if kind:
                return f"{host} resolves to {address}, which embeds {kind} address {inner}"
        # A translated form (not a Teredo tunnel) reaches the IPv4 address inside, judged above: Python versions
        # disagree on whether 6to4 or IPv4-mapped ranges are "global", so that must not decide.
        kind = _refusal(address, translated=bool(inside) and address.teredo is None)
        if kind:
            return f"{host} resolves to {kind} address {address}"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Every IPv4 address ``address`` carries (NAT64, 6to4, Teredo, compatible, mapped, translated)."""
    found: list[ipaddress.IPv4Address] = []
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)  # (server, client): both are IPv4 hosts the tunnel reaches
    if any(address in network for network in _EMBEDS_IPV4) and int(address) > 1:  # :: and ::1 are IPv6's own
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def _refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address, translated: bool = False) -> str | None:
    """What kind of non-public address ``address`` is (``loopback``, ``private``, ...), or None when public;
    ``translated``: an IPv6 address whose embedded IPv4 address was found public."""
    if isinstance(address, ipaddress.IPv6Address):
        for network, kind in _NOT_GLOBAL_IPV6:
            if address in network:
                return kind
    if translated:
        return None
    if address.is_global and not address.is_multicast:
        return None
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    return "reserved"
