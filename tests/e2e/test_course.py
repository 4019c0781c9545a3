"""A patient books a course of weekly visits in the browser: one week is taken, they pick the nearest
free time offered for it, confirm, get one email, and see the whole course on its manage page."""

import datetime as dt
import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from acuclinic.booking import services
from acuclinic.booking.models import Appointment, CourseOfCare

from .axe import violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_book_a_course_with_a_conflicting_week(page, live_server, every_day, slot, patient, intake, axe):
    taken = services.book(service=every_day["service"], practitioner=every_day["ann"],
                          start=slot + dt.timedelta(days=14), patient=patient, intake=intake, consent=True)  # fmt: skip
    mail.outbox.clear()
    page.goto(f"/book/{every_day['service'].slug}/ann/?from={slot.date().isoformat()}")
    page.locator(".slot-day").first.get_by_role("link", name="10:00").click()
    page.get_by_role("link", name="Book this time as a course of weekly visits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a course of weekly visits")
    page.get_by_label("Number of weekly visits").select_option("4")
    page.get_by_role("button", name="Show these weeks").click()

    # Week 3 is taken: the nearest free times that day are offered, and nothing is booked yet.
    week3 = page.get_by_role("group", name=re.compile("^Week 3: .* is not free"))
    expect(week3).to_be_visible()
    assert violations(page, axe) == []
    assert not CourseOfCare.objects.exists()
    alternative = week3.get_by_role("radio").first
    picked = dt.datetime.fromisoformat(alternative.get_attribute("value"))
    assert picked.date() == taken.start.date()
    alternative.check()

    page.get_by_label("Full name").fill("Alex Patient")
    page.get_by_label("Email").fill("alex@example.com")
    page.get_by_label("Phone").fill("416 555 0123")
    for question in ("pregnant", "blood thinners", "pacemaker", "bladder or bowel"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("No").check()
    page.get_by_label("I agree to the clinic's booking terms.").check()
    page.get_by_role("button", name="Book the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your 4 visits are booked")
    assert violations(page, axe) == []

    course = CourseOfCare.objects.get()
    starts = list(course.visits.order_by("start").values_list("start", flat=True))
    assert starts == [slot, slot + dt.timedelta(days=7), picked, slot + dt.timedelta(days=21)]
    (message,) = mail.outbox
    assert len(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")) == 4
    manage_path = re.search(r"https?://[^/\s]+(/book/course/[^/\s]+/)", message.body).group(1)

    page.goto(manage_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your course of visits")
    rows = page.locator("table.course-visits tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(2)).to_contain_text(picked.strftime("%H:%M"))
    assert violations(page, axe) == []
    page.get_by_role("link", name="Cancel the rest of the course…").click()
    page.get_by_role("button", name="Yes, cancel the rest of the course").click()
    expect(page.get_by_role("status")).to_contain_text("4 visits cancelled")
    assert set(Appointment.objects.filter(course=course).values_list("status", flat=True)) == {"cancelled"}
