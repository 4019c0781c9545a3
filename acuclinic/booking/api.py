"""Booking API: services, practitioners, availability, and appointments (book, look up, cancel, reschedule).

Errors are the API's one error model (``acuclinic/clinic/api_errors.py``): 404 for an unknown or forged
manage token, 403 when the patient is asked to call to book (the no-show rule), 410 once its appointment
is over, 409 when a slot was taken meanwhile (or a retry of the same ``Idempotency-Key`` is still being
answered), 422 for invalid input, 429 (with Retry-After) past the rate limits of ``limits.py``. A retried
POST with the same ``Idempotency-Key`` gets the first answer (``idempotency.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from ninja import Field, Header, Query, Router, Schema, Status
from pydantic import AfterValidator, AwareDatetime, field_validator

from acuclinic.clinic.api_errors import ApiError, error, responses
from acuclinic.clinic.clock import local
from acuclinic.clinic.context_processors import clinic_for
from acuclinic.clinic.inputs import SLUG_PATTERN, check_instant, parse_id
from acuclinic.clinic.phones import InvalidPhoneNumber, to_e164
from acuclinic.clinic.text import clean_message, clean_person_name

from . import idempotency, limits, policy, services
from .availability import free_offers
from .errors import BookingError
from .links import LinkExpired, LinkNotFound, open_manage_link
from .models import Appointment, BookingRules, Practitioner, Service

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
    changeable_online: bool = Field(
        description="False when the slot is inside the cancellation notice: once booked, it cannot be changed "
        "or cancelled online (tell the patient before booking it)."
    )


class AvailabilityOut(Schema):
    time_zone: str
    cancellation_policy: str
    slots: list[SlotOut]


Instant = Annotated[AwareDatetime, AfterValidator(check_instant)]
SERVICE = Field(..., min_length=1, max_length=80, pattern=SLUG_PATTERN, description="Service id or slug")
PRACTITIONER = Field(
    "any", min_length=1, max_length=80, pattern=r"^(any|[0-9]+)$", description="Practitioner id, or 'any'"
)


class AvailabilityQuery(Schema):
    service: str = SERVICE
    practitioner: str = PRACTITIONER
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
        return clean_person_name(value)  # the form's rule: NFC, no invisible characters, not blank

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
    service: str = SERVICE
    practitioner: str = PRACTITIONER
    start: Instant
    patient: PatientIn
    intake: IntakeIn
    consent: bool
    notes: str = Field("", max_length=1000)

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str) -> str:
        return clean_message(value)


class RescheduleIn(Schema):
    start: Instant


class AppointmentOut(Schema):
    service: str
    practitioner: str
    practitioner_id: int
    start: dt.datetime
    end: dt.datetime
    status: str
    patient_name: str
    can_change: bool
    change_until: dt.datetime = Field(description="The last moment it can be changed or cancelled online.")


class BookedOut(AppointmentOut):
    manage_token: str


def _appointment_out(appointment: Appointment) -> dict:
    return {
        "service": appointment.service.name,
        "practitioner": appointment.practitioner.name,
        "practitioner_id": appointment.practitioner_id,
        "start": local(appointment.start),
        "end": local(appointment.end),
        "status": appointment.status,
        "patient_name": appointment.patient_name,
        "can_change": services.can_change(appointment),
        "change_until": local(policy.change_deadline(appointment.start, BookingRules.current())),
    }


# Where in the request body each field services.py may name sits.
BODY_FIELDS = {"name": "patient.name", "red_flags": "intake.red_flags", "email": "patient.email"}


def _booked_out(appointment: Appointment) -> dict:
    return {**_appointment_out(appointment), "manage_token": appointment.manage_token}


def _error(exc: BookingError) -> Status:
    field = f"body.{BODY_FIELDS.get(exc.field, exc.field)}" if exc.field else None
    return error(exc.status, exc.message, exc.code, field=field)


def _service(value: str) -> Service:
    pk = parse_id(value)
    service = Service.objects.bookable().filter(**({"pk": pk} if pk else {"slug": value})).first()
    if service is None:
        raise BookingError(f"No bookable service {value!r}.", field="service", code="unknown_service")
    return service


def _practitioner(value: str) -> Practitioner | None:
    if value == "any":
        return None
    pk = parse_id(value)
    practitioner = Practitioner.objects.bookable().filter(pk=pk).first() if pk else None
    if practitioner is None:
        raise BookingError(
            f"No practitioner {value!r}; use an id or 'any'.", field="practitioner", code="unknown_practitioner"
        )
    return practitioner


@router.get("/services", response=responses({200: list[ServiceOut]}), summary="Services that can be booked online")
def list_services(request: HttpRequest):
    return Service.objects.bookable()


@router.get("/practitioners", response=responses({200: list[PractitionerOut]}), summary="Practitioners taking bookings")
def list_practitioners(request: HttpRequest):
    return Practitioner.objects.bookable().prefetch_related("services")


@router.get("/availability", response=responses({200: AvailabilityOut}), summary="Free slots in a date window")
def availability(request: HttpRequest, query: Query[AvailabilityQuery]):
    try:
        service = _service(query.service)
        practitioner = _practitioner(query.practitioner)
    except BookingError as exc:
        return error(exc.status, exc.message, exc.code, field=f"query.{exc.field}")
    if query.end < query.start:
        return error(422, "end must not be before start.", "window", field="query.end")
    if (query.end - query.start).days >= MAX_WINDOW_DAYS:
        return error(422, f"Ask for at most {MAX_WINDOW_DAYS} days at a time.", "window", field="query.end")
    if practitioner is not None and not practitioner.services.filter(pk=service.pk).exists():
        return error(422, f"{practitioner} does not offer {service}.", "not_offered", field="query.practitioner")
    rules = BookingRules.current()
    offers = free_offers(
        service=service, practitioner=practitioner, first_day=query.start, last_day=query.end, rules=rules
    )
    return {
        "time_zone": settings.TIME_ZONE,
        "cancellation_policy": policy.cancellation_policy(rules),
        "slots": [
            {
                "start": o.start,
                "end": o.end,
                "practitioner": o.practitioner.pk,
                "changeable_online": not policy.inside_change_window(o.start, rules),
            }
            for o in offers
        ],
    }


IDEMPOTENCY_KEY = Header(
    None,
    alias="Idempotency-Key",
    max_length=200,
    description="Any unique string per booking: a retry with the same key and body gets the first answer.",
)


def _links(status: int, token: str, *operations: str) -> dict:
    """OpenAPI links: what a client (and schemathesis' stateful tests) can do next with the manage token."""
    return {
        "responses": {
            status: {
                "links": {
                    name: {"operationId": name, "parameters": {"token": token}, "description": f"{name} by its token"}
                    for name in operations
                }
            }
        }
    }


def admitted_phone(request: HttpRequest, patient: PatientIn) -> str:
    """What every booking-like request checks first: the rate limit (429), then the patient's phone (422),
    returned in E.164. Shared by appointments, courses and the waitlist."""
    if limits.refused(request):
        raise ApiError(
            429,
            "Too many bookings or booking attempts from this address this hour; try again later.",
            "rate_limited",
            headers={"Retry-After": str(limits.retry_after())},
        )
    try:
        return to_e164(patient.phone, clinic_for(request).country)
    except InvalidPhoneNumber:
        message = "Enter a valid phone number."
        raise ApiError(422, message, "invalid_phone", [{"loc": ["body", "patient", "phone"], "msg": message}]) from None


@router.post(
    "/appointments",
    response=responses({201: BookedOut}, 409, 429, body=True, unsafe=True),
    summary="Book an appointment (send an Idempotency-Key header to make retries safe)",
    operation_id="create_appointment",
    openapi_extra=_links(
        201, "$response.body#/manage_token", "get_appointment", "reschedule_appointment", "cancel_appointment"
    ),
)
def create_appointment(request: HttpRequest, data: AppointmentIn, idempotency_key: str | None = IDEMPOTENCY_KEY):
    if (answer := idempotency.replayed(request, idempotency_key, render=_booked_out)) is not None:
        return answer
    phone = admitted_phone(request, data.patient)

    def book() -> Appointment:
        return services.book(
            service=_service(data.service),
            practitioner=_practitioner(data.practitioner),
            start=data.start,
            patient=services.Patient(data.patient.name, data.patient.email, phone, data.patient.new_patient),
            intake=services.Intake(**data.intake.model_dump()),
            consent=data.consent,
            notes=data.notes,
            source="online",
        )

    answer = idempotency.perform_once(request, idempotency_key, book, render=_booked_out, refuse=_error)
    if answer.status_code == 201:
        limits.booked(request)
    return answer


def _by_token(token: str) -> Appointment:
    try:
        return open_manage_link(token)
    except LinkNotFound:
        raise ApiError(404, "No appointment for this token.", "not_found") from None
    except LinkExpired:
        raise ApiError(410, "This appointment is over; its link no longer works.", "expired") from None


@router.get(
    "/appointments/{token}",
    response=responses({200: AppointmentOut}, 404, 410),
    summary="Your appointment",
    operation_id="get_appointment",
    openapi_extra=_links(200, "$request.path.token", "reschedule_appointment", "cancel_appointment"),
)
def get_appointment(request: HttpRequest, token: str):
    return _appointment_out(_by_token(token))


@router.post(
    "/appointments/{token}/cancel",
    response=responses({200: AppointmentOut}, 404, 409, 410, unsafe=True),
    summary="Cancel your appointment",
    operation_id="cancel_appointment",
    openapi_extra=_links(200, "$request.path.token", "get_appointment"),
)
def cancel_appointment(request: HttpRequest, token: str):
    try:
        return _appointment_out(services.cancel(appointment=_by_token(token)))
    except BookingError as exc:
        return _error(exc)


@router.post(
    "/appointments/{token}/reschedule",
    response=responses({200: AppointmentOut}, 404, 409, 410, body=True, unsafe=True),
    summary="Move your appointment to another free time",
    operation_id="reschedule_appointment",
    openapi_extra=_links(200, "$request.path.token", "get_appointment", "cancel_appointment"),
)
def reschedule_appointment(request: HttpRequest, token: str, data: RescheduleIn):
    try:
        return _appointment_out(services.reschedule(appointment=_by_token(token), start=data.start))
    except BookingError as exc:
        return _error(exc)
