"""Rate limits that fit people: bookings made and attempts are counted apart, so a patient fixing typos is never
locked out; a limited page keeps everything typed; the API answers 429 in its error model with Retry-After."""

import datetime as dt
import json
from urllib.parse import urlencode

import pytest

from acuclinic.booking import tasks
from acuclinic.booking.models import Appointment

FORM = {"name": "Alex Patient", "email": "alex@example.com", "phone": "(416) 555-0123", "new_patient": "yes",
        "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "consent": "on",
        "notes": "Left side worse."}  # fmt: skip


@pytest.fixture(autouse=True)
def _defaults(settings, monkeypatch):
    # The documented defaults (settings.py, README): 5 bookings and 60 attempts per address per hour.
    settings.BOOKING_RATE_LIMIT, settings.BOOKING_ATTEMPT_LIMIT = 5, 60
    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


def details_url(start):
    return "/book/treatment/ann/details/?" + urlencode({"start": start.isoformat(), "with": "ann"})


def test_the_defaults_are_the_documented_numbers():
    from acuclinic import settings as project_settings

    assert (project_settings.BOOKING_RATE_LIMIT, project_settings.BOOKING_ATTEMPT_LIMIT) == (5, 60)


def test_twenty_five_typos_then_a_good_post_still_books(client, every_day, slot):
    for _ in range(25):
        response = client.post(details_url(slot), FORM | {"phone": "12"})
        assert response.status_code == 200 and "phone" in response.context["form"].errors
    assert client.post(details_url(slot), FORM).status_code == 302
    assert Appointment.objects.get().patient_name == "Alex Patient"


def test_past_the_attempt_limit_the_page_keeps_what_was_typed(client, every_day, slot, settings):
    settings.BOOKING_ATTEMPT_LIMIT = 3
    for _ in range(3):
        client.post(details_url(slot), FORM | {"phone": "12"})
    response = client.post(details_url(slot), FORM)
    html = response.content.decode()
    assert response.status_code == 429
    assert "many booking attempts" in html and "Everything you typed is still below" in html
    assert 'value="Alex Patient"' in html and 'value="alex@example.com"' in html and "Left side worse." in html
    assert not Appointment.objects.exists()


def test_past_the_booking_limit_the_page_keeps_what_was_typed(client, every_day, slot, settings):
    settings.BOOKING_RATE_LIMIT = 2
    codes = [client.post(details_url(slot + dt.timedelta(hours=h)), FORM).status_code for h in range(3)]
    assert codes == [302, 302, 429]
    limited = client.post(details_url(slot + dt.timedelta(hours=4)), FORM | {"name": "Blake Patient"})
    assert limited.status_code == 429 and 'value="Blake Patient"' in limited.content.decode()
    assert Appointment.objects.count() == 2


def api_body(every_day, start, **patient):
    return json.dumps({
        "service": "treatment", "practitioner": str(every_day["ann"].pk), "start": start.isoformat(),
        "patient": {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123",
                    "new_patient": True} | patient,
        "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
        "consent": True,
    })  # fmt: skip


def test_the_api_counts_bookings_and_attempts_apart_and_says_when_to_retry(client, every_day, slot, settings):
    settings.BOOKING_RATE_LIMIT = 2

    def post(body):
        return client.post("/api/v1/appointments", body, content_type="application/json")

    typos = [post(api_body(every_day, slot, phone="123")).status_code for _ in range(20)]
    assert typos == [422] * 20  # refusals do not use up the bookings allowance
    assert [post(api_body(every_day, slot + dt.timedelta(hours=h))).status_code for h in range(3)] == [201, 201, 429]
    limited = post(api_body(every_day, slot + dt.timedelta(hours=5)))
    assert limited.json()["code"] == "rate_limited" and limited.json()["errors"] == []
    assert 0 < int(limited["Retry-After"]) <= 3600


def test_the_api_attempt_limit_counts_every_post(client, every_day, slot, settings):
    settings.BOOKING_ATTEMPT_LIMIT = 4
    codes = [
        client.post(
            "/api/v1/appointments", api_body(every_day, slot, phone="123"), content_type="application/json"
        ).status_code
        for _ in range(5)
    ]
    assert codes == [422, 422, 422, 422, 429]
