"""The course API: all or nothing, a 409 listing each conflicting week with its nearest free times,
changes that book it, the course by its token, cancelling the rest, and Idempotency-Key replays."""

import datetime as dt

import pytest

from acuclinic.booking import services
from acuclinic.booking.models import Appointment, CourseOfCare

from .conftest import assert_error_model

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    from acuclinic.booking import series_emails

    monkeypatch.setattr(series_emails.transaction, "on_commit", lambda callback, *a, **k: callback())


@pytest.fixture
def payload(booking_payload):
    def make(**changes):
        data = booking_payload(**{"patient.new_patient": False})
        data.update({"visits": 4, **changes})
        return data

    return make


def take(every_day, start, patient, intake):
    return services.book(service=every_day["service"], practitioner=every_day["ann"], start=start,
                         patient=patient, intake=intake, consent=True)  # fmt: skip


def test_a_free_course_is_booked_with_one_token(post_json, client, payload, slot):
    response = post_json("/api/v1/courses", payload())
    assert response.status_code == 201, response.content
    body = response.json()
    starts = [dt.datetime.fromisoformat(v["start"]) for v in body["visits"]]
    assert starts == [slot + dt.timedelta(days=7 * n) for n in range(4)]
    looked_up = client.get(f"/api/v1/courses/{body['manage_token']}").json()
    assert [v["manage_token"] for v in looked_up["visits"]] == [v["manage_token"] for v in body["visits"]]
    # One visit is managed through the appointment API with its own token.
    visit = client.get(f"/api/v1/appointments/{body['visits'][1]['manage_token']}")
    assert visit.status_code == 200


def test_a_conflict_is_a_409_listing_the_week_and_its_alternatives(
    post_json, payload, every_day, slot, patient, intake
):
    taken = take(every_day, slot + dt.timedelta(days=14), patient, intake)
    response = post_json("/api/v1/courses", payload())
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "course_conflict" and body["errors"][0]["loc"] == ["body", "visits"]
    (conflict,) = body["conflicts"]
    assert conflict["week"] == 3 and dt.datetime.fromisoformat(conflict["start"]) == taken.start
    first = dt.datetime.fromisoformat(conflict["alternatives"][0]["start"])
    assert first.date() == taken.start.date()
    assert Appointment.objects.count() == 1 and not CourseOfCare.objects.exists()
    # Moving that week to the first alternative books the course.
    again = post_json("/api/v1/courses", payload(changes=[{"week": 3, "start": first.isoformat()}]))
    assert again.status_code == 201, again.content
    assert dt.datetime.fromisoformat(again.json()["visits"][2]["start"]) == first


def test_skipping_a_week(post_json, payload, every_day, slot, patient, intake):
    take(every_day, slot + dt.timedelta(days=7), patient, intake)
    response = post_json("/api/v1/courses", payload(changes=[{"week": 2, "start": None}]))
    assert response.status_code == 201
    assert len(response.json()["visits"]) == 3


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ([{"week": 9, "start": None}], ["body", "changes", "0", "week"]),
        ([{"week": 2, "start": None}, {"week": 2, "start": None}], ["body", "changes", "1", "week"]),
        ([{"week": 2, "start": "2099-01-01T10:00:00+00:00"}], ["body", "changes", "0", "start"]),
    ],
)
def test_bad_changes_are_422_and_write_nothing(post_json, payload, changes, loc):
    body = assert_error_model(post_json("/api/v1/courses", payload(changes=changes)), 422)
    assert body["errors"][0]["loc"] == loc
    assert not Appointment.objects.exists()


def test_more_visits_than_the_clinic_allows_is_422(post_json, payload):
    body = assert_error_model(post_json("/api/v1/courses", payload(visits=20)), 422, "visits")
    assert body["errors"][0]["loc"] == ["body", "visits"]


def test_unknown_practitioner_is_422(post_json, payload):
    assert_error_model(post_json("/api/v1/courses", payload(practitioner="999999")), 422, "unknown_practitioner")


def test_idempotency_key_replays_the_course(post_json, payload):
    first = post_json("/api/v1/courses", payload(), **{"Idempotency-Key": "course-1"})
    second = post_json("/api/v1/courses", payload(), **{"Idempotency-Key": "course-1"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert CourseOfCare.objects.count() == 1 and Appointment.objects.count() == 4
    other = post_json("/api/v1/courses", payload(visits=3), **{"Idempotency-Key": "course-1"})
    assert_error_model(other, 422, "idempotency_key_reused")


def test_idempotency_key_replays_a_conflict(post_json, payload, every_day, slot, patient, intake):
    take(every_day, slot, patient, intake)
    first = post_json("/api/v1/courses", payload(), **{"Idempotency-Key": "course-2"})
    second = post_json("/api/v1/courses", payload(), **{"Idempotency-Key": "course-2"})
    assert first.status_code == second.status_code == 409
    assert first.json() == second.json()


def test_cancel_rest_and_unknown_tokens(post_json, client, payload):
    token = post_json("/api/v1/courses", payload()).json()["manage_token"]
    response = post_json(f"/api/v1/courses/{token}/cancel-rest", {})
    assert response.status_code == 200
    assert {v["status"] for v in response.json()["visits"]} == {"cancelled"}
    assert_error_model(post_json(f"/api/v1/courses/{token}/cancel-rest", {}), 409, "too_late")
    assert_error_model(client.get("/api/v1/courses/forged.token"), 404, "not_found")


def test_openapi_documents_every_status(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/courses"]["post"]["responses"]) >= {"201", "400", "403", "409", "415", "422", "429"}
    conflict = paths["/api/v1/courses"]["post"]["responses"]["409"]["content"]["application/json"]["schema"]
    assert conflict["$ref"].endswith("CourseConflictOut")
    assert set(paths["/api/v1/courses/{token}"]["get"]["responses"]) >= {"200", "404", "410", "422"}
    assert set(paths["/api/v1/courses/{token}/cancel-rest"]["post"]["responses"]) >= {"200", "404", "409", "410"}
