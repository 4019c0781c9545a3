"""Figure views: drawn outlines, landmarks, region polygons and the rulers that turn cun into units.

One YAML file per view in ``atlas/data/figures/``. Coordinates are viewBox units with the
origin top left; a view is displayed at its viewBox size (one unit, one CSS pixel), so the
spacing rule (no two points of a view closer than 6 units) holds on screen. Pure: no Django.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from ..regions import REGION_CODES
from .cun import SEGMENTS_BY_NAME

# libyaml's safe loader when PyYAML was built with it: the same documents, parsed several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
VIEWS_DIR = Path(__file__).resolve().parent.parent / "data" / "figures"
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
XY = tuple[float, float]


class FigureDataError(ValueError):
    """A view file or a placement is wrong; the message names file, point and term."""


class LandmarkRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    at: XY
    label: str
    drawn: bool = True  # a dot and, on point pages, a label; levels such as intercostal spaces are not drawn


class ViewRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    title: str
    viewbox: tuple[int, int]
    midline: float | None = None  # x of the median line on views that show both sides
    lateral: Literal["left", "right"] = "right"  # screen direction of "lateral" (away from the midline)
    anterior: Literal["left", "right"] | None = None  # side views: screen direction of "anterior"
    distal: Literal["down", "up", "left", "right"] = "down"  # limb views: screen direction of "distal"
    rulers: dict[Literal["y", "x"], list[str]] = Field(default_factory=dict)
    finger_cun: float | None = None  # units per cun where no B-cun segment measures the area
    mirrored: bool = False  # outline and details are drawn for the right half and mirrored about the midline
    landmarks: dict[Name, LandmarkRecord]
    outline: list[str] = Field(min_length=1)  # SVG path data, drawn as the body's contour
    details: list[str] = Field(default_factory=list)  # lighter lines: creases, nails, bones
    regions: dict[str, list[XY]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> ViewRecord:
        for code, polygon in self.regions.items():
            if code not in REGION_CODES:
                raise ValueError(f"regions: {code!r} is not in the region vocabulary (atlas/regions.py)")
            if len(polygon) < 3:
                raise ValueError(f"regions: {code}: a polygon needs at least 3 corners")
        for axis, names in self.rulers.items():
            for name in names:
                segment = SEGMENTS_BY_NAME.get(name)
                if segment is None:
                    raise ValueError(f"rulers.{axis}: unknown B-cun segment {name!r} (atlas/figures/cun.py)")
                for end in (segment.start, segment.end):
                    if end not in self.landmarks:
                        raise ValueError(f"rulers.{axis}: segment {name!r} needs landmark {end!r}")
                if segment.across and self.midline is None:
                    raise ValueError(f"rulers.{axis}: segment {name!r} crosses the midline; set midline")
        if self.rulers.get("x") and len(self.rulers["x"]) != 1:
            raise ValueError("rulers.x: one segment")
        if not self.rulers.get("y") and self.finger_cun is None:
            raise ValueError("finger_cun: needed when no y ruler measures the view")
        return self


class Ruler:
    """A piecewise-linear map between one screen axis (units) and cun along it."""

    def __init__(self, anchors: list[tuple[float, float]]):
        anchors = sorted(anchors)
        if len(anchors) >= 2 and anchors[-1][1] < anchors[0][1]:
            # Cun counted against the screen axis: only differences matter, so count along it.
            anchors = [(px, -c) for px, c in anchors]
        self.px = [a[0] for a in anchors]
        self.cun = [a[1] for a in anchors]
        pairs = list(itertools.pairwise(anchors))
        if len(anchors) < 2 or any(b[0] <= a[0] or b[1] <= a[1] for a, b in pairs):
            raise FigureDataError("a ruler needs landmarks at distinct positions, its segments running one way")

    def _piece(self, values: list[float], v: float) -> int:
        return min(max(bisect.bisect_right(values, v) - 1, 0), len(values) - 2)

    def to_cun(self, px: float) -> float:
        i = self._piece(self.px, px)
        return self.cun[i] + (px - self.px[i]) * (self.cun[i + 1] - self.cun[i]) / (self.px[i + 1] - self.px[i])

    def to_px(self, cun: float) -> float:
        i = self._piece(self.cun, cun)
        return self.px[i] + (cun - self.cun[i]) * (self.px[i + 1] - self.px[i]) / (self.cun[i + 1] - self.cun[i])

    def units_per_cun(self, px: float) -> float:
        i = self._piece(self.px, px)
        return abs((self.px[i + 1] - self.px[i]) / (self.cun[i + 1] - self.cun[i]))


@dataclass
class View:
    record: ViewRecord
    file: str
    y_ruler: Ruler | None = None
    x_ruler: Ruler | None = None
    segments: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def width(self) -> int:
        return self.record.viewbox[0]

    @property
    def height(self) -> int:
        return self.record.viewbox[1]

    def landmark(self, name: str) -> XY | None:
        mark = self.record.landmarks.get(name)
        return mark.at if mark else None

    def y_units_per_cun(self, y: float) -> float:
        if self.y_ruler is not None:
            return self.y_ruler.units_per_cun(y)
        return float(self.record.finger_cun)

    def x_units_per_cun(self, y: float) -> float:
        # Without a transverse segment the view is measured isotropically: a cun across the
        # limb is as long as a cun along it at that level (the proportional unit is the body's).
        if self.x_ruler is not None:
            return self.x_ruler.units_per_cun(0)
        if self.record.finger_cun is not None and self.y_ruler is None:
            return float(self.record.finger_cun)
        return self.y_units_per_cun(y)

    def cun_between(self, a: XY, b: XY) -> float:
        """The distance from ``a`` to ``b`` in cun, measured with the view's rulers."""
        dx, dy = b[0] - a[0], b[1] - a[1]
        if self.y_ruler is not None:
            cy = abs(self.y_ruler.to_cun(b[1]) - self.y_ruler.to_cun(a[1]))
        else:
            cy = abs(dy) / self.y_units_per_cun(a[1])
        cx = abs(dx) / self.x_units_per_cun((a[1] + b[1]) / 2)
        return (cx * cx + cy * cy) ** 0.5

    def contains(self, region: str, xy: XY) -> bool:
        polygon = self.record.regions.get(region)
        return polygon is not None and point_in_polygon(xy, polygon)


def point_in_polygon(xy: XY, polygon: list[XY]) -> bool:
    x, y = xy
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _ruler(view: ViewRecord, names: list[str], axis: int) -> Ruler:
    anchors: list[tuple[float, float]] = []
    cun = 0.0
    for name in names:
        segment = SEGMENTS_BY_NAME[name]
        if segment.across:
            # Half the segment, from the midline to the drawn side's landmark.
            end = view.landmarks[segment.end].at[axis]
            return Ruler([(float(view.midline), 0.0), (end, segment.cun / 2)])
        start = view.landmarks[segment.start].at[axis]
        end = view.landmarks[segment.end].at[axis]
        if anchors and anchors[-1][0] != start:
            # A gap between two segments (the patella between thigh and leg) is measured at the
            # mean scale of its neighbours.
            prev = anchors[-2:]
            scale = abs((prev[1][0] - prev[0][0]) / (prev[1][1] - prev[0][1]))
            scale = (scale + abs((end - start) / segment.cun)) / 2
            cun += abs(start - anchors[-1][0]) / scale
        if not anchors or anchors[-1][0] != start:
            anchors.append((start, cun))
        cun += segment.cun
        anchors.append((end, cun))
    return Ruler(anchors)


def read_view(path: Path) -> View:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506  (the safe loader)
        record = ViewRecord.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise FigureDataError(f"figures/{path.name}: {exc}") from exc
    view = View(record=record, file=f"figures/{path.name}")
    try:
        if record.rulers.get("y"):
            view.y_ruler = _ruler(record, record.rulers["y"], 1)
        if record.rulers.get("x"):
            view.x_ruler = _ruler(record, record.rulers["x"], 0)
    except FigureDataError as exc:
        raise FigureDataError(f"figures/{path.name}: rulers: {exc}") from exc
    view.segments = [*record.rulers.get("y", []), *record.rulers.get("x", [])]
    return view


@cache
def default_views() -> dict[str, View]:
    """Every view in ``atlas/data/figures``, in file order."""
    return read_views(VIEWS_DIR)


def read_views(directory: Path) -> dict[str, View]:
    views: dict[str, View] = {}
    for path in sorted(directory.glob("*.yaml")):
        view = read_view(path)
        views[view.name] = view
    return views
