"""Cross-site "simple" POSTs cannot book or cancel (issue 10, fault 11): a body that is not JSON is
refused with 415, a request from another site's page (its Origin) with 403, both in the error model,
and neither changes anything."""

import json

import pytest

from acuclinic.booking import services
from acuclinic.booking.models import Appointment

from .conftest import assert_error_model


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_a_booking_sent_as_a_simple_request_is_415_and_books_nothing(client, booking_payload, content_type):
    response = client.post("/api/v1/appointments", json.dumps(booking_payload()), content_type=content_type)
    assert_error_model(response, 415, "unsupported_media_type")
    assert not Appointment.objects.exists()


@pytest.fixture
def booked(every_day, slot, patient, intake):
    return services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient,
                         intake=intake, consent=True)  # fmt: skip


def test_a_cancel_sent_as_text_plain_is_415_and_cancels_nothing(client, booked):
    response = client.post(f"/api/v1/appointments/{booked.manage_token}/cancel", "x", content_type="text/plain")
    assert_error_model(response, 415)
    booked.refresh_from_db()
    assert booked.status == "booked"


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "null", "http://testserver.evil.example", "http://127.0.0.1:9"]
)
def test_a_request_from_another_sites_page_is_403(client, booking_payload, booked, origin):
    response = client.post(
        "/api/v1/appointments", json.dumps(booking_payload(start=(booked.start.replace(hour=14)).isoformat())),
        content_type="application/json", headers={"Origin": origin},
    )  # fmt: skip
    assert_error_model(response, 403, "cross_origin")
    cancel = client.post(f"/api/v1/appointments/{booked.manage_token}/cancel", content_type="application/json",
                         headers={"Origin": origin})  # fmt: skip
    assert_error_model(cancel, 403, "cross_origin")
    assert Appointment.objects.count() == 1 and Appointment.objects.get().status == "booked"


@pytest.mark.parametrize("origin", [None, "http://testserver", "HTTP://TESTSERVER/"])
def test_the_sites_own_pages_and_non_browser_clients_may_book(client, booking_payload, origin):
    headers = {"Origin": origin} if origin else {}
    response = client.post("/api/v1/appointments", json.dumps(booking_payload()), content_type="application/json",
                           headers=headers)  # fmt: skip
    assert response.status_code == 201, response.content


def test_the_configured_base_url_is_an_own_origin(client, booking_payload, settings):
    settings.BASE_URL = "https://clinic.example"
    response = client.post("/api/v1/appointments", json.dumps(booking_payload()), content_type="application/json",
                           headers={"Origin": "https://clinic.example"})  # fmt: skip
    assert response.status_code == 201, response.content


def test_reads_are_not_refused_whatever_their_origin(client, booked):
    response = client.get(f"/api/v1/appointments/{booked.manage_token}", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
