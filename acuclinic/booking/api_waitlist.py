"""Waitlist API: join (POST), view and leave (GET/DELETE with the entry's signed token), and claim an
offered time (POST with the claim token: 201 with the appointment, 409 gone, 410 expired).

The same error model and ``Idempotency-Key`` support as booking (``api.py``): a retried join or claim
with the same key and body gets the first answer instead of joining twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import field_validator, model_validator

from acuclinic.clinic.api_errors import ApiError, responses
from acuclinic.clinic.text import clean_message

from . import idempotency, limits, services, waitlist
from .api import (
    IDEMPOTENCY_KEY,
    PRACTITIONER,
    SERVICE,
    BookedOut,
    IntakeIn,
    PatientIn,
    _booked_out,
    _error,
    _links,
    _practitioner,
    _service,
    admitted_phone,
)
from .errors import BookingError
from .links import LinkExpired, LinkNotFound
from .models import Appointment, WaitlistEntry
from .waitlist import MAX_TIME_RANGES

router = Router(tags=["waitlist"])


class NoOffer(BookingError):
    status = 404
    code = "not_found"


Weekday = Annotated[int, Field(ge=0, le=6)]


class TimeRangeIn(Schema):
    start: dt.time = Field(..., description="Local time of day, e.g. 09:00")
    end: dt.time = Field(..., description="Local time of day, after start")

    @model_validator(mode="after")
    def _ordered(self):
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("times of day are local to the clinic: give no offset")
        if not self.start < self.end:
            raise ValueError("end must be after start")
        return self


class WaitlistIn(Schema):
    service: str = SERVICE
    practitioner: str = PRACTITIONER
    weekdays: list[Weekday] = Field([], max_length=7, description="0 = Monday; empty: any day")
    times: list[TimeRangeIn] = Field([], max_length=MAX_TIME_RANGES, description="Empty: any time of day")
    until: dt.date = Field(..., description="Last date that suits (within the booking horizon)")
    patient: PatientIn
    intake: IntakeIn
    consent: bool
    texts: bool = Field(False, description="Also text offers (only when the clinic texts)")
    notes: str = Field("", max_length=1000)

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str) -> str:
        return clean_message(value)


class TimeRangeOut(Schema):
    start: str
    end: str


class WaitlistEntryOut(Schema):
    service: str
    practitioner: str | None
    practitioner_id: int | None
    weekdays: list[int]
    times: list[TimeRangeOut]
    until: dt.date
    status: str
    joined_at: dt.datetime


class WaitlistJoinedOut(WaitlistEntryOut):
    token: str


def _entry_out(entry: WaitlistEntry) -> dict:
    return {
        "service": entry.service.name,
        "practitioner": entry.practitioner.name if entry.practitioner else None,
        "practitioner_id": entry.practitioner_id,
        "weekdays": entry.weekdays,
        "times": [{"start": a, "end": b} for a, b in entry.times],
        "until": entry.until,
        "status": entry.status,
        "joined_at": timezone.localtime(entry.joined_at),
    }


def _joined_out(entry: WaitlistEntry) -> dict:
    return {**_entry_out(entry), "token": entry.token}


@router.post(
    "/waitlist",
    response=responses({201: WaitlistJoinedOut}, 429, body=True, unsafe=True),
    summary="Join the waitlist: be offered a freed time that suits (send an Idempotency-Key to make retries safe)",
    operation_id="join_waitlist",
    openapi_extra=_links(201, "$response.body#/token", "get_waitlist_entry", "leave_waitlist"),
)
def join_waitlist(request: HttpRequest, data: WaitlistIn, idempotency_key: str | None = IDEMPOTENCY_KEY):
    if (answer := idempotency.replayed(request, idempotency_key, render=_joined_out)) is not None:
        return answer
    phone = admitted_phone(request, data.patient)

    def perform() -> WaitlistEntry:
        return waitlist.join(
            service=_service(data.service),
            practitioner=_practitioner(data.practitioner),
            weekdays=data.weekdays,
            times=[(r.start, r.end) for r in data.times],
            until=data.until,
            patient=services.Patient(data.patient.name, data.patient.email, phone, data.patient.new_patient),
            intake=services.Intake(**data.intake.model_dump()),
            consent=data.consent,
            sms_consent=data.texts,
            notes=data.notes,
        )

    return idempotency.perform_once(request, idempotency_key, perform, render=_joined_out, refuse=_error)


def _entry(token: str) -> WaitlistEntry:
    try:
        return waitlist.open_entry(token)
    except LinkNotFound:
        raise ApiError(404, "No waitlist entry for this token.", "not_found") from None
    except LinkExpired:
        raise ApiError(410, "This waitlist entry has ended; its link no longer works.", "expired") from None


@router.get(
    "/waitlist/{token}",
    response=responses({200: WaitlistEntryOut}, 404, 410),
    summary="Your place on the waitlist",
    operation_id="get_waitlist_entry",
    openapi_extra=_links(200, "$request.path.token", "leave_waitlist"),
)
def get_waitlist_entry(request: HttpRequest, token: str):
    return _entry_out(_entry(token))


@router.delete(
    "/waitlist/{token}",
    response=responses({200: WaitlistEntryOut}, 404, 410, unsafe=True),
    summary="Leave the waitlist (its open offers close; leaving twice changes nothing)",
    operation_id="leave_waitlist",
    openapi_extra=_links(200, "$request.path.token", "get_waitlist_entry"),
)
def leave_waitlist(request: HttpRequest, token: str):
    return _entry_out(waitlist.leave(_entry(token)))


@router.post(
    "/waitlist/offers/{token}/claim",
    response=responses({201: BookedOut}, 404, 409, 410, unsafe=True),
    summary="Claim an offered time: 201 books it, 409 if someone else took it first, 410 once the offer expired",
    operation_id="claim_waitlist_offer",
    openapi_extra=_links(201, "$response.body#/manage_token", "get_appointment", "cancel_appointment"),
)
def claim_waitlist_offer(request: HttpRequest, token: str, idempotency_key: str | None = IDEMPOTENCY_KEY):
    def perform() -> Appointment:
        try:
            return waitlist.claim(token)
        except LinkNotFound:
            raise NoOffer("No offer for this token.") from None

    if (answer := idempotency.replayed(request, idempotency_key, render=_booked_out)) is not None:
        return answer
    answer = idempotency.perform_once(request, idempotency_key, perform, render=_booked_out, refuse=_error)
    if answer.status_code == 201:
        limits.booked(request)
    return answer
