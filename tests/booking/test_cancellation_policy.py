"""The cancellation policy informs instead of trapping: it is stated before and after booking, a booking inside
the change window is warned about before it is made, and a patient's reschedule offers only times they could
still change, with a confirmation step."""

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.core import mail

from acuclinic.booking import errors, policy, services, tasks
from acuclinic.booking.models import Appointment, BookingRules
from acuclinic.clinic.clock import clinic_tz

FORM = {"name": "Alex Patient", "email": "alex@example.com", "phone": "(416) 555-0123", "new_patient": "yes",
        "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "consent": "on"}  # fmt: skip
POLICY = "You can change or cancel your appointment online up to 24 hours before it starts. After that, please call us."


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


def details_url(start):
    return "/book/treatment/ann/details/?" + urlencode({"start": start.isoformat(), "with": "ann"})


@pytest.fixture
def late_slot(every_day):
    """A free start inside the cancellation notice (24 h) but past the minimum notice (2 h)."""
    from acuclinic.booking.availability import free_offers
    from acuclinic.clinic.clock import clinic_today

    now = dt.datetime.now(clinic_tz())
    offers = free_offers(service=every_day["service"], practitioner=every_day["ann"], first_day=clinic_today(),
                         last_day=clinic_today() + dt.timedelta(days=2))  # fmt: skip
    inside = [o.start for o in offers if o.start < now + dt.timedelta(hours=24)]
    assert inside, "every_day works 09:00-17:00 every day, so the next 24 hours always hold a free time"
    return inside[-1]


def test_the_policy_is_said_in_words():
    assert policy.notice_in_words(24) == "24 hours" and policy.notice_in_words(48) == "2 days"
    assert policy.notice_in_words(1) == "1 hour" and policy.notice_in_words(36) == "36 hours"
    assert policy.cancellation_policy(BookingRules(cancellation_notice_hours=24)) == POLICY
    assert "until it starts" in policy.cancellation_policy(BookingRules(cancellation_notice_hours=0))


def test_the_booking_page_confirmation_and_email_state_the_policy(client, every_day, slot):
    details = client.get(details_url(slot)).content.decode()
    assert POLICY in details and "will not be able to change" not in details  # three days ahead: no warning
    client.post(details_url(slot), FORM)
    done = client.get("/book/done/").content.decode()
    deadline = slot - dt.timedelta(hours=24)
    assert POLICY in done and f"online until <strong>{deadline:%A %-d %B, %H:%M}</strong>" in done
    (message,) = mail.outbox
    assert POLICY in message.body and f"(until {deadline:%A %-d %B, %H:%M})" in message.body
    assert POLICY in message.alternatives[0][0]


def test_a_changed_notice_changes_every_statement(client, every_day, slot, clinic_site):
    rules = BookingRules.for_site(clinic_site["site"])
    rules.cancellation_notice_hours = 48
    rules.save()
    assert "up to 2 days before it starts" in client.get(details_url(slot)).content.decode()


def test_the_reminder_states_the_policy_and_that_it_is_too_late(every_day, patient, intake, late_slot):
    appointment = services.book(service=every_day["service"], practitioner=every_day["ann"], start=late_slot,
                                patient=patient, intake=intake, consent=True)  # fmt: skip
    mail.outbox.clear()
    assert tasks.send_due_reminders() == 1
    (reminder,) = mail.outbox
    assert reminder.subject.startswith("Reminder") and POLICY in reminder.body
    assert "can no longer be changed or cancelled online" in reminder.body
    assert appointment.manage_token in reminder.body


def test_a_booking_inside_the_change_window_is_warned_about_before_and_can_still_be_made(client, every_day, late_slot):
    page = client.get(details_url(late_slot)).content.decode()
    assert "you will not be able to change or cancel this appointment online once it is booked" in page
    assert 'aria-describedby="late-booking"' in page  # the warning is tied to the button that books
    response = client.post(details_url(late_slot), FORM)
    assert response.status_code == 302 and Appointment.objects.get().start == late_slot
    done = client.get("/book/done/").content.decode()
    assert "can no longer be changed or cancelled online" in done and 'href="tel:' in done


def booked(client, every_day, slot):
    client.post(details_url(slot), FORM)
    return Appointment.objects.get()


def test_reschedule_offers_only_times_that_could_still_be_changed(client, every_day, slot, late_slot):
    appointment = booked(client, every_day, slot)
    today = dt.datetime.now(clinic_tz()).date()
    page = client.get(f"/book/manage/{appointment.manage_token}/reschedule/", {"from": today.isoformat()})
    starts = {
        dt.datetime.fromisoformat(s)
        for s in re.findall(r"\?start=([^\"]+)\"", page.content.decode().replace("%3A", ":").replace("%2B", "+"))
    }
    assert starts, "later days of the week are outside the notice"
    cutoff = dt.datetime.now(clinic_tz()) + dt.timedelta(hours=24)
    assert all(start >= cutoff for start in starts) and late_slot not in starts


def test_reschedule_asks_to_confirm_old_and_new_time_before_moving(client, every_day, slot):
    appointment = booked(client, every_day, slot)
    url = f"/book/manage/{appointment.manage_token}/reschedule/"
    new_start = slot + dt.timedelta(hours=2)
    confirm = client.get(url, {"start": new_start.isoformat()})
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Move your appointment?" in html
    assert f"{slot:%A %-d %B %Y}, 10:00" in html and f"{new_start:%A %-d %B %Y}, 12:00" in html
    assert Appointment.objects.get().start == slot  # looking is not moving
    # A post without the confirmation (an old page, a double tap) only shows the confirmation again.
    assert "Move your appointment?" in client.post(url, {"start": new_start.isoformat()}).content.decode()
    assert Appointment.objects.get().start == slot
    assert client.post(url, {"start": new_start.isoformat(), "confirm": "yes"}).status_code == 302
    assert Appointment.objects.get().start == new_start


def test_the_confirm_step_refuses_a_time_inside_the_window_edited_into_the_address(client, every_day, slot, late_slot):
    appointment = booked(client, every_day, slot)
    url = f"/book/manage/{appointment.manage_token}/reschedule/"
    response = client.get(url, {"start": late_slot.isoformat()})
    assert response.status_code == 409 and "no longer available" in response.content.decode()
    response = client.post(url, {"start": late_slot.isoformat(), "confirm": "yes"})
    assert response.status_code == 422 and "at least 24 hours away" in response.content.decode()
    assert Appointment.objects.get().start == slot


def test_services_refuse_a_patient_move_into_the_window_and_let_staff_make_it(
    every_day, patient, intake, slot, late_slot
):
    appointment = services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot,
                                patient=patient, intake=intake, consent=True)  # fmt: skip
    with pytest.raises(errors.BookingError) as refused:
        services.reschedule(appointment=appointment, start=late_slot)
    assert refused.value.code == "inside_notice" and Appointment.objects.get().start == slot
    assert services.reschedule(appointment=appointment, start=late_slot, by_staff=True).start == late_slot


def test_the_api_refuses_a_patient_move_into_the_window(client, every_day, patient, intake, slot, late_slot):
    appointment = services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot,
                                patient=patient, intake=intake, consent=True)  # fmt: skip
    response = client.post(f"/api/v1/appointments/{appointment.manage_token}/reschedule",
                           {"start": late_slot.isoformat()}, content_type="application/json")  # fmt: skip
    assert response.status_code == 422 and response.json()["code"] == "inside_notice"
    assert response.json()["errors"][0]["loc"] == ["body", "start"]


def test_the_api_says_which_slots_cannot_be_changed_online_before_booking(client, every_day, slot, late_slot):
    today = dt.datetime.now(clinic_tz()).date()
    data = client.get("/api/v1/availability", {"service": "treatment", "practitioner": str(every_day["ann"].pk),
                                               "start": today.isoformat(), "end": slot.date().isoformat()}).json()  # fmt: skip
    assert data["cancellation_policy"] == POLICY
    changeable = {dt.datetime.fromisoformat(s["start"]): s["changeable_online"] for s in data["slots"]}
    assert changeable[late_slot] is False and changeable[slot] is True
    body = {"service": "treatment", "practitioner": str(every_day["ann"].pk), "start": late_slot.isoformat(),
            "patient": {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": True},
            "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
            "consent": True}  # fmt: skip
    booked = client.post("/api/v1/appointments", body, content_type="application/json").json()
    assert booked["can_change"] is False
    assert dt.datetime.fromisoformat(booked["change_until"]) == late_slot - dt.timedelta(hours=24)
