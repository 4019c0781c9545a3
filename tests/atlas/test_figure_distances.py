"""The dots are where the text says: cun distances of location texts, and the standard's known spacings."""

import pytest

from acuclinic.atlas.figures.location_text import cun_statements
from acuclinic.atlas.figures.positions import default_atlas
from acuclinic.atlas.schema import read_all

ATLAS = default_atlas()
RECORDS = {p.code: p for f in read_all() for p in f.points}
TOLERANCE = 0.25  # cun


def pos(code):
    return ATLAS.positions[code]


def cun_apart(a, b, axis=""):
    """Distance between two points of one view, in that view's cun."""
    pa, pb = pos(a), pos(b)
    assert pa.view == pb.view, f"{a} and {b} are on different views"
    return measured(ATLAS.views[pa.view], pa.xy, pb.xy, axis)


def measured(view, a, b, axis):
    if axis == "vertical":
        if view.y_ruler is not None:
            return abs(view.y_ruler.to_cun(a[1]) - view.y_ruler.to_cun(b[1]))
        return abs(a[1] - b[1]) / view.y_units_per_cun(a[1])
    if axis == "across":
        return abs(a[0] - b[0]) / view.x_units_per_cun((a[1] + b[1]) / 2)
    return view.cun_between(a, b)


def test_lu5_to_lu9_is_12_cun_along_the_forearm():
    assert cun_apart("LU5", "LU9", "vertical") == pytest.approx(12, abs=TOLERANCE)


@pytest.mark.parametrize(("code", "below"), [("CV4", 3), ("CV6", 1.5), ("CV8", 0), ("CV2", 5), ("CV12", -4)])
def test_conception_vessel_points_below_the_navel(code, below):
    view = ATLAS.views["trunk_front"]
    navel = view.landmark("umbilicus")
    y = view.y_ruler.to_cun(pos(code).y) - view.y_ruler.to_cun(navel[1])
    assert y == pytest.approx(below, abs=0.01)


def test_cv12_is_halfway_between_the_navel_and_the_xiphisternal_junction():
    view = ATLAS.views["trunk_front"]
    mid = (view.landmark("umbilicus")[1] + view.landmark("xiphisternal_junction")[1]) / 2
    assert pos("CV12").y == pytest.approx(mid, abs=0.5)


@pytest.mark.parametrize(
    ("a", "b", "cun", "axis"),
    [
        ("ST35", "ST36", 3, "vertical"),
        ("ST35", "ST41", 16, "vertical"),  # popliteal crease to the lateral malleolus
        ("SP9", "SP6", 10, "vertical"),  # 13 cun of the condyle segment minus 3 above the malleolus
        ("PC7", "PC6", 2, "vertical"),
        ("HT7", "HT4", 1.5, "vertical"),
        ("LI11", "LI5", 12, "vertical"),
        ("BL40", "BL57", 8, "vertical"),
        ("KI16", "ST25", 1.5, "across"),
        ("ST25", "SP15", 2, "across"),
        ("GV20", "GV24", 4.5, "vertical"),
        ("BL23", "GV4", 1.5, "across"),
        ("BL52", "GV4", 3, "across"),
        ("GB39", "EX-LE9", 3, "vertical"),
        ("GB35", "GB36", 0, "vertical"),
    ],
)
def test_known_spacings_of_the_standard(a, b, cun, axis):
    assert cun_apart(a, b, axis) == pytest.approx(cun, abs=TOLERANCE)


def test_gb30_is_one_third_from_the_trochanter_to_the_sacral_hiatus():
    view = ATLAS.views["trunk_back"]
    (tx, ty), (sx, sy) = view.landmark("greater_trochanter"), view.landmark("sacral_hiatus")
    assert pos("GB30").xy == pytest.approx((tx + (sx - tx) / 3, ty + (sy - ty) / 3), abs=0.5)


def test_ki3_is_midway_between_the_malleolus_and_the_calcaneal_tendon():
    view = ATLAS.views["leg_inner"]
    (mx, my), (cx, cy) = view.landmark("medial_malleolus"), view.landmark("calcaneal_tendon")
    assert pos("KI3").xy == pytest.approx(((mx + cx) / 2, (my + cy) / 2), abs=0.01)


def candidates(code, statement):
    """Every cun distance the placement takes or produces that the statement could mean."""
    record, position = RECORDS[code], pos(code)
    view = ATLAS.views[position.view]
    placement = record.placement
    values = [m.cun for m in position.measures]
    if placement.cun is not None:
        values.append(placement.cun)
    values += list(placement.offsets().values())
    axes = [statement.axis] if statement.axis else ["vertical", "across", ""]
    for other in statement.codes:
        if other in ATLAS.positions and pos(other).view == position.view:
            values += [measured(view, position.xy, pos(other).xy, axis) for axis in axes]
    if "midline" in statement.words and view.record.midline is not None:
        values.append(measured(view, position.xy, (view.record.midline, position.y), "across"))
    words = statement.words
    for mark in view.record.landmarks.values():
        label = mark.label.lower().replace("(", "").replace(")", "")
        key = [w for w in label.split() if len(w) > 3 and w not in {"level", "border", "upper", "lower"}]
        if key and all(w in words for w in key):
            values += [measured(view, position.xy, mark.at, axis) for axis in axes]
    return values


STATEMENTS = [
    (code, i, s)
    for code, record in sorted(RECORDS.items())
    for i, s in enumerate(cun_statements(record.location))
    if code in ATLAS.positions and s.cun > 0.2  # 0.1 cun from a nail corner is below the figures' resolution
]


def test_the_texts_state_many_cun_distances():
    assert len(STATEMENTS) > 230


@pytest.mark.parametrize(("code", "index", "statement"), STATEMENTS, ids=[f"{c}-{i}" for c, i, _ in STATEMENTS])
def test_every_cun_distance_in_a_location_text_is_reproduced(code, index, statement):
    values = candidates(code, statement)
    assert any(abs(v - statement.cun) <= TOLERANCE for v in values), (
        f"{code}: text says {statement.cun} cun {statement.words[:60]!r}; placement gives {sorted({round(v, 2) for v in values})}"
    )
