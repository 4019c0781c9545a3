"""Book, cancel and reschedule: one transaction each, and never a double booking.

The slot engine (``slots.py``) decides whether a start time is free, from the same inputs the booking
page used to list it. The database has the last word: on PostgreSQL an exclusion constraint refuses
overlapping active appointments of one practitioner (buffers included); on SQLite every transaction
begins with ``BEGIN IMMEDIATE`` (settings.py), so the check and the insert below cannot interleave with
another writer. Emails are queued inside the same transaction (see ``tasks.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acuclinic.clinic.inputs import check_instant
from acuclinic.clinic.text import clean_message, clean_person_name

from . import slots
from .models import MAX_ENTRY, Appointment, BookingRules, DateOverride, Holiday, Practitioner, Service


class BookingError(Exception):
    """The request cannot be honoured as made; nothing was written. ``status`` is the HTTP status."""

    status = 422
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field
        if code:
            self.code = code


class SlotTaken(BookingError):
    status = 409
    code = "slot_taken"


class TooLateToChange(BookingError):
    status = 409
    code = "too_late"


class UrgentCareNeeded(BookingError):
    code = "red_flags"


@dataclass(frozen=True)
class Patient:
    name: str
    email: str
    phone: str  # E.164, validated by the form or API schema
    new_patient: bool


@dataclass(frozen=True)
class Intake:
    """Screening answers. Red flags stop a booking; the rest tell the practitioner what to take care of."""

    pregnant: bool = False
    anticoagulants: bool = False
    implanted_device: bool = False
    red_flags: bool = False

    def as_json(self) -> dict:
        return asdict(self)


URGENT_CARE_MESSAGE = _(
    "New loss of bladder or bowel control, or numbness around the genitals, buttocks or inner thighs, can be "
    "a sign of a serious nerve problem (cauda equina syndrome). Please do not wait for an appointment: go to "
    "an emergency department or call emergency services now."
)


def clinic_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def rules_for(booking_rules: BookingRules) -> slots.Rules:
    return slots.Rules(
        min_notice=dt.timedelta(hours=booking_rules.min_notice_hours),
        horizon=dt.timedelta(days=booking_rules.horizon_days),
        step=dt.timedelta(minutes=booking_rules.slot_step_minutes),
    )


def current_rules() -> BookingRules:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return BookingRules.for_site(site) if site else BookingRules()


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
    engine_rules = rules_for(rules or current_rules())
    # Only today up to the horizon can hold a free slot: read no further (and so never reach the
    # calendar's edges, where a window's arithmetic would overflow, whatever days were asked for).
    today = now.astimezone(clinic_tz()).date()
    first_day = max(first_day, today)
    last_day = min(last_day, (now + engine_rules.horizon).astimezone(clinic_tz()).date())
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


def is_offered(*, service: Service, practitioner: Practitioner | None, start: dt.datetime, now=None) -> bool:
    """Whether ``start`` is one of the free times the time step lists (with this practitioner, or anyone)."""
    now = now or timezone.now()
    try:
        _check_start(start, now)
    except BookingError:
        return False
    day = start.astimezone(clinic_tz()).date()
    offers = free_offers(service=service, practitioner=practitioner, first_day=day, last_day=day, now=now)
    return any(offer.start == start for offer in offers)


def _check_request(*, service: Service, practitioner: Practitioner, patient: Patient | None) -> None:
    if not service.active:
        raise BookingError(_("This service cannot be booked online."), field="service")
    if not practitioner.active or not practitioner.services.filter(pk=service.pk).exists():
        raise BookingError(
            _("%(name)s does not offer %(service)s.") % {"name": practitioner, "service": service}, field="practitioner"
        )
    if patient is not None:
        if service.audience == Service.Audience.NEW and not patient.new_patient:
            raise BookingError(_("%(service)s is for new patients.") % {"service": service}, field="service")
        if service.audience == Service.Audience.RETURNING and patient.new_patient:
            raise BookingError(_("%(service)s is for returning patients.") % {"service": service}, field="service")


def _explain(
    start: dt.datetime, *, service: Service, schedule: Schedule, rules: slots.Rules, now: dt.datetime
) -> BookingError:
    """Why ``start`` is not bookable: taken by someone (409), or not a valid slot at all (422, saying why)."""
    tz = clinic_tz()
    common = {"duration": service.duration, "buffer": service.buffer, "rules": rules, "tz": tz, "now": now}
    if slots.is_free(start=start, **{**schedule.kwargs(), "busy": []}, **common):
        return SlotTaken(_("That time has just been taken. Please choose another."), field="start")
    local = start.astimezone(tz)
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
    minutes = local.hour * 60 + local.minute
    step = int(rules.step.total_seconds() // 60)
    if local.second or local.microsecond or minutes % step:
        return BookingError(
            _("Appointments start on the %(step)s-minute grid.") % {"step": step}, field="start", code="grid"
        )
    return BookingError(_("That time is outside the practitioner's working hours."), field="start", code="hours")


def _check_start(start: dt.datetime, now: dt.datetime) -> None:
    """Refuse a start that no schedule could hold before any arithmetic on it (the calendar's edges)."""
    if timezone.is_naive(start):
        raise BookingError(_("The start time must include its time zone."), field="start")
    try:
        check_instant(start)
    except ValueError:
        raise BookingError(_("That time cannot be booked."), field="start", code="out_of_range") from None
    if start < now:
        raise BookingError(_("That time is in the past."), field="start", code="past")
    horizon = dt.timedelta(days=current_rules().horizon_days)
    if start > now + horizon:
        raise BookingError(
            _("Bookings open %(days)s days ahead.") % {"days": horizon.days}, field="start", code="horizon"
        )


def _assert_free(
    start: dt.datetime, *, service: Service, practitioner: Practitioner, now: dt.datetime, exclude_id=None
) -> None:
    day = start.astimezone(clinic_tz()).date()
    schedule = load_schedule(practitioner, day, day, exclude_id=exclude_id)
    rules = rules_for(current_rules())
    common = {"duration": service.duration, "buffer": service.buffer, "rules": rules, "tz": clinic_tz(), "now": now}
    if not slots.is_free(start=start, **schedule.kwargs(), **common):
        raise _explain(start, service=service, schedule=schedule, rules=rules, now=now)


def book(
    *,
    service: Service,
    practitioner: Practitioner | None,
    start: dt.datetime,
    patient: Patient,
    intake: Intake,
    consent: bool,
    notes: str = "",
    now: dt.datetime | None = None,
    source: str = "online",
    sms_consent: bool = False,
) -> Appointment:
    """Book ``start`` with ``practitioner`` (``None``: the first one free then). Raises :class:`BookingError`."""
    from .tasks import queue_confirmation

    now = now or timezone.now()
    if timezone.is_naive(start):
        raise BookingError(_("The start time must include its time zone."), field="start")
    if intake.red_flags:
        raise UrgentCareNeeded(str(URGENT_CARE_MESSAGE), field="red_flags")
    try:
        # Every path into an appointment (page, API, staff) stores the name cleaned the same way.
        patient = replace(patient, name=clean_person_name(patient.name))
    except ValueError as exc:
        raise BookingError(str(exc), field="name", code="invalid_name") from None
    notes = clean_message(notes)
    if not consent:
        raise BookingError(_("Please agree to the clinic's booking terms."), field="consent")
    _check_start(start, now)
    candidates = [practitioner] if practitioner is not None else offered_by(service, None)
    if not candidates:
        raise BookingError(_("Nobody offers this service online at the moment."), field="service")
    last_error: BookingError | None = None
    try:
        with transaction.atomic():
            for person in candidates:
                _check_request(service=service, practitioner=person, patient=patient)
                try:
                    _assert_free(start, service=service, practitioner=person, now=now)
                except BookingError as exc:
                    last_error = exc
                    continue
                appointment = Appointment(
                    practitioner=person,
                    service=service,
                    start=start,
                    end=start + service.duration,
                    buffer_end=start + service.duration + service.buffer,
                    patient_name=patient.name,
                    patient_email=patient.email,
                    patient_phone=patient.phone,
                    new_patient=patient.new_patient,
                    intake=intake.as_json(),
                    notes=notes,
                    consent_at=now,
                    sms_consent_at=now if sms_consent else None,
                    source=source,
                )
                appointment.save()
                queue_confirmation(appointment, kind="confirmation")
                return appointment
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint: someone else committed first
        raise SlotTaken(_("That time has just been taken. Please choose another."), field="start") from exc
    raise last_error or BookingError(_("That time cannot be booked."), field="start")


def can_change(appointment: Appointment, now: dt.datetime | None = None) -> bool:
    """Patients may cancel or reschedule online until the cancellation notice; then they call."""
    now = now or timezone.now()
    notice = dt.timedelta(hours=current_rules().cancellation_notice_hours)
    return appointment.status == Appointment.Status.BOOKED and now <= appointment.start - notice


def cancel(*, appointment: Appointment, now: dt.datetime | None = None, by_staff: bool = False) -> Appointment:
    from . import waitlist
    from .tasks import queue_confirmation

    now = now or timezone.now()
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status != Appointment.Status.BOOKED:
            raise TooLateToChange(_("This appointment is no longer booked."))
        if not by_staff and not can_change(appointment, now):
            raise TooLateToChange(_("It is too late to cancel online. Please call the clinic."))
        appointment.status = Appointment.Status.CANCELLED
        appointment.cancelled_at = now
        appointment.save(update_fields=["status", "cancelled_at", "updated_at"])
        if appointment.kind == Appointment.Kind.APPOINTMENT:
            queue_confirmation(appointment, kind="cancelled")
        waitlist.time_freed(appointment.practitioner_id, [(appointment.start, appointment.buffer_end)])
    return appointment


def reschedule(
    *, appointment: Appointment, start: dt.datetime, now: dt.datetime | None = None, by_staff: bool = False
) -> Appointment:
    """Move a booked appointment to ``start`` with the same practitioner; the manage link keeps working."""
    from . import waitlist
    from .tasks import queue_confirmation

    now = now or timezone.now()
    if timezone.is_naive(start):
        raise BookingError(_("The start time must include its time zone."), field="start")
    try:
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update(of=("self",))
                .select_related("service", "practitioner")
                .get(pk=appointment.pk)
            )
            if appointment.status != Appointment.Status.BOOKED:
                raise TooLateToChange(_("A cancelled appointment cannot be rescheduled. Please book a new one."))
            if not by_staff and not can_change(appointment, now):
                raise TooLateToChange(_("It is too late to change this appointment online. Please call the clinic."))
            service = appointment.service
            freed = (appointment.start, appointment.buffer_end)
            _check_start(start, now)
            _assert_free(
                start, service=service, practitioner=appointment.practitioner, now=now, exclude_id=appointment.pk
            )
            appointment.start = start
            appointment.end = start + service.duration
            appointment.buffer_end = appointment.end + service.buffer
            appointment.reminder_sent_at = None
            appointment.save(update_fields=["start", "end", "buffer_end", "reminder_sent_at", "updated_at"])
            queue_confirmation(appointment, kind="rescheduled")
            waitlist.time_freed(appointment.practitioner_id, [freed])
    except IntegrityError as exc:
        raise SlotTaken(_("That time has just been taken. Please choose another."), field="start") from exc
    return appointment


def record_attendance(*, appointment: Appointment, status: str, now: dt.datetime | None = None) -> None:
    """Mark a booked appointment completed or no-show, once it has started.

    A conditional UPDATE, so a double submit or a cancellation made meanwhile is never overwritten.
    """
    if status not in (Appointment.Status.COMPLETED, Appointment.Status.NO_SHOW):
        raise BookingError(_("Choose completed or no-show."), field="status")
    now = now or timezone.now()
    updated = Appointment.objects.filter(
        pk=appointment.pk, kind=Appointment.Kind.APPOINTMENT, status=Appointment.Status.BOOKED, start__lte=now
    ).update(status=status, updated_at=now)
    if not updated:
        raise TooLateToChange(_("Only a booked appointment that has started can be marked completed or no-show."))


def block_time(*, practitioner: Practitioner, start: dt.datetime, end: dt.datetime, note: str = "") -> Appointment:
    """Staff keep time free (a meeting, a break): it blocks bookings like an appointment does."""
    if not start < end:
        raise BookingError(_("Blocked time must end after it starts."), field="end")
    if end - start > MAX_ENTRY:
        raise BookingError(_("Block at most a day at a time; use a date override for days off."), field="end")
    try:
        with transaction.atomic():
            clash = Appointment.objects.filter(practitioner=practitioner).overlapping(start, end)
            if clash.exists():
                raise SlotTaken(_("That time overlaps an appointment or other blocked time."), field="start")
            return Appointment.objects.create(
                practitioner=practitioner, kind=Appointment.Kind.BLOCK, start=start, end=end, buffer_end=end,
                notes=note, source="staff",
            )  # fmt: skip
    except IntegrityError as exc:
        raise SlotTaken(_("That time overlaps an appointment or other blocked time."), field="start") from exc


def upcoming(practitioners: Iterable[Practitioner], first_day: dt.date, last_day: dt.date):
    tz = clinic_tz()
    start = dt.datetime.combine(first_day, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return (
        Appointment.objects.filter(practitioner__in=list(practitioners), start__lt=end, end__gt=start)
        .select_related("service", "practitioner")
        .order_by("start")
    )
