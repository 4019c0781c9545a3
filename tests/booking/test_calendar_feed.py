"""A practitioner's calendar feed: valid iCalendar, only their entries in the window, no screening answers,
found only by the current token."""

import datetime as dt

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from icalendar import Calendar

from acuclinic.booking import feeds, services
from acuclinic.booking.models import Appointment, Practitioner, Service
from acuclinic.clinic.clock import clinic_tz

TZ = clinic_tz()


def make_practitioner(name):
    return Practitioner.objects.create(name=name, slug=name.lower().replace(" ", "-"), credential="R.Ac.")


def add_appointment(practitioner, service, start, name, **fields):
    return Appointment.objects.create(
        practitioner=practitioner, service=service, start=start, end=start + service.duration,
        buffer_end=start + service.duration, patient_name=name, patient_phone="+14165550199", **fields,
    )  # fmt: skip


def days_from_today(days, hour=10):
    today = dt.datetime.now(TZ).date()
    return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour), tzinfo=TZ)


def events(body: bytes) -> dict[str, object]:
    """The feed's events by summary (parsing also proves the feed is valid iCalendar)."""
    return {str(event["summary"]): event for event in Calendar.from_ical(body).walk("VEVENT")}


@pytest.fixture
def service(clinic_site):
    return Service.objects.create(name="Acupuncture", slug="acupuncture", duration_minutes=45)


@pytest.fixture
def alice(service):
    return make_practitioner("Alice Chen")


@pytest.fixture
def bob(service):
    return make_practitioner("Bob Singh")


def get_feed(token):
    """The view itself, as a calendar app would reach it (independent of where the URL is mounted)."""
    return feeds.practitioner_calendar(RequestFactory().get(f"/book/calendar/{token}.ics"), token)


def test_feed_is_icalendar_with_only_that_practitioners_window(alice, bob, service):
    add_appointment(alice, service, days_from_today(3), "Dana Day", intake={"pregnant": True, "anticoagulants": True},
                    notes="Private: discuss the scan results")  # fmt: skip
    add_appointment(alice, service, days_from_today(-29), "Last Month")
    add_appointment(alice, service, days_from_today(89), "Far Ahead")
    add_appointment(alice, service, days_from_today(-40), "Too Old")
    add_appointment(alice, service, days_from_today(120), "Too Far")
    add_appointment(bob, service, days_from_today(3, hour=11), "Bob's Patient")
    services.block_time(practitioner=alice, start=days_from_today(4, 13), end=days_from_today(4, 14), note="Meeting")

    response = get_feed(alice.calendar_token)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    found = events(response.content)
    assert set(found) == {"Acupuncture: Dana Day", "Acupuncture: Last Month", "Acupuncture: Far Ahead", "Blocked"}
    assert found["Acupuncture: Dana Day"].decoded("dtstart") == days_from_today(3)


def test_feed_carries_no_screening_answers_or_private_notes(alice, service):
    add_appointment(
        alice, service, days_from_today(3), "Dana Day",
        intake={"pregnant": True, "anticoagulants": True, "implanted_device": True, "red_flags": False},
        notes="Private: discuss the scan results",
    )  # fmt: skip
    body = get_feed(alice.calendar_token).content.decode().lower()
    assert "dana day" in body
    for secret in ("pregnant", "anticoagulant", "implanted", "red_flags", "intake", "scan results"):
        assert secret not in body, secret


def test_cancelled_appointments_are_marked_so_calendars_drop_them(alice, service):
    add_appointment(alice, service, days_from_today(3), "Dana Day", status=Appointment.Status.CANCELLED)
    (event,) = events(get_feed(alice.calendar_token).content).values()
    assert str(event["status"]) == "CANCELLED"


def test_unknown_token_is_not_found(alice):
    with pytest.raises(Http404):
        get_feed("x" * 43)
    with pytest.raises(Http404):
        get_feed("")


def test_reset_token_makes_the_old_url_404(client, alice):
    old_url = reverse("booking:calendar", args=[alice.calendar_token])
    assert client.get(old_url).status_code == 200

    alice.revoke_calendar_token()

    assert client.get(old_url).status_code == 404
    assert client.get(reverse("booking:calendar", args=[alice.calendar_token])).status_code == 200


def test_feed_is_read_only(client, alice):
    assert client.post(reverse("booking:calendar", args=[alice.calendar_token])).status_code == 405


def test_subscription_url_is_absolute(alice, settings):
    settings.BASE_URL = "https://clinic.example"
    assert feeds.subscription_url(alice) == f"https://clinic.example/book/calendar/{alice.calendar_token}.ics"
