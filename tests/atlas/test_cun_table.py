"""The B-cun table is the standard's, in full, and the figures measure with it."""

import pytest

from acuclinic.atlas.figures.cun import FINGER_CUN, SEGMENTS
from acuclinic.atlas.figures.positions import default_atlas

# WHO Standard Acupuncture Point Locations (2008), "Proportional Bone (Skeletal) Measurements".
WHO_TABLE = {
    ("anterior_hairline", "posterior_hairline"): 12,
    ("glabella", "anterior_hairline"): 3,
    ("hairline_corner", "hairline_corner"): 9,
    ("mastoid_process", "mastoid_process"): 9,
    ("suprasternal_notch", "xiphisternal_junction"): 9,
    ("xiphisternal_junction", "umbilicus"): 8,
    ("umbilicus", "pubic_symphysis"): 5,
    ("nipple", "nipple"): 8,
    ("scapula_medial_border", "scapula_medial_border"): 6,
    ("axillary_fold", "cubital_crease"): 9,
    ("cubital_crease", "wrist_crease"): 12,
    ("pubic_symphysis", "patella_base"): 18,
    ("patella_apex", "medial_malleolus"): 15,
    ("medial_tibial_condyle", "medial_malleolus"): 13,
    ("patella_apex", "medial_tibial_condyle"): 2,
    ("greater_trochanter", "popliteal_crease"): 19,
    ("gluteal_fold", "popliteal_crease"): 14,
    ("popliteal_crease", "lateral_malleolus"): 16,
    ("medial_malleolus", "sole"): 3,
}


def test_the_table_is_the_standards_in_full():
    assert {(s.start, s.end): s.cun for s in SEGMENTS} == WHO_TABLE
    assert {f.name: f.cun for f in FINGER_CUN} == {"middle_finger": 1, "thumb": 1, "four_fingers": 3}


def test_every_segment_measures_some_view():
    atlas = default_atlas()
    used = {name for view in atlas.views.values() for name in view.segments}
    # The 15 cun from the patella's apex to the malleolus is measured as its two parts (2 + 13).
    assert used | {"leg_medial"} == {s.name for s in SEGMENTS}


@pytest.mark.parametrize(
    ("view", "start", "end", "cun"),
    [
        ("leg_inner", "patella_apex", "medial_malleolus", 15),
        ("leg_inner", "medial_malleolus", "sole", 3),
        ("trunk_front", "suprasternal_notch", "umbilicus", 17),
        ("leg_outer", "greater_trochanter", "lateral_malleolus", 35),
        ("arm_inner", "axillary_fold", "wrist_crease", 21),
        ("head_top", "glabella", "posterior_hairline", 15),
    ],
)
def test_a_view_measures_its_segments_in_the_standards_cun(view, start, end, cun):
    v = default_atlas().views[view]
    (_ax, ay), (_bx, by) = v.landmark(start), v.landmark(end)
    assert abs(v.y_ruler.to_cun(by) - v.y_ruler.to_cun(ay)) == pytest.approx(cun, abs=0.01)


def test_the_nipples_are_8_cun_apart_on_the_chest():
    v = default_atlas().views["trunk_front"]
    x = v.landmark("nipple")[0]
    assert 2 * v.x_ruler.to_cun(x) == pytest.approx(8)
