"""New free time from the clinic's hours: saved weekly hours, a date override that opens time, or a
deleted closing override all reach the waitlist (``waitlist.time_freed``) in the saving transaction.

Cancellations, reschedules and unblocked time call ``time_freed`` from ``services.py`` directly.
"""

from __future__ import annotations

import datetime as dt

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from acuclinic.clinic.clock import clinic_today, clinic_tz

from . import waitlist
from .models import BookingRules, DateOverride, WeeklyHours


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=clinic_tz())


@receiver(post_save, sender=WeeklyHours, dispatch_uid="waitlist-weekly-hours")
def weekly_hours_saved(sender, instance: WeeklyHours, raw=False, **kwargs):
    if raw:  # fixtures
        return
    today = clinic_today()
    horizon = BookingRules.current().horizon_days
    first = today + dt.timedelta(days=(instance.weekday - today.weekday()) % 7)
    days = [first + dt.timedelta(weeks=n) for n in range(horizon // 7 + 1)]
    windows = [
        (_at(day, instance.start), _at(day, instance.end)) for day in days if day <= today + dt.timedelta(horizon)
    ]
    waitlist.time_freed(instance.practitioner_id, windows)


@receiver(post_save, sender=DateOverride, dispatch_uid="waitlist-override-saved")
def override_saved(sender, instance: DateOverride, raw=False, **kwargs):
    if not raw and instance.start is not None and instance.date >= clinic_today():
        waitlist.time_freed(
            instance.practitioner_id, [(_at(instance.date, instance.start), _at(instance.date, instance.end))]
        )


@receiver(post_delete, sender=DateOverride, dispatch_uid="waitlist-override-deleted")
def override_deleted(sender, instance: DateOverride, **kwargs):
    # The weekly hours apply again that day: whatever they hold may be free.
    if instance.date >= clinic_today():
        day = instance.date
        waitlist.time_freed(
            instance.practitioner_id, [(_at(day, dt.time()), _at(day + dt.timedelta(days=1), dt.time()))]
        )
