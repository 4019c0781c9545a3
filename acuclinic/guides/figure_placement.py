"""Placements on the body figures: the judge's position source that measures in the figures' cun.

:class:`FigurePlacements` wraps the atlas-text placements (placement.py) and adds to each point its
:class:`~acuclinic.guides.placement.Frame`: where the body-figure resolver (atlas/figures/placement.py)
puts it on its view and where that view's landmarks are, both in B-cun along and across the segment
(the view's rulers, or its finger-cun unit where no segment measures it). The judge checks distances,
"level with" and "halfway between" against these coordinates and falls back to the atlas texts where the
figure lacks the landmark named. :data:`LANDMARK_NAMES` says which figure landmark a lay landmark is.
Pure: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuclinic.atlas.figures.positions import Atlas

from .placement import Frame, Placement, PositionSource

# Views seen from above, whose height on the page is not the body's height.
_FLAT_VIEWS = frozenset({"head_top", "mouth_inside"})
# Landmarks that are lines across the body (a crease, a level): "at" one is at its height, anywhere along it.
LINES = frozenset({
    "wrist_crease", "cubital_crease", "popliteal_crease", "gluteal_fold", "gluteal_fold_mid", "anterior_hairline",
    "posterior_hairline", "iliac_crest", "axillary_fold", "posterior_axillary_fold",
})  # fmt: skip
MIDLINE = re.compile(
    r"^(?:the\s+)?(?:mid-?line|centre\s+line|center\s+line|middle\s+line|spine|backbone|spinal\s+column)$"
)


def frame(atlas: Atlas, code: str) -> Frame | None:
    """Where the figures put ``code``, in cun along and across its view; None if they do not place it."""
    position = atlas.positions.get(code)
    if position is None:
        return None
    view = atlas.views[position.view]
    if view.record.distal not in ("down", "up"):
        return None

    def cun(xy: tuple[float, float]) -> tuple[float, float]:
        x, y = xy
        along = view.y_ruler.to_cun(y) if view.y_ruler is not None else y / view.y_units_per_cun(y)
        if view.record.distal == "up":
            along = -along
        origin = view.record.midline if view.record.midline is not None else 0.0
        across = (x - origin) / view.x_units_per_cun(y)
        if view.record.lateral == "left":
            across = -across
        return (round(abs(across) if view.record.mirrored else across, 2), round(along, 2))

    marks = {name: cun(mark.at) for name, mark in view.record.landmarks.items()}
    forward = None
    if view.record.anterior is not None and not view.record.mirrored:
        forward = 1 if view.record.anterior == view.record.lateral else -1
    upright = view.name not in _FLAT_VIEWS
    return Frame(view.name, cun(position.xy), marks, view.record.midline is not None, upright, forward)


class FigurePlacements:
    """The atlas-text placements, each with its frame on the body figures (see the module docstring)."""

    def __init__(self, texts: PositionSource, atlas: Atlas):
        self._texts = texts
        self._atlas = atlas
        self._cache: dict[str, Placement | None] = {}

    def place(self, code: str) -> Placement | None:
        if code not in self._cache:
            placement = self._texts.place(code)
            if placement is not None:
                placement = replace(placement, frame=frame(self._atlas, code))
            self._cache[code] = placement
        return self._cache[code]
