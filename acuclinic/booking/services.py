"""Writes: book, cancel, reschedule, record attendance and block time; one transaction each, and never a
double booking.

``availability.py`` decides whether a start time is free, from the same inputs the booking page used to
list it. The database has the last word: on PostgreSQL an exclusion constraint refuses
overlapping active appointments of one practitioner (buffers included); on SQLite every transaction
begins with ``BEGIN IMMEDIATE`` (settings.py), so the check and the insert below cannot interleave with
another writer. Emails are queued inside the same transaction (see ``tasks.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acuclinic.clinic.text import clean_message, clean_person_name

from . import policy
from .availability import assert_free, assert_no_overlap, check_start, offered_by
from .errors import BookingError, CallToBook, SlotTaken, TooLateToChange, UrgentCareNeeded
from .models import MAX_ENTRY, Appointment, BookingRules, Practitioner, Service
from .tasks import queue_confirmation


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


CALL_TO_BOOK_MESSAGE = _("We cannot book this appointment online. Please call us and we will find you a time.")

URGENT_CARE_MESSAGE = _(
    "New loss of bladder or bowel control, or numbness around the genitals, buttocks or inner thighs, can be "
    "a sign of a serious nerve problem (cauda equina syndrome). Please do not wait for an appointment: go to "
    "an emergency department or call emergency services now."
)


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
    by_staff: bool = False,
    any_time: bool = False,
    sms_consent: bool = False,
) -> Appointment:
    """Book ``start`` with ``practitioner`` (``None``: the first one free then). Raises :class:`BookingError`.

    An online booking (``source="online"``) of a patient over the no-show limit raises :class:`CallToBook`;
    staff (``source="staff"``) can always book.

    ``by_staff``: the clinic books (by phone), so the minimum notice does not apply. ``any_time`` (staff only, with
    a practitioner): a time the slot list does not offer (off the grid, outside working hours). Overlaps are
    refused all the same, whoever books.
    """
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
    check_start(start, now)
    if any_time and not by_staff:
        raise BookingError(_("Only the clinic can book a time outside the listed times."), field="start")
    if any_time and practitioner is None:
        raise BookingError(_("Choose the practitioner for a time outside the list."), field="practitioner")
    if source == "online" and policy.must_call_to_book(patient.email, patient.phone, BookingRules.current()):
        raise CallToBook(str(CALL_TO_BOOK_MESSAGE))
    candidates = [practitioner] if practitioner is not None else offered_by(service, None)
    if not candidates:
        raise BookingError(_("Nobody offers this service online at the moment."), field="service")
    last_error: BookingError | None = None
    try:
        with transaction.atomic():
            for person in candidates:
                _check_request(service=service, practitioner=person, patient=patient)
                try:
                    if any_time:
                        assert_no_overlap(start, service=service, practitioner=person)
                    else:
                        assert_free(start, service=service, practitioner=person, now=now, by_staff=by_staff)
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
    deadline = policy.change_deadline(appointment.start, BookingRules.current())
    return appointment.status == Appointment.Status.BOOKED and now <= deadline


def cancel(*, appointment: Appointment, now: dt.datetime | None = None, by_staff: bool = False) -> Appointment:
    """Cancel a booked appointment. Staff may cancel inside the cancellation notice: that is recorded as a
    late cancellation, counted for the patient on the appointment page."""
    from . import waitlist  # waitlist.py reads services: imported here, not at the top

    now = now or timezone.now()
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status != Appointment.Status.BOOKED:
            raise TooLateToChange(_("This appointment is no longer booked."))
        if not by_staff and not can_change(appointment, now):
            raise TooLateToChange(_("It is too late to cancel online. Please call the clinic."))
        # Read before the status changes: can_change() asks whether it is still booked.
        late = appointment.kind == Appointment.Kind.APPOINTMENT and not can_change(appointment, now)
        appointment.status = Appointment.Status.CANCELLED
        appointment.cancelled_at = now
        appointment.late_cancellation = late
        appointment.save(update_fields=["status", "cancelled_at", "late_cancellation", "updated_at"])
        if appointment.kind == Appointment.Kind.APPOINTMENT:
            queue_confirmation(appointment, kind="cancelled_by_clinic" if by_staff else "cancelled")
        waitlist.time_freed(appointment.practitioner_id, [(appointment.start, appointment.buffer_end)])
    return appointment


def reschedule(
    *,
    appointment: Appointment,
    start: dt.datetime,
    now: dt.datetime | None = None,
    by_staff: bool = False,
    practitioner: Practitioner | None = None,
) -> Appointment:
    """Move a booked appointment to ``start`` (with ``practitioner``, or the same one); the manage link keeps working.

    ``by_staff``: the clinic moves it, inside the change window and the minimum notice if need be, and the
    patient is told the clinic moved it. A time that overlaps another entry is refused whoever asks (and the
    database refuses it too, on PostgreSQL).
    """
    from . import waitlist  # waitlist.py reads services: imported here, not at the top

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
            if appointment.status != Appointment.Status.BOOKED or appointment.kind != Appointment.Kind.APPOINTMENT:
                raise TooLateToChange(_("A cancelled appointment cannot be rescheduled. Please book a new one."))
            if not by_staff and not can_change(appointment, now):
                raise TooLateToChange(_("It is too late to change this appointment online. Please call the clinic."))
            service = appointment.service
            # The time it leaves is the old practitioner's, even when the clinic moves it to someone else.
            freed, freed_from = (appointment.start, appointment.buffer_end), appointment.practitioner_id
            practitioner = practitioner or appointment.practitioner
            if practitioner.pk != appointment.practitioner_id:
                _check_request(service=service, practitioner=practitioner, patient=None)
            check_start(start, now)
            rules = BookingRules.current()
            if not by_staff and policy.inside_change_window(start, rules, now):
                # The patient could not change the new time online either: that is a phone call.
                raise BookingError(
                    _("Choose a time at least %(notice)s away, or call the clinic.")
                    % {"notice": policy.notice_in_words(rules.cancellation_notice_hours)},
                    field="start",
                    code="inside_notice",
                )
            assert_free(
                start, service=service, practitioner=practitioner, now=now, exclude_id=appointment.pk, by_staff=by_staff
            )
            appointment.practitioner = practitioner
            appointment.start = start
            appointment.end = start + service.duration
            appointment.buffer_end = appointment.end + service.buffer
            appointment.reminder_sent_at = None
            appointment.save(
                update_fields=["practitioner", "start", "end", "buffer_end", "reminder_sent_at", "updated_at"]
            )
            queue_confirmation(appointment, kind="moved_by_clinic" if by_staff else "rescheduled")
            waitlist.time_freed(freed_from, [freed])
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
    ).update(status=status, no_show_at=now if status == Appointment.Status.NO_SHOW else None, updated_at=now)
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
