"""Idempotency-Key for the booking API: a retried POST gets the first answer instead of booking twice,
even when it races the original.

The key is claimed in the write's own transaction, so the claim and its answer commit together: a retry
racing the original waits for it (SQLite's write lock, PostgreSQL's unique index) and then replays its
answer, instead of meeting its slot as "taken". A success is replayed from the appointment (its manage
token is derived, not stored); a refusal from the stored error body, which holds no patient data.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from ninja import Status

from acuclinic.clinic.api_errors import error

from .errors import BookingError
from .models import Appointment, IdempotentRequest, WaitlistEntry

Render = Callable[[Appointment | WaitlistEntry], dict]  # what a write made: a booking, or a waitlist entry
Refuse = Callable[[BookingError], Status]


def fingerprint(request: HttpRequest) -> str:
    """What makes two requests "the same": the path and the body, byte for byte."""
    return IdempotentRequest.digest(request.path + "\n" + request.body.decode("utf-8", "replace"))


def _replay(record: IdempotentRequest, request: HttpRequest, render: Render) -> Status:
    if record.fingerprint != fingerprint(request):
        return error(422, "This Idempotency-Key was used for a different request.", "idempotency_key_reused")
    if record.appointment_id:
        appointment = Appointment.objects.select_related("service", "practitioner").get(pk=record.appointment_id)
        return Status(record.status_code, render(appointment))
    if record.waitlist_entry_id:
        entry = WaitlistEntry.objects.select_related("service", "practitioner").get(pk=record.waitlist_entry_id)
        return Status(record.status_code, render(entry))
    body = record.error or {}
    if "errors" not in body:  # recorded before the API had one error model: answer in today's
        field = body.get("field")
        body = error(record.status_code, body.get("detail") or "Refused.", body.get("code") or "invalid",
                     field=f"body.{field}" if field else None).value  # fmt: skip
    return Status(record.status_code, body)


def replayed(request: HttpRequest, key: str | None, *, render: Render) -> Status | None:
    """The answer already given to a request with this key, or ``None`` (no key, or a first request)."""
    if not key:
        return None
    record = IdempotentRequest.objects.filter(key_hash=IdempotentRequest.digest(key)).first()
    return _replay(record, request, render) if record else None


def perform_once(
    request: HttpRequest,
    key: str | None,
    perform: Callable[[], Appointment | WaitlistEntry],
    *,
    render: Render,
    refuse: Refuse,
    status: int = 201,
) -> Status:
    """Run ``perform`` (a write raising :class:`BookingError`) once per key, recording its answer with it."""
    key_hash = IdempotentRequest.digest(key or "")
    try:
        with transaction.atomic():
            record = None
            if key:
                if record := IdempotentRequest.objects.filter(key_hash=key_hash).first():
                    return _replay(record, request, render)
                record = IdempotentRequest.objects.create(
                    key_hash=key_hash, fingerprint=fingerprint(request), status_code=0
                )
            try:
                with transaction.atomic():
                    appointment = perform()
            except BookingError as exc:
                refusal = refuse(exc)
                if record is not None:
                    record.status_code, record.error = refusal.status_code, refusal.value
                    record.save(update_fields=["status_code", "error"])
                return refusal
            if record is not None:
                record.status_code = status
                if isinstance(appointment, WaitlistEntry):
                    record.waitlist_entry = appointment
                else:
                    record.appointment = appointment
                record.save(update_fields=["status_code", "appointment", "waitlist_entry"])
    except IntegrityError:
        # PostgreSQL: another request with this key committed first while this one waited on the index.
        record = IdempotentRequest.objects.filter(key_hash=key_hash).first()
        if record is None:  # it rolled back: nothing was booked, the client may simply retry
            return error(409, "A request with this Idempotency-Key is in progress; retry shortly.", "in_progress")
        return _replay(record, request, render)
    return Status(status, render(appointment))
