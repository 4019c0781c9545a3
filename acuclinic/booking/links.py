"""The patient's manage link: the one lookup (signature, kind, expiry) behind the manage pages and the API.

A link opens its appointment until an hour after the appointment ends; then it is gone (410) on every
path that reads it, page or API, so an old email opens nothing. A forged, mistyped or unknown token
is simply not found (404), whatever characters it holds.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Appointment

# The link keeps working for a short while after the end, so a patient can still check the time.
EXPIRES_AFTER_END = dt.timedelta(hours=1)


class LinkNotFound(LookupError):
    """No appointment for this token (forged, mistyped, unknown, or not a patient's appointment)."""


class LinkExpired(LookupError):
    """The appointment this link opened is over; the link no longer opens it."""


def expired(appointment: Appointment, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) > appointment.end + EXPIRES_AFTER_END


def open_manage_link(token: str, *, now: dt.datetime | None = None) -> Appointment:
    """The appointment ``token`` opens. Raises :class:`LinkNotFound` or :class:`LinkExpired`."""
    appointment = Appointment.by_token(token)
    if appointment is None or appointment.kind != Appointment.Kind.APPOINTMENT:
        raise LinkNotFound(token)
    if expired(appointment, now):
        raise LinkExpired(token)
    return appointment


def open_course_link(token: str, *, now: dt.datetime | None = None):
    """The course of care ``token`` opens, until an hour after its last visit ends (the same rule as one
    appointment's link). Raises :class:`LinkNotFound` or :class:`LinkExpired`."""
    from .models import CourseOfCare

    course = CourseOfCare.by_token(token)
    if course is None:
        raise LinkNotFound(token)
    last = course.visits.order_by("-end").values_list("end", flat=True).first()
    if last is None or (now or timezone.now()) > last + EXPIRES_AFTER_END:
        raise LinkExpired(token)
    return course
