"""Confirmation emails with a valid .ics, reminders (never twice), and emails queued with the booking."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from icalendar import Calendar

from acuclinic.booking import services, tasks
from acuclinic.booking.models import Appointment


def book(every_day, slot, patient, intake, capture):
    with capture(execute=True):
        return services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient,
                             intake=intake, consent=True)  # fmt: skip


def test_confirmation_has_text_html_and_a_valid_ics(
    every_day, slot, patient, intake, django_capture_on_commit_callbacks
):
    appointment = book(every_day, slot, patient, intake, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == "Your appointment is booked · Riverside Acupuncture & Physiotherapy"
    assert "Treatment" in message.body and "10:00 (America/Toronto)" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<table" in html
    assert f"/book/manage/{appointment.manage_token}/" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("appointment.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (timezone_component,) = calendar.walk("VTIMEZONE")
    assert timezone_component["TZID"] == "America/Toronto"
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == slot and event.decoded("DTEND") == slot + dt.timedelta(minutes=45)
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert "123 Example Street" in str(event["LOCATION"])
    assert str(event["UID"]).endswith("@acuclinic") and event["STATUS"] == "CONFIRMED"
    assert "anticoagulant" not in str(content).lower()  # screening answers stay in the clinic


def test_a_rolled_back_booking_sends_no_email(every_day, slot, patient, intake, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient,
                              intake=intake, consent=True)  # fmt: skip
                raise RuntimeError("crash after booking, before commit")
        except RuntimeError:
            pass
    assert not Appointment.objects.exists() and not mail.outbox


def test_rescheduled_and_cancelled_emails(every_day, slot, patient, intake, django_capture_on_commit_callbacks):
    appointment = book(every_day, slot, patient, intake, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule(appointment=appointment, start=slot + dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(appointment=appointment)
    assert [m.subject.split(" · ")[0] for m in mail.outbox] == [
        "Your appointment is booked", "Your appointment has moved", "Your appointment is cancelled",
    ]  # fmt: skip
    cancelled = Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert cancelled["METHOD"] == "CANCEL" and cancelled.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_reminders_are_sent_once_for_appointments_in_the_window(
    every_day, patient, intake, tz, django_capture_on_commit_callbacks
):
    tomorrow = (dt.datetime.now(tz) + dt.timedelta(hours=20)).replace(minute=0, second=0, microsecond=0)
    later = tomorrow + dt.timedelta(days=3)
    for start in (tomorrow, later):
        Appointment.objects.create(
            practitioner=every_day["ann"], service=every_day["service"], start=start, end=start + dt.timedelta(minutes=45),
            buffer_end=start + dt.timedelta(hours=1), patient_name="R", patient_email="r@example.com",
        )  # fmt: skip
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["sent 1 reminders", "sent 0 reminders"]
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Reminder"]
    assert Appointment.objects.get(start=tomorrow).reminder_sent_at is not None


def test_a_reminder_can_be_claimed_only_once(every_day, slot, patient, intake, django_capture_on_commit_callbacks):
    appointment = book(every_day, slot, patient, intake, django_capture_on_commit_callbacks)
    assert tasks.claim_reminder(appointment.pk) is True
    assert tasks.claim_reminder(appointment.pk) is False
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule(appointment=appointment, start=slot + dt.timedelta(hours=1))
    assert tasks.claim_reminder(appointment.pk) is True  # a new time deserves a new reminder


def test_a_deferred_reminder_for_an_old_time_is_not_sent(
    every_day, slot, patient, intake, django_capture_on_commit_callbacks
):
    appointment = book(every_day, slot, patient, intake, django_capture_on_commit_callbacks)
    old_start = appointment.start.isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule(appointment=appointment, start=slot + dt.timedelta(hours=1))
    assert tasks.send_reminder.call(appointment.pk, old_start) == "skipped"


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_the_email_is_a_row_of_the_booking_transaction(every_day, slot, patient, intake):
    from django_tasks_db.models import DBTaskResult

    def attempt(start, crash):
        try:
            with transaction.atomic():
                services.book(service=every_day["service"], practitioner=every_day["ann"], start=start, patient=patient,
                              intake=intake, consent=True)  # fmt: skip
                if crash:
                    raise RuntimeError("the process dies before commit")
        except RuntimeError:
            pass

    attempt(slot, crash=True)
    assert not Appointment.objects.exists() and not DBTaskResult.objects.exists()
    attempt(slot, crash=False)
    rows = {row.task_path.rsplit(".", 1)[-1]: row for row in DBTaskResult.objects.all()}
    assert set(rows) == {"send_email", "send_reminder"}
    assert rows["send_reminder"].run_after == slot - dt.timedelta(hours=24)
    assert not mail.outbox  # sent by the worker, not by the web request
