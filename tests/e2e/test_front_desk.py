"""The front desk in a real browser: staff open an appointment in the admin, pick a free time, confirm, and the
patient is emailed the new time with the same manage link. The reschedule page passes axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from acuclinic.booking import services
from acuclinic.booking.models import Appointment
from tests.factories import StaffFactory

from .axe import violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_reschedule_an_appointment_from_the_admin(page, live_server, every_day, slot, patient, intake, axe):
    appointment = services.book(
        service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient, intake=intake,
        consent=True,
    )  # fmt: skip
    token = appointment.manage_token
    mail.outbox.clear()
    StaffFactory(username="desk")

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name=re.compile("Sign in")).click()

    # The day sheet: the appointment is in Ann's column; open it.
    page.goto(f"/admin/appointments/?date={slot.date().isoformat()}")
    expect(page.get_by_role("columnheader", name=re.compile("^Ann"))).to_be_visible()
    page.get_by_role("link", name=re.compile("Alex Patient")).click()
    page.get_by_role("link", name="Reschedule").click()

    # Click one: pick a free time (Bob's, so the practitioner changes too).
    expect(page.get_by_text("Staff override")).to_be_visible()
    page.get_by_label("Practitioner").select_option(label="Anyone who offers it")
    page.get_by_role("button", name="Show times").click()
    page.get_by_role("list", name="Bob").get_by_role("link", name=re.compile("^14:00")).click()
    expect(page.get_by_role("heading", name="Confirm the new time")).to_be_visible()
    assert Appointment.objects.get().start == slot  # nothing moves before the confirmation
    assert violations(page, axe) == []

    # Click two: confirm.
    page.get_by_role("button", name="Move the appointment").click()
    expect(page.get_by_text(re.compile("Moved to .* with Bob"))).to_be_visible()
    moved = Appointment.objects.get()
    assert (moved.start.astimezone(slot.tzinfo).hour, moved.practitioner) == (14, every_day["bob"])
    assert moved.manage_token == token

    (message,) = mail.outbox
    assert message.subject.startswith("The clinic has moved your appointment")
    assert f"/book/manage/{token}/" in message.body
