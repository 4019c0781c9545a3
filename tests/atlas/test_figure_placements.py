"""Every point's placement resolves, and lands where its data says: region, midline, spacing."""

import math
from itertools import combinations

import pytest

from acuclinic.atlas.figures.positions import default_atlas
from acuclinic.atlas.schema import read_all

ATLAS = default_atlas()
RECORDS = {p.code: p for f in read_all() for p in f.points}
# Points whose standard location is the same spot as another's (the text says so).
COINCIDENT = {frozenset({"EX-LE5", "ST35"})}
MIN_SPACING = 6.0  # viewBox units; views are displayed at one unit per CSS pixel


def test_every_point_but_ashi_has_a_position():
    missing = [code for code in RECORDS if code != "Ashi" and code not in ATLAS.positions]
    assert missing == []
    assert len(ATLAS.positions) == 409
    assert "Ashi" not in ATLAS.positions


@pytest.mark.parametrize("code", sorted(ATLAS.positions))
def test_the_position_lies_in_its_region_on_its_view(code):
    position = ATLAS.positions[code]
    view = ATLAS.views[position.view]
    region = RECORDS[code].region
    assert region in view.record.regions, f"{code}: view {view.name} has no {region} polygon"
    assert view.contains(region, position.xy), f"{code} at {position.xy} is outside {region} on {view.name}"
    assert 0 < position.x < view.width and 0 < position.y < view.height


@pytest.mark.parametrize("name", sorted(ATLAS.views))
def test_no_two_points_of_a_view_are_closer_than_6_px(name):
    points = ATLAS.on_view(name)
    assert points, f"view {name} shows no point"
    close = [
        (a, b, round(math.dist(points[a].xy, points[b].xy), 1))
        for a, b in combinations(points, 2)
        if math.dist(points[a].xy, points[b].xy) < MIN_SPACING and frozenset({a, b}) not in COINCIDENT
    ]
    assert close == []


def test_coincident_points_are_said_to_coincide_in_their_text():
    for pair in COINCIDENT:
        a, b = sorted(pair)
        assert ATLAS.positions[a].xy == ATLAS.positions[b].xy
        assert "coincides with" in RECORDS[a].location + RECORDS[b].location


MIDLINE_CHANNELS = ("GV", "CV")


@pytest.mark.parametrize(
    "code", sorted(c for c in ATLAS.positions if ATLAS.views[ATLAS.positions[c].view].record.midline)
)
def test_midline_points_sit_on_the_midline_and_bilateral_points_on_the_drawn_side(code):
    position = ATLAS.positions[code]
    view = ATLAS.views[position.view]
    midline = view.record.midline
    text = RECORDS[code].location.lower()
    on_midline = code.startswith(MIDLINE_CHANNELS) or "on the midline" in text or "on the posterior midline" in text
    if on_midline:
        assert position.x == pytest.approx(midline, abs=0.5), f"{code} should be on the midline"
    else:
        side = 1 if view.record.lateral == "right" else -1
        assert (position.x - midline) * side > 1, f"{code} is bilateral: drawn on the {view.record.lateral} side"
        # Its mirror image is on the body too: inside the same region reflected across the midline.
        mirrored = [(2 * midline - x, y) for x, y in view.record.regions[RECORDS[code].region]]
        from acuclinic.atlas.figures.views import point_in_polygon

        assert point_in_polygon((2 * midline - position.x, position.y), mirrored)


def test_every_view_shows_its_landmarks_inside_the_viewbox():
    for view in ATLAS.views.values():
        for name, mark in view.record.landmarks.items():
            assert 0 <= mark.at[0] <= view.width and 0 <= mark.at[1] <= view.height, (view.name, name)
