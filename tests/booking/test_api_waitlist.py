"""Waitlist API: join, view, leave, claim (201 / 409 gone / 410 expired), refusals in the one error
model that write nothing, and Idempotency-Key replays."""

import datetime as dt

import pytest
from django.utils import timezone

from acuclinic.booking import services
from acuclinic.booking.models import Appointment, IdempotentRequest, WaitlistEntry, WaitlistOffer

pytestmark = pytest.mark.django_db
NO = {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False}


def body(**overrides):
    data = {
        "service": "treatment", "practitioner": "any", "weekdays": [], "times": [{"start": "09:00", "end": "12:00"}],
        "until": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "patient": {"name": "Wendy Wait", "email": "wendy@example.com", "phone": "416 555 0199", "new_patient": True},
        "intake": NO, "consent": True,
    }  # fmt: skip
    return {**data, **overrides}


def post(client, url, data=None, **headers):
    return client.post(url, data if data is not None else {}, content_type="application/json", headers=headers)


def test_join_view_leave(client, every_day):
    response = post(client, "/api/v1/waitlist", body())
    assert response.status_code == 201, response.json()
    token = response.json()["token"]
    assert response.json()["times"] == [{"start": "09:00", "end": "12:00"}]
    got = client.get(f"/api/v1/waitlist/{token}")
    assert got.status_code == 200 and got.json()["status"] == "waiting"
    left = client.delete(f"/api/v1/waitlist/{token}")
    assert left.status_code == 200 and left.json()["status"] == "left"
    assert client.delete(f"/api/v1/waitlist/{token}").json()["status"] == "left"
    assert client.get(f"/api/v1/waitlist/{token}x").status_code == 404


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"until": "2001-01-01"}, ["body", "until"]),
        ({"weekdays": [9]}, ["body", "weekdays", 0]),
        ({"times": [{"start": "12:00", "end": "09:00"}]}, ["body", "times", 0]),
        ({"times": [{"start": "09:00+02:00", "end": "12:00"}]}, ["body", "times", 0]),
        ({"consent": False}, ["body", "consent"]),
        ({"service": "nope"}, ["body", "service"]),
    ],
)
def test_refusals_are_422_in_the_error_model_and_write_nothing(client, every_day, change, loc):
    response = post(client, "/api/v1/waitlist", body(**change))
    assert response.status_code == 422
    assert set(response.json()) == {"detail", "code", "errors"}
    assert response.json()["errors"][0]["loc"][: len(loc)] == loc
    assert not WaitlistEntry.objects.exists()


def test_idempotent_join_replays(client, every_day):
    first = post(client, "/api/v1/waitlist", body(), **{"Idempotency-Key": "w-1"})
    again = post(client, "/api/v1/waitlist", body(), **{"Idempotency-Key": "w-1"})
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert WaitlistEntry.objects.count() == 1
    other = post(client, "/api/v1/waitlist", body(notes="x"), **{"Idempotency-Key": "w-1"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"


def test_claim_201_then_409_then_410(client, every_day, slot, patient, intake, committed, clinic_site):
    from acuclinic.booking.models import BookingRules

    rules = BookingRules.for_site(clinic_site["site"])
    rules.waitlist_offers_at_once = 3
    rules.save()
    every_day["bob"].weekly_hours.all().delete()
    taken = services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient,
                          intake=intake, consent=True)  # fmt: skip
    for i in range(3):
        post(client, "/api/v1/waitlist", body(patient={**body()["patient"], "email": f"w{i}@example.com"}))
    with committed():
        services.cancel(appointment=taken)
    first, second, third = WaitlistOffer.objects.order_by("entry__joined_at", "entry_id")
    won = post(client, f"/api/v1/waitlist/offers/{first.token}/claim", **{"Idempotency-Key": "c-1"})
    assert won.status_code == 201 and won.json()["manage_token"]
    replay = post(client, f"/api/v1/waitlist/offers/{first.token}/claim", **{"Idempotency-Key": "c-1"})
    assert replay.status_code == 201 and replay.json() == won.json()
    lost = post(client, f"/api/v1/waitlist/offers/{second.token}/claim")
    assert lost.status_code == 409 and lost.json()["code"] == "gone"
    WaitlistOffer.objects.filter(pk=third.pk).update(status="open", expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert post(client, f"/api/v1/waitlist/offers/{third.token}/claim").status_code == 410
    assert post(client, "/api/v1/waitlist/offers/forged.token/claim").status_code == 404
    assert Appointment.objects.filter(start=first.start).active().count() == 1
    assert IdempotentRequest.objects.filter(appointment__isnull=False).count() == 1


def test_openapi_documents_every_status(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/waitlist"]["post"]["responses"]) >= {"201", "400", "403", "415", "422", "429"}
    assert set(paths["/api/v1/waitlist/{token}"]["get"]["responses"]) >= {"200", "404", "410", "422"}
    assert set(paths["/api/v1/waitlist/{token}"]["delete"]["responses"]) >= {"200", "404", "410"}
    claim = paths["/api/v1/waitlist/offers/{token}/claim"]["post"]["responses"]
    assert set(claim) >= {"201", "404", "409", "410", "403", "415"}
