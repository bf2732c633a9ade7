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
loopback, private, link-local, multicast and reserved addresses (unless ``--allow-private``). A host that does
not resolve is a failure, never a pass.
"""

from __future__ import annotations

import ipaddress
import socket

# The parse itself is pure (no network) and lives below both the rules and this package, so that a rule's fix
# (RL211's clean_url) uses the same reading without importing the network layer; re-exported here.
from readme_lint.urls import DEFAULT_PORTS, TOKEN_HOSTS, Target, UrlRejected, clean_url, join, parse_target

__all__ = [
    "DEFAULT_PORTS",
    "TOKEN_HOSTS",
    "Address",
    "Target",
    "UrlRejected",
    "blocked_reason",
    "clean_url",
    "join",
    "parse_target",
    "resolve",
]

Address = tuple[int, str]  # (socket family, IP address text)


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


def blocked_reason(host: str, addresses: list[Address]) -> str | None:
    """Why ``host`` must not be contacted (one line), or None when every address it resolved to is public."""
    for _, text in addresses:
        address = ipaddress.ip_address(text)
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            kind = (
                "loopback"
                if address.is_loopback
                else "link-local"
                if address.is_link_local
                else "multicast"
                if address.is_multicast
                else "private"
                if address.is_private
                else "reserved"
            )
            return f"{host} resolves to {kind} address {address}"
    return None
