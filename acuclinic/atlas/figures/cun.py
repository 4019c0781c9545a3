"""The WHO standard's proportional bone (skeletal) measurements (B-cun) and finger-cun.

WHO Standard Acupuncture Point Locations in the Western Pacific Region (2008), table
"Proportional Bone (Skeletal) Measurements": each segment between two landmarks is
divided into a fixed number of equal parts, each one B-cun. The figures measure every
cun distance with these segments, so a point drawn "3 cun below the umbilicus" is three
fifths of the way from the umbilicus to the pubic symphysis on every figure that shows
both. Pure: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """``start`` to ``end`` is ``cun`` B-cun. ``across`` segments join a pair of bilateral
    landmarks through the midline; a figure that draws one side measures half of it."""

    name: str
    part: str
    start: str
    end: str
    cun: float
    source: str
    text: str
    across: bool = False


SEGMENTS: tuple[Segment, ...] = (
    # Head and face
    Segment(
        "hairlines",
        "head",
        "anterior_hairline",
        "posterior_hairline",
        12,
        "Lingshu",
        "from the midpoint of the anterior hairline to the midpoint of the posterior hairline",
    ),
    Segment(
        "glabella_hairline",
        "head",
        "glabella",
        "anterior_hairline",
        3,
        "Shenghui Fang",
        "from the glabella to the midpoint of the anterior hairline",
    ),
    Segment(
        "hairline_corners",
        "head",
        "hairline_corner",
        "hairline_corner",
        9,
        "Zhenjiu Jiayi Jing",
        "between the two corners of the anterior hairline on the forehead",
        across=True,
    ),
    Segment(
        "mastoids",
        "head",
        "mastoid_process",
        "mastoid_process",
        9,
        "Lingshu",
        "between the two mastoid processes",
        across=True,
    ),
    # Chest, abdomen and hypochondrium
    Segment(
        "sternum",
        "trunk",
        "suprasternal_notch",
        "xiphisternal_junction",
        9,
        "Lingshu",
        "from the suprasternal notch to the midpoint of the xiphisternal junction",
    ),
    Segment(
        "upper_abdomen",
        "trunk",
        "xiphisternal_junction",
        "umbilicus",
        8,
        "Lingshu",
        "from the midpoint of the xiphisternal junction to the centre of the umbilicus",
    ),
    Segment(
        "lower_abdomen",
        "trunk",
        "umbilicus",
        "pubic_symphysis",
        5,
        "Zhenjiu Jiayi Jing",
        "from the centre of the umbilicus to the upper border of the pubic symphysis",
    ),
    Segment("nipples", "trunk", "nipple", "nipple", 8, "Zhenjiu Jiayi Jing", "between the two nipples", across=True),
    # Back and lumbar region
    Segment(
        "scapulae",
        "back",
        "scapula_medial_border",
        "scapula_medial_border",
        6,
        "Zhenjiu Jiayi Jing",
        "between the medial borders of the two scapulae",
        across=True,
    ),
    # Upper limbs
    Segment(
        "upper_arm",
        "arm",
        "axillary_fold",
        "cubital_crease",
        9,
        "Zhenjiu Jiayi Jing; Xunjing Kaoxue Bian",
        "from the anterior or posterior axillary fold to the cubital crease",
    ),
    Segment(
        "forearm", "arm", "cubital_crease", "wrist_crease", 12, "Lingshu", "from the cubital crease to the wrist crease"
    ),
    # Lower limbs
    Segment(
        "thigh_front",
        "leg",
        "pubic_symphysis",
        "patella_base",
        18,
        "Lingshu",
        "from the upper border of the pubic symphysis to the base of the patella",
    ),
    Segment(
        "leg_medial",
        "leg",
        "patella_apex",
        "medial_malleolus",
        15,
        "Lingshu",
        "from the apex of the patella (the centre of the popliteal fossa) to the prominence of the medial malleolus",
    ),
    Segment(
        "tibial_condyle",
        "leg",
        "medial_tibial_condyle",
        "medial_malleolus",
        13,
        "WHO note",
        "from the lower border of the medial condyle of the tibia (SP9) to the prominence of the medial malleolus",
    ),
    Segment(
        "condyle_patella",
        "leg",
        "patella_apex",
        "medial_tibial_condyle",
        2,
        "WHO note",
        "from the apex of the patella to the lower border of the medial condyle of the tibia",
    ),
    Segment(
        "thigh_lateral",
        "leg",
        "greater_trochanter",
        "popliteal_crease",
        19,
        "Lingshu",
        "from the prominence of the greater trochanter to the popliteal crease",
    ),
    Segment(
        "thigh_back",
        "leg",
        "gluteal_fold",
        "popliteal_crease",
        14,
        "Tongren Shuxue Zhenjiu Tujing",
        "from the gluteal fold to the popliteal crease",
    ),
    Segment(
        "leg_lateral",
        "leg",
        "popliteal_crease",
        "lateral_malleolus",
        16,
        "Lingshu",
        "from the popliteal crease to the prominence of the lateral malleolus",
    ),
    Segment(
        "malleolus_sole",
        "leg",
        "medial_malleolus",
        "sole",
        3,
        "Lingshu",
        "from the prominence of the medial malleolus to the sole",
    ),
)

SEGMENTS_BY_NAME: dict[str, Segment] = {s.name: s for s in SEGMENTS}


@dataclass(frozen=True, slots=True)
class FingerCun:
    name: str
    cun: float
    text: str


# Finger-cun (F-cun): the patient's own fingers, used to check a proportional measurement.
FINGER_CUN: tuple[FingerCun, ...] = (
    FingerCun(
        "middle_finger",
        1,
        "the distance between the radial ends of the two interphalangeal creases of the "
        "middle finger, with the thumb and middle finger flexed into a ring",
    ),
    FingerCun("thumb", 1, "the width of the interphalangeal joint of the thumb"),
    FingerCun(
        "four_fingers",
        3,
        "the width of the four closed fingers at the crease of the proximal interphalangeal joint of the middle finger",
    ),
)
