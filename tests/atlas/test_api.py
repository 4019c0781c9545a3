"""Atlas API: list, filter, search, look up by any spelling; bad input is a 4xx with a message."""

import pytest

POINT_FIELDS = {"code", "meridian", "number", "pinyin", "pinyin_plain", "hanzi", "hanzi_traditional", "english",
                "region", "location", "needling", "cautions", "categories"}  # fmt: skip


def test_points_list_has_count_and_items_with_exactly_the_data_fields(client, atlas_page):
    data = client.get("/api/v1/points?limit=5").json()
    assert data["count"] == 410
    assert [p["code"] for p in data["items"]] == ["LU1", "LU2", "LU3", "LU4", "LU5"]
    assert set(data["items"][0]) == POINT_FIELDS
    assert data["items"][0]["meridian"] == {"code": "LU", "name": "Lung"}


def test_points_filter_by_meridian_alias_region_and_paginate(client, atlas_page):
    data = client.get("/api/v1/points?meridian=UB&limit=10&offset=60").json()
    assert data["count"] == 67
    assert [p["code"] for p in data["items"]] == [f"BL{n}" for n in range(61, 68)]
    calf = client.get("/api/v1/points?region=posterior_lower_leg&limit=500").json()
    assert "BL57" in {p["code"] for p in calf["items"]}
    assert all(p["region"] == "posterior_lower_leg" for p in calf["items"])
    buttock = client.get("/api/v1/points?meridian=gb&region=buttock").json()["items"]
    assert "GB30" in {p["code"] for p in buttock}


@pytest.mark.parametrize("q", ["huantiao", "Huántiào", "环跳", "GB-30", "Gallbladder 30"])
def test_points_search_puts_the_exact_match_first(client, atlas_page, q):
    data = client.get("/api/v1/points", {"q": q}).json()
    assert data["items"][0]["code"] == "GB30"


@pytest.mark.parametrize("spelling", ["GB30", "gb-30", "Huantiao", "环跳", "環跳"])
def test_point_by_any_spelling(client, atlas_page, spelling):
    response = client.get(f"/api/v1/points/{spelling}")
    assert response.status_code == 200
    assert response.json()["code"] == "GB30"
    assert set(response.json()) == POINT_FIELDS | {"figures", "placement"}  # one point: also where it is drawn


def test_unknown_point_is_404_with_a_json_message_and_suggestions(client, atlas_page):
    response = client.get("/api/v1/points/huantiau")
    assert response.status_code == 404
    assert response.json()["detail"] == "No point matches 'huantiau'."
    assert response.json()["candidates"][0] == "GB30"


def test_ambiguous_name_is_300_with_the_candidates(client, atlas_page):
    response = client.get("/api/v1/points/futu")
    assert response.status_code == 300
    assert response.json()["candidates"] == ["LI18", "ST32"]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"), ("limit=abc", "limit"),
     ("meridian=XX", "Unknown meridian"), ("region=thigh", "Unknown region"), ("q=" + "x" * 101, "q")],
)  # fmt: skip
def test_bad_parameters_are_422_with_a_message(client, atlas_page, query, fragment):
    response = client.get(f"/api/v1/points?{query}")
    assert response.status_code == 422
    assert fragment in str(response.json()["detail"])


def test_meridians_list_their_point_counts(client, atlas_page):
    data = {m["code"]: m for m in client.get("/api/v1/meridians").json()}
    assert data["BL"]["point_count"] == 67 and data["EX"]["point_count"] == 48
    assert set(data["TE"]["abbreviations"]) >= {"SJ", "TH", "TW"}
    assert sum(m["point_count"] for code, m in data.items() if code != "EX") == 361


def test_openapi_documents_the_atlas(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/points", "/api/v1/points/{code}", "/api/v1/meridians"} <= set(paths)
    assert client.get("/api/v1/docs").status_code == 200
