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
