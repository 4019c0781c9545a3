"""Read the body parts and sides that a plain-English location names.

"On the outer side of the lower leg, below the knee" names the lower leg (twice: "below the knee"
is the lower leg, not the knee) seen from the lateral side. The guide checks compare these mentions
with the point's region from ``atlas/regions.py``; nothing here knows about particular points, so the
same vocabulary serves every point in the atlas. Pure: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Body parts are those of atlas/regions.py. Joints and neighbours are compatible with each other: a knee
# point may fairly be described "just below the kneecap", a lower-leg point "below the knee".
ADJACENT: dict[str, set[str]] = {
    "head": {"face", "neck"},
    "face": {"head", "neck"},
    "neck": {"head", "face", "back", "chest", "shoulder"},
    "chest": {"axilla", "neck", "abdomen"},
    "axilla": {"chest", "shoulder", "upper_arm", "back"},
    "abdomen": {"chest", "groin"},
    "groin": {"abdomen", "thigh", "perineum"},
    "perineum": {"groin", "buttock"},
    "shoulder": {"neck", "back", "upper_arm", "axilla"},
    "back": {"neck", "shoulder", "buttock"},
    "buttock": {"back", "thigh", "perineum"},
    "upper_arm": {"shoulder", "elbow", "axilla"},
    "elbow": {"upper_arm", "forearm"},
    "forearm": {"elbow", "wrist"},
    "wrist": {"forearm", "hand"},
    "hand": {"wrist", "finger"},
    "finger": {"hand"},
    "thigh": {"buttock", "groin", "knee"},
    "knee": {"thigh", "lower_leg"},
    "lower_leg": {"knee", "ankle"},
    "ankle": {"lower_leg", "foot"},
    "foot": {"ankle", "toe"},
    "toe": {"foot"},
}
OPPOSITE = {
    "anterior": "posterior",
    "posterior": "anterior",
    "medial": "lateral",
    "lateral": "medial",
    "superior": "inferior",
    "inferior": "superior",
}
LEG = frozenset({"thigh", "knee", "lower_leg"})
ARM = frozenset({"upper_arm", "elbow", "forearm"})

_DISTANCE = (
    r"(?:(?:just|slightly|a little|well|about|roughly|some)\s+"
    r"|\S+\s+(?:cun|finger[- ]?breadths?|fingers?|inch(?:es)?|cm)\s+)*"
)
_BELOW = _DISTANCE + r"(?:below|under|underneath|beneath|distal to)"
_ABOVE = _DISTANCE + r"(?:above|proximal to)"
_SIDE = r"(?:(?:inner|outer|medial|lateral|palm[- ]side|palmar|back|front)\s+)?"

# (pattern, parts, aspect). Longer phrases win over the words inside them ("lower leg" over "leg";
# "below the knee" over "knee"). Patterns are matched on lower-cased text at word boundaries.
TERMS: list[tuple[str, frozenset[str], str | None]] = [
    # Relations that move the point off the landmark they name.
    (_BELOW + r"\s+the\s+(?:knee|kneecap|patella)s?", frozenset({"lower_leg"}), None),
    (_ABOVE + r"\s+the\s+(?:knee|kneecap|patella)s?", frozenset({"thigh"}), None),
    (
        _BELOW + r"\s+the\s+(?:gluteal\s+fold|buttock\s+crease|fold\s+of\s+the\s+buttocks?|buttocks?)",
        frozenset({"thigh"}),
        "posterior",
    ),
    (_ABOVE + r"\s+the\s+" + _SIDE + r"(?:ankle(?:\s+bone)?|malleolus)s?", frozenset({"lower_leg"}), None),
    (_BELOW + r"\s+the\s+elbow(?:\s+crease)?", frozenset({"forearm"}), None),
    (_ABOVE + r"\s+the\s+elbow(?:\s+crease)?", frozenset({"upper_arm"}), None),
    (_ABOVE + r"\s+the\s+" + _SIDE + r"wrist(?:\s+crease)?", frozenset({"forearm"}), None),
    (_BELOW + r"\s+the\s+" + _SIDE + r"wrist(?:\s+crease)?", frozenset({"hand"}), None),
    (
        r"(?:back|crease|hollow)\s+of\s+the\s+knee|behind\s+the\s+knee|popliteal(?:\s+(?:crease|fossa))?",
        frozenset({"knee"}),
        "posterior",
    ),
    (r"back\s+of\s+the\s+hand|dorsum\s+of\s+the\s+hand", frozenset({"hand"}), "posterior"),
    (r"top\s+of\s+the\s+foot|dorsum\s+of\s+the\s+foot|instep", frozenset({"foot"}), "superior"),
    (r"top\s+of\s+the\s+head|crown(?:\s+of\s+the\s+head)?|vertex", frozenset({"head"}), "superior"),
    (r"back\s+of\s+the\s+head|occiput|occipital(?:\s+bone)?", frozenset({"head"}), "posterior"),
    (r"back\s+of\s+the\s+neck|nape(?:\s+of\s+the\s+neck)?", frozenset({"neck"}), "posterior"),
    (r"shoulder\s+blades?|scapulae?|scapular", frozenset({"back"}), "posterior"),
    # The armpit's back fold is the edge of the back and shoulder (its front fold, of the chest, stays the armpit's).
    (
        r"(?:back|rear|posterior)\s+(?:fold|crease)\s+of\s+the\s+armpit|(?:back|rear|posterior)\s+armpit\s+(?:fold|crease)|"
        r"posterior\s+axillary\s+(?:fold|crease)",
        frozenset({"back", "shoulder", "axilla"}),
        "posterior",
    ),
    (r"between\s+the\s+shoulder\s+blades", frozenset({"back"}), "posterior"),
    # A bone's head, neck or base is part of that bone, wherever the bone is ("head of the fibula").
    (r"(?:head|neck|base|shaft|body|tip)\s+of\s+the\s+fibula", frozenset({"lower_leg", "knee"}), None),
    # "The ulnar head", "the fibular head": a bone's head named by its adjective.
    (r"(?:ulnar|radial)\s+heads?", frozenset({"wrist", "forearm", "elbow"}), None),
    (r"fibular\s+heads?", frozenset({"lower_leg", "knee"}), None),
    (r"(?:femoral|femur)\s+heads?", frozenset({"buttock", "thigh", "groin"}), None),
    (r"(?:humeral|humerus)\s+heads?", frozenset({"shoulder", "upper_arm"}), None),
    (r"metatarsal\s+heads?", frozenset({"foot"}), None),
    (r"metacarpal\s+heads?", frozenset({"hand"}), None),
    (r"(?:head|neck|shaft)\s+of\s+the\s+(?:humerus|upper\s+arm\s+bone)", frozenset({"upper_arm", "shoulder"}), None),
    (r"(?:head|neck)\s+of\s+the\s+(?:radius|ulna)", frozenset({"elbow", "forearm", "wrist"}), None),
    (r"(?:head|neck)\s+of\s+the\s+femur", frozenset({"buttock", "thigh", "groin"}), None),
    (
        r"(?:head|base|neck|shaft|body)\s+of\s+the\s+(?:\w+\s+){0,2}metatarsals?(?:\s+bones?)?",
        frozenset({"foot"}),
        None,
    ),
    (
        r"(?:head|base|neck|shaft|body)\s+of\s+the\s+(?:\w+\s+){0,2}metacarpals?(?:\s+bones?)?",
        frozenset({"hand"}),
        None,
    ),
    (r"(?:head|base|neck|shaft|body)\s+of\s+the\s+(?:\w+\s+){0,2}phalanx", frozenset({"finger", "toe"}), None),
    # Muscles and bone landmarks named after another part ("biceps femoris", "iliac spine").
    (
        r"biceps\s+femoris|vastus\s+(?:medialis|lateralis)|adductor\s+(?:longus|magnus)|sartorius",
        frozenset({"thigh"}),
        None,
    ),
    (
        r"(?:medial|lateral)\s+epicondyle\s+of\s+the\s+femur|femoral\s+condyles?|tibial\s+(?:condyles?|tuberosity|plateau)",
        frozenset({"knee", "thigh", "lower_leg"}),
        None,
    ),
    (
        r"(?:anterior|posterior)\s+(?:superior|inferior)\s+iliac\s+spine|iliac\s+(?:spine|crest|bone)|ilium|pelvis|pelvic",
        frozenset({"abdomen", "groin", "buttock", "back"}),
        None,
    ),
    # Lower limb.
    (
        r"lower\s+legs?|shin(?:bone)?s?|tibia[le]?|tibial|fibula[r]?|peroneal|tibialis\s+anterior",
        frozenset({"lower_leg"}),
        None,
    ),
    (r"calf|calves|calf\s+muscles?|gastrocnemius|soleus", frozenset({"lower_leg"}), "posterior"),
    (
        r"thighs?|femur|thigh\s+bone|quadriceps|quads|hamstrings?|iliotibial\s+band|it\s+band",
        frozenset({"thigh"}),
        None,
    ),
    (r"knees?|kneecaps?|patellar?(?:\s+ligament|\s+tendon)?|knee\s+joint", frozenset({"knee"}), None),
    (r"ankles?|ankle\s+bones?|malleol(?:us|i)|achilles(?:\s+tendon)?|calcaneal\s+tendon", frozenset({"ankle"}), None),
    # The region vocabulary counts the heel with the ankle ("inner side of the ankle and heel").
    (r"heels?|calcaneus", frozenset({"ankle"}), None),
    (
        r"soles?(?:\s+of\s+the\s+foot)?|plantar\s+(?:surface|side|aspect|face)(?:\s+of\s+the\s+foot)?",
        frozenset({"foot"}),
        "inferior",
    ),
    (r"feet|foot|metatarsals?|arch\s+of\s+the\s+foot", frozenset({"foot"}), None),
    (r"big\s+toe|little\s+toe|toes?|toenails?|hallux", frozenset({"toe"}), None),
    (r"buttocks?|gluteal(?:\s+fold)?|gluteus(?:\s+\w+)?|glutes?|sacral\s+hiatus", frozenset({"buttock"}), "posterior"),
    (r"hips?|hip\s+joint|greater\s+trochanter|trochanter", frozenset({"buttock", "thigh", "groin"}), None),
    (r"groin|inguinal(?:\s+(?:crease|ligament|region))?", frozenset({"groin"}), "anterior"),
    (r"legs?", LEG, None),
    # Trunk.
    (
        r"lower\s+back(?!\s+(?:edge|border|corner|end|margin|part|side|surface|fold))|lumbar(?:\s+spine)?|small\s+of\s+the\s+back",
        frozenset({"back"}),
        "posterior",
    ),
    (
        r"upper\s+back(?!\s+(?:edge|border|corner|end|margin|part|side|surface|fold))|mid[- ]back|thoracic\s+spine",
        frozenset({"back"}),
        "posterior",
    ),
    # The midline named with its side: "the front midline of the body" is the chest or belly, and in WHO's
    # words the front of the head and neck too ("on the anterior midline, 1 cun within the hairline").
    (
        r"(?:front|anterior)\s+mid-?line(?!\s+of\s+the\s+(?:head|neck|face|chin|throat))",
        frozenset({"chest", "abdomen", "head", "face", "neck"}),
        "anterior",
    ),
    (r"(?:back|posterior)\s+mid-?line(?!\s+of\s+the\s+(?:head|neck|skull))", frozenset({"back"}), "posterior"),
    (r"sacrum|sacral(?:\s+foramen|\s+foramina)?|tailbone|coccyx", frozenset({"back"}), "posterior"),
    # The very bottom of the spine reaches the cleft of the buttocks and the perineum below the tailbone.
    (
        r"(?:bottom|base|(?:very\s+)?end|tip)\s+of\s+the\s+(?:spine|backbone|spinal\s+column|tail\s?bone|coccyx)",
        frozenset({"back", "buttock", "perineum"}),
        "posterior",
    ),
    (r"spine|spinal\s+column|spinous\s+process(?:es)?|vertebra[e]?", frozenset({"back", "neck"}), "posterior"),
    (
        # "The bony tip at the back" is a side of the tip, not the back of the trunk.
        r"(?<!at\sthe\s)(?<!to\sthe\s)(?<!toward\sthe\s)(?<!towards\sthe\s)back(?![- ](?:of|side|surface|aspect|border|outer|inner|edge|part|end|corner|half|skin|crease|fold|and|or|from|passage)\b)",  # noqa: E501 (a pattern reads best whole)
        frozenset({"back"}),
        "posterior",
    ),
    (r"(?:posterior|back)\s+(?:thorax|thoracic\s+wall)", frozenset({"back"}), "posterior"),
    (r"(?:anterior|front)\s+(?:thorax|thoracic\s+wall)", frozenset({"chest"}), "anterior"),
    (r"thorax|thoracic\s+(?:wall|cage)", frozenset({"chest", "back"}), None),
    (r"chest|breasts?|sternum|breastbone|nipples?|pectoral", frozenset({"chest"}), "anterior"),
    (r"ribs?|rib\s+cage|intercostal(?:\s+space)?", frozenset({"chest", "back"}), None),
    (r"collarbones?|clavicles?|supraclavicular(?:\s+fossa)?", frozenset({"chest", "shoulder", "neck"}), None),
    # "The belly of the sternocleidomastoid" is a muscle's.
    (
        r"abdomen|abdominal|belly(?!\s+of\s+(?:the|a|its)\b)|tummy|navel|umbilicus|belly\s+button|flank",
        frozenset({"abdomen"}),
        None,
    ),
    (r"armpits?|axilla|axillary", frozenset({"axilla"}), None),
    (
        r"perine(?:um|al\s+(?:region|area|body))|anus|back\s+passage|(?:area\s+)?between\s+the\s+legs|genitals?",
        frozenset({"perineum"}),
        None,
    ),
    # Upper limb.
    (r"shoulders?|acromion|deltoid", frozenset({"shoulder"}), None),
    (r"upper\s+arms?|biceps|triceps|humerus", frozenset({"upper_arm"}), None),
    (r"crook\s+of\s+the\s+elbow|elbow\s+pit|antecubital(?:\s+fossa)?", frozenset({"elbow"}), "anterior"),
    (r"elbows?|elbow\s+crease|cubital(?:\s+crease|\s+fossa)?|olecranon|epicondyle", frozenset({"elbow"}), None),
    (r"forearms?|radius|ulna", frozenset({"forearm"}), None),
    (r"wrists?|wrist\s+crease|carpal|styloid(?:\s+process)?", frozenset({"wrist"}), None),
    (r"palms?(?:\s+of\s+the\s+hand)?(?![- ]side)", frozenset({"hand"}), "anterior"),
    (r"(?<!left-)(?<!right-)hands?(?![- ]side)|metacarpals?|knuckles?", frozenset({"hand"}), None),
    (
        r"fingers?|fingertips?|fingernails?|thumbs?(?![- ](?:tendons?|muscles?))|thumb\s?nails?",
        frozenset({"finger"}),
        None,
    ),
    (r"arms?", ARM, None),
    # Head and neck.
    (r"neck|throat|cervical(?:\s+spine)?", frozenset({"neck"}), None),
    (r"head|scalp|skull|hairline|temples?|temporal", frozenset({"head"}), None),
    (r"forehead|eyebrows?|brow", frozenset({"head"}), "anterior"),
    (r"ears?|earlobes?", frozenset({"head"}), None),
    (r"mastoid(?:\s+process)?", frozenset({"head", "neck"}), None),
    (
        r"face|cheeks?|cheekbones?|jaw|jawbone|mandible|chin|lips?|mouth|nose|nostrils?|eyes?|orbit",
        frozenset({"face"}),
        None,
    ),
]

ASPECT_WORDS: dict[str, str] = {
    "front": "anterior", "anterior": "anterior", "palm side": "anterior", "palm-side": "anterior",
    "palmar": "anterior", "volar": "anterior",
    "back": "posterior", "rear": "posterior", "posterior": "posterior",
    "inner": "medial", "inside": "medial", "medial": "medial",
    "outer": "lateral", "outside": "lateral", "lateral": "lateral",
    "top": "superior", "upper surface": "superior", "plantar": "inferior", "underside": "inferior",
    "dorsal": "dorsal", "dorsum": "dorsal",
}  # fmt: skip
# "Dorsal" means the back of the hand but the top of the foot.
_DORSAL = {"hand": "posterior", "finger": "posterior", "wrist": "posterior", "forearm": "posterior",
           "foot": "superior", "toe": "superior"}  # fmt: skip

_TERM_RE = [(re.compile(rf"\b(?:{pattern})\b"), parts, aspect) for pattern, parts, aspect in TERMS]
_ASPECT_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, ASPECT_WORDS), key=len, reverse=True)) + r")\b(?!\s+to\b)(?!\s+and\b)"
)
# What may stand between a side word and the part it qualifies: "outer side of the lower leg".
_GAP_RE = re.compile(
    r"^[\s,]*(?:(?:side|aspect|surface|border|edge|part|face|region|area|of|the|your|a|upper|lower)[\s,]*)*$"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A body part named in a text, with the side it is seen from when the text says so."""

    text: str
    parts: frozenset[str]
    aspect: str | None
    start: int


def mentions(text: str) -> list[Mention]:
    """The body parts a location text names, in order; each span of text counts once."""
    lowered = text.lower()
    taken = [False] * len(lowered)
    found: list[Mention] = []
    for regex, parts, aspect in _TERM_RE:
        for match in regex.finditer(lowered):
            if any(taken[match.start() : match.end()]):
                continue
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            found.append(Mention(match.group(0), parts, aspect, match.start()))
    found.sort(key=lambda m: m.start)
    # "The wrist crease on the back": the back of the wrist, not of the trunk.
    found = [m for m in found if not (m.text == "back" and _LIMB_THEN_ON.search(lowered, 0, m.start))]
    # "Just inside the hairline" is within it, not its medial side.
    aspects = [
        (m.end(), ASPECT_WORDS[m.group(1)], m.group(1))
        for m in _ASPECT_RE.finditer(lowered)
        if not taken[m.start()] and not (m.group(1) in ("inside", "outside") and lowered.startswith(" the", m.end()))
    ]
    bound = []
    for mention in found:
        before = next(
            (
                _inner_forearm(word, lowered[end : mention.start], mention.parts) or a
                for end, a, word in reversed(aspects)
                if end <= mention.start and _GAP_RE.match(lowered[end : mention.start])
            ),
            None,
        )
        aspect = (
            before
            if before in ("anterior", "posterior") and mention.aspect in ("anterior", "posterior")
            else mention.aspect
        )
        if aspect is None:
            aspect = next(
                (
                    _inner_forearm(word, lowered[end : mention.start], mention.parts) or a
                    for end, a, word in reversed(aspects)
                    if end <= mention.start and _GAP_RE.match(lowered[end : mention.start])
                ),
                None,
            )
        if (
            aspect is None
            and mention.parts <= _ARM_FACED
            and (after := _FACE_AFTER.match(lowered, mention.start + len(mention.text)))
        ):
            # "At the thumb end of the wrist crease on the palm side": the side named after the part.
            aspect = "posterior" if after.group(1) in ("back", "dorsal") else "anterior"
        if aspect == "dorsal":
            aspect = next((_DORSAL[p] for p in mention.parts if p in _DORSAL), None)
        bound.append(Mention(mention.text, mention.parts, aspect, mention.start))
    return bound


_ARM_FACED = frozenset({"forearm", "wrist", "hand"})
_LIMB_THEN_ON = re.compile(r"\b(?:wrists?|hands?|forearms?)(?:\s+crease)?\s+on\s+(?:the|its)\s+$")
_FACE_AFTER = re.compile(
    r"(?:\s+crease)?\s+on\s+(?:the|its)\s+(palm[- ]side|palmar|palm|back|dorsal)(?:\s+side)?\b(?!\s+of\b)"
)


def _inner_forearm(word: str, gap: str, parts: frozenset[str]) -> str | None:
    """ "The inner forearm", "the inside of the wrist": in lay words the soft, palm side, not the ulnar border
    ("the inner edge of the forearm" stays a border)."""
    if word in ("inner", "inside") and parts <= {"forearm", "wrist"} and not re.search(r"\b(?:edge|border)\b", gap):
        return "anterior"
    return None


def compatible_parts(part: str) -> set[str]:
    return {part} | ADJACENT.get(part, set())


@dataclass(frozen=True, slots=True)
class Contradiction:
    kind: str  # "part" or "side"
    said: str  # the words of the text that contradict
    message: str


def contradiction(text: str, *, part: str, aspect: str, region_label: str) -> Contradiction | None:
    """Whether ``text`` places a point somewhere its region (``part`` seen from ``aspect``) cannot be.

    A text that names no body part says nothing to contradict. A text whose body parts are all
    incompatible with the region's part contradicts it ("on the thigh" for a calf point); so does one
    that puts the region's own part on the opposite side ("on the palm" for a point on the back of the hand).
    """
    if part == "any":
        return None
    named = mentions(text)
    if not named:
        return None
    allowed = compatible_parts(part)
    if not any(m.parts & allowed for m in named):
        said = ", ".join(dict.fromkeys(m.text for m in named))
        return Contradiction(
            "part", said, f"the text says “{said}”, but the atlas places it on the {region_label.lower()}"
        )
    # A side contradicts only when the text never also names the right side: "where the skin of the palm
    # meets the back of the hand" describes a border, not a mistake.
    opposite = OPPOSITE.get(aspect)
    own = [m for m in named if part in m.parts and len(m.parts) == 1]
    wrong = [m for m in own if opposite and m.aspect == opposite]
    if wrong and not any(m.aspect == aspect for m in own):
        said = wrong[0].text
        message = (
            f"the text puts it on the {opposite} side (“{said}”), but the atlas places it on the {region_label.lower()}"
        )
        return Contradiction("side", said, message)
    return None
