"""A single booking races a course over the same slot, through the HTTP API and a multi-threaded server:
never both. Either the single booking wins and the course is refused whole (409, nothing of it written),
or the course wins and the single booking is refused. Run on SQLite and on PostgreSQL."""

import datetime as dt
from collections import Counter

import pytest

from acuclinic.booking.models import Appointment, CourseOfCare

from .test_concurrency import assert_no_overlap, fire

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 4
VISITS = 4

PATIENT = {"name": "Sam Racer", "email": "sam@example.com", "phone": "416 555 0123", "new_patient": False}
INTAKE = {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False}


def test_a_single_booking_racing_a_course_never_both(live_server, every_day, slot, settings):
    settings.BOOKING_RATE_LIMIT = 10_000
    ann = every_day["ann"]
    outcomes = []
    for round_ in range(ROUNDS):
        first = slot + dt.timedelta(hours=round_)  # each round its own hour: rounds do not meet
        contested = first + dt.timedelta(days=14, minutes=15)  # overlaps the course's third visit
        single = {"service": "treatment", "practitioner": str(ann.pk), "start": contested.isoformat(),
                  "patient": PATIENT, "intake": INTAKE, "consent": True}  # fmt: skip
        course = {**single, "start": first.isoformat(), "visits": VISITS}
        codes = fire(
            [(f"{live_server.url}/api/v1/appointments", single), (f"{live_server.url}/api/v1/courses", course)]
        )
        outcomes.append(tuple(codes))
        assert sorted(codes) == [201, 409], codes
        assert_no_overlap(ann)
    # All or nothing: every course written is whole, and no visit exists without its course.
    for written in CourseOfCare.objects.all():
        assert written.visits.count() == VISITS
    singles = Counter(outcome[0] for outcome in outcomes)[201]
    assert CourseOfCare.objects.count() == ROUNDS - singles
    assert Appointment.objects.count() == singles + VISITS * (ROUNDS - singles)
    assert Appointment.objects.filter(course__isnull=True).count() == singles
