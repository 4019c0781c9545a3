"""The API gives each point's place on the figures, its placement, the views and the point's figure."""

import pytest

from acuclinic.atlas.figures.positions import default_atlas


def test_a_point_has_its_figure_positions_and_placement(client, atlas_page):
    data = client.get("/api/v1/points/GB30").json()
    (figure,) = data["figures"]
    assert figure["view"] == "trunk_back"
    assert 0 < figure["x"] < 1 and 0 < figure["y"] < 1
    view = default_atlas().views["trunk_back"]
    position = default_atlas().positions["GB30"]
    assert figure["x"] * view.width == pytest.approx(position.x, abs=0.01)
    assert data["placement"] == {"between": ["greater_trochanter", "sacral_hiatus"], "t": 0.333}
    assert client.get("/api/v1/points/ST36").json()["placement"] == {"along": ["ST35", "ST41"], "cun": 3}


def test_ashi_has_no_figure_and_no_placement(client, atlas_page):
    data = client.get("/api/v1/points/ashi").json()
    assert data["figures"] == [] and data["placement"] is None


def test_the_list_keeps_its_fields(client, atlas_page):
    item = client.get("/api/v1/points?limit=1").json()["items"][0]
    assert "figures" not in item and "placement" not in item


def test_figures_lists_every_view_with_its_viewbox_and_landmarks(client, atlas_page):
    views = client.get("/api/v1/figures").json()
    assert {v["name"] for v in views} == set(default_atlas().views)
    front = next(v for v in views if v["name"] == "trunk_front")
    assert front["viewBox"] == [0, 0, 440, 600]
    navel = next(m for m in front["landmarks"] if m["name"] == "umbilicus")
    assert navel == {"name": "umbilicus", "label": "Umbilicus", "x": 0.5, "y": round(440 / 600, 4)}
    assert sum(v["point_count"] for v in views) == 409


def test_a_points_figure_as_svg(client, atlas_page):
    response = client.get("/api/v1/points/zusanli/figure.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert (
        svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
        and 'data-view="leg_front"' in svg
        and '<a href="/acupoints/st36/">' in svg
    )


def test_a_figure_for_no_point_is_a_404_with_suggestions(client, atlas_page):
    response = client.get("/api/v1/points/GB99/figure.svg")
    assert response.status_code == 404
    assert "No point matches" in response.json()["detail"]
    assert client.get("/api/v1/points/ashi/figure.svg").status_code == 404
