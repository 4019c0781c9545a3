"""Reads: which start times are free, for whom, and why a time is not.

The slot engine (``slots.py``) is pure; this module feeds it a practitioner's hours, overrides, holidays
and bookings for a window read from the database, and turns its answers into offers the pages and the
API list. Writes (book, cancel, reschedule) live in ``services.py`` and ask the same questions here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from acuclinic.clinic.clock import clinic_today, clinic_tz, local
from acuclinic.clinic.inputs import check_instant

from . import slots
from .errors import BookingError, SlotTaken
from .models import Appointment, BookingRules, DateOverride, Holiday, Practitioner, Service


def rules_for(booking_rules: BookingRules) -> slots.Rules:
    return slots.Rules(
        min_notice=dt.timedelta(hours=booking_rules.min_notice_hours),
        horizon=dt.timedelta(days=booking_rules.horizon_days),
        step=dt.timedelta(minutes=booking_rules.slot_step_minutes),
    )


@dataclass
class Schedule:
    """Everything the slot engine needs for one practitioner over a window of local dates."""

    weekly: list[slots.WorkingInterval]
    overrides: dict[dt.date, list[tuple[dt.time, dt.time]]]
    holidays: set[dt.date]
    busy: list[slots.Busy]

    def kwargs(self) -> dict:
        return {"weekly": self.weekly, "overrides": self.overrides, "holidays": self.holidays, "busy": self.busy}


def load_schedule(practitioner: Practitioner, first_day: dt.date, last_day: dt.date, *, exclude_id=None) -> Schedule:
    """Read a practitioner's hours and bookings for the window only: cost grows with the window, not history."""
    tz = clinic_tz()
    window_start = dt.datetime.combine(first_day - dt.timedelta(days=1), dt.time(), tzinfo=tz)
    window_end = dt.datetime.combine(last_day + dt.timedelta(days=2), dt.time(), tzinfo=tz)
    overrides: dict[dt.date, list[tuple[dt.time, dt.time]]] = {}
    for row in DateOverride.objects.filter(practitioner=practitioner, date__range=(first_day, last_day)):
        intervals = overrides.setdefault(row.date, [])
        if row.start is not None:
            intervals.append((row.start, row.end))
    busy_rows = Appointment.objects.filter(practitioner=practitioner).overlapping(window_start, window_end)
    if exclude_id is not None:
        busy_rows = busy_rows.exclude(pk=exclude_id)
    return Schedule(
        weekly=[slots.WorkingInterval(h.weekday, h.start, h.end) for h in practitioner.weekly_hours.all()],
        overrides=overrides,
        holidays=set(Holiday.objects.filter(date__range=(first_day, last_day)).values_list("date", flat=True)),
        busy=[slots.Busy(start, end) for start, end in busy_rows.values_list("start", "buffer_end")],
    )


@dataclass(frozen=True)
class Offer:
    start: dt.datetime
    end: dt.datetime
    practitioner: Practitioner


def offered_by(service: Service, practitioner: Practitioner | None) -> list[Practitioner]:
    practitioners = service.practitioners.bookable().prefetch_related("weekly_hours")
    if practitioner is not None:
        practitioners = practitioners.filter(pk=practitioner.pk)
    return list(practitioners)


def free_offers(
    *,
    service: Service,
    practitioner: Practitioner | None,
    first_day: dt.date,
    last_day: dt.date,
    now: dt.datetime | None = None,
    rules: BookingRules | None = None,
) -> list[Offer]:
    """Free start times of ``service`` with one practitioner, or with any who offers it (sorted by time)."""
    now = now or timezone.now()
    engine_rules = rules_for(rules or BookingRules.current())
    # Only today up to the horizon can hold a free slot: read no further (and so never reach the
    # calendar's edges, where a window's arithmetic would overflow, whatever days were asked for).
    first_day = max(first_day, clinic_today(now))
    last_day = min(last_day, clinic_today(now + engine_rules.horizon))
    if first_day > last_day:
        return []
    offers: list[Offer] = []
    for person in offered_by(service, practitioner):
        schedule = load_schedule(person, first_day, last_day)
        for slot in slots.free_slots(
            **schedule.kwargs(),
            duration=service.duration,
            buffer=service.buffer,
            rules=engine_rules,
            first_day=first_day,
            last_day=last_day,
            tz=clinic_tz(),
            now=now,
        ):
            offers.append(Offer(slot.start, slot.end, person))
    offers.sort(key=lambda o: (o.start, o.practitioner.sort_order, o.practitioner.pk))
    return offers


def next_free_day(service: Service, practitioner: Practitioner | None, after: dt.date) -> dt.date | None:
    """The first day after ``after`` with a free time, looking no further than the booking horizon."""
    horizon = clinic_today() + dt.timedelta(days=BookingRules.current().horizon_days)
    first = after + dt.timedelta(days=1)
    while first <= horizon:
        last = min(first + dt.timedelta(days=27), horizon)
        found = free_offers(service=service, practitioner=practitioner, first_day=first, last_day=last)
        if found:
            return local(found[0].start).date()
        first = last + dt.timedelta(days=1)
    return None


def is_offered(*, service: Service, practitioner: Practitioner | None, start: dt.datetime, now=None) -> bool:
    """Whether ``start`` is one of the free times the time step lists (with this practitioner, or anyone)."""
    now = now or timezone.now()
    try:
        check_start(start, now)
    except BookingError:
        return False
    day = local(start).date()
    offers = free_offers(service=service, practitioner=practitioner, first_day=day, last_day=day, now=now)
    return any(offer.start == start for offer in offers)


def check_start(start: dt.datetime, now: dt.datetime) -> None:
    """Refuse a start that no schedule could hold before any arithmetic on it (the calendar's edges)."""
    if timezone.is_naive(start):
        raise BookingError(_("The start time must include its time zone."), field="start")
    try:
        check_instant(start)
    except ValueError:
        raise BookingError(_("That time cannot be booked."), field="start", code="out_of_range") from None
    if start < now:
        raise BookingError(_("That time is in the past."), field="start", code="past")
    horizon = dt.timedelta(days=BookingRules.current().horizon_days)
    if start > now + horizon:
        raise BookingError(
            _("Bookings open %(days)s days ahead.") % {"days": horizon.days}, field="start", code="horizon"
        )


def explain(
    start: dt.datetime, *, service: Service, schedule: Schedule, rules: slots.Rules, now: dt.datetime
) -> BookingError:
    """Why ``start`` is not bookable: taken by someone (409), or not a valid slot at all (422, saying why)."""
    tz = clinic_tz()
    common = {"duration": service.duration, "buffer": service.buffer, "rules": rules, "tz": tz, "now": now}
    if slots.is_free(start=start, **{**schedule.kwargs(), "busy": []}, **common):
        return SlotTaken(_("That time has just been taken. Please choose another."), field="start")
    local_start = start.astimezone(tz)
    if start < now:
        return BookingError(_("That time is in the past."), field="start", code="past")
    if start < now + rules.min_notice:
        return BookingError(
            _("Online bookings need at least %(hours)s hours' notice.")
            % {"hours": int(rules.min_notice.total_seconds() // 3600)},
            field="start",
            code="notice",
        )
    if start > now + rules.horizon:
        return BookingError(
            _("Bookings open %(days)s days ahead.") % {"days": rules.horizon.days}, field="start", code="horizon"
        )
    minutes = local_start.hour * 60 + local_start.minute
    step = int(rules.step.total_seconds() // 60)
    if local_start.second or local_start.microsecond or minutes % step:
        return BookingError(
            _("Appointments start on the %(step)s-minute grid.") % {"step": step}, field="start", code="grid"
        )
    return BookingError(_("That time is outside the practitioner's working hours."), field="start", code="hours")


def assert_free(
    start: dt.datetime, *, service: Service, practitioner: Practitioner, now: dt.datetime, exclude_id=None
) -> None:
    """Raise the reason ``start`` is not free with ``practitioner`` (call it inside the writing transaction)."""
    day = local(start).date()
    schedule = load_schedule(practitioner, day, day, exclude_id=exclude_id)
    rules = rules_for(BookingRules.current())
    common = {"duration": service.duration, "buffer": service.buffer, "rules": rules, "tz": clinic_tz(), "now": now}
    if not slots.is_free(start=start, **schedule.kwargs(), **common):
        raise explain(start, service=service, schedule=schedule, rules=rules, now=now)


def upcoming(practitioners: Iterable[Practitioner], first_day: dt.date, last_day: dt.date):
    tz = clinic_tz()
    start = dt.datetime.combine(first_day, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return (
        Appointment.objects.filter(practitioner__in=list(practitioners), start__lt=end, end__gt=start)
        .select_related("service", "practitioner")
        .order_by("start")
    )
