"""Which addresses a link check may reach: public unicast only, unless private ones are allowed.

A README in a pull request must not make CI probe ``169.254.169.254`` (cloud metadata) or a service on the
runner. Every address a host name resolves to is checked -- and again on each redirect hop, because a public
page may redirect to a private one.
"""

from __future__ import annotations

import ipaddress
import socket


def blocked_reason(host: str, port: int | None) -> str | None:
    """Why ``host`` must not be contacted (a one-line reason), or None when every address is public."""
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return None  # unresolvable: the request itself reports the DNS failure
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
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
