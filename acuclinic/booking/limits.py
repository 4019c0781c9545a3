"""Booking rate limits that fit people: successful bookings and attempts are counted apart.

A patient fixing typos posts the form many times and books once, so failed posts must not use up the
allowance that guards against someone filling the diary: ``BOOKING_RATE_LIMIT`` counts bookings made per
client address per hour, ``BOOKING_ATTEMPT_LIMIT`` every post (a bot hammering the form). Both use the
fixed windows of ``clinic/ratelimit.py``; ``0`` turns a limit off.
"""

from __future__ import annotations

from django.conf import settings

from acuclinic.clinic.ratelimit import allow, client_address, hit, hits, window_left

WINDOW = 3600  # seconds: both limits are per hour
BOOKINGS, ATTEMPTS = "booking", "booking-attempt"


def refused(request) -> bool:
    """Count this attempt; ``True`` when it must be refused (too many attempts, or bookings, this hour)."""
    if not allow(request, ATTEMPTS, limit=settings.BOOKING_ATTEMPT_LIMIT, per_seconds=WINDOW):
        return True
    limit = settings.BOOKING_RATE_LIMIT
    return limit > 0 and hits(BOOKINGS, client_address(request), per_seconds=WINDOW) >= limit


def booked(request) -> None:
    """Count a booking made from this client's address."""
    if settings.BOOKING_RATE_LIMIT > 0:
        hit(BOOKINGS, client_address(request), per_seconds=WINDOW)


def retry_after() -> int:
    """Seconds until the current window ends and the client may try again."""
    return window_left(WINDOW)
