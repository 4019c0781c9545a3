"""Placements: where a point is, as an expression over landmarks, other points and cun.

A point's ``placement`` in its data file mirrors how its location text is written (WHO
2008 fixes the level first, then the distance across). Exactly one *base* term says where
to start; optional *offsets* then move from it, each measured in B-cun with the view's rulers:

``at: umbilicus``                       on a landmark or another point
``between: [ST8, GV24], t: 0.333``      a fraction of the way from the first to the second (t defaults to 0.5)
``along: [ST35, ST41], cun: 3``         3 cun from the first toward the second, on the line through both
``from: umbilicus``                     start at it (then offsets)
``level: T3, x_of: BL13``               the height of one thing with the across position of another
offsets: ``up down lateral medial anterior posterior proximal distal`` (cun, applied height first)
``view: hand_back``                     the figure to draw it on, when not the region's usual one

Pure: no Django import. :func:`resolve_all` resolves every point and reports every error
as ``gb.yaml: GB30: placement: unknown landmark 'trochantr' on view 'trunk_back'``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .views import FigureDataError, View

Ref = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Cun = Annotated[float, Field(ge=0, le=40)]
OFFSETS = ("up", "down", "proximal", "distal", "lateral", "medial", "anterior", "posterior")
BASES = ("at", "between", "along", "from_", "level")


class Placement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    view: Ref | None = None
    at: Ref | None = None
    between: tuple[Ref, Ref] | None = None
    t: Annotated[float, Field(ge=0, le=1)] | None = None
    along: tuple[Ref, Ref] | None = None
    cun: Cun | None = None
    from_: Ref | None = Field(None, alias="from")
    level: Ref | None = None
    x_of: Ref | None = None
    up: Cun = 0
    down: Cun = 0
    proximal: Cun = 0
    distal: Cun = 0
    lateral: Cun = 0
    medial: Cun = 0
    anterior: Cun = 0
    posterior: Cun = 0

    @model_validator(mode="after")
    def _one_base(self) -> Placement:
        bases = [name.rstrip("_") for name in BASES if getattr(self, name) is not None]
        if len(bases) != 1:
            raise ValueError(f"needs exactly one of at, between, along, from, level (got {bases or 'none'})")
        if (self.t is not None) != (self.between is not None) and self.t is not None:
            raise ValueError("t goes with between")
        if (self.cun is not None) != (self.along is not None):
            raise ValueError("along needs cun, and cun goes with along")
        if (self.x_of is not None) != (self.level is not None):
            raise ValueError("level needs x_of, and x_of goes with level")
        if (self.up and self.down) or (self.lateral and self.medial) or (self.anterior and self.posterior):
            raise ValueError("opposite offsets together")
        return self

    def references(self) -> list[str]:
        refs = [self.at, self.from_, self.level, self.x_of, *(self.between or ()), *(self.along or ())]
        return [r for r in refs if r is not None]

    def offsets(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in OFFSETS if getattr(self, name)}

    def as_data(self) -> dict:
        """The expression as written in the data file (for the API and the point page)."""
        return self.model_dump(by_alias=True, exclude_defaults=True, exclude_none=True)


@dataclass(frozen=True, slots=True)
class Measure:
    """One cun distance a placement takes, for drawing: from ``start`` to ``end`` is ``cun``."""

    start: tuple[float, float]
    end: tuple[float, float]
    cun: float
    origin: str


@dataclass(frozen=True, slots=True)
class Position:
    view: str
    x: float
    y: float
    measures: tuple[Measure, ...] = ()
    references: tuple[str, ...] = ()

    @property
    def xy(self) -> tuple[float, float]:
        return (self.x, self.y)


@dataclass
class PointSpec:
    code: str
    file: str
    region: str
    placement: Placement


@dataclass
class Resolver:
    """Resolves placements on views, memoised, refusing cycles."""

    views: dict[str, View]
    points: dict[str, PointSpec]
    region_views: dict[str, str]
    _memo: dict[tuple[str, str], Position] = field(default_factory=dict)

    def home_view(self, code: str) -> str:
        spec = self.points[code]
        name = spec.placement.view or self.region_views.get(spec.region)
        if name is None or name not in self.views:
            raise FigureDataError(f"{spec.file}: {code}: placement: no view {name!r} for region {spec.region!r}")
        return name

    def position(self, code: str, view: str | None = None, _stack: tuple = ()) -> Position:
        view = view or self.home_view(code)
        key = (code, view)
        if key in self._memo:
            return self._memo[key]
        spec = self.points[code]
        if key in _stack:
            chain = " -> ".join([c for c, _ in _stack[_stack.index(key) :]] + [code])
            raise FigureDataError(f"{spec.file}: {code}: placement: cycle {chain}")
        position = self._evaluate(spec, self.views[view], (*_stack, key))
        self._memo[key] = position
        return position

    def _ref(self, spec: PointSpec, view: View, name: str, stack: tuple) -> tuple[float, float]:
        landmark = view.landmark(name)
        if landmark is not None:
            return landmark
        if name in self.points and name != "Ashi":
            return self.position(name, view.name, stack).xy
        kind = "point" if name[:2].isupper() else "landmark"
        raise FigureDataError(f"{spec.file}: {spec.code}: placement: unknown {kind} {name!r} on view {view.name!r}")

    def _evaluate(self, spec: PointSpec, view: View, stack: tuple) -> Position:
        p = spec.placement
        ref = lambda name: self._ref(spec, view, name, stack)  # noqa: E731
        measures: list[Measure] = []
        if p.at is not None:
            x, y = ref(p.at)
        elif p.between is not None:
            (ax, ay), (bx, by) = ref(p.between[0]), ref(p.between[1])
            t = 0.5 if p.t is None else p.t
            x, y = ax + (bx - ax) * t, ay + (by - ay) * t
        elif p.along is not None:
            a, b = ref(p.along[0]), ref(p.along[1])
            x, y = _along(view, a, b, p.cun, spec)
            measures.append(Measure(a, (x, y), p.cun, p.along[0]))
        elif p.from_ is not None:
            x, y = ref(p.from_)
        else:
            x, y = ref(p.x_of)[0], ref(p.level)[1]
        origin = (x, y)
        for name, cun in p.offsets().items():
            x, y = _offset(view, (x, y), name, cun)
        if p.offsets():
            base = p.at or p.from_ or p.level or p.references()[0]
            measures.extend(_split_measures(view, origin, (x, y), p.offsets(), base))
        return Position(view.name, round(x, 2), round(y, 2), tuple(measures), tuple(p.references()))


def _along(view: View, a, b, cun: float, spec: PointSpec) -> tuple[float, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        raise FigureDataError(f"{spec.file}: {spec.code}: placement: along: the two ends are the same place")
    if abs(dy) >= abs(dx):
        # Measured down the limb or trunk: cun along the height, with the view's height ruler.
        if view.y_ruler is not None:
            step = 1 if dy > 0 else -1
            target = view.y_ruler.to_px(view.y_ruler.to_cun(a[1]) + step * cun)
        else:
            target = a[1] + (1 if dy > 0 else -1) * cun * view.y_units_per_cun(a[1])
        t = (target - a[1]) / dy
    else:
        t = cun * view.x_units_per_cun(a[1]) / abs(dx)
    return a[0] + dx * t, a[1] + dy * t


def _direction(view: View, name: str) -> tuple[int, int]:
    r = view.record
    side = {"left": (-1, 0), "right": (1, 0), "down": (0, 1), "up": (0, -1)}
    flip = {"left": "right", "right": "left", "down": "up", "up": "down"}
    if name in ("up", "down"):
        return side[name]
    if name in ("proximal", "distal"):
        return side[r.distal] if name == "distal" else side[flip[r.distal]]
    if name in ("lateral", "medial"):
        return side[r.lateral] if name == "lateral" else side[flip[r.lateral]]
    if r.anterior is None:
        raise FigureDataError(f"{view.file}: {name!r} needs a side view (set anterior)")
    return side[r.anterior] if name == "anterior" else side[flip[r.anterior]]


def _offset(view: View, xy, name: str, cun: float) -> tuple[float, float]:
    dx, dy = _direction(view, name)
    x, y = xy
    if dy:
        if view.y_ruler is not None:
            return x, view.y_ruler.to_px(view.y_ruler.to_cun(y) + dy * cun)
        return x, y + dy * cun * view.y_units_per_cun(y)
    return x + dx * cun * view.x_units_per_cun(y), y


def _split_measures(view: View, origin, end, offsets: dict[str, float], base: str) -> list[Measure]:
    """One drawn measure per axis: the height first, then across (the standard's order)."""
    vertical = sum(c for n, c in offsets.items() if _direction(view, n)[1])
    across = sum(c for n, c in offsets.items() if _direction(view, n)[0])
    out = []
    corner = (origin[0], end[1]) if vertical else origin
    if vertical:
        out.append(Measure(origin, corner, vertical, base))
    if across:
        out.append(Measure(corner, end, across, base))
    return out
