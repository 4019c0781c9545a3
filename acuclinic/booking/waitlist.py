"""The waitlist: join and leave it, offer freed times, and claim an offer.

When a change frees time (a cancellation, a reschedule away, staff unblocking, new hours or a date
override), :func:`time_freed` queues :func:`offer_freed_time` in that change's transaction. The task
reads the free slots of the freed window, asks the pure matcher (``waitlist_matching.py``) who is
offered what — first joined first, at most ``BookingRules.waitlist_offers_at_once`` per slot, never
inside the minimum notice — and writes one :class:`WaitlistOffer` per person with a signed claim link
open ``waitlist_claim_minutes``. The first claim books through ``services.book()`` (the database still
refuses any overlap); later claims of the same time are told it has gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from acuclinic.clinic.clock import clinic_tz
from acuclinic.clinic.text import clean_message, clean_person_name

from . import policy, services, waitlist_matching
from .availability import free_offers
from .errors import BookingError, CallToBook, UrgentCareNeeded
from .links import LinkExpired, LinkNotFound
from .models import Appointment, BookingRules, Practitioner, Service, WaitlistEntry, WaitlistOffer, verified_nonce

MAX_TIME_RANGES = 6


class OfferGone(BookingError):
    """Someone else claimed this time first, or it is no longer free."""

    status = 409
    code = "gone"


class OfferExpired(BookingError):
    """The offer's time to claim has passed (or the time itself is now inside the minimum notice)."""

    status = 410
    code = "expired"


# Joining and leaving ------------------------------------------------------------------------------


def _check_times(times: Sequence[tuple[dt.time, dt.time]]) -> list[list[str]]:
    if len(times) > MAX_TIME_RANGES:
        raise BookingError(_("Choose at most %(n)s time ranges.") % {"n": MAX_TIME_RANGES}, field="times")
    for start, end in times:
        if not start < end:
            raise BookingError(_("A time range must end after it starts."), field="times")
    return [[start.strftime("%H:%M"), end.strftime("%H:%M")] for start, end in times]


def join(
    *,
    service: Service,
    practitioner: Practitioner | None,
    weekdays: Iterable[int],
    times: Sequence[tuple[dt.time, dt.time]],
    until: dt.date,
    patient: services.Patient,
    intake: services.Intake,
    consent: bool,
    sms_consent: bool = False,
    notes: str = "",
    now: dt.datetime | None = None,
) -> WaitlistEntry:
    """Put a patient on the waitlist. Raises :class:`BookingError`; nothing is written then."""
    from .tasks import queue_waitlist_email

    now = now or timezone.now()
    if intake.red_flags:
        raise UrgentCareNeeded(str(services.URGENT_CARE_MESSAGE), field="red_flags")
    try:
        patient = replace(patient, name=clean_person_name(patient.name))
    except ValueError as exc:
        raise BookingError(str(exc), field="name", code="invalid_name") from None
    if not consent:
        raise BookingError(_("Please agree to the clinic's booking terms."), field="consent")
    if policy.must_call_to_book(patient.email, patient.phone, BookingRules.current()):
        raise CallToBook(str(services.CALL_TO_BOOK_MESSAGE))  # offers would end in "please call" anyway
    if not service.active:
        raise BookingError(_("This service cannot be booked online."), field="service")
    if practitioner is not None and not (practitioner.active and practitioner.services.filter(pk=service.pk).exists()):
        raise BookingError(
            _("%(name)s does not offer %(service)s.") % {"name": practitioner, "service": service}, field="practitioner"
        )
    days = sorted(set(weekdays))
    if any(day not in range(7) for day in days):
        raise BookingError(_("Days are 0 (Monday) to 6 (Sunday)."), field="weekdays")
    today = now.astimezone(clinic_tz()).date()
    horizon = today + dt.timedelta(days=BookingRules.current().horizon_days)
    if until < today:
        raise BookingError(_("The end date is in the past."), field="until", code="past")
    if until > horizon:
        raise BookingError(
            _("Bookings open %(days)s days ahead: choose an end date by %(date)s.")
            % {"days": BookingRules.current().horizon_days, "date": horizon.isoformat()},
            field="until",
            code="horizon",
        )
    with transaction.atomic():
        entry = WaitlistEntry.objects.create(
            service=service, practitioner=practitioner, weekdays=days, times=_check_times(times), until=until,
            patient_name=patient.name, patient_email=patient.email, patient_phone=patient.phone,
            new_patient=patient.new_patient, intake=intake.as_json(), notes=clean_message(notes),
            consent_at=now, sms_consent_at=now if sms_consent else None, joined_at=now,
        )  # fmt: skip
        queue_waitlist_email(entry.pk, "joined")
    return entry


def leave(entry: WaitlistEntry, *, now: dt.datetime | None = None) -> WaitlistEntry:
    """Take an entry off the waitlist; its open offers close with it. Leaving twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = WaitlistEntry.objects.filter(pk=entry.pk, status=WaitlistEntry.Status.WAITING).update(
            status=WaitlistEntry.Status.LEFT, left_at=now
        )
        if updated:
            entry.offers.filter(status=WaitlistOffer.Status.OPEN).update(status=WaitlistOffer.Status.GONE)
    entry.refresh_from_db()
    return entry


def open_entry(token: str, *, now: dt.datetime | None = None) -> WaitlistEntry:
    """The entry a waitlist link opens. Raises LinkNotFound, or LinkExpired once its end date is past."""
    nonce = verified_nonce(token, "waitlist")
    entry = WaitlistEntry.objects.select_related("service", "practitioner").filter(nonce=nonce).first()
    if nonce is None or entry is None:
        raise LinkNotFound(token)
    today = (now or timezone.now()).astimezone(clinic_tz()).date()
    if entry.until < today - dt.timedelta(days=1):
        raise LinkExpired(token)
    return entry


def open_offer(token: str) -> WaitlistOffer:
    """The offer a claim link opens (whatever its state). Raises LinkNotFound."""
    nonce = verified_nonce(token, "claim")
    offer = (
        WaitlistOffer.objects.select_related("service", "practitioner", "entry", "appointment")
        .filter(nonce=nonce)
        .first()
    )
    if nonce is None or offer is None:
        raise LinkNotFound(token)
    return offer


# Freed time -> offers -----------------------------------------------------------------------------


def time_freed(practitioner_id: int, windows: Iterable[tuple[dt.datetime, dt.datetime]]) -> None:
    """Queue the offers for time freed in the current transaction (see tasks.queue_confirmation)."""
    from .tasks import transactional

    args = (practitioner_id, [[start.isoformat(), end.isoformat()] for start, end in windows])
    if not args[1]:
        return
    if transactional(offer_freed_time):
        offer_freed_time.enqueue(*args)
    else:
        transaction.on_commit(lambda: offer_freed_time.enqueue(*args))


def _entry(row: WaitlistEntry) -> waitlist_matching.Entry:
    return waitlist_matching.Entry(
        id=row.pk,
        service_id=row.service_id,
        practitioner_id=row.practitioner_id,
        weekdays=frozenset(row.weekdays),
        times=tuple(
            waitlist_matching.TimeRange(dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for a, b in row.times
        ),
        until=row.until,
        joined_at=row.joined_at,
    )


def make_offers(
    practitioner: Practitioner, windows: Sequence[tuple[dt.datetime, dt.datetime]], *, now: dt.datetime | None = None
) -> list[WaitlistOffer]:
    """Offer the free slots of ``windows`` (with ``practitioner``) to the waitlist; returns the new offers."""
    now = now or timezone.now()
    rules = BookingRules.current()
    tz = clinic_tz()
    first_day = min(start for start, _end in windows).astimezone(tz).date()
    last_day = max(end for _start, end in windows).astimezone(tz).date()
    rows = list(
        WaitlistEntry.objects.filter(
            Q(practitioner__isnull=True) | Q(practitioner=practitioner),
            status=WaitlistEntry.Status.WAITING,
            until__gte=first_day,
            service__in=practitioner.services.bookable(),
        )
    )
    if not rows or not practitioner.active:
        return []
    slots: list[waitlist_matching.Slot] = []
    for service in Service.objects.filter(pk__in={row.service_id for row in rows}):
        offers = free_offers(
            service=service, practitioner=practitioner, first_day=first_day, last_day=last_day, now=now, rules=rules
        )
        # Starts inside the freed time: what was free before (and did not suit anyone) is not news.
        starts = [o.start for o in offers if any(start <= o.start < end for start, end in windows)]
        slots += [
            waitlist_matching.Slot(service.pk, practitioner.pk, start)
            for start in waitlist_matching.apart(starts, service.duration + service.buffer)
        ]
    if not slots:
        return []
    live = WaitlistOffer.objects.filter(status=WaitlistOffer.Status.OPEN, expires_at__gt=now)
    busy = frozenset(live.filter(entry__in=rows).values_list("entry_id", flat=True))
    starts = {slot.start for slot in slots}
    earlier = WaitlistOffer.objects.filter(practitioner=practitioner, start__in=starts)
    already = frozenset((e, (p, s)) for e, p, s in earlier.values_list("entry_id", "practitioner_id", "start"))
    open_counts = {
        (p, s): n
        for p, s, n in live.filter(practitioner=practitioner, start__in=starts)
        .values_list("practitioner_id", "start")
        .annotate(n=Count("id"))
    }
    matches = waitlist_matching.match(
        [_entry(row) for row in rows],
        slots,
        now=now,
        min_notice=dt.timedelta(hours=rules.min_notice_hours),
        per_slot=rules.waitlist_offers_at_once,
        tz=tz,
        busy=busy,
        already_offered=already,
        open_per_slot=open_counts,
    )
    expires = now + dt.timedelta(minutes=rules.waitlist_claim_minutes)
    created = [
        WaitlistOffer(
            entry_id=entry_id,
            service_id=m.slot.service_id,
            practitioner=practitioner,
            start=m.slot.start,
            expires_at=expires,
            created_at=now,
        )
        for m in matches
        for entry_id in m.entry_ids
    ]
    return WaitlistOffer.objects.bulk_create(created)


@task()
def offer_freed_time(practitioner_id: int, windows: list[list[str]]) -> int:
    """The task behind :func:`time_freed`: make the offers and queue their messages, in one transaction."""
    from .tasks import queue_offer_message, transactional

    practitioner = Practitioner.objects.filter(pk=practitioner_id).first()
    if practitioner is None:
        return 0
    parsed = [(dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)) for a, b in windows]
    with transaction.atomic():
        offers = make_offers(practitioner, parsed)
        for offer in offers:
            queue_offer_message(offer.pk)
        if offers and transactional(offer_freed_time):
            # Unclaimed at expiry: the same windows go to the next people in line.
            later = offers[0].expires_at + dt.timedelta(seconds=1)
            offer_freed_time.using(run_after=later).enqueue(practitioner_id, windows)
    return len(offers)


# Claiming -----------------------------------------------------------------------------------------


def claim(token: str, *, now: dt.datetime | None = None) -> Appointment:
    """Book the offered time for the patient of this claim link. Raises LinkNotFound, OfferGone, OfferExpired."""
    now = now or timezone.now()
    nonce = verified_nonce(token, "claim")
    if nonce is None:
        raise LinkNotFound(token)
    refusal: BookingError | None = None
    with transaction.atomic():
        offer = (
            WaitlistOffer.objects.select_for_update(of=("self",))
            .select_related("entry", "service", "practitioner")
            .filter(nonce=nonce)
            .first()
        )
        if offer is None:
            raise LinkNotFound(token)
        entry = offer.entry
        if offer.status != WaitlistOffer.Status.OPEN or entry.status != WaitlistEntry.Status.WAITING:
            raise OfferGone(_("This time has gone: someone else took it first."))
        if now > offer.expires_at:
            raise OfferExpired(_("This offer has expired."))
        try:
            with transaction.atomic():
                appointment = services.book(
                    service=offer.service,
                    practitioner=offer.practitioner,
                    start=offer.start,
                    patient=services.Patient(
                        entry.patient_name, entry.patient_email, entry.patient_phone, entry.new_patient
                    ),
                    intake=services.Intake(**entry.intake),
                    consent=True,  # given when joining (entry.consent_at)
                    notes=entry.notes,
                    now=now,
                )
                if entry.sms_consent_at:
                    Appointment.objects.filter(pk=appointment.pk).update(sms_consent_at=entry.sms_consent_at)
        except BookingError as exc:
            offer.status = WaitlistOffer.Status.GONE
            offer.save(update_fields=["status"])
            if isinstance(exc, CallToBook):
                refusal = exc
            elif exc.code in ("notice", "past"):
                refusal = OfferExpired(_("This time is now too soon to book online."))
            else:
                refusal = OfferGone(_("This time has gone: someone else took it first."))
        else:
            offer.status, offer.appointment = WaitlistOffer.Status.CLAIMED, appointment
            offer.save(update_fields=["status", "appointment"])
            WaitlistEntry.objects.filter(pk=entry.pk).update(
                status=WaitlistEntry.Status.BOOKED, appointment=appointment
            )
            # The others offered this time, and this patient's other offers, are closed. Offers another
            # claim holds locked right now are skipped (waiting for them would deadlock with that claim,
            # which waits for this booking): each of those closes its own offer when its booking fails.
            others = (
                WaitlistOffer.objects.select_for_update(skip_locked=True)
                .filter(
                    Q(practitioner=offer.practitioner, start=offer.start) | Q(entry=entry),
                    status=WaitlistOffer.Status.OPEN,
                )
                .exclude(pk=offer.pk)
            )
            WaitlistOffer.objects.filter(pk__in=list(others.values_list("pk", flat=True))).update(
                status=WaitlistOffer.Status.GONE
            )
            return appointment
    raise refusal
