"""What "now" and "today" are at the clinic: the one place that says so.

Times are stored in UTC; the clinic works in ``settings.TIME_ZONE``. The Wagtail admin activates each
user's own time zone, so ``timezone.localdate()`` there is the user's day, not the clinic's: code that
needs the clinic's day (the booking window, the day list, the review date of a guide) asks here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def clinic_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def clinic_now(now: dt.datetime | None = None) -> dt.datetime:
    """``now`` (default: this instant) as the clinic's wall clock shows it."""
    return (now or timezone.now()).astimezone(clinic_tz())


def clinic_today(now: dt.datetime | None = None) -> dt.date:
    """The date at the clinic, whatever time zone the request or the user has active."""
    return clinic_now(now).date()


def at_clinic(day: dt.date, time: dt.time) -> dt.datetime:
    """A date and wall-clock time read in the clinic's time zone (not the browser's or the user's)."""
    return dt.datetime.combine(day, time, tzinfo=clinic_tz())


def local(instant: dt.datetime) -> dt.datetime:
    """An instant as the clinic's wall clock shows it."""
    return instant.astimezone(clinic_tz())
