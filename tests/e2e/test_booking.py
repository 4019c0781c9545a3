"""A patient books a slot, gets the email with a valid .ics, opens the manage link, reschedules, cancels."""

import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from acuclinic.booking.models import Appointment

pytestmark = pytest.mark.django_db(transaction=True)


def test_book_reschedule_and_cancel_in_the_browser(page, live_server, every_day, slot):
    page.goto(f"/book/?service={every_day['service'].slug}")
    page.get_by_role("link", name=re.compile("^Ann")).click()
    page.goto(page.url + f"?from={slot.date().isoformat()}")
    first_day = page.locator(".slot-day").first
    first_day.get_by_role("link", name="10:00").click()

    page.get_by_label("Full name").fill("Alex Patient")
    page.get_by_label("Email").fill("alex@example.com")
    page.get_by_label("Phone").fill("416 555 0123")
    page.get_by_label("Yes, I am a new patient").check()
    for question in ("pregnant", "blood thinners", "pacemaker", "bladder or bowel"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("No").check()
    page.get_by_label("I agree to the clinic's booking terms.").check()
    page.get_by_role("button", name="Book this appointment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")

    (message,) = mail.outbox
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == slot
    manage_path = re.search(r"https?://[^/\s]+(/book/manage/[^/\s]+/)", message.body).group(1)

    page.goto(manage_path)
    expect(page.get_by_text("Status")).to_be_visible()
    page.get_by_role("link", name="Reschedule").click()
    page.goto(page.url + f"?from={slot.date().isoformat()}")  # the same day, well before the cancellation notice
    page.locator(".slot-day").first.get_by_role("link", name="14:00").click()
    # The move is confirmed on a page of its own, old time → new time; nothing moves before that.
    expect(page.get_by_role("heading", level=1)).to_have_text("Move your appointment?")
    assert Appointment.objects.get().start == slot
    page.get_by_role("button", name="Yes, move my appointment").click()
    expect(page.get_by_role("status")).to_contain_text("has moved")
    moved = Appointment.objects.get()
    assert moved.start.astimezone(slot.tzinfo).hour == 14

    # Cancelling asks first, and is not the primary action.
    page.get_by_role("link", name="Cancel this appointment…").click()
    assert Appointment.objects.get().status == "booked"
    page.get_by_role("button", name="Yes, cancel this appointment").click()
    expect(page.get_by_role("status")).to_contain_text("cancelled")
    assert Appointment.objects.get().status == "cancelled"

    # The slot is free again.
    page.goto(f"/book/{every_day['service'].slug}/ann/?from={slot.date().isoformat()}")
    expect(page.locator(".slot-day").first.get_by_role("link", name="14:00")).to_be_visible()
    assert [m.subject.split(" · ")[0] for m in mail.outbox] == [
        "Your appointment is booked", "Your appointment has moved", "Your appointment is cancelled",
    ]  # fmt: skip
