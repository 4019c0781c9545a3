"""Late cancellations and no-shows are recorded with their time and counted per patient (email, case aside,
or phone) for staff; with a no-show limit, such a patient is asked to call instead of booking online — on the
page and in the API — while staff can still book them. Nobody learns anything about another patient's record."""

import datetime as dt
import json
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from acuclinic.booking import errors, policy, services, tasks
from acuclinic.booking.models import Appointment, BookingRules
from tests.factories import AppointmentFactory, StaffFactory

FORM = {"name": "Alex Patient", "email": "alex@example.com", "phone": "(416) 555-0123", "new_patient": "yes",
        "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "consent": "on"}  # fmt: skip


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


@pytest.fixture
def limit(clinic_site):
    def set_limit(n):
        rules = BookingRules.for_site(clinic_site["site"])
        rules.no_show_limit = n
        rules.save()

    return set_limit


def missed(every_day, n, **fields):
    """``n`` past no-shows, a week apart."""
    now = timezone.now()
    for week in range(1, n + 1):
        fields_ = {"patient_email": "ALEX@Example.com", "patient_phone": "+14165550999"} | fields
        # Two hours apart from every earlier one: PostgreSQL refuses overlapping appointments of one practitioner.
        start = now - dt.timedelta(weeks=week, hours=2 * Appointment.objects.count())
        AppointmentFactory(practitioner=every_day["ann"], service=every_day["service"], start=start,
                           status=Appointment.Status.NO_SHOW, **fields_)  # fmt: skip


def test_a_no_show_is_recorded_with_its_time(every_day):
    appointment = AppointmentFactory(practitioner=every_day["ann"], service=every_day["service"],
                                     start=timezone.now() - dt.timedelta(hours=1))  # fmt: skip
    marked_at = timezone.now()
    services.record_attendance(appointment=appointment, status=Appointment.Status.NO_SHOW, now=marked_at)
    appointment.refresh_from_db()
    assert (appointment.status, appointment.no_show_at) == (Appointment.Status.NO_SHOW, marked_at)


def test_a_staff_cancellation_inside_the_notice_is_a_late_cancellation(every_day, patient, intake, slot):
    appointment = services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot,
                                patient=patient, intake=intake, consent=True)  # fmt: skip
    early = services.book(service=every_day["service"], practitioner=every_day["bob"], start=slot,
                          patient=patient, intake=intake, consent=True)  # fmt: skip
    services.cancel(appointment=appointment, now=slot - dt.timedelta(hours=3), by_staff=True)
    services.cancel(appointment=early, now=slot - dt.timedelta(days=2), by_staff=True)
    assert Appointment.objects.get(pk=appointment.pk).late_cancellation is True
    assert Appointment.objects.get(pk=early.pk).late_cancellation is False  # in good time: not counted
    assert policy.attendance("alex@example.com", "") == policy.Attendance(no_shows=0, late_cancellations=1)


def test_counts_match_the_email_case_aside_or_the_phone(every_day):
    missed(every_day, 2)
    missed(every_day, 1, patient_email="someone.else@example.com", patient_phone="+14165550999")
    missed(every_day, 1, patient_email="stranger@example.com", patient_phone="+14165550000")
    assert policy.attendance(" alex@EXAMPLE.com ", "").no_shows == 2
    assert policy.attendance("", "+14165550999").no_shows == 3
    assert policy.attendance("alex@example.com", "+14165550999").no_shows == 3  # one patient, not double-counted
    assert policy.attendance("nobody@example.com", "+14165551111").no_shows == 0


def test_staff_see_the_counts_on_the_appointment_page(client, every_day, slot, limit):
    limit(2)
    missed(every_day, 2)
    appointment = AppointmentFactory(practitioner=every_day["ann"], service=every_day["service"], start=slot,
                                     patient_email="alex@example.com", patient_phone="+14165550123")  # fmt: skip
    client.force_login(StaffFactory())
    html = client.get(reverse("booking_admin:appointment", args=[appointment.pk])).content.decode()
    assert "2 no-shows" in html and "0 late cancellations" in html
    assert "This patient is asked to call to book." in html


def book_page(client, slot):
    url = "/book/treatment/ann/details/?" + urlencode({"start": slot.isoformat(), "with": "ann"})
    return client.post(url, FORM)


def test_over_the_limit_the_page_says_please_call_and_books_nothing(client, every_day, slot, limit):
    limit(2)
    missed(every_day, 2)
    response = book_page(client, slot)
    html = response.content.decode()
    assert response.status_code == 403 and "Please call us to book" in html and 'href="tel:' in html
    assert (
        "no-show" not in html.lower() and "missed" not in html.lower()
    )  # the reason is not told to whoever typed the email
    assert Appointment.objects.filter(status=Appointment.Status.BOOKED).count() == 0 and not mail.outbox


def test_under_the_limit_or_with_the_rule_off_the_patient_books(client, every_day, slot, limit):
    missed(every_day, 2)
    limit(3)
    assert book_page(client, slot).status_code == 302
    limit(0)
    missed(every_day, 5, patient_email="alex@example.com")
    assert book_page(client, slot + dt.timedelta(hours=2)).status_code == 302


def test_the_api_answers_403_in_the_error_model(client, every_day, slot, limit):
    limit(1)
    missed(every_day, 1)
    body = {"service": "treatment", "practitioner": str(every_day["ann"].pk), "start": slot.isoformat(),
            "patient": {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": True},
            "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
            "consent": True}  # fmt: skip
    response = client.post("/api/v1/appointments", json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": str(services.CALL_TO_BOOK_MESSAGE), "code": "call_to_book", "errors": []}
    assert not Appointment.objects.filter(status=Appointment.Status.BOOKED).exists()


def test_the_rule_is_in_the_write_path_and_staff_can_still_book(every_day, patient, intake, slot, limit):
    limit(1)
    missed(every_day, 1, patient_email="", patient_phone=patient.phone)  # matched by phone alone
    with pytest.raises(errors.CallToBook):
        services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient,
                      intake=intake, consent=True)  # fmt: skip
    staff_booking = services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot,
                                  patient=patient, intake=intake, consent=True, source="staff")  # fmt: skip
    assert staff_booking.status == Appointment.Status.BOOKED


def test_the_refusal_is_the_same_whoever_asks_and_reveals_nothing_about_others(client, every_day, slot, limit):
    """Another visitor typing a different email learns nothing; the refusal never names a count or a reason."""
    limit(1)
    missed(every_day, 1, patient_email="someone@example.com", patient_phone="+14165550999")
    other = book_page(client, slot)  # alex@example.com, (416) 555-0123: no record
    assert other.status_code == 302
    refused = client.post("/book/treatment/ann/details/?" + urlencode(
        {"start": (slot + dt.timedelta(hours=2)).isoformat(), "with": "ann"}), FORM | {"email": "someone@example.com"})  # fmt: skip
    assert refused.status_code == 403 and "someone@example.com" not in refused.content.decode()
