"""Fixed-window rate limits per client address for public forms, the booking API and staff sign-in.

Written here rather than taken from django-ratelimit because that library's system checks reject the
file cache that a single-machine production uses by default; the logic is a dozen lines on Django's cache.

The client address is the socket's peer, unless that peer is one of ``TRUSTED_PROXIES`` (addresses or
networks; loopback by default, for a reverse proxy on the same machine): then it is the nearest address
in ``X-Forwarded-For`` that is not itself a trusted proxy. A client talking to gunicorn directly cannot
choose its address by sending the header.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """``TRUSTED_PROXIES`` parsed; an entry that is neither an address nor a network is an error at startup."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    if parsed.version == 6 and parsed.ipv4_mapped:
        parsed = parsed.ipv4_mapped
    return any(parsed in network for network in networks)


def client_address(request) -> str:
    """The client's address for rate limits and moderators: see the module docstring."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not _is_trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # Each proxy appends the peer it saw, so the header is read from the right: the first address a
    # trusted proxy did not vouch for is the client. What lies left of it is the client's own claim.
    for hop in reversed(forwarded):
        if not _is_trusted(hop, networks):
            return hop
    return forwarded[0] if forwarded else remote


def _digest(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest()[:32]


def _key(scope: str, identity: str, per_seconds: int) -> str:
    window = int(time.time() // per_seconds)
    return f"acuclinic:ratelimit:{scope}:{_digest(identity)}:{window}"


def window_left(per_seconds: int) -> int:
    """Seconds until the current fixed window ends (a client's ``Retry-After``)."""
    return max(1, per_seconds - int(time.time()) % per_seconds)


def hit(scope: str, identity: str, *, per_seconds: int) -> int:
    """Count one event for ``identity`` in the current window; the count so far, this one included."""
    key = _key(scope, identity, per_seconds)
    cache.add(key, 0, per_seconds + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, per_seconds + 5)
        return 1


def hits(scope: str, identity: str, *, per_seconds: int) -> int:
    """How many events ``identity`` had in the current window, without counting one."""
    return cache.get(_key(scope, identity, per_seconds), 0)


def block(scope: str, identity: str, *, seconds: int) -> None:
    """Refuse ``identity`` for the next ``seconds`` (see ``blocked_for``)."""
    cache.set(f"acuclinic:block:{scope}:{_digest(identity)}", time.time() + seconds, seconds)


def blocked_for(scope: str, identity: str) -> int:
    """Seconds left of a ``block`` on ``identity``; 0 when it is not blocked."""
    until = cache.get(f"acuclinic:block:{scope}:{_digest(identity)}")
    return max(0, int(until - time.time() + 0.999)) if until else 0


def allow(request, scope: str, *, limit: int, per_seconds: int) -> bool:
    """Count this request; ``False`` once the client made more than ``limit`` in the current window."""
    if limit <= 0:
        return True
    return hit(scope, client_address(request), per_seconds=per_seconds) <= limit
