"""Booking API: availability, booking, idempotency, and every refusal as a 4xx that writes nothing."""

import datetime as dt
import json

import pytest
from django.core import mail

from acuclinic.booking.models import Appointment, IdempotentRequest


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    # The test's transaction never commits; run after-commit work (emails) when it is queued instead.
    # tests/booking/test_emails.py checks that a rolled-back booking sends nothing.
    from acuclinic.booking import tasks

    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


def payload(every_day, slot, **changes):
    data = {
        "service": every_day["service"].slug,
        "practitioner": str(every_day["ann"].pk),
        "start": slot.isoformat(),
        "patient": {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": True},
        "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
        "consent": True,
    }
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            data[outer] = {**data[outer], inner: value}
        else:
            data[key] = value
    return data


def post(client, data, remote_addr="127.0.0.1", **headers):
    return client.post(
        "/api/v1/appointments",
        json.dumps(data),
        content_type="application/json",
        headers=headers,
        REMOTE_ADDR=remote_addr,
    )


def test_services_practitioners_and_availability(client, every_day, slot):
    assert [s["slug"] for s in client.get("/api/v1/services").json()] == ["treatment"]
    assert {p["slug"] for p in client.get("/api/v1/practitioners").json()} == {"ann", "bob"}
    day = slot.date().isoformat()
    data = client.get(
        "/api/v1/availability", {"service": "treatment", "practitioner": "any", "start": day, "end": day}
    ).json()
    assert data["time_zone"] == "America/Toronto"
    starts = {s["start"] for s in data["slots"]}
    assert slot.isoformat() in starts
    assert {s["practitioner"] for s in data["slots"]} == {every_day["ann"].pk, every_day["bob"].pk}
    ann = client.get("/api/v1/availability", {"service": every_day["service"].pk, "practitioner": every_day["ann"].pk,
                                               "start": day, "end": day}).json()  # fmt: skip
    assert {s["practitioner"] for s in ann["slots"]} == {every_day["ann"].pk}


@pytest.mark.parametrize(
    ("params", "status"),
    [({"service": "nope"}, 422), ({"practitioner": "999"}, 422), ({"practitioner": "x"}, 422),
     ({"start": "2026-13-01"}, 422), ({"end": "2020-01-01"}, 422), ({"end": "2030-01-01"}, 422), ({"service": ""}, 422)],
)  # fmt: skip
def test_availability_refuses_bad_parameters(client, every_day, slot, params, status):
    day = slot.date().isoformat()
    query = {"service": "treatment", "practitioner": "any", "start": day, "end": day} | params
    response = client.get("/api/v1/availability", query)
    assert response.status_code == status
    assert response.json()["detail"]


def test_booking_returns_201_with_the_manage_token(client, every_day, slot):
    response = post(client, payload(every_day, slot))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "booked" and body["practitioner_id"] == every_day["ann"].pk
    assert dt.datetime.fromisoformat(body["start"]) == slot
    appointment = Appointment.objects.get()
    assert appointment.patient_phone == "+14165550123"
    assert Appointment.by_token(body["manage_token"]) == appointment
    assert len(mail.outbox) == 1
    lookup = client.get(f"/api/v1/appointments/{body['manage_token']}").json()
    assert lookup["patient_name"] == "Alex Patient" and "email" not in json.dumps(lookup)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"start": "PAST"}, "start"), ({"start": "OFFGRID"}, "start"), ({"start": "EVENING"}, "start"),
     ({"start": "2026-12-01T10:00:00"}, "start"), ({"service": "nope"}, "service"), ({"practitioner": "999"}, "practitioner"),
     ({"patient.email": "not-an-email"}, "email"), ({"patient.phone": "123"}, "phone"), ({"patient.name": "  "}, "name"),
     ({"consent": False}, "consent"), ({"intake.red_flags": True}, "red_flags"), ({"notes": "x" * 1001}, "notes")],
)  # fmt: skip
def test_invalid_bookings_are_422_and_write_nothing(client, every_day, slot, changes, field):
    starts = {
        "PAST": slot - dt.timedelta(days=5),
        "OFFGRID": slot + dt.timedelta(minutes=5),
        "EVENING": slot.replace(hour=20),
    }
    changes = {k: (starts[v].isoformat() if v in starts else v) for k, v in changes.items()}
    response = post(client, payload(every_day, slot, **changes))
    assert response.status_code == 422, response.content
    assert field in json.dumps(response.json())
    assert not Appointment.objects.exists() and not mail.outbox


def test_service_not_offered_by_the_practitioner_is_422(client, every_day, slot):
    from acuclinic.booking.models import Service

    Service.objects.create(slug="massage", name="Massage", duration_minutes=30)
    response = post(client, payload(every_day, slot, service="massage"))
    assert response.status_code == 422 and "does not offer" in response.json()["detail"]


def test_a_taken_slot_is_409(client, every_day, slot):
    assert post(client, payload(every_day, slot)).status_code == 201
    response = post(client, payload(every_day, slot))
    assert response.status_code == 409
    assert response.json()["code"] == "slot_taken"
    assert Appointment.objects.count() == 1


def test_an_idempotency_key_returns_the_first_result_instead_of_booking_twice(client, every_day, slot):
    first = post(client, payload(every_day, slot), **{"Idempotency-Key": "retry-123"})
    again = post(client, payload(every_day, slot), **{"Idempotency-Key": "retry-123"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json()
    assert Appointment.objects.count() == 1 and len(mail.outbox) == 1
    other = post(client, payload(every_day, slot + dt.timedelta(hours=2)), **{"Idempotency-Key": "retry-123"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"


def test_an_idempotent_refusal_is_replayed_too(client, every_day, slot):
    bad = payload(every_day, slot, consent=False)
    assert post(client, bad, **{"Idempotency-Key": "k2"}).status_code == 422
    assert post(client, bad, **{"Idempotency-Key": "k2"}).json()["errors"][0]["loc"] == ["body", "consent"]
    assert IdempotentRequest.objects.filter(status_code=422).count() == 1


def test_booking_is_rate_limited_per_client(client, every_day, slot, settings):
    settings.BOOKING_RATE_LIMIT = 3
    codes = [post(client, payload(every_day, slot + dt.timedelta(hours=i))).status_code for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    other_client = post(client, payload(every_day, slot + dt.timedelta(hours=6)), remote_addr="10.9.9.9")
    assert other_client.status_code == 201  # a different address has its own allowance
    assert Appointment.objects.count() == 4


def test_cancel_and_reschedule_by_token(client, every_day, slot):
    token = post(client, payload(every_day, slot)).json()["manage_token"]
    moved = client.post(f"/api/v1/appointments/{token}/reschedule", json.dumps({"start": (slot + dt.timedelta(hours=2)).isoformat()}),
                        content_type="application/json")  # fmt: skip
    assert moved.status_code == 200 and dt.datetime.fromisoformat(moved.json()["start"]) == slot + dt.timedelta(hours=2)
    assert (
        client.post(f"/api/v1/appointments/{token}/cancel", content_type="application/json").json()["status"]
        == "cancelled"
    )
    again = client.post(f"/api/v1/appointments/{token}/reschedule", json.dumps({"start": slot.isoformat()}),
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 409
    assert Appointment.objects.get().status == "cancelled"


@pytest.mark.parametrize("token", ["nope", "a.b", "x" * 300, "abc.def"])
def test_unknown_or_forged_tokens_are_404(client, every_day, token):
    assert client.get(f"/api/v1/appointments/{token}").status_code == 404
    assert client.post(f"/api/v1/appointments/{token}/cancel", content_type="application/json").status_code == 404


def test_a_token_for_another_appointment_cannot_be_forged_from_its_nonce(client, every_day, slot):
    token = post(client, payload(every_day, slot)).json()["manage_token"]
    nonce, signature = token.split(".")
    assert client.get(f"/api/v1/appointments/{nonce}.{signature[::-1]}").status_code == 404
    assert client.get(f"/api/v1/appointments/{nonce}").status_code == 404


def test_a_refusal_recorded_in_the_old_error_shape_is_replayed_in_the_error_model(client, every_day, slot):
    key = "recorded-before-the-error-model"
    body = payload(every_day, slot, consent=False)
    fingerprint = IdempotentRequest.digest("/api/v1/appointments\n" + json.dumps(body))
    IdempotentRequest.objects.create(
        key_hash=IdempotentRequest.digest(key), fingerprint=fingerprint, status_code=422,
        error={"detail": "Please agree to the clinic's booking terms.", "code": "invalid", "field": "consent"},
    )  # fmt: skip
    replayed = post(client, body, **{"Idempotency-Key": key})
    assert replayed.status_code == 422
    assert replayed.json() == {
        "detail": "Please agree to the clinic's booking terms.", "code": "invalid",
        "errors": [{"loc": ["body", "consent"], "msg": "Please agree to the clinic's booking terms."}],
    }  # fmt: skip
