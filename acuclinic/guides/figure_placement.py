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
from .vocabulary import VERTEBRA_RE, vertebra_level

# A landmark's words (as the parser found them) -> the figure landmarks it may be, first found wins.
# Only landmarks with one sure place: "the knee" (kneecap or crease?) is left to the atlas texts.
LANDMARK_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"belly\s+button|navel|umbilicus", ("umbilicus",)),
    (r"xiph|lower\s+(?:end|tip|edge|point)\s+of\s+the\s+(?:breast\s?bone|sternum)|sternocostal|ribs\s+meet",
     ("xiphisternal_junction",)),
    (r"suprasternal|jugular|top\s+of\s+the\s+(?:breast\s?bone|sternum)|(?:upper|top)\s+(?:end|edge)\s+of\s+the\s+breast", ("suprasternal_notch",)),  # noqa: E501 (a pattern reads best whole)
    (r"pubic|pubis", ("pubic_symphysis",)),
    (r"^nipples?$", ("nipple",)),
    (r"wrist", ("wrist_crease",)),
    (r"elbow\s+crease|crease\s+(?:of|at)\s+the\s+elbow|cubital", ("cubital_crease",)),
    (r"popliteal|knee\s+crease|(?:crease|fold|hollow)\s+(?:behind|of)\s+the\s+knee|back\s+of\s+the\s+knee",
     ("popliteal_crease", "popliteal_crease_mid", "popliteal_crease_medial", "popliteal_crease_lateral")),
    (r"(?:lower|bottom)\s.*(?:knee\s?cap|patella)|apex\s+of\s+the\s+patella", ("patella_apex",)),
    (r"(?:upper|top)\s.*(?:knee\s?cap|patella)|base\s+of\s+the\s+patella", ("patella_base", "patella_base_medial")),
    (r"(?:inner|inside|medial)\s+(?:ankle|malleolus)|on\s+the\s+(?:inside|inner\s+side)\s+of\s+(?:the\s+)?ankle",
     ("medial_malleolus",)),
    (r"(?:outer|outside|lateral)\s+(?:ankle|malleolus)|on\s+the\s+(?:outside|outer\s+side)\s+of\s+(?:the\s+)?ankle",
     ("lateral_malleolus",)),
    (r"(?:point|tip)\s+of\s+the\s+elbow|olecranon|elbow\s+point|funny\s+bone", ("olecranon",)),
    (r"(?:tips?|apex|tops?)\s+of\s+(?:the\s+)?ears?|ear\s+(?:tips?|apex)", ("ear_apex", "ear_apex_line")),
    (r"index(?:[- ]finger)?\s+knuckle|knuckle\s+of\s+the\s+index|(?:2nd|second)\s+(?:knuckle|metacarpophalangeal)",
     ("mcp2",)),
    (r"little(?:[- ]finger)?\s+knuckle|knuckle\s+of\s+the\s+little|(?:5th|fifth)\s+(?:knuckle|metacarpophalangeal)",
     ("mcp5",)),
    (r"angle\s+of\s+the\s+(?:jaw|mandible)|jaw\s+angle|corner\s+of\s+the\s+jaw", ("mandible_angle",)),
    (r"(?:12th|twelfth)\s+rib", ("rib12_end",)),
    (r"(?:11th|eleventh)\s+rib", ("rib11_end",)),
    (r"chin\s+crease|(?:crease|groove)\s+(?:under|below)\s+the\s+lower\s+lip|mentolabial", ("mentolabial_groove",)),
    (r"(?:middle|centre|center|midpoint)\s+of\s+the\s+eyebrow", ("eyebrow_mid",)),
    (r"corner\s+of\s+the\s+mouth|mouth\s+corner", ("mouth_corner",)),
    (r"^(?!.*\b(?:top|between)\b).*(?:gluteal|buttock\s+(?:crease|fold)|(?:crease|fold)\s+(?:of|under|below|beneath)\s+the\s+buttock)",
     ("gluteal_fold_mid", "gluteal_fold")),
    (r"head\s+of\s+the\s+fibula|fibular\s+head|fibula(?:'s)?\s+head|(?:knob|top)\s+of\s+the\s+fibula", ("fibula_head",)),  # noqa: E501 (a pattern reads best whole)
    (r"(?:medial|inner)\s+condyle|tibia(?:'s)?\s+inner\s+(?:knob|condyle)|inner\s+knob\s+of\s+the\s+(?:shin|tibia)",
     ("medial_tibial_condyle",)),
    (r"^(?:c[1-7]|t\d{1,2}|l[1-5])$", ()),  # a vertebra: its own name (figure_names)
    (r"(?:prominent|big|bony)\s.*base\s+of\s+the\s+neck|vertebra\s+prominens", ("c7",)),
    (r"(?:lower|bottom)\s.*(?:shoulder\s+blade|scapula)|inferior\s+angle|shoulder\s+blades?(?:'s)?\s+lower", ("scapula_inferior_angle",)),  # noqa: E501 (a pattern reads best whole)
    (r"(?:upper|top)\s.*(?:shoulder\s+blade|scapula)|superior\s+angle|shoulder\s+blade(?:'s)?\s+(?:upper|top)", ("scapula_superior_angle",)),  # noqa: E501 (a pattern reads best whole)
    (r"(?:inner|medial)\s+end\s.*(?:spine|ridge)", ("scapular_spine_root",)),
    (r"(?:tops?|crests?|highest|rims?)\s.*(?:hip\s?bones?|pelvis|iliac)|iliac\s+crest", ("iliac_crest",)),
    (r"tail\s?bone|coccyx", ("coccyx_tip",)),
    (r"sacral\s+hiatus", ("sacral_hiatus",)),
    (r"(?:outer|lateral)\s+\w+\s+of\s+(?:the|each|both)\s+(?:eye)?brows?|(?:eye)?brow(?:'s)?\s+(?:outer|lateral)\s+(?:end|tip|tail)",
     ("eyebrow_lateral",)),
    (r"(?:inner|medial)\s+\w+\s+of\s+(?:the|each|both)\s+(?:eye)?brows?|(?:eye)?brow(?:'s)?\s+(?:inner|medial)\s+(?:end|tip|head)",
     ("eyebrow_medial",)),
    (r"heel\s+pad|(?:centre|center|middle)\s+of\s+the\s+heel|^heels?$|heel\s+bone", ("heel_back",)),
    (r"(?:outer|lateral)\s+corner\s+of\s+the\s+eye|outer\s+canthus", ("outer_canthus",)),
    (r"(?:inner|medial)\s+corner\s+of\s+the\s+eye|inner\s+canthus", ("inner_canthus",)),
    (r"(?:front|anterior)\s+hairline|^hairline", ("anterior_hairline",)),
    (r"(?:back|posterior)\s+hairline|hairline\s+(?:at|on)\s+the\s+(?:back|nape)", ("posterior_hairline",)),
    (r"occipital\s+protuberance", ("external_occipital_protuberance",)),
    (r"(?:front|anterior)?\s*armpit\s+(?:fold|crease)|axillary\s+fold", ("axillary_fold",)),
    (r"(?:back|rear|posterior)\s+(?:end\s+of\s+the\s+)?armpit|(?:back|posterior)\s+(?:fold|crease)\s+of\s+the\s+armpit",
     ("posterior_axillary_fold",)),
)  # fmt: skip
# Views seen from above, whose height on the page is not the body's height.
_FLAT_VIEWS = frozenset({"head_top", "mouth_inside"})
# Landmarks that are lines across the body (a crease, a level): "at" one is at its height, anywhere along it.
LINES = frozenset({
    "wrist_crease", "cubital_crease", "popliteal_crease", "gluteal_fold", "gluteal_fold_mid", "anterior_hairline",
    "posterior_hairline", "iliac_crest", "axillary_fold", "posterior_axillary_fold",
})  # fmt: skip
_NAME_RE = [(re.compile(p), names) for p, names in LANDMARK_NAMES]
_VERTEBRA = re.compile(r"^=?(c[1-7]|t\d{1,2}|l[1-5])$")
MIDLINE = re.compile(
    r"^(?:the\s+)?(?:mid-?line|centre\s+line|center\s+line|middle\s+line|spine|backbone|spinal\s+column)$"
)


def figure_names(words: str) -> tuple[str, ...]:
    """The figure landmarks that a landmark's words may name, in order of preference."""
    words = words.strip().lower()
    if m := _VERTEBRA.match(words):
        return (m.group(1),)
    if (m := VERTEBRA_RE.fullmatch(words)) and (level := vertebra_level(m)) is not None and level < 25:
        # "the first thoracic vertebra" is T1 on the figure (vocabulary.py counts C1 = 1 .. L5 = 24).
        level = int(level)
        return (f"c{level}" if level <= 7 else f"t{level - 7}" if level <= 19 else f"l{level - 19}",)
    back = re.sub(r"(?:posterior|back|rear)\s+", "", words)
    for regex, names in _NAME_RE:
        if names and (regex.search(words) or (regex.search(back) and "armpit" not in words)):
            return names
    return ()


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
