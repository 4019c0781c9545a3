"""The controlled vocabulary of body regions used by the atlas.

Every point names exactly one region. A region is a body *part* seen from one
*aspect*; the guide checks (``guides/checks.py``) compare the words a guide uses
for a location with this pair, so the vocabulary has to be precise enough to
tell a thigh from a calf and the front of the body from the back.

This module is pure: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    label: str
    part: str  # the body part, e.g. "thigh", "lower_leg", "hand"
    aspect: str  # "anterior", "posterior", "medial", "lateral", "superior" or "any"


_TABLE: tuple[tuple[str, str, str, str], ...] = (
    # code, label, part, aspect
    # Head, face and neck
    ("vertex", "Top of the head", "head", "superior"),
    ("forehead", "Forehead and eyebrows", "head", "anterior"),
    ("lateral_head", "Side of the head (temporal region)", "head", "lateral"),
    ("occiput", "Back of the head", "head", "posterior"),
    ("eye_region", "Around the eye", "face", "anterior"),
    ("nose", "Nose", "face", "anterior"),
    ("cheek", "Cheek", "face", "anterior"),
    ("mouth", "Lips and chin", "face", "anterior"),
    ("jaw", "Jaw (angle and ramus of the mandible)", "face", "lateral"),
    ("ear", "Around the ear", "head", "lateral"),
    ("anterior_neck", "Front of the neck", "neck", "anterior"),
    ("lateral_neck", "Side of the neck", "neck", "lateral"),
    ("posterior_neck", "Back of the neck (nape)", "neck", "posterior"),
    # Trunk, front
    ("chest", "Chest", "chest", "anterior"),
    ("lateral_chest", "Side of the chest", "chest", "lateral"),
    ("axilla", "Armpit", "axilla", "any"),
    ("upper_abdomen", "Abdomen above the umbilicus", "abdomen", "anterior"),
    ("lower_abdomen", "Abdomen at and below the umbilicus", "abdomen", "anterior"),
    ("lateral_abdomen", "Side of the abdomen (flank)", "abdomen", "lateral"),
    ("groin", "Groin (inguinal region)", "groin", "anterior"),
    ("perineum", "Perineum", "perineum", "any"),
    # Trunk, back
    ("shoulder", "Top and point of the shoulder", "shoulder", "superior"),
    ("scapula", "Shoulder blade", "back", "posterior"),
    ("upper_back", "Upper back (thoracic)", "back", "posterior"),
    ("lower_back", "Lower back (lumbar)", "back", "posterior"),
    ("sacrum", "Sacrum", "back", "posterior"),
    ("buttock", "Buttock", "buttock", "posterior"),
    # Upper limb
    ("anterior_upper_arm", "Front of the upper arm", "upper_arm", "anterior"),
    ("posterior_upper_arm", "Back of the upper arm", "upper_arm", "posterior"),
    ("lateral_upper_arm", "Outer side of the upper arm", "upper_arm", "lateral"),
    ("medial_upper_arm", "Inner side of the upper arm", "upper_arm", "medial"),
    ("anterior_elbow", "Front of the elbow (cubital crease)", "elbow", "anterior"),
    ("lateral_elbow", "Outer side of the elbow", "elbow", "lateral"),
    ("medial_elbow", "Inner side of the elbow", "elbow", "medial"),
    ("posterior_elbow", "Back of the elbow", "elbow", "posterior"),
    ("anterior_forearm", "Palm side of the forearm", "forearm", "anterior"),
    ("posterior_forearm", "Back of the forearm", "forearm", "posterior"),
    ("anterior_wrist", "Palm side of the wrist", "wrist", "anterior"),
    ("posterior_wrist", "Back of the wrist", "wrist", "posterior"),
    ("palm", "Palm of the hand", "hand", "anterior"),
    ("dorsum_of_hand", "Back of the hand", "hand", "posterior"),
    ("finger", "Finger or thumb", "finger", "any"),
    # Lower limb
    ("anterior_thigh", "Front of the thigh", "thigh", "anterior"),
    ("medial_thigh", "Inner side of the thigh", "thigh", "medial"),
    ("lateral_thigh", "Outer side of the thigh", "thigh", "lateral"),
    ("posterior_thigh", "Back of the thigh", "thigh", "posterior"),
    ("anterior_knee", "Front of the knee", "knee", "anterior"),
    ("medial_knee", "Inner side of the knee", "knee", "medial"),
    ("lateral_knee", "Outer side of the knee", "knee", "lateral"),
    ("popliteal_fossa", "Back of the knee (popliteal fossa)", "knee", "posterior"),
    ("anterior_lower_leg", "Front of the lower leg (shin)", "lower_leg", "anterior"),
    ("medial_lower_leg", "Inner side of the lower leg", "lower_leg", "medial"),
    ("lateral_lower_leg", "Outer side of the lower leg", "lower_leg", "lateral"),
    ("posterior_lower_leg", "Back of the lower leg (calf)", "lower_leg", "posterior"),
    ("anterior_ankle", "Front of the ankle", "ankle", "anterior"),
    ("medial_ankle", "Inner side of the ankle and heel", "ankle", "medial"),
    ("lateral_ankle", "Outer side of the ankle and heel", "ankle", "lateral"),
    ("dorsum_of_foot", "Top of the foot", "foot", "superior"),
    ("medial_foot", "Inner border of the foot", "foot", "medial"),
    ("lateral_foot", "Outer border of the foot", "foot", "lateral"),
    ("sole", "Sole of the foot", "foot", "inferior"),
    ("toe", "Toe", "toe", "any"),
    ("variable", "Anywhere (no fixed location)", "any", "any"),
)

REGIONS: dict[str, Region] = {row[0]: Region(*row) for row in _TABLE}
REGION_CODES: frozenset[str] = frozenset(REGIONS)


def region(code: str) -> Region:
    """Return the region for ``code``; ``KeyError`` when it is not in the vocabulary."""
    return REGIONS[code]
