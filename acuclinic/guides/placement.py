"""Where each point is, as intervals on the axes of vocabulary.py: the position source of the judge.

The judge asks a :class:`PositionSource` for a point's :class:`Placement`. The source used today,
:class:`AtlasTextPlacements`, reads the point's own location text from the atlas with the same parser
(landmark + direction + B-cun: "3 cun above the medial malleolus" is 13 on the leg axis), narrowed by its
region's part and by its channel's side of the limb where the text says nothing. A source built on the
body-figure placements (figure_placement.py) add each point's :class:`Frame` on its figure behind the
same interface. Pure: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from . import parser
from .vocabulary import EXTRA, SIDE_RANGE_DEFAULTS

# Where each body part lies on the axes (wide: the text narrows them).
PART_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "thigh": {"leg": (-19.5, -1.3)}, "knee": {"leg": (-2.2, 1.2)}, "lower_leg": {"leg": (-0.3, 16.7)},
    "ankle": {"leg": (14.8, 17.8)}, "foot": {"leg": (15.8, 23.3)}, "toe": {"leg": (21.3, 23.5)},
    "upper_arm": {"arm": (-12.5, 0.3)}, "elbow": {"arm": (-1.2, 1.2)}, "forearm": {"arm": (-0.3, 12.3)},
    "wrist": {"arm": (11.3, 12.7)}, "hand": {"arm": (11.8, 16.8)}, "finger": {"arm": (15.3, 20.5)},
    "neck": {"trunk": (-0.5, 9.7)}, "head": {"trunk": (-15.0, 1.0)}, "face": {"trunk": (-15.0, 3.5)},
}  # fmt: skip
REGION_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "scapula": {"trunk": (7.5, 15.5)}, "upper_back": {"trunk": (7.0, 19.8)}, "lower_back": {"trunk": (18.5, 25.5)},
    "sacrum": {"trunk": (23.8, 30.0)}, "chest": {"trunk": (8.3, 17.2)}, "lateral_chest": {"trunk": (9.5, 20.5)},
    "upper_abdomen": {"trunk": (15.0, 22.0)}, "lower_abdomen": {"trunk": (20.5, 28.5)},
    "lateral_abdomen": {"trunk": (15.5, 25.5)}, "vertex": {"head": (2.5, 8.0)}, "forehead": {"head": (-3.6, 1.0)},
}  # fmt: skip
# The side of the limb each channel runs on (WHO channel courses): thumb/big-toe side = 1 .. 5.
CHANNEL_SIDE: dict[str, dict[str, tuple[float, float]]] = {
    "LU": {"arm": SIDE_RANGE_DEFAULTS["radial"]}, "LI": {"arm": SIDE_RANGE_DEFAULTS["radial"]},
    "HT": {"arm": SIDE_RANGE_DEFAULTS["ulnar"]}, "SI": {"arm": SIDE_RANGE_DEFAULTS["ulnar"]},
    # The triple energizer runs up from between the ring and little fingers to the middle of the back of the forearm.
    "PC": {"arm": (2.3, 3.7)}, "TE": {"arm": (2.3, 4.6)},
    "SP": {"leg": SIDE_RANGE_DEFAULTS["medial"]}, "LR": {"leg": SIDE_RANGE_DEFAULTS["medial"]},
    "KI": {"leg": SIDE_RANGE_DEFAULTS["medial"]}, "GB": {"leg": SIDE_RANGE_DEFAULTS["lateral"]},
    "ST": {"leg": (2.4, 5.5)}, "BL": {"leg": (2.2, 5.5)},
}  # fmt: skip
_LIMB_PARTS = {"arm": {"upper_arm", "elbow", "forearm", "wrist"}, "leg": {"thigh", "knee", "lower_leg", "ankle"}}
_CODE_RE = re.compile(r"\b([A-Z]{2}\d{1,2}|EX-[A-Z]{1,2}\d{1,2})\b")


@dataclass(frozen=True)
class Frame:
    """A point on its body figure, in cun: where it is and where the figure's landmarks are.

    ``along`` grows toward the feet or the fingertips (down the trunk, down the limb); ``across`` is the
    distance from the midline on views that show it (else from the figure's edge), growing laterally.
    """

    view: str
    point: tuple[float, float]  # (across, along)
    landmarks: dict[str, tuple[float, float]]
    has_midline: bool
    upright: bool = True  # the view's height is the body's (not the scalp seen from above)
    forward: int | None = None  # on a side view, +1 if ``across`` grows toward the front, -1 if toward the back


@dataclass
class Placement:
    code: str
    part: str
    aspect: str
    limb: str | None
    axes: dict[str, tuple[float, float]] = field(default_factory=dict)
    relations: dict[str, set[str]] = field(default_factory=dict)  # structure -> sides the point is on
    measured: set[str] = field(default_factory=set)  # axes its text states (the others are its part's span)
    frame: Frame | None = None  # the point on its body figure, when the figures place it


class PositionSource(Protocol):
    def place(self, code: str) -> Placement | None: ...


@dataclass(frozen=True, slots=True)
class PointText:
    code: str
    location: str
    part: str
    aspect: str


def other_points(text: str, code: str, place) -> tuple:
    """Landmarks for the other points ``text`` names by code ("3 cun below ST35"), where ``place`` puts them."""
    extra = []
    for other in dict.fromkeys(_CODE_RE.findall(text)):
        if other != code and (placed := place(other)) is not None:
            axes = {a: v for a, v in placed.axes.items() if a in placed.measured and a != "side"}
            extra.append((re.compile(rf"\b{re.escape(other.lower())}\b"), None, axes))
    return tuple(extra)


def limb_of(part: str) -> str | None:
    if part in _LIMB_PARTS["arm"] | {"hand", "finger"}:
        return "arm"
    if part in _LIMB_PARTS["leg"] | {"foot", "toe"}:
        return "leg"
    return None


class AtlasTextPlacements:
    """Placements read from the atlas's own location texts (see the module docstring)."""

    def __init__(self, points: dict[str, PointText], regions: dict[str, str]):
        self._points = points
        self._regions = regions
        self._cache: dict[str, Placement | None] = {}

    def place(self, code: str, _depth: int = 0) -> Placement | None:
        if code in self._cache:
            return self._cache[code]
        point = self._points.get(code)
        if point is None or point.part == "any":
            return None
        self._cache[code] = None  # guards against a text that names its own code
        placement = Placement(code, point.part, _digit_face(point) or point.aspect, limb_of(point.part))
        defaults = dict(PART_RANGES.get(point.part, {}))
        defaults.update(REGION_RANGES.get(self._regions.get(code, ""), {}))
        place = (lambda other: self.place(other, _depth + 1)) if _depth < 3 else (lambda other: None)
        token = EXTRA.set(other_points(point.location, code, place))
        try:
            reading = parser.read(point.location, placement.limb)
        finally:
            EXTRA.reset(token)
        found: dict[str, list[tuple[float, float]]] = {}
        for claim in reading.claims:
            if claim.axis.startswith("rel:"):
                direction = _arm_direction(claim.direction, placement.limb)
                placement.relations.setdefault(claim.axis[4:], set()).add(direction)
            elif claim.lo > -90 and claim.hi < 90:
                # The text's own measure is good to about half its tolerance (landmark sizes, rounding).
                slack = claim.tolerance / 4
                found.setdefault(claim.axis, []).append((claim.lo - slack, claim.hi + slack))
        for axis, spans in found.items():
            lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
            if lo > hi:  # the text's claims disagree among themselves: keep them all
                lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
            default = defaults.get(axis)
            if default and max(lo, default[0]) <= min(hi, default[1]):
                lo, hi = max(lo, default[0]), min(hi, default[1])
            placement.axes[axis] = (lo, hi)
            placement.measured.add(axis)
        for axis, span in defaults.items():
            placement.axes.setdefault(axis, span)
        if "side" not in placement.axes and placement.limb and point.part in _LIMB_PARTS[placement.limb]:
            prior = _side_prior(code, point.aspect, placement.limb)
            if prior:
                placement.axes["side"] = prior
        self._cache[code] = placement
        return placement


_DORSAL = re.compile(r"\b(?:on\s+the\s+back\s+of|dorsal|dorsum|on\s+the\s+top\s+of)\b", re.IGNORECASE)
_VOLAR = re.compile(r"\b(?:palmar|palm\s+side|plantar|sole)\b", re.IGNORECASE)


def _digit_face(point: PointText) -> str | None:
    """The face of a finger or toe that an extra point's text names ("on the back of the middle finger")."""
    if point.part not in ("finger", "toe") or point.aspect != "any":
        return None
    dorsal, volar = _DORSAL.search(point.location), _VOLAR.search(point.location)
    if bool(dorsal) == bool(volar):
        return None
    if point.part == "finger":
        return "posterior" if dorsal else "anterior"
    return "superior" if dorsal else "inferior"


def _arm_direction(direction: str | None, limb: str | None) -> str:
    if limb == "arm" and direction in ("medial", "lateral"):
        return "ulnar" if direction == "medial" else "radial"
    return direction or ""


def _side_prior(code: str, aspect: str, limb: str) -> tuple[float, float] | None:
    if aspect in ("medial", "lateral"):
        side = aspect if limb == "leg" else ("ulnar" if aspect == "medial" else "radial")
        return SIDE_RANGE_DEFAULTS[side]
    channel = code.split("-")[0] if code.startswith("EX") else code.rstrip("0123456789")
    return CHANNEL_SIDE.get(channel, {}).get(limb)
