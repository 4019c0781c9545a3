"""The location check reads body parts and sides, for every point and region in the atlas."""

import pytest

from acuclinic.atlas.regions import REGIONS
from acuclinic.atlas.schema import read_all
from acuclinic.guides.anatomy import OPPOSITE, compatible_parts, contradiction, mentions

POINTS = [p for f in read_all() for p in f.points if p.region != "variable"]
PLACED = [r for r in REGIONS.values() if r.part != "any"]


def check(text, region_code):
    region = REGIONS[region_code]
    return contradiction(text, part=region.part, aspect=region.aspect, region_label=region.label)


@pytest.mark.parametrize(
    ("text", "parts", "aspect"),
    [("On the outer side of the lower leg", {"lower_leg"}, "lateral"), ("just below the knee", {"lower_leg"}, None),
     ("2 cun above the kneecap", {"thigh"}, None), ("in the posterior thigh", {"thigh"}, "posterior"),
     ("in the calf", {"lower_leg"}, "posterior"), ("on the palm", {"hand"}, "anterior"),
     ("on the back of the hand", {"hand"}, "posterior"), ("on the dorsum of the foot", {"foot"}, "superior"),
     ("on the sole", {"foot"}, "inferior"), ("on the palm side of the forearm", {"forearm"}, "anterior"),
     ("behind the knee", {"knee"}, "posterior"), ("on the lower back", {"back"}, "posterior")],
)  # fmt: skip
def test_mentions_read_parts_and_sides(text, parts, aspect):
    (mention,) = mentions(text)
    assert set(mention.parts) == parts and mention.aspect == aspect


def test_every_atlas_location_agrees_with_its_own_region():
    """No false alarm on any of the atlas's own location texts."""
    wrong = [f"{p.code}: {found.message}" for p in POINTS if (found := check(p.location, p.region))]
    assert wrong == []


@pytest.mark.parametrize("region", PLACED, ids=lambda r: r.code)
def test_each_region_described_in_its_own_words_passes(region):
    assert check(f"On the {region.label.lower()}.", region.code) is None


@pytest.mark.parametrize("point", POINTS, ids=lambda p: p.code)
def test_every_point_is_caught_when_described_on_an_incompatible_part_or_side(point):
    own = REGIONS[point.region]
    for other in PLACED:
        text = f"Found on the {other.label.lower()}."
        far_part = not (compatible_parts(own.part) & {other.part})
        opposite_side = other.part == own.part and OPPOSITE.get(own.aspect) == other.aspect
        if far_part or opposite_side:
            assert check(text, point.region) is not None, f"{point.code} ({own.code}) described as {other.code}"


@pytest.mark.parametrize(
    ("text", "region"),
    [("Found in the posterior thigh, just below the gluteal fold.", "posterior_lower_leg"),  # the reference page's BL57
     ("on the front of the thigh", "posterior_lower_leg"), ("on the inner side of the lower leg", "lateral_lower_leg"),
     ("on the sole of the foot", "dorsum_of_hand"), ("on the back, beside the spine", "upper_abdomen"),
     ("on the chest", "lower_back"), ("on the palm", "dorsum_of_hand"), ("at the wrist crease", "anterior_ankle"),
     ("on the top of the head", "sole"), ("just above the knee", "anterior_lower_leg")],
)  # fmt: skip
def test_wrong_locations_are_caught(text, region):
    assert check(text, region) is not None


@pytest.mark.parametrize(
    ("text", "region"),
    [("Located on the buttocks, near the hip joint", "buttock"), ("on the outer side of the lower leg, below the knee",
     "lateral_lower_leg"), ("below the knee, on the outside of the leg", "anterior_lower_leg"),
     ("in the hollow below the calf muscle, on the back of the lower leg", "posterior_lower_leg"),
     ("tender spots along the path of the pain", "buttock"), ("between the thumb and index finger", "dorsum_of_hand")],
)  # fmt: skip
def test_right_locations_pass(text, region):
    assert check(text, region) is None
