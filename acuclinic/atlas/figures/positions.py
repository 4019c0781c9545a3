"""Every point's position on its figure, computed from the data files. Pure: no Django import."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..schema import DATA_DIR, read_channel_file
from .placement import PointSpec, Position, Resolver
from .views import VIEWS_DIR, FigureDataError, View, read_views

# The figure a point is drawn on, by its region, unless its placement names another view.
REGION_VIEWS: dict[str, str] = {
    **dict.fromkeys(["forehead", "eye_region", "nose", "cheek", "mouth", "anterior_neck"], "head_front"),
    **dict.fromkeys(["lateral_head", "ear", "jaw", "lateral_neck"], "head_side"),
    "vertex": "head_top",
    **dict.fromkeys(["occiput", "posterior_neck"], "head_back"),
    **dict.fromkeys(
        ["chest", "lateral_chest", "upper_abdomen", "lower_abdomen", "lateral_abdomen", "groin", "perineum"],
        "trunk_front",
    ),
    **dict.fromkeys(["shoulder", "scapula", "upper_back", "lower_back", "sacrum", "buttock"], "trunk_back"),
    **dict.fromkeys(
        [
            "axilla",
            "anterior_upper_arm",
            "medial_upper_arm",
            "anterior_elbow",
            "medial_elbow",
            "anterior_forearm",
            "anterior_wrist",
        ],
        "arm_inner",
    ),
    **dict.fromkeys(
        [
            "posterior_upper_arm",
            "lateral_upper_arm",
            "lateral_elbow",
            "posterior_elbow",
            "posterior_forearm",
            "posterior_wrist",
        ],
        "arm_outer",
    ),
    "palm": "hand_palm",
    **dict.fromkeys(["dorsum_of_hand", "finger"], "hand_back"),
    **dict.fromkeys(["anterior_thigh", "anterior_knee", "anterior_lower_leg", "anterior_ankle"], "leg_front"),
    **dict.fromkeys(["medial_thigh", "medial_knee", "medial_lower_leg", "medial_ankle", "medial_foot"], "leg_inner"),
    **dict.fromkeys(
        ["lateral_thigh", "lateral_knee", "lateral_lower_leg", "lateral_ankle", "lateral_foot"], "leg_outer"
    ),
    **dict.fromkeys(["posterior_thigh", "popliteal_fossa", "posterior_lower_leg"], "leg_back"),
    **dict.fromkeys(["dorsum_of_foot", "toe"], "foot_top"),
    "sole": "sole",
}


@dataclass(frozen=True)
class Atlas:
    """The views and every placed point's position (Ashi has none)."""

    views: dict[str, View]
    positions: dict[str, Position]
    specs: dict[str, PointSpec]
    titles: dict[str, str]  # "GB30 Huántiào (Jumping Circle)", for tooltips and text alternatives

    def on_view(self, view: str) -> dict[str, Position]:
        return {code: p for code, p in self.positions.items() if p.view == view}


def build_atlas(data_dir: Path = DATA_DIR, views_dir: Path = VIEWS_DIR) -> Atlas:
    """Resolve every placement; raise :class:`FigureDataError` listing every bad one."""
    views = read_views(views_dir)
    specs: dict[str, PointSpec] = {}
    titles: dict[str, str] = {}
    for path in sorted(data_dir.glob("*.yaml")):
        for record in read_channel_file(path).points:
            titles[record.code] = f"{record.code} {record.pinyin} ({record.english})"
            if record.placement is not None:
                specs[record.code] = PointSpec(record.code, path.name, record.region, record.placement)
    resolver = Resolver(views, specs, REGION_VIEWS)
    positions, errors = {}, []
    for code in specs:
        try:
            positions[code] = resolver.position(code)
        except FigureDataError as exc:
            errors.append(str(exc))
    if errors:
        raise FigureDataError("\n".join(dict.fromkeys(errors)))
    return Atlas(views, positions, specs, titles)


@cache
def default_atlas() -> Atlas:
    """The shipped data, resolved once per process (the files change only with a deploy)."""
    return build_atlas()
