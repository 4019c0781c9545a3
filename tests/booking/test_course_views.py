"""The course pages: a plan with a conflicting week shows the nearest free times and writes nothing; the
confirming POST books every visit or none; the manage page lists the visits and cancels the rest."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.db.models import F
from django.urls import reverse
from icalendar import Calendar

from acuclinic.booking import series, services
from acuclinic.booking.errors import TooLateToChange
from acuclinic.booking.models import Appointment, CourseOfCare

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": "no",
    "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "notes": "",
    "consent": "on",
}  # fmt: skip


def course_url(every_day, slot, visits=4):
    base = reverse("booking:course", args=[every_day["service"].slug, "ann"])
    return base, {"start": slot.isoformat(), "with": "ann", "visits": str(visits)}


def block(every_day, start, patient, intake):
    return services.book(service=every_day["service"], practitioner=every_day["ann"], start=start,
                         patient=patient, intake=intake, consent=True)  # fmt: skip


def test_details_page_offers_a_course(client, every_day, slot):
    url = reverse("booking:details", args=[every_day["service"].slug, "ann"])
    page = client.get(url, {"start": slot.isoformat(), "with": "ann"}).content.decode()
    assert "Book this time as a course of weekly visits" in page
    assert reverse("booking:course", args=[every_day["service"].slug, "ann"]) in page


def test_plan_shows_conflicting_week_with_nearest_times_and_writes_nothing(client, every_day, slot, patient, intake):
    taken = block(every_day, slot + dt.timedelta(days=14), patient, intake)  # week 3
    url, query = course_url(every_day, slot)
    response = client.get(url, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 of these weeks is not free" in page
    assert page.count('<span class="badge">Free</span>') == 3
    # Nearest first: the same day an hour either side (45 minutes plus the 15-minute buffer), then the
    # day before and the day after at the same time (at most two times from one day).
    radios = [dt.datetime.fromisoformat(v) for v in re.findall(r'name="week-3" id="week-3-\d" value="([^"]+)"', page)]
    hour = dt.timedelta(hours=1)
    assert radios[:2] == [taken.start - hour, taken.start + hour]
    day = dt.timedelta(days=1)
    assert radios[2:] == [taken.start - day, taken.start + day]
    assert 'value="skip"' in page
    assert Appointment.objects.count() == 1 and CourseOfCare.objects.count() == 0


def test_confirm_with_an_alternative_books_every_week(client, every_day, slot, patient, intake, committed):
    taken = block(every_day, slot + dt.timedelta(days=14), patient, intake)
    mail.outbox.clear()
    url, query = course_url(every_day, slot)
    alternative = taken.start + dt.timedelta(hours=1)
    with committed():
        response = client.post(url + "?", {**query, **DETAILS, "week-3": alternative.isoformat()})
    assert response.status_code == 302 and response["Location"] == reverse("booking:course-done")
    course = CourseOfCare.objects.get()
    starts = list(course.visits.order_by("start").values_list("start", flat=True))
    assert starts == [slot, slot + dt.timedelta(days=7), alternative, slot + dt.timedelta(days=21)]
    (message,) = mail.outbox  # one email for the whole course
    assert message.subject.startswith("Your course of visits is booked")
    events = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == starts
    done = client.get(response["Location"]).content.decode()
    assert "Your 4 visits are booked" in done


def test_confirm_without_choosing_for_the_conflict_writes_nothing(client, every_day, slot, patient, intake):
    block(every_day, slot + dt.timedelta(days=7), patient, intake)
    url, query = course_url(every_day, slot)
    response = client.post(url, {**query, **DETAILS})
    assert response.status_code == 409
    assert "Nothing has been booked" in response.content.decode()
    assert Appointment.objects.count() == 1 and not CourseOfCare.objects.exists()
    # What was typed is kept.
    assert 'value="Alex Patient"' in response.content.decode()


def test_a_week_taken_between_plan_and_confirm_shows_the_new_conflict(client, every_day, slot, patient, intake):
    url, query = course_url(every_day, slot)
    assert "not free" not in client.get(url, query).content.decode()
    block(every_day, slot + dt.timedelta(days=21), patient, intake)  # someone books week 4 meanwhile
    response = client.post(url, {**query, **DETAILS})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Week 4:" in page and 'name="week-4"' in page
    assert not CourseOfCare.objects.exists() and Appointment.objects.count() == 1


def test_skipping_a_week_books_the_others(client, every_day, slot, patient, intake):
    block(every_day, slot + dt.timedelta(days=7), patient, intake)
    url, query = course_url(every_day, slot)
    response = client.post(url, {**query, **DETAILS, "week-2": "skip"})
    assert response.status_code == 302
    assert CourseOfCare.objects.get().visits.count() == 3


def test_a_pick_outside_its_week_is_ignored(client, every_day, slot, patient, intake):
    block(every_day, slot + dt.timedelta(days=7), patient, intake)
    url, query = course_url(every_day, slot)
    far = slot + dt.timedelta(days=30)
    response = client.post(url, {**query, **DETAILS, "week-2": far.isoformat()})
    assert response.status_code == 409
    assert not Appointment.objects.filter(start=far).exists()


def test_first_visit_services_are_not_offered_as_courses(client, every_day, slot):
    service = every_day["service"]
    service.audience = service.Audience.NEW
    service.save()
    url, query = course_url(every_day, slot)
    assert client.get(url, query).status_code == 302


def test_invalid_details_keep_the_plan_and_write_nothing(client, every_day, slot):
    url, query = course_url(every_day, slot)
    response = client.post(url, {**query, **DETAILS, "email": "not-an-email"})
    assert response.status_code == 422
    assert "Week 4:" in response.content.decode()
    assert not Appointment.objects.exists()


def book_course(every_day, slot, patient, intake, visits=4):
    return series.book_course(service=every_day["service"], practitioner=every_day["ann"],
                              starts=series.weekly_starts(slot, visits), patient=patient, intake=intake,
                              consent=True)  # fmt: skip


def test_manage_page_lists_visits_and_cancels_the_rest(client, every_day, slot, patient, intake, committed):
    course = book_course(every_day, slot, patient, intake)
    url = reverse("booking:course-manage", args=[course.manage_token])
    page = client.get(url).content.decode()
    for visit in course.visits.all():
        assert reverse("booking:manage", args=[visit.manage_token]) in page
    assert "Cancel the rest of the course" in page
    mail.outbox.clear()
    with committed():
        response = client.post(reverse("booking:course-cancel-rest", args=[course.manage_token]))
    assert response.status_code == 302
    assert set(course.visits.values_list("status", flat=True)) == {"cancelled"}
    (message,) = mail.outbox
    assert message.subject.startswith("The rest of your course is cancelled")


def test_cancel_rest_keeps_visits_inside_the_notice(every_day, slot, patient, intake):
    course = book_course(every_day, slot, patient, intake, visits=3)
    # Two hours before the first visit: it is inside the 24-hour notice, the later two are not.
    cancelled, kept = series.cancel_rest(course=course, now=slot - dt.timedelta(hours=2))
    assert [v.start for v in kept] == [slot] and len(cancelled) == 2
    statuses = list(course.visits.order_by("start").values_list("status", flat=True))
    assert statuses == ["booked", "cancelled", "cancelled"]
    with pytest.raises(TooLateToChange):
        series.cancel_rest(course=course, now=slot - dt.timedelta(hours=2))


def test_forged_course_link_is_404_and_an_appointment_token_opens_no_course(client, every_day, slot, patient, intake):
    course = book_course(every_day, slot, patient, intake)
    visit = course.visits.first()
    assert client.get(reverse("booking:course-manage", args=[visit.manage_token])).status_code == 404
    assert client.get(reverse("booking:manage", args=[course.manage_token])).status_code == 404
    assert client.get(reverse("booking:course-manage", args=["x" + course.manage_token])).status_code == 404


def test_course_link_expires_after_the_last_visit(client, every_day, slot, patient, intake):
    course = book_course(every_day, slot, patient, intake, visits=2)
    # Both visits over (moved back together, so they keep their week apart).
    back = dt.timedelta(days=60)
    Appointment.objects.filter(course=course).update(
        start=F("start") - back, end=F("end") - back, buffer_end=F("buffer_end") - back
    )
    assert client.get(reverse("booking:course-manage", args=[course.manage_token])).status_code == 410


def test_a_week_on_a_clinic_holiday_says_so(client, every_day, slot):
    from acuclinic.booking.models import Holiday

    Holiday.objects.create(date=slot.date() + dt.timedelta(days=7), name="Founders' Day")
    url, query = course_url(every_day, slot)
    page = client.get(url, query).content.decode()
    assert "The clinic is closed that day (Founders&#x27; Day)." in page


def test_a_patient_over_the_no_show_limit_is_asked_to_call(client, clinic_site, every_day, slot):
    from acuclinic.booking.models import BookingRules

    rules = BookingRules.for_site(clinic_site["site"])
    rules.no_show_limit = 1
    rules.save()
    start = slot - dt.timedelta(days=20)
    Appointment.objects.create(
        practitioner=every_day["bob"], service=every_day["service"], start=start, end=start + dt.timedelta(minutes=45),
        buffer_end=start + dt.timedelta(hours=1), patient_name="Alex", patient_email="alex@example.com",
        patient_phone="+14165550123", status=Appointment.Status.NO_SHOW,
    )  # fmt: skip
    url, query = course_url(every_day, slot)
    response = client.post(url, {**query, **DETAILS})
    assert response.status_code == 403
    assert not CourseOfCare.objects.exists()
    # Staff can still book the course.
    course = series.book_course(service=every_day["service"], practitioner=every_day["ann"],
                                starts=series.weekly_starts(slot, 2), source="staff", consent=True,
                                patient=services.Patient("Alex", "alex@example.com", "+14165550123", False),
                                intake=services.Intake())  # fmt: skip
    assert course.visits.count() == 2
