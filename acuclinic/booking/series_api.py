"""Courses of care over the API: book several weekly visits all or nothing, look a course up by its token,
cancel the rest.

A course whose weeks are not all free is refused with a 409 in the API's error model, plus
``conflicts``: each week that is not free with its nearest free times (same practitioner, same week,
the same day first). Send the course again with ``changes`` (a week moved to one of those times, or
skipped with ``"start": null``) to book it. Each visit has its own manage token, so one visit is moved
or cancelled through ``/appointments/{token}``. ``Idempotency-Key`` works as for ``/appointments``.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from acuclinic.clinic.api_errors import ApiError, ErrorOut, responses
from acuclinic.clinic.clock import local

from . import idempotency, limits, series, services
from .api import IDEMPOTENCY_KEY, SERVICE, Instant, IntakeIn, PatientIn, _error, _links, _service, admitted_phone
from .errors import BookingError
from .links import LinkExpired, LinkNotFound, open_course_link
from .models import Appointment, CourseOfCare, Practitioner

router = Router(tags=["courses of care"])


class WeekChange(Schema):
    week: int = Field(..., ge=1, le=26, description="Which week of the course (1 is the first visit)")
    start: Instant | None = Field(..., description="The week's new start, or null to skip the week")


class CourseIn(Schema):
    service: str = SERVICE
    practitioner: str = Field(..., min_length=1, max_length=20, pattern=r"^[0-9]+$", description="Practitioner id")
    start: Instant = Field(..., description="The first visit; the others follow weekly at the same local time")
    visits: int = Field(..., ge=2, le=26, description="Number of weekly visits (at most the clinic's maximum)")
    changes: list[WeekChange] = Field([], max_length=26, description="Weeks moved to another time, or skipped")
    patient: PatientIn
    intake: IntakeIn
    consent: bool
    notes: str = Field("", max_length=1000)


class VisitOut(Schema):
    start: dt.datetime
    end: dt.datetime
    status: str
    can_change: bool
    manage_token: str = Field(..., description="This visit's own token, for /appointments/{token}")


class CourseOut(Schema):
    service: str
    practitioner: str
    practitioner_id: int
    patient_name: str
    visits: list[VisitOut]


class BookedCourseOut(CourseOut):
    manage_token: str


class AlternativeOut(Schema):
    start: dt.datetime
    end: dt.datetime


class ConflictOut(Schema):
    week: int
    start: dt.datetime
    reason: str
    alternatives: list[AlternativeOut]


class CourseConflictOut(ErrorOut):
    conflicts: list[ConflictOut] = Field([], description="Each week that is not free, with its nearest free times")


def _course_out(course: CourseOfCare, *, token: bool = False) -> dict:
    now = timezone.now()
    body = {
        "service": course.service.name,
        "practitioner": course.practitioner.name,
        "practitioner_id": course.practitioner_id,
        "patient_name": course.patient_name,
        "visits": [
            {"start": local(v.start), "end": local(v.end), "status": v.status,
             "can_change": services.can_change(v, now), "manage_token": v.manage_token}
            for v in series.visits_of(course)
        ],
    }  # fmt: skip
    return {**body, "manage_token": course.manage_token} if token else body


def _iso(instant: dt.datetime) -> str:
    return local(instant).isoformat()


def _conflict_body(exc: series.CourseConflict, numbers: list[int]) -> dict:
    """The 409's body, JSON-ready (it may be stored for an Idempotency-Key replay)."""
    body = _error(exc).value
    body["conflicts"] = [
        {"week": number, "start": _iso(week.wanted), "reason": week.reason,
         "alternatives": [{"start": _iso(o.start), "end": _iso(o.end)} for o in week.alternatives]}
        for number, week in zip(numbers, exc.plan, strict=True) if not week.free
    ]  # fmt: skip
    return body


def _starts(data: CourseIn) -> tuple[list[int], list[dt.datetime]]:
    """The weeks to book (their numbers) and their starts, after the client's changes."""
    wanted = series.weekly_starts(data.start, data.visits)
    moved: dict[int, dt.datetime | None] = {}
    for index, change in enumerate(data.changes):
        where = f"changes.{index}"
        if change.week > data.visits:
            raise BookingError(f"The course has {data.visits} weeks.", field=f"{where}.week", code="week")
        if change.week in moved:
            raise BookingError("Each week may be changed once.", field=f"{where}.week", code="week")
        if change.start is not None:
            days = abs((local(change.start).date() - local(wanted[change.week - 1]).date()).days)
            if days > series.WEEK_REACH:
                raise BookingError(
                    f"A week's visit may move at most {series.WEEK_REACH} days.", field=f"{where}.start", code="week"
                )
        moved[change.week] = change.start
    numbers = [n for n in range(1, data.visits + 1) if not (n in moved and moved[n] is None)]
    if not numbers:
        raise BookingError("Keep at least one week.", field="changes", code="week")
    return numbers, [moved.get(n) or wanted[n - 1] for n in numbers]


def _practitioner(value: str) -> Practitioner:
    practitioner = Practitioner.objects.bookable().filter(pk=int(value)).first() if len(value) < 10 else None
    if practitioner is None:
        raise BookingError(f"No practitioner {value!r}.", field="practitioner", code="unknown_practitioner")
    return practitioner


def _book(data: CourseIn, phone: str, numbers: list[int]) -> Appointment:
    """Book the course; returns its first visit (what an Idempotency-Key record points at)."""
    numbers[:], starts = _starts(data)
    course = series.book_course(
        service=_service(data.service),
        practitioner=_practitioner(data.practitioner),
        starts=starts,
        patient=services.Patient(data.patient.name, data.patient.email, phone, data.patient.new_patient),
        intake=services.Intake(**data.intake.model_dump()),
        consent=data.consent,
        notes=data.notes,
    )
    return series.visits_of(course).first()


def _booked_out(first_visit: Appointment) -> dict:
    return _course_out(first_visit.course, token=True)


@router.post(
    "/courses",
    response={**responses({201: BookedCourseOut}, 403, 409, 429, body=True, unsafe=True), 409: CourseConflictOut},
    summary="Book a course of weekly visits, all or nothing (send an Idempotency-Key header to make retries safe)",
    operation_id="create_course",
    openapi_extra=_links(201, "$response.body#/manage_token", "get_course", "cancel_course_rest"),
)
def create_course(request: HttpRequest, data: CourseIn, idempotency_key: str | None = IDEMPOTENCY_KEY):
    if (answer := idempotency.replayed(request, idempotency_key, render=_booked_out)) is not None:
        return answer
    phone = admitted_phone(request, data.patient)
    numbers: list[int] = []  # the weeks booked, filled in by _book for the 409's week numbers

    def refuse(exc: BookingError) -> Status:
        if isinstance(exc, series.CourseConflict):
            return Status(exc.status, _conflict_body(exc, numbers))
        return _error(exc)

    # The course is recorded under the key by its first visit, so a retry replays the whole course.
    answer = idempotency.perform_once(
        request, idempotency_key, lambda: _book(data, phone, numbers), render=_booked_out, refuse=refuse
    )
    if answer.status_code == 201:
        limits.booked(request)
    return answer


def _by_token(token: str) -> CourseOfCare:
    try:
        return open_course_link(token)
    except LinkNotFound:
        raise ApiError(404, "No course for this token.", "not_found") from None
    except LinkExpired:
        raise ApiError(410, "This course is over; its link no longer works.", "expired") from None


@router.get(
    "/courses/{token}",
    response=responses({200: CourseOut}, 404, 410),
    summary="Your course of visits",
    operation_id="get_course",
    openapi_extra=_links(200, "$request.path.token", "cancel_course_rest"),
)
def get_course(request: HttpRequest, token: str):
    return _course_out(_by_token(token))


@router.post(
    "/courses/{token}/cancel-rest",
    response=responses({200: CourseOut}, 404, 409, 410, unsafe=True),
    summary="Cancel every visit still to come (those inside the cancellation notice stay booked)",
    operation_id="cancel_course_rest",
    openapi_extra=_links(200, "$request.path.token", "get_course"),
)
def cancel_course_rest(request: HttpRequest, token: str):
    course = _by_token(token)
    try:
        series.cancel_rest(course=course)
    except BookingError as exc:
        return _error(exc)
    return _course_out(course)
