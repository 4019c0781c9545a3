"""Courses of care: several weekly visits with one practitioner, planned, then booked all or nothing.

``plan_course()`` only reads: for each week it says whether the wanted time is free and, when it is not,
the nearest free times with the same practitioner in the same week (the same day first, nearest time
first, then the neighbouring days). ``book_course()`` writes: it checks every visit again inside one
transaction and books them all, or raises :class:`CourseConflict` carrying a fresh plan, having written
nothing. The database has the last word as for one booking: PostgreSQL's exclusion constraint refuses
an overlap committed meanwhile (the whole course rolls back), and SQLite's ``BEGIN IMMEDIATE`` holds
the write lock from the first read to the commit.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field, replace

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acuclinic.clinic.clock import clinic_tz, local
from acuclinic.clinic.text import clean_message, clean_person_name

from . import availability, policy, services
from .errors import BookingError, CallToBook, SlotTaken, TooLateToChange, UrgentCareNeeded
from .models import Appointment, BookingRules, CourseOfCare, Holiday, Practitioner, Service

# Alternatives are looked for this many days either side of the wanted day: the same week, and never
# so far that two weeks' alternatives meet.
WEEK_REACH = 3
ALTERNATIVES = 4
PER_DAY = 2
WEEK = dt.timedelta(days=7)


class CourseConflict(SlotTaken):
    """Some weeks of the course are not free; nothing was written. ``plan`` says which, with alternatives."""

    code = "course_conflict"

    def __init__(self, message: str, *, plan: list[Week]):
        super().__init__(message, field="visits")
        self.plan = plan

    @property
    def conflicts(self) -> list[Week]:
        return [week for week in self.plan if not week.free]


@dataclass(frozen=True)
class Week:
    """One week of a planned course: the time asked for, and whether it is free."""

    number: int  # 1 for the first visit
    wanted: dt.datetime
    free: bool
    reason: str = ""  # why not, when not free
    alternatives: list[availability.Offer] = field(default_factory=list)

    @property
    def day(self) -> dt.date:
        return local(self.wanted).date()


def max_visits(rules: BookingRules | None = None) -> int:
    return (rules or BookingRules.current()).course_max_visits


def weekly_starts(first: dt.datetime, visits: int) -> list[dt.datetime]:
    """The same local time each week (so a course keeps its hour across a daylight-saving change)."""
    tz = clinic_tz()
    local = first.astimezone(tz)
    return [
        dt.datetime.combine(local.date() + n * WEEK, local.time().replace(tzinfo=None), tzinfo=tz)
        for n in range(visits)
    ]


def _nearest(offers: list[availability.Offer], wanted: dt.datetime, *, taken=frozenset()) -> list[availability.Offer]:
    """Same day first, nearest time first; then one day either side, then two, up to ``WEEK_REACH``.

    At most ``PER_DAY`` from one day, so a patient who cannot come that day also sees another day."""
    tz = clinic_tz()
    asked = wanted.astimezone(tz)
    minute = asked.hour * 60 + asked.minute

    def distance(offer: availability.Offer) -> tuple[int, int, int]:
        there = offer.start.astimezone(tz)
        days = (there.date() - asked.date()).days
        return abs(days), abs(there.hour * 60 + there.minute - minute), days

    chosen: list[availability.Offer] = []
    per_day: dict[dt.date, int] = {}
    for offer in sorted(offers, key=distance):
        day = offer.start.astimezone(tz).date()
        if abs((day - asked.date()).days) > WEEK_REACH or offer.start in taken or per_day.get(day, 0) >= PER_DAY:
            continue
        per_day[day] = per_day.get(day, 0) + 1
        chosen.append(offer)
        if len(chosen) == ALTERNATIVES:
            break
    return chosen


def _check_request(*, service: Service, practitioner: Practitioner, visits: int, patient=None) -> None:
    if not service.active:
        raise BookingError(_("This service cannot be booked online."), field="service")
    if not practitioner.active or not practitioner.services.filter(pk=service.pk).exists():
        raise BookingError(
            _("%(name)s does not offer %(service)s.") % {"name": practitioner, "service": service}, field="practitioner"
        )
    if service.audience == Service.Audience.NEW:
        raise BookingError(
            _("%(service)s is a first visit; book the course with a follow-up treatment.") % {"service": service},
            field="service",
            code="not_for_courses",
        )
    if patient is not None and service.audience == Service.Audience.RETURNING and patient.new_patient:
        raise BookingError(_("%(service)s is for returning patients.") % {"service": service}, field="service")
    most = max_visits()
    if not 1 <= visits <= most:
        raise BookingError(
            _("A course has at most %(most)s weekly visits.") % {"most": most}, field="visits", code="visits"
        )


def plan_course(
    *,
    service: Service,
    practitioner: Practitioner,
    starts: list[dt.datetime],
    now: dt.datetime | None = None,
) -> list[Week]:
    """Each wanted start, free or not, with the nearest free alternatives of the weeks that are not.

    Reads once: the free times of the whole span (``availability.free_offers``, what the time step lists)."""
    now = now or timezone.now()
    if not starts:
        return []
    days = [local(start).date() for start in starts]
    offers = availability.free_offers(
        service=service,
        practitioner=practitioner,
        first_day=min(days) - dt.timedelta(days=WEEK_REACH),
        last_day=max(days) + dt.timedelta(days=WEEK_REACH),
        now=now,
    )
    free = {offer.start for offer in offers}
    closed = dict(Holiday.objects.filter(date__range=(min(days), max(days))).values_list("date", "name"))
    horizon = now + dt.timedelta(days=BookingRules.current().horizon_days)
    chosen = set(starts)
    plan = []
    for number, start in enumerate(starts, 1):
        if start in free:
            plan.append(Week(number, start, True))
            continue
        if start > horizon:
            reason = _("Bookings open only %(days)s days ahead.") % {"days": BookingRules.current().horizon_days}
        elif start < now:
            reason = _("That time is in the past.")
        elif (day := local(start).date()) in closed:
            reason = _("The clinic is closed that day (%(holiday)s).") % {"holiday": closed[day]}
        else:
            reason = _("%(name)s is not free then.") % {"name": practitioner.name}
        # A time another week of this course already holds is no alternative.
        alternatives = _nearest(offers, start, taken=chosen)
        plan.append(Week(number, start, False, reason, alternatives))
    return plan


def _overlapping(starts: list[dt.datetime], service: Service) -> bool:
    ordered = sorted(starts)
    length = service.duration + service.buffer
    return any(later < earlier + length for earlier, later in itertools.pairwise(ordered))


def book_course(
    *,
    service: Service,
    practitioner: Practitioner,
    starts: list[dt.datetime],
    patient: services.Patient,
    intake: services.Intake,
    consent: bool,
    notes: str = "",
    now: dt.datetime | None = None,
    source: str = "online",
) -> CourseOfCare:
    """Book every start of ``starts`` with ``practitioner`` in one transaction, or none of them.

    Raises :class:`CourseConflict` (409, with a fresh plan) when any week is not free, and
    :class:`BookingError` for a request that no schedule could honour; like ``services.book()``, an online
    course of a patient over the no-show limit raises :class:`CallToBook`."""
    from .series_emails import queue_course_confirmation

    now = now or timezone.now()
    if source == "online" and policy.must_call_to_book(patient.email, patient.phone, BookingRules.current()):
        raise CallToBook(str(services.CALL_TO_BOOK_MESSAGE))
    if any(timezone.is_naive(start) for start in starts):
        raise BookingError(_("The start time must include its time zone."), field="start")
    if intake.red_flags:
        raise UrgentCareNeeded(str(services.URGENT_CARE_MESSAGE), field="red_flags")
    try:
        patient = replace(patient, name=clean_person_name(patient.name))
    except ValueError as exc:
        raise BookingError(str(exc), field="name", code="invalid_name") from None
    notes = clean_message(notes)
    if not consent:
        raise BookingError(_("Please agree to the clinic's booking terms."), field="consent")
    _check_request(service=service, practitioner=practitioner, visits=len(starts), patient=patient)
    if len(set(starts)) != len(starts) or _overlapping(starts, service):
        raise BookingError(_("Two visits of this course overlap."), field="visits", code="course_overlap")
    starts = sorted(starts)
    try:
        with transaction.atomic():
            # Read inside the transaction: on SQLite it already holds the write lock, so nothing can
            # be booked between this check and the inserts below.
            plan = plan_course(service=service, practitioner=practitioner, starts=starts, now=now)
            if not all(week.free for week in plan):
                raise CourseConflict(_("Some of these weeks are not free. Nothing has been booked."), plan=plan)
            course = CourseOfCare.objects.create(
                practitioner=practitioner, service=service, patient_name=patient.name,
                patient_email=patient.email, source=source,
            )  # fmt: skip
            for start in starts:
                Appointment.objects.create(
                    practitioner=practitioner, service=service, course=course, start=start,
                    end=start + service.duration, buffer_end=start + service.duration + service.buffer,
                    patient_name=patient.name, patient_email=patient.email, patient_phone=patient.phone,
                    new_patient=patient.new_patient and start == starts[0], intake=intake.as_json(),
                    notes=notes, consent_at=now, source=source,
                )  # fmt: skip
            queue_course_confirmation(course, kind="confirmation")
            return course
    except IntegrityError:
        # PostgreSQL's exclusion constraint: a visit was booked and committed by someone else meanwhile.
        # Everything above rolled back; say which weeks are taken now.
        plan = plan_course(service=service, practitioner=practitioner, starts=starts, now=now)
        raise CourseConflict(
            _("Some of these weeks have just been taken. Nothing has been booked."), plan=plan
        ) from None


def visits_of(course: CourseOfCare):
    return course.visits.select_related("service", "practitioner").order_by("start")


def cancel_rest(*, course: CourseOfCare, now: dt.datetime | None = None) -> tuple[list[Appointment], list[Appointment]]:
    """Cancel every visit still to come that may be changed online; returns (cancelled, kept too late).

    Visits inside the cancellation notice stay booked (the patient is asked to call about them), as a
    single appointment would. Raises :class:`TooLateToChange` when there is nothing to cancel."""
    from .series_emails import queue_course_confirmation

    now = now or timezone.now()
    with transaction.atomic():
        coming = list(
            Appointment.objects.select_for_update()
            .filter(course=course, status=Appointment.Status.BOOKED, start__gt=now)
            .order_by("start")
        )
        cancelled = [visit for visit in coming if services.can_change(visit, now)]
        kept = [visit for visit in coming if visit not in cancelled]
        if not cancelled:
            if kept:
                raise TooLateToChange(_("It is too late to cancel the next visit online. Please call the clinic."))
            raise TooLateToChange(_("No visit of this course is still booked."))
        Appointment.objects.filter(pk__in=[v.pk for v in cancelled]).update(
            status=Appointment.Status.CANCELLED, cancelled_at=now, updated_at=now
        )
        for visit in cancelled:
            visit.status, visit.cancelled_at = Appointment.Status.CANCELLED, now
        queue_course_confirmation(course, kind="cancelled", visits=cancelled)
    return cancelled, kept
