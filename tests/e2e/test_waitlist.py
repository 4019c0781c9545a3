"""A patient joins the waitlist from the time step; another patient's booking is cancelled; the emailed
claim link books the freed time, and the patient sees the appointment."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from acuclinic.booking import services
from acuclinic.booking.models import Appointment, WaitlistEntry

from .axe import violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_join_the_waitlist_and_claim_a_freed_time(page, live_server, every_day, slot, patient, intake, axe):
    every_day["bob"].weekly_hours.all().delete()
    other = services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot,
                          patient=patient, intake=intake, consent=True)  # fmt: skip
    page.goto(f"/book/{every_day['service'].slug}/ann/?from={slot.date().isoformat()}")
    page.get_by_role("link", name="Join the waitlist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the waitlist")
    assert violations(page, axe) == []

    page.get_by_role("group", name="Days that suit you").get_by_label(slot.strftime("%A")).check()
    page.get_by_label("Mornings (before 12:00)").check()
    page.get_by_label("Keep me on the waitlist until").fill(slot.date().isoformat())
    page.get_by_label("Full name").fill("Wendy Wait")
    page.get_by_label("Email").fill("wendy@example.com")
    page.get_by_label("Phone").fill("416 555 0199")
    page.get_by_label("Yes, I am a new patient").check()
    for question in ("pregnant", "blood thinners", "pacemaker", "bladder or bowel"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("No").check()
    page.get_by_label("I agree to the clinic's booking terms.").check()
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your place on the waitlist")
    expect(page.get_by_role("status")).to_contain_text("You are on the waitlist")
    assert WaitlistEntry.objects.get().status == "waiting"

    services.cancel(appointment=other)  # another patient cancels: the offer task runs on commit
    offer_mail = next(m for m in mail.outbox if m.subject.startswith("A time has opened up"))
    assert offer_mail.to == ["wendy@example.com"]
    claim_path = re.search(r"https?://[^/\s]+(/book/waitlist/claim/[^/\s]+/)", offer_mail.body).group(1)

    page.goto(claim_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("A time has opened up")
    assert violations(page, axe) == []
    page.get_by_role("button", name="Book this time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")
    expect(page.get_by_role("status")).to_contain_text("The time is yours")
    expect(page.get_by_text("10:00–10:45")).to_be_visible()
    booked = Appointment.objects.get(status="booked")
    assert booked.patient_email == "wendy@example.com" and booked.start == slot
