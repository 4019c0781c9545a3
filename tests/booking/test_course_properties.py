"""Property tests of courses of care, against the database: whatever is booked already and whatever
course is asked for, a course is booked whole or not at all, and never overlaps anything."""

import contextlib
import datetime as dt
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuclinic.booking import series, services
from acuclinic.booking.availability import free_offers
from acuclinic.booking.errors import BookingError
from acuclinic.booking.models import Appointment, CourseOfCare

pytestmark = pytest.mark.django_db

QUARTER = dt.timedelta(minutes=15)
# An existing booking: which week of the course, which day of that week (-1, 0, +1), and when that day.
existing = st.tuples(st.integers(0, 5), st.integers(-1, 1), st.integers(0, 28))
requests = st.fixed_dictionaries({
    "taken": st.lists(existing, max_size=8),
    "first": st.integers(0, 28),  # quarter hours after 09:00
    "visits": st.integers(2, 6),
    "moves": st.dictionaries(st.integers(1, 6), st.integers(-12, 12), max_size=3),  # week -> quarter hours
})  # fmt: skip


@contextlib.contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_no_overlap(practitioner):
    booked = list(Appointment.objects.filter(practitioner=practitioner).active().order_by("start"))
    for earlier, later in itertools.pairwise(booked):
        assert earlier.buffer_end <= later.start, f"{earlier} overlaps {later}"


def nine(day, tz):
    return dt.datetime.combine(day, dt.time(9), tzinfo=tz)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=requests)
def test_a_course_is_booked_whole_or_not_at_all_and_never_overlaps(every_day, slot, patient, intake, tz, request):
    service, ann = every_day["service"], every_day["ann"]
    with rolled_back():
        for week, day, quarter in request["taken"]:
            start = nine(slot.date() + dt.timedelta(days=7 * week + day), tz) + quarter * QUARTER
            with contextlib.suppress(BookingError):
                services.book(service=service, practitioner=ann, start=start, patient=patient, intake=intake,
                              consent=True)  # fmt: skip
        before = set(Appointment.objects.values_list("pk", flat=True))
        starts = series.weekly_starts(nine(slot.date(), tz) + request["first"] * QUARTER, request["visits"])
        starts = [
            start + request["moves"].get(n, 0) * QUARTER if n <= len(starts) else start
            for n, start in enumerate(starts, 1)
        ]
        free = {o.start for o in free_offers(service=service, practitioner=ann,
                                                       first_day=slot.date() - dt.timedelta(days=7),
                                                       last_day=slot.date() + dt.timedelta(days=50))}  # fmt: skip
        try:
            course = series.book_course(service=service, practitioner=ann, starts=starts, patient=patient,
                                        intake=intake, consent=True)  # fmt: skip
        except series.CourseConflict as exc:
            # Nothing written; exactly the weeks not free are reported, each with free alternatives nearby.
            assert set(Appointment.objects.values_list("pk", flat=True)) == before
            assert not CourseOfCare.objects.exists()
            assert {w.wanted for w in exc.conflicts} == {s for s in starts if s not in free}
            for week in exc.conflicts:
                for alternative in week.alternatives:
                    assert alternative.start in free and alternative.practitioner == ann
                    assert abs((alternative.start.date() - week.wanted.date()).days) <= series.WEEK_REACH
        except BookingError as exc:
            # Only a course whose own visits overlap is refused outright (the moves drew them together).
            assert exc.code == "course_overlap"
            assert set(Appointment.objects.values_list("pk", flat=True)) == before
        else:
            assert all(s in free for s in starts)
            assert sorted(course.visits.values_list("start", flat=True)) == sorted(starts)
        assert_no_overlap(ann)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(quarters=st.lists(st.integers(-8, 8), min_size=1, max_size=4))
def test_after_a_course_no_booking_can_overlap_it(every_day, slot, patient, intake, quarters):
    service, ann = every_day["service"], every_day["ann"]
    with rolled_back():
        course = series.book_course(service=service, practitioner=ann, starts=series.weekly_starts(slot, 4),
                                    patient=patient, intake=intake, consent=True)  # fmt: skip
        for week, quarter in enumerate(quarters):
            with contextlib.suppress(BookingError):
                services.book(service=service, practitioner=ann, start=slot + dt.timedelta(days=7 * week) + quarter * QUARTER,
                              patient=patient, intake=intake, consent=True)  # fmt: skip
        assert course.visits.active().count() == 4
        assert_no_overlap(ann)
