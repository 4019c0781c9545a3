"""Staff book a course in the admin: all weeks free books them all; a taken week comes back with its
nearest free times and nothing written; picking one books the course."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from acuclinic.booking import services
from acuclinic.booking.models import Appointment, CourseOfCare

from .test_admin import PATIENT, at, next_week, phone_booking_data  # noqa: F401  (next_week: a fixture)

pytestmark = pytest.mark.django_db
URL = "booking_admin:book_course"


def test_the_day_view_links_to_book_a_course(staff, alice):
    assert reverse(URL) in staff.get(reverse("booking_admin:day")).content.decode()


def test_staff_book_a_free_course(staff, alice, service, next_week):  # noqa: F811
    response = staff.post(reverse(URL), phone_booking_data(alice, service, next_week, visits="3"))
    course = CourseOfCare.objects.get()
    first = course.visits.order_by("start").first()
    assert response.status_code == 302 and response["Location"] == reverse("booking_admin:appointment", args=[first.pk])
    assert list(course.visits.order_by("start").values_list("start", flat=True)) == [
        at(next_week + dt.timedelta(days=7 * n), 10) for n in range(3)
    ]
    assert course.source == "staff" and {v.source for v in course.visits.all()} == {"staff"}


def test_a_taken_week_comes_back_with_alternatives_and_nothing_written(staff, alice, service, next_week):  # noqa: F811
    taken = services.book(service=service, practitioner=alice, start=at(next_week + dt.timedelta(days=7), 10),
                          patient=PATIENT, intake=services.Intake(), consent=True)  # fmt: skip
    data = phone_booking_data(alice, service, next_week, visits="3")
    response = staff.post(reverse(URL), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Nothing has been booked yet" in page and 'value="Grace Hopper"' in page
    assert Appointment.objects.count() == 1
    alternatives = re.findall(r'name="week-2" value="([^"]+)"', page)
    picked = dt.datetime.fromisoformat(alternatives[0])
    assert picked.date() == taken.start.date()
    response = staff.post(reverse(URL), {**data, "week-2": picked.isoformat()})
    assert response.status_code == 302
    assert picked in CourseOfCare.objects.get().visits.values_list("start", flat=True)


def test_a_course_needs_a_practitioner(staff, alice, service, next_week):  # noqa: F811
    response = staff.post(
        reverse(URL), {**phone_booking_data(alice, service, next_week, visits="3"), "practitioner": ""}
    )
    assert response.status_code == 200 and not Appointment.objects.exists()
