"""Malformed requests that once gave a 500 (issue 10, fault 2): each now gets a 4xx (or a page) and logs
no traceback. Under /api/ the answer is JSON in the API's error model."""

import logging

import pytest

from .conftest import assert_error_model

HUGE = "99999999999999999999999"


@pytest.fixture
def no_error_logged(caplog):
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def window(**params):
    return {"service": "treatment", "practitioner": "any", "start": "2030-01-01", "end": "2030-01-01"} | params


@pytest.mark.parametrize(
    "params",
    [
        window(start="9999-12-30", end="9999-12-31"),
        window(start="9999-12-31", end="9999-12-31"),
        window(start="0001-01-01", end="0001-01-02"),
        window(service="²"),
        window(service="¹²"),
        window(practitioner="²"),
        window(practitioner=HUGE),
        window(service=HUGE),
        window(service="a.b"),
        window(service="\x00"),
    ],
)
def test_availability_with_hostile_parameters_answers_in_the_error_model_or_200(
    client, every_day, params, no_error_logged
):
    response = client.get("/api/v1/availability", params)
    assert response.status_code in (200, 422), response.content
    if response.status_code == 422:
        assert_error_model(response, 422)
    else:
        assert response.json()["slots"] == []


@pytest.mark.parametrize("start", ["9999-12-31T10:00:00-05:00", "0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00Z"])
def test_booking_at_the_calendars_edges_is_refused_cleanly(post_json, booking_payload, start, no_error_logged):
    response = post_json("/api/v1/appointments", booking_payload(start=start))
    assert_error_model(response, 422)


@pytest.mark.parametrize("field", ["service", "practitioner"])
@pytest.mark.parametrize("value", ["²", "٣", HUGE])
def test_booking_with_unicode_digits_or_huge_ids(post_json, booking_payload, field, value, no_error_logged):
    response = post_json("/api/v1/appointments", booking_payload(**{field: value}))
    assert_error_model(response, 422)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/appointments/abc.%C3%A9",
        "/api/v1/appointments/%C3%A9.%C3%A9",
        "/api/v1/appointments/abc.%F0%9F%98%80",
    ],
)
def test_api_lookups_with_hostile_paths_are_404(client, clinic_site, path, no_error_logged):
    assert_error_model(client.get(path), 404)


@pytest.mark.parametrize("guide_id", [HUGE, "-1", "0", "²"])
def test_comments_of_an_id_beyond_the_schema_are_422(client, clinic_site, guide_id, no_error_logged):
    # The OpenAPI document says 1 <= guide_id <= 2**63 - 1; anything else is a documented 422.
    body = assert_error_model(client.get(f"/api/v1/guides/{guide_id}/comments"), 422)
    assert body["errors"][0]["loc"] == ["path", "guide_id"]


def test_comments_of_an_unknown_guide_are_404(client, clinic_site, no_error_logged):
    assert_error_model(client.get("/api/v1/guides/9223372036854775807/comments"), 404, "not_found")


@pytest.mark.parametrize("path", ["/api/v1/appointments/abc.%C3%A9/cancel"])
def test_cancel_with_a_non_ascii_signature_is_404(post_json, clinic_site, path, no_error_logged):
    assert_error_model(post_json(path, b""), 404)


def test_reschedule_with_a_non_ascii_signature_is_404(post_json, slot, clinic_site, no_error_logged):
    response = post_json("/api/v1/appointments/abc.%C3%A9/reschedule", {"start": slot.isoformat()})
    assert_error_model(response, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/book/manage/abc.%C3%A9/",
        "/book/manage/%C3%A9.abc/",
        "/book/manage/abc.%C3%A9/reschedule/",
        "/book/manage/abc.%F0%9F%98%80/",
    ],
)
def test_manage_pages_with_a_non_ascii_signature_are_404(client, clinic_site, path, no_error_logged):
    assert client.get(path).status_code == 404


def test_manage_cancel_with_a_non_ascii_signature_is_404(client, clinic_site, no_error_logged):
    assert client.post("/book/manage/abc.%C3%A9/cancel/").status_code == 404


@pytest.mark.parametrize("value", ["a.b", "//evil.example", "\x00", "%00", "²", "a/b", " "])
def test_start_page_with_a_hostile_service_does_not_crash_or_redirect_away(client, every_day, value, no_error_logged):
    response = client.get("/book/", {"service": value})
    assert response.status_code in (200, 400, 404)  # 400: a NUL in the address (clinic/nul_refusal.py)


@pytest.mark.parametrize("day", ["9999-12-31", "9999-12-25", "0001-01-01", "99999-01-01", "2030-02-30"])
def test_times_page_at_the_calendars_edges(client, every_day, day, no_error_logged):
    response = client.get("/book/treatment/any/", {"from": day})
    assert response.status_code == 200


@pytest.mark.parametrize("day", ["9999-12-31", "9999-12-25", "0001-01-01"])
def test_reschedule_page_at_the_calendars_edges(client, every_day, slot, patient, intake, day, no_error_logged):
    from acuclinic.booking import services

    appointment = services.book(
        service=every_day["service"], practitioner=every_day["ann"], start=slot, patient=patient, intake=intake,
        consent=True,
    )  # fmt: skip
    response = client.get(f"/book/manage/{appointment.manage_token}/reschedule/", {"from": day})
    assert response.status_code == 200


@pytest.mark.parametrize("start", ["9999-12-31T10:00:00-05:00", "0001-01-01T00:00:00+05:00"])
def test_details_page_at_the_calendars_edges(client, every_day, start, no_error_logged):
    response = client.get("/book/treatment/any/details/", {"start": start})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("who", ["\x00", "a.b", "²", "//evil.example"])
def test_details_page_with_a_hostile_practitioner_is_404(client, every_day, slot, who, no_error_logged):
    response = client.get("/book/treatment/any/details/", {"start": slot.isoformat(), "with": who})
    # A NUL anywhere in a web address is refused before any view (clinic/nul_refusal.py).
    assert response.status_code == (400 if "\x00" in who else 404)
