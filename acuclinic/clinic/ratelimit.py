"""A fixed-window rate limit per client address for public forms and the booking API.

Written here rather than taken from django-ratelimit because that library's system checks reject the
file cache that a single-machine production uses by default; the logic is a dozen lines on Django's cache.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address; behind N trusted proxies, the Nth address from the right of X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, scope: str, *, limit: int, per_seconds: int) -> bool:
    """Count this request; ``False`` once the client made more than ``limit`` in the current window."""
    if limit <= 0:
        return True
    window = int(time.time() // per_seconds)
    key = f"acuclinic:ratelimit:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, per_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, per_seconds + 5)
        count = 1
    return count <= limit
