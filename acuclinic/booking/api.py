"""Booking API: services, practitioners, availability, and appointments (book, look up, cancel, reschedule).

Errors are ``{"detail": message, "code": ..., "field": ...}``: 409 when a slot was taken meanwhile,
422 for invalid input, 429 past the rate limit. A retried POST with the same ``Idempotency-Key``
returns the first answer instead of booking twice.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime, field_validator

from acuclinic.clinic.context_processors import clinic_for
from acuclinic.clinic.phones import InvalidPhoneNumber, to_e164
from acuclinic.clinic.ratelimit import allow

from . import services
from .models import Appointment, IdempotentRequest, Practitioner, Service

router = Router(tags=["booking"])
MAX_WINDOW_DAYS = 62


class ServiceOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    duration_minutes: int
    buffer_minutes: int
    price: str | None
    audience: str

    @staticmethod
    def resolve_price(obj) -> str | None:
        return str(obj.price) if obj.price is not None else None


class PractitionerOut(Schema):
    id: int
    slug: str
    name: str
    credential: str
    bio: str
    services: list[int]

    @staticmethod
    def resolve_services(obj) -> list[int]:
        return [s.pk for s in obj.services.all()]


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    practitioner: int


class AvailabilityOut(Schema):
    time_zone: str
    slots: list[SlotOut]


class AvailabilityQuery(Schema):
    service: str = Field(..., max_length=80, description="Service id or slug")
    practitioner: str = Field("any", max_length=80, description="Practitioner id, or 'any'")
    start: dt.date
    end: dt.date


class PatientIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    email: str = Field(..., max_length=254)
    phone: str = Field(..., min_length=3, max_length=30)
    new_patient: bool

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name must not be blank")
        return value.strip()

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        # Django's own rule, the same the booking form applies.
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError("enter a valid email address") from None
        return value


class IntakeIn(Schema):
    pregnant: bool
    anticoagulants: bool
    implanted_device: bool
    red_flags: bool


class AppointmentIn(Schema):
    service: str = Field(..., max_length=80)
    practitioner: str = Field("any", max_length=80)
    start: AwareDatetime
    patient: PatientIn
    intake: IntakeIn
    consent: bool
    notes: str = Field("", max_length=1000)


class RescheduleIn(Schema):
    start: AwareDatetime


class AppointmentOut(Schema):
    service: str
    practitioner: str
    practitioner_id: int
    start: dt.datetime
    end: dt.datetime
    status: str
    patient_name: str
    can_change: bool


class BookedOut(AppointmentOut):
    manage_token: str


class Error(Schema):
    detail: str
    code: str
    field: str | None = None


def _appointment_out(appointment: Appointment) -> dict:
    return {
        "service": appointment.service.name,
        "practitioner": appointment.practitioner.name,
        "practitioner_id": appointment.practitioner_id,
        "start": timezone.localtime(appointment.start),
        "end": timezone.localtime(appointment.end),
        "status": appointment.status,
        "patient_name": appointment.patient_name,
        "can_change": services.can_change(appointment),
    }


def _error(exc: services.BookingError) -> Status:
    return Status(exc.status, {"detail": exc.message, "code": exc.code, "field": exc.field})


def _service(value: str) -> Service:
    lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
    service = Service.objects.filter(active=True, **lookup).first()
    if service is None:
        raise services.BookingError(f"No bookable service {value!r}.", field="service", code="unknown_service")
    return service


def _practitioner(value: str) -> Practitioner | None:
    if value == "any":
        return None
    practitioner = Practitioner.objects.bookable().filter(pk=int(value)).first() if value.isdigit() else None
    if practitioner is None:
        raise services.BookingError(
            f"No practitioner {value!r}; use an id or 'any'.", field="practitioner", code="unknown_practitioner"
        )
    return practitioner


@router.get("/services", response=list[ServiceOut], summary="Services that can be booked online")
def list_services(request: HttpRequest):
    return Service.objects.filter(active=True)


@router.get("/practitioners", response=list[PractitionerOut], summary="Practitioners taking bookings")
def list_practitioners(request: HttpRequest):
    return Practitioner.objects.bookable().prefetch_related("services")


@router.get("/availability", response={200: AvailabilityOut, 422: Error}, summary="Free slots in a date window")
def availability(request: HttpRequest, query: Query[AvailabilityQuery]):
    try:
        service = _service(query.service)
        practitioner = _practitioner(query.practitioner)
    except services.BookingError as exc:
        return _error(exc)
    if query.end < query.start:
        return Status(422, {"detail": "end must not be before start.", "code": "window", "field": "end"})
    if (query.end - query.start).days >= MAX_WINDOW_DAYS:
        return Status(
            422, {"detail": f"Ask for at most {MAX_WINDOW_DAYS} days at a time.", "code": "window", "field": "end"}
        )
    if practitioner is not None and not practitioner.services.filter(pk=service.pk).exists():
        return Status(
            422, {"detail": f"{practitioner} does not offer {service}.", "code": "not_offered", "field": "practitioner"}
        )
    offers = services.free_offers(service=service, practitioner=practitioner, first_day=query.start, last_day=query.end)
    return {
        "time_zone": settings.TIME_ZONE,
        "slots": [{"start": o.start, "end": o.end, "practitioner": o.practitioner.pk} for o in offers],
    }


def _fingerprint(request: HttpRequest) -> str:
    return IdempotentRequest.digest(request.path + "\n" + request.body.decode("utf-8", "replace"))


def _replay(record: IdempotentRequest, fingerprint: str):
    if record.fingerprint != fingerprint:
        return Status(
            422, {"detail": "This Idempotency-Key was used for a different request.", "code": "idempotency_key_reused"}
        )
    if record.appointment_id:
        appointment = Appointment.objects.select_related("service", "practitioner").get(pk=record.appointment_id)
        return Status(record.status_code, {**_appointment_out(appointment), "manage_token": appointment.manage_token})
    return Status(record.status_code, record.error)


@router.post(
    "/appointments",
    response={201: BookedOut, 409: Error, 422: Error, 429: Error},
    summary="Book an appointment (send an Idempotency-Key header to make retries safe)",
)
def create_appointment(request: HttpRequest, data: AppointmentIn):
    key = request.headers.get("Idempotency-Key", "")[:200]
    fingerprint = _fingerprint(request)
    if key and (record := IdempotentRequest.objects.filter(key_hash=IdempotentRequest.digest(key)).first()):
        return _replay(record, fingerprint)
    if not allow(request, "booking", limit=settings.BOOKING_RATE_LIMIT, per_seconds=3600):
        return Status(
            429, {"detail": "Too many booking attempts from this address; try again later.", "code": "rate_limited"}
        )
    try:
        phone = to_e164(data.patient.phone, clinic_for(request).country)
        service = _service(data.service)
        practitioner = _practitioner(data.practitioner)
        with transaction.atomic():
            appointment = services.book(
                service=service,
                practitioner=practitioner,
                start=data.start,
                patient=services.Patient(data.patient.name, data.patient.email, phone, data.patient.new_patient),
                intake=services.Intake(**data.intake.model_dump()),
                consent=data.consent,
                notes=data.notes,
                source="online",
            )
            if key:  # recorded with the booking: both are kept, or neither
                IdempotentRequest.objects.create(
                    key_hash=IdempotentRequest.digest(key),
                    fingerprint=fingerprint,
                    status_code=201,
                    appointment=appointment,
                )
    except InvalidPhoneNumber:
        return Status(422, {"detail": "Enter a valid phone number.", "code": "invalid_phone", "field": "patient.phone"})
    except services.BookingError as exc:
        if key:
            error = {"detail": exc.message, "code": exc.code, "field": exc.field}
            _remember_error(key, fingerprint, exc.status, error)
        return _error(exc)
    except IntegrityError:
        # Two retries with one key raced; the first committed. Answer as it did.
        record = IdempotentRequest.objects.get(key_hash=IdempotentRequest.digest(key))
        return _replay(record, fingerprint)
    return Status(201, {**_appointment_out(appointment), "manage_token": appointment.manage_token})


def _remember_error(key: str, fingerprint: str, status: int, error: dict) -> None:
    try:
        with transaction.atomic():
            IdempotentRequest.objects.create(
                key_hash=IdempotentRequest.digest(key), fingerprint=fingerprint, status_code=status, error=error
            )
    except IntegrityError:
        pass


def _by_token(token: str) -> Appointment:
    appointment = Appointment.by_token(token)
    if appointment is None or appointment.kind != Appointment.Kind.APPOINTMENT:
        raise HttpError(404, "No appointment for this token.")
    return appointment


@router.get("/appointments/{token}", response={200: AppointmentOut, 404: Error}, summary="Your appointment")
def get_appointment(request: HttpRequest, token: str):
    return _appointment_out(_by_token(token))


@router.post("/appointments/{token}/cancel", response={200: AppointmentOut, 404: Error, 409: Error})
def cancel_appointment(request: HttpRequest, token: str):
    try:
        return _appointment_out(services.cancel(appointment=_by_token(token)))
    except services.BookingError as exc:
        return _error(exc)


@router.post("/appointments/{token}/reschedule", response={200: AppointmentOut, 404: Error, 409: Error, 422: Error})
def reschedule_appointment(request: HttpRequest, token: str, data: RescheduleIn):
    try:
        return _appointment_out(services.reschedule(appointment=_by_token(token), start=data.start))
    except services.BookingError as exc:
        return _error(exc)
