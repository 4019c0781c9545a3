"""One error model for the whole API (issue 10, fault 3): every 4xx, ninja's own included, is
{"detail": str, "code": str, "errors": [{"loc", "msg"}]}, and the OpenAPI document lists each status."""

import pytest

from .conftest import assert_error_model


@pytest.fixture
def openapi(client, db):
    return client.get("/api/v1/openapi.json").json()


def operations(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_errors_in_the_one_model(openapi):
    error_ref = "#/components/schemas/ErrorOut"
    assert set(openapi["components"]["schemas"]["ErrorOut"]["required"]) == {"detail", "code", "errors"}
    for path, method, operation in operations(openapi):
        documented = {int(status) for status in operation["responses"]}
        expected = {422}
        if method == "post":
            expected |= {403, 415}
        if "requestBody" in operation:
            expected |= {400}
        if "{token}" in path:
            expected |= {404, 410}
        if path.endswith("/comments"):
            expected |= {404}
        assert expected <= documented, (method, path, documented)
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                ref = response["content"]["application/json"]["schema"]["$ref"]
                # The error model, or the error model plus a list that says what to try instead.
                assert ref == error_ref or ref.endswith(("/PointNotFound", "/CourseConflictOut")), (
                    method,
                    path,
                    status,
                )


def test_the_point_not_found_answer_is_the_error_model_with_candidates(client, atlas_page, openapi):
    response = client.get("/api/v1/points/huantiau")
    assert response.status_code == 404
    body = response.json()
    assert set(body) == {"detail", "code", "errors", "candidates"}
    assert body["code"] == "not_found" and body["errors"] == [] and "GB30" in body["candidates"]
    schema = openapi["components"]["schemas"]["PointNotFound"]
    assert {"detail", "code", "errors", "candidates"} <= set(schema["required"])


@pytest.mark.parametrize(
    "query",
    [
        {},  # everything missing
        {"service": "treatment", "start": "not-a-date", "end": "2030-01-01"},
        {"service": "treatment", "start": "2030-01-01", "end": "2030-01-01", "practitioner": "x" * 81},
    ],
)
def test_ninjas_own_validation_errors_are_in_the_model(client, every_day, query):
    body = assert_error_model(client.get("/api/v1/availability", query), 422, "invalid")
    assert body["errors"] and all(item["loc"][0] == "query" for item in body["errors"])


def test_a_body_that_is_not_json_is_a_documented_400(post_json, every_day):
    assert_error_model(post_json("/api/v1/appointments", b"\x00"), 400, "invalid_json")
    assert_error_model(post_json("/api/v1/appointments", b"{"), 400, "invalid_json")


def test_a_json_body_of_the_wrong_shape_is_422(post_json, every_day):
    body = assert_error_model(post_json("/api/v1/appointments", b"[]"), 422, "invalid")
    assert body["errors"][0]["loc"][0] == "body"


def test_a_refusal_of_the_booking_rules_names_its_field(post_json, booking_payload):
    body = assert_error_model(post_json("/api/v1/appointments", booking_payload(consent=False)), 422, "invalid")
    assert body["errors"] == [{"loc": ["body", "consent"], "msg": body["detail"]}]


def test_unknown_api_paths_are_404_in_the_model(client, clinic_site):
    assert_error_model(client.get("/api/v1/nothing/here"), 404, "not_found")
    assert_error_model(client.get("/api/v1/appointments/a/b/c"), 404, "not_found")


def test_comments_of_an_unknown_guide_and_page_are_404_in_the_model(client, sciatica):
    assert_error_model(client.get("/api/v1/guides/123456789/comments"), 404, "not_found")
    assert_error_model(client.get(f"/api/v1/guides/{sciatica.pk}/comments?page=99"), 404, "not_found")
    assert_error_model(client.get(f"/api/v1/guides/{sciatica.pk}/comments?page=0"), 422, "invalid")


def test_unknown_meridian_and_region_are_422_in_the_model(client, atlas_page):
    body = assert_error_model(client.get("/api/v1/points?meridian=XX"), 422, "unknown_meridian")
    assert body["errors"][0]["loc"] == ["query", "meridian"]
    assert_error_model(client.get("/api/v1/points?region=thigh"), 422, "unknown_region")


def test_the_schema_says_what_is_accepted(openapi, client, every_day, atlas_page):
    # Inputs the schema allows are not refused as malformed; inputs it refuses are refused by it.
    params = {p["name"]: p["schema"] for p in openapi["paths"]["/api/v1/availability"]["get"]["parameters"]}
    assert params["service"]["minLength"] == 1 and params["service"]["pattern"]
    assert_error_model(
        client.get("/api/v1/availability", {"service": "", "start": "2030-01-01", "end": "2030-01-01"}), 422, "invalid"
    )
    points = {p["name"]: p["schema"] for p in openapi["paths"]["/api/v1/points"]["get"]["parameters"]}
    assert "pattern" in str(points["meridian"])
    body = assert_error_model(client.get("/api/v1/points", {"meridian": "0000"}), 422, "invalid")
    assert body["errors"][0]["loc"] == ["query", "meridian"]


def test_the_rate_limit_answer_is_in_the_model(post_json, booking_payload, settings):
    settings.BOOKING_RATE_LIMIT = 1
    assert post_json("/api/v1/appointments", booking_payload()).status_code == 201
    assert_error_model(post_json("/api/v1/appointments", booking_payload()), 429, "rate_limited")


def test_the_course_conflict_answer_is_the_error_model_with_conflicts(openapi):
    schema = openapi["components"]["schemas"]["CourseConflictOut"]
    assert set(schema["required"]) >= {"detail", "code", "errors"}
    assert set(schema["properties"]) == {"detail", "code", "errors", "conflicts"}
