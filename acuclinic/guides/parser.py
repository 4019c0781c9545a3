"""Read the claims each clause of a plain-English point location makes (clauses.py sorts the clauses).

"Make a loose fist: on the ulnar edge of the hand, two cun above the wrist crease, level with X" is a
positioning cue (not a location), the position itself ("on the ulnar edge of the hand": a body part and a
side) and references measured from landmarks ("two cun above the wrist crease": 2 B-cun toward the elbow
from it; "level with X": the same height). Each claim is an interval on one axis of vocabulary.py, or a
side of a named structure ("below the collarbone"). The same parser reads the atlas's own texts, which is
how placement.py knows where each point is. A claim about a distance, a level or a landmark the point is at
also carries its ``measure``, so that the judge can check it on the body figures. Pure: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import clauses
from .vocabulary import (
    DIGIT_WORD,
    DIGITS,
    DIRECTIONS,
    NUMBER,
    SIDE_RANGE_DEFAULTS,
    UNIT,
    Landmark,
    amount,
    figure_names,
    find_landmark,
    tolerance,
)

VERTICAL = ("leg", "arm", "trunk", "head")
TRANSVERSE = ("midline", "side")


@dataclass(frozen=True, slots=True)
class Claim:
    """Where a clause puts the point: ``axis`` in [lo, hi] give or take ``tolerance``, or a side of a structure."""

    axis: str  # an axis of vocabulary.py, or "rel:<key>" for a side of a named structure
    lo: float = 0.0
    hi: float = 0.0
    tolerance: float = 0.0
    direction: str | None = None  # for "rel:" claims: up, down, front, back, medial, lateral, radial, ulnar
    words: str = ""
    # The measurement behind an axis claim, for judging it on the body figures: (kind, landmark words,
    # direction, cun), kind "from" (d cun up/down/out from a landmark), "level" or "halfway" (two landmarks).
    measure: tuple[str, tuple[str, ...], str | None, float] | None = None


@dataclass
class Clause:
    text: str
    kind: str  # "position", "reference", "cue" (posture, how to find it) or "aside" (about another point)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Reading:
    clauses: list[Clause]

    @property
    def claims(self) -> list[Claim]:
        return [c for clause in self.clauses for c in clause.claims]


_DIR_RE = [(re.compile(rf"(?:{pattern})\b"), name) for pattern, name in DIRECTIONS]
_DIR_ANY = re.compile(r"\b(?:" + "|".join(p for p, _ in DIRECTIONS) + r")\b")
_FILLER = r"(?:(?:out|in|further|higher|lower|straight|directly|forward|round|farther|more|or\s+so|or\s+more)\s+)*"
_PALM_TENDONS = re.compile(
    r"\bbetween\s+(?:the\s+)?two\s+(?:central|middle|flexor)\s+"
    r"(?:(?:wrist\s+)?tendons|cords)\b(?![^,;.]*\b(?:thumb|snuff\s?box))"  # not the thumb's, at the snuffbox
)
# A distance that places another point: "the point 2 cun above the hairline", "the one three cun below it".
_ANOTHER_POINT = re.compile(
    r"\b(?:the|a|another)\s+(?:[\w-]+\s+)?(?:point|spot|one)\s+(?:that\s+is\s+|which\s+is\s+)?$"
)
_DISTANCE_RE = re.compile(rf"\b(?P<num>{NUMBER})\s*(?P<unit>{UNIT})\s+{_FILLER}")
_JUST_RE = re.compile(r"\b(?:just|immediately|right|directly)\s+")
_LEVEL_RE = re.compile(
    r"\b(?:(?:on\s+)?(?:a\s+)?level\s+with|at\s+(?:about\s+|roughly\s+)?the\s+(?:same\s+)?(?:level|height)\s+(?:of|as)|"
    r"at\s+the\s+height\s+of|(?:directly\s+)?opposite|the\s+(?:same\s+)?(?:level|height)\s+(?:of|as))\s+"
)
_LINE_RE = re.compile(
    r"\b(?:in\s+line\s+with|on\s+the\s+(?:same\s+)?(?:vertical\s+)?line\s+(?:of|as)|on\s+the\s+line\s+(?:of|through))\s+"
)
_HALFWAY_RE = re.compile(
    r"\b(?:halfway|half\s+way|midway|mid-way|the\s+midpoint|the\s+middle\s+of\s+a\s+line|in\s+the\s+middle)\s+"
    r"(?:along\s+(?:the|a)\s+line\s+)?(?:between|from)\s+"
)
_GAP_OK = re.compile(
    r"^\s*(?:(?:the|its|a|an|of|just|very|both|two|main|big|large|prominent|bony|lower|upper|front|back|inner|outer|"
    r"ropey|ropy|thick|firm|taut|tight|hard|strong|obvious|slim|slender|narrow|broad|knobbly|knobby|"
    r"middle|end|edge|border|part|side|corner|tip|half|most|point|centre|center|near|far|rear|top|bottom|"
    r"highest|lowest|sharp|medial|lateral|anterior|posterior|two|muscle|tendons?|prominence|prominent|level|"
    r"surface|face|flat|bump|bony|skin|fold|crease|place|spot|junction|hollow|dip|depression|first|second|third|fourth|underside|"
    r"fifth|1st|2nd|3rd|4th|5th|index|ring|little|great|midpoint|external|internal|thick|thin|strong|taut|tight|firm|"
    r"hard|inside|outside|long|short|wide|narrow|small|round|obvious|visible|raised|cord|ropy)\s+)*$"
)
_PART_NOUN = (
    r"(?:lower\s+leg|upper\s+arm|leg|thigh|knee|shin|calf|foot|ankle|heel|sole|instep|arm|forearm|wrist(?:\s+crease)?|"
    r"crease|elbow(?:\s+crease)?|cubital\s+crease|hand|palm|fist|limb|popliteal\s+crease)"
)
# Hollows named for the structure they lie above or below.
_FOSSAE = (
    (r"\bsupraspinous\b", "scapular_spine", "up"), (r"\binfraspinous\b", "scapular_spine", "down"),
    (r"\bsupraclavicular\b", "collarbone", "up"), (r"\binfraclavicular\b", "collarbone", "down"),
)  # fmt: skip
_FRONT_BACK_KEYS = {"shoulder_tip", "ear", "kneecap", "collarbone", "cheekbone", "armpit_fold"}
_ARM_SIDE = {
    "thumb": "radial",
    "index finger": "radial",
    "pinkie": "ulnar",
    "pinky": "ulnar",
    "radial": "radial",
    "little-finger": "ulnar",
    "little finger": "ulnar",
    "ulnar": "ulnar",
}
_LEG_SIDE = {"inner": "medial", "inside": "medial", "medial": "medial", "tibial": "medial", "big-toe": "medial",
             "big toe": "medial", "outer": "lateral", "outside": "lateral", "lateral": "lateral", "fibular": "lateral",
             "little-toe": "lateral", "little toe": "lateral"}  # fmt: skip
_SIDE_RE = re.compile(
    r"\b(?P<word>thumb|radial|little[- ]finger|index[- ]finger(?=[- ](?:side|edge|border))|pinkie|pinky|ulnar|inner|inside|medial|tibial|big[- ]toe|outer|outside|lateral|"  # noqa: E501 (a pattern reads best whole)
    r"fibular|little[- ]toe)(?:[- ](?:side|edge|end|border|aspect|half|part|corner|surface))?"
    r"(?P<rest>(?:\s+(?:side|edge|end|border|aspect|half|part|corner|surface))?(?:\s+of(?:\s+the)?\s+(?P<of>[\w' -]+))?)"  # noqa: E501 (a pattern reads best whole)
)
SIDE_RANGE = SIDE_RANGE_DEFAULTS
_LEG_WORDS = re.compile(
    r"\b(?:leg|thigh|knee|shin|calf|foot|ankle|heel|sole|toes?|instep|kneecap|malleolus|tibia|fibula)\b"
)
_ARM_WORDS = re.compile(r"\b(?:arm|forearm|wrist|elbow|hand|palm|fingers?|thumb|radius|ulna|knuckles?|biceps|fist)\b")
_GAP_DIGITS = re.compile(
    rf"\b(?:between|junction\s+of|bases\s+of|heads\s+of|webs?\s+of)\s+(?:the\s+)?(?:(?:long\s+)?bones\s+of\s+the\s+|bases\s+of\s+the\s+|"
    rf"heads\s+of\s+the\s+)?(?P<a>{DIGIT_WORD})"
    rf"(?:[\s-]+(?:finger|toe))?(?:\s+(?:long\s+)?(?:bone|metacarpal|metatarsal))?"
    rf"(?:\s+and\s+|\s*-\s*|\s*/\s*|\s+&\s+)(?:the\s+)?(?P<b>{DIGIT_WORD})"
    r"(?:[- ](?:fingers?|toes?))?(?:\s+(?:long\s+)?(?:bones?|metacarpals?|metatarsals?|toes|fingers|toe\s+bones|finger\s+bones|"  # noqa: E501 (a pattern reads best whole)
    r"hand\s+bones|foot\s+bones)"
    r"(?:\s+bones)?)?"
)
_ON_DIGIT = re.compile(
    r"\b(?:on|at)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:tip|end|side|base|back|phalanx|corner|nail|edge|border|aspect|margin|surface|pad)\s+of\s+the\s+){0,2}"
    rf"(?P<d>{DIGIT_WORD})[- ](?P<kind>finger|toe)(?:nail)?\b"
    r"(?![- ](?:side|edge|end|border)|'s|’s)|"
    r"\b(?:on|at)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:tip|end|side|base|back|phalanx|corner|nail|edge|border|aspect|margin|surface|pad)\s+of\s+the\s+){0,2}"
    r"(?P<t>thumb|big\s+toe|great\s+toe|hallux)(?:\s?nail)?\b"
    r"(?![- ](?:side|edge|end|border)|'s|’s)"
)
_DIGIT_FACING = re.compile(
    rf"\b(?:side|edge|corner)(?:\s+of\s+the\s+(?:(?:finger\s?|toe\s?|thumb\s?)?nail|thumb|(?:[\w-]+\s+)?(?:finger|toe)))?\s+"
    rf"(?:that\s+|which\s+)?(?:faces|facing|next\s+to|"
    rf"nearest(?:\s+to)?|closest\s+to|toward|towards|on\s+the\s+side\s+of)\s+(?:the\s+)?(?P<d>{DIGIT_WORD}|other\s+(?:toes|fingers))|"
    # "on its middle-finger side", "the nail corner on the second-toe side": the neighbour named for the side.
    r"\b(?:its|the)\s+(?:[a-z]+,?\s+)?(?P<n>index|middle|ring|second|third|fourth|2nd|3rd|4th|big|great|little)"
    r"[- ](?:finger|toe)[- ](?:side|edge|corner)\b|"
    rf"\bon\s+the\s+side\s+of\s+the\s+(?P<s>{DIGIT_WORD})[- ]?(?:finger|toe)?\b(?!\s*(?:that|which)\s+fac)"
)
_DIGIT_AWAY = re.compile(
    rf"\b(?:away|furthest|farthest)\s+from\s+(?:the\s+)?(?P<d>{DIGIT_WORD}|other\s+(?:toes|fingers)|rest)"
)


def _digit(word: str) -> int | None:
    word = word.strip().lower()
    if word.startswith(("thumb", "big", "great", "hallux")):
        return 1
    return DIGITS.get(word.split()[0])


_AREA = re.compile(r"(?:at|near|around|by)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}[\w'-]+")


def read(text: str, limb: str | None = None, own: str | None = None) -> Reading:
    """The clauses of ``text`` (clauses.py) and the claims of each location clause.

    ``limb`` ("arm" or "leg") says which limb side words are about, when known; ``own`` is the code of the
    point described, so that what the text says about another point is not judged.
    """
    if limb is None:
        limb = "leg" if _LEG_WORDS.search(text.lower()) and not _ARM_WORDS.search(text.lower()) else None
        if limb is None and _ARM_WORDS.search(text.lower()) and not _LEG_WORDS.search(text.lower()):
            limb = "arm"
    result: list[Clause] = []
    for kind, part in clauses.kinds(text, own):
        clause = Clause(part, kind)
        if kind in ("position", "reference"):
            clause.claims = _claims(part, kind, limb)
        elif kind == "cue" and (found := clauses.FOUND.search(part)):
            # "Find the end of the elbow crease on the thumb side; press in front of the knob": what is found
            # lies on the point's side of the limb.
            sides = [c for c in _side_claims(found.group(1), limb) if c.axis == "side"]
            if sides:
                clause = Clause(part, "reference", sides)
        result.append(clause)
    # "At the inner wrist, three finger-widths up from the crease": a first clause that only names a
    # landmark, when a later one measures from one, gives the area, not the spot.
    for i, clause in enumerate(result):
        if clause.kind == "position" and _AREA.fullmatch(clause.text):
            measured = (
                _direction_at(c.text, m.end()) is not None
                for c in result[i + 1 :]
                for m in _DISTANCE_RE.finditer(c.text)
            )
            if any(measured):
                clause.claims = [c for c in clause.claims if c.axis == "side" or c.axis.startswith("rel:")]
    # "On the back of the wrist ..., one cun above the wrist crease": the landmark a distance is measured
    # from, named bare in another clause, is the area, not the spot.
    measured_from = [
        found
        for c in result
        for claim in c.claims
        if claim.measure and claim.measure[0] == "from" and claim.measure[2] in ("up", "down")
        if (found := find_landmark(claim.measure[1][0])) is not None
    ]
    if measured_from:
        for clause in result:
            clause.claims = [c for c in clause.claims if not _same_as_measured(c, measured_from)]
    # "At the lower edge of T4's spinous process, three cun lateral to the midline": with the point measured out
    # from the midline, a landmark on the midline gives its level, not its place.
    if any(c.axis == "midline" and c.lo >= 1.0 for clause in result for c in clause.claims):
        for clause in result:
            at = {c.words for c in clause.claims if c.axis == "at"}
            on_midline = {c.words for c in clause.claims if c.axis == "midline" and c.hi == 0} & at
            clause.claims = [
                c for c in clause.claims if not (c.words in on_midline and c.axis in ("at", "midline") and c.hi == 0)
            ]
    # A finger or toe and its side may sit in different clauses ("On the thumb, on the side facing ...").
    located = [c for c in result if c.kind not in ("cue", "aside")]
    whole = ", ".join(c.text for c in located)
    facing = _DIGIT_FACING.search(whole) or _DIGIT_AWAY.search(whole)
    if facing and not _ON_DIGIT.search(whole):
        # "Pinch the ring finger at the nail. The point is at the nail corner next to the middle finger", "she
        # needled my little finger, on the side facing my ring finger": the digit named before the side is the
        # one whose side this is.
        cues = " ".join(c.text for c in result if c.kind == "cue")
        if named := _NAMED_DIGIT.search(whole, 0, facing.start()) or _NAMED_DIGIT.search(cues):
            whole = f"on the {named.group(1)}, {whole}"
    for claim in _digit_claims(whole):
        home = next((c for c in located if claim.words and claim.words in c.text), located[0] if located else None)
        if home is not None:
            home.claims.append(claim)
    if _ON_DIGIT.search(whole):
        # On a finger or toe, a bare "outer side" is the digit's side ("the big toe's nail corner facing the
        # second toe, the outer side"), which the digit claim reads, not the side of the foot.
        for clause in located:
            clause.claims = [c for c in clause.claims if not (c.axis == "side" and _BARE_SIDE.fullmatch(c.words))]
    return Reading(result)


_BARE_SIDE = re.compile(
    r"(?:inner|outer|inside|outside|medial|lateral|thumb|little[- ]finger|radial|ulnar)"
    r"[- ](?:side|edge|corner|border|aspect)"
)
_NAMED_DIGIT = re.compile(
    rf"\b((?:{DIGIT_WORD})[- ](?:finger|toe)|thumb|big\s+toe|great\s+toe)\b(?![- ](?:side|edge|tip|width))"
)


def _same_as_measured(claim: Claim, measured: list[Landmark]) -> bool:
    if claim.measure is not None and claim.measure[0] != "at":
        return False
    if claim.axis not in (*VERTICAL, "at"):
        return False
    lm = find_landmark(claim.words)
    return lm is not None and lm.text == claim.words and any(lm.axes == m.axes and lm.key == m.key for m in measured)


def _direction_at(text: str, pos: int) -> tuple[str, int] | None:
    for regex, name in _DIR_RE:
        m = regex.match(text, pos)
        if m:
            return name, m.end()
    return None


_STATED_LEVEL = re.compile(r"[^,;=]{0,80}?=(?=[ctls]\d)")


def _landmark_after(text: str, pos: int) -> Landmark | None:
    stated = _STATED_LEVEL.match(text, pos)
    if stated is not None:
        # The writer named the landmark's vertebra in brackets: that is the level meant.
        lm = find_landmark(text, stated.end())
        if lm is not None and lm.small and lm.start == stated.end():
            return lm
    lm = find_landmark(text, pos)
    if lm is None or not _GAP_OK.match(text[pos : lm.start]):
        return None
    return lm


_CREASE_FACE = re.compile(r"\b(back|dorsal|palm|palmar|front)\b(?:[- ]side)?(?:\s+of\s+the)?\s+wrist")


def _edge(lm: Landmark, axis: str, direction: str) -> float:
    lo, hi = lm.axes[axis]
    if axis == "head":
        return hi if direction in ("up", "back") else lo
    return lo if direction == "up" else hi


def _displace(
    lm: Landmark,
    direction: str,
    d: float | None,
    words: str,
    *,
    level_only: bool,
    just: bool = False,
    close: bool = False,
    beside: bool = False,
) -> list[Claim]:
    """Claims for a point ``d`` cun (None: some way) from a landmark in ``direction``."""
    claims: list[Claim] = []
    tol = tolerance(d) if d is not None else 1.0
    if lm.key and direction != "out" and not (direction == "lateral" and "midline" in lm.axes):
        claims.append(Claim(f"rel:{lm.key}", direction=direction, words=words))
    if direction in ("back", "front") and any(
        (axis == "leg" and lo >= 16.8) or (axis == "arm" and lo >= 12.5) for axis, (lo, hi) in lm.axes.items()
    ):
        direction = "up" if direction == "back" else "down"  # "behind the knuckles" is toward the wrist
    stated_level = level_only  # "level with T3, 1.5 cun from the midline": the distance is not from T3
    level_only = level_only or lm.small  # "below T1" gives a height, not the midline
    for axis, (lo, hi) in lm.axes.items():
        if (axis in VERTICAL and direction in ("up", "down")) or (axis == "head" and direction in ("front", "back")):
            sign = 1 if direction in ("down",) else -1
            edge = _edge(lm, axis, direction)
            if axis == "head":
                # Up the scalp is toward the vertex (5): backward from the brow, forward from the nape.
                sign = 1 if direction == "back" or (direction == "up" and edge < 5) else -1
                if direction == "down":
                    sign = -1 if edge < 5 else 1
            scale = _trunk_scale(edge, sign) if axis == "trunk" else 1.0
            if d is None:
                bound = edge - sign * tol * scale
                claims.append(Claim(axis, *((bound, 99.0) if sign > 0 else (-99.0, bound)), 0.0, words=words))
            elif just:
                # "Just below the knee": within a thumb's width or so of it.
                lo_, hi_ = sorted((edge, edge + sign * 1.5 * scale))
                measure = ("just", (lm.text,), direction, 0.0) if axis != "head" and close else None
                claims.append(Claim(axis, lo_, hi_, 1.0, words=words, measure=measure))
            else:
                value = edge + sign * d * scale
                measure = ("from", (lm.text,), direction, d) if axis != "head" else None
                spread = max(tol * scale, 1.0 if axis == "trunk" else 0)
                claims.append(Claim(axis, value, value, spread, words=words, measure=measure))
                if axis == "arm" and (face := _CREASE_FACE.search(lm.text)):
                    # Measured up the forearm from the back (or the palm side) of the wrist: on that face.
                    side = "posterior" if face.group(1) in ("back", "dorsal") else "anterior"
                    claims.append(Claim("face", direction=side, words=words))
        elif axis == "midline" and direction in ("out", "medial", "lateral") and not stated_level:
            # "3 cun lateral to L2": a vertebra is on the midline, so this is 3 cun from it.
            if d is not None and direction != "medial":
                claims.append(Claim(axis, lo + d, hi + d, tol, words=words, measure=("from", (lm.text,), "out", d)))
        elif direction in ("front", "back") and (
            (beside and axis in ("leg", "arm") and lm.key not in _NO_LEVEL)
            or (axis == "trunk" and lm.key in _NECK_LEVEL and (d is None or d <= 1))
        ):
            # "Behind the knee", "in front of the inner ankle bone": beside it, at its level.
            claims.append(Claim(axis, lo, hi, 1.0, words=words))
        elif axis in VERTICAL and direction in ("out", "medial", "lateral", "radial", "ulnar", "front", "back"):
            # A step sideways keeps the landmark's height ("two cun either side of the navel").
            sideways = re.search(r"\b(?:either|each|both|beside|next\s+to|side\s+of|out\s+from|lateral)\b", words)
            if (
                direction in ("out", "lateral")
                and sideways
                and lm.key in (None, "navel", "nipple", "pubic_bone", "larynx")
            ):
                claims.append(Claim(axis, lo, hi, 1.0, words=words))
        elif axis in TRANSVERSE and direction in ("up", "down") and not level_only and d is not None:
            claims.append(Claim(axis, lo, hi, 1.0, words=words))
        elif axis == "midline" and direction in ("up", "down") and not level_only and lm.key in _COLUMN_KEYS and lo > 0:
            # "Above the outer end of the shoulder blade's spine": in its column, not the inner end's.
            claims.append(Claim(axis, lo, hi, 1.0, words=words))
    if direction in ("up", "down") and not any(axis in VERTICAL for axis in lm.axes) and figure_names(lm.text):
        # "In the hollow below the eye": a landmark of the face has no axis here, only its place on the figure.
        kind = "past" if d is None else "just" if just else "from"
        claims.append(Claim("figure", words=words, measure=(kind, (lm.text,), direction, d or 0.0)))
    if d is not None and direction in ("front", "back") and "head" not in lm.axes:
        # "Three cun behind the outer corner of the eye": judged on a side view's figure, where there is one.
        claims.append(Claim("ahead", words=words, measure=("from", (lm.text,), direction, d)))
    return claims


# Landmarks a point "behind" or "in front of" is not level with (a tendon runs the length of the limb).
_NO_LEVEL = frozenset({"achilles", "biceps_tendon", "tibia", "fibula", "finger_tendons", "patellar_tendon"})
# Landmarks of the upper neck a point beside them is level with ("behind the angle of the jaw").
_NECK_LEVEL = frozenset({"jaw_angle", "mastoid"})
# Landmarks whose ends stand at a known distance from the midline: above or below an end is in its column.
_COLUMN_KEYS = frozenset({"collarbone", "scapular_spine"})


def _trunk_scale(level: float, sign: int) -> float:
    """Vertebral levels per B-cun on the front of the trunk: 8 cun xiphoid-navel, 5 cun navel-pubis."""
    below_navel = level > 21.4 or (level >= 21.4 and sign > 0)
    return 6.0 / 5.0 if below_navel else 5.5 / 8.0


_COMPOUND_DIR = (
    r"in\s+front\s+of|behind|above|below|under|beneath|anterior(?:\s+to)?|posterior(?:\s+to)?|inferior(?:\s+to)?|"
    r"superior(?:\s+to)?|distal(?:\s+to)?|proximal(?:\s+to)?"
)
_COMPOUND = re.compile(
    rf"\b(?P<a>{_COMPOUND_DIR})\s+(?:and|&)\s+(?:just\s+|slightly\s+|a\s+little\s+)?(?P<b>{_COMPOUND_DIR})\s+"
    r"(?P<lm>(?:the|its)\s+[^,;]+)"
)


def _with_to(direction: str) -> str:
    bare = ("anterior", "posterior", "inferior", "superior", "distal", "proximal")
    return f"{direction} to" if direction in bare else direction


def _claims(clause: str, kind: str, limb: str | None) -> list[Claim]:
    # "Behind and below the outer ankle bone", "anterior and distal to the lateral malleolus": both sides of it.
    clause = _COMPOUND.sub(
        lambda m: f"{_with_to(m.group('a'))} {m.group('lm')} and {_with_to(m.group('b'))} {m.group('lm')}", clause
    )
    claims: list[Claim] = []
    used: list[tuple[int, int]] = []
    if limb == "arm" and (between := _PALM_TENDONS.search(clause)):
        # "Between the two central tendons": the wrist flexors, on the palm side of the forearm.
        claims.append(Claim("face", direction="anterior", words=between.group(0)))
    level_words = re.search(r"\b(?:level|height)\b", clause) is not None
    # Distances: "two cun above the wrist crease", "a hand's width below the knee".
    for m in _DISTANCE_RE.finditer(clause):
        d = amount(m.group("num"), m.group("unit"))
        found = _direction_at(clause, m.end())
        if d is None or found is None:
            continue
        direction, end = found
        lm = _landmark_after(clause, end)
        if lm is None:
            continue
        if _ANOTHER_POINT.search(clause, 0, m.start()):
            used.append((m.start(), lm.end))  # "halfway between the crown and the point 2 cun above the hairline"
            continue
        level_only = (level_words and clause.rfind("level", 0, m.start()) >= 0) or "height" in clause[: m.start()]
        claims += _displace(lm, direction, d, clause[m.start() : lm.end], level_only=level_only)
        used.append((m.start(), lm.end))
    # "level with", "at the height of": the same height as the landmark.
    for m in _LEVEL_RE.finditer(clause):
        if any(s <= m.start() < e for s, e in used):
            continue
        if any(
            (found := _direction_at(clause, d.end())) and found[0] in ("up", "down")
            for d in _DISTANCE_RE.finditer(clause, 0, m.start())
        ):
            continue  # "3 cun below the pulse in the groin at the level of the pubic bone": the pulse's level
        if re.search(
            r"\b(?:one|two|three|a|an)\s+(?:rib\s+)?(?:(?:gaps?|spaces?|vertebrae|bumps|bones)\s+)?(?:below|above|under)\s+$",
            clause[: m.start()],
        ):
            continue  # "the rib gap one below the level of the nipple": a count of rib spaces from that level
        lm = _landmark_after(clause, m.end())
        if lm is None:
            continue
        if _DISTANCE_RE.match(clause, m.end()):
            continue
        for axis, (lo, hi) in lm.axes.items():
            if axis in VERTICAL:
                words = clause[m.start() : lm.end]
                measure = ("level", (lm.text,), None, 0.0)
                claims.append(Claim(axis, lo, hi, 1.0 if axis != "trunk" else 1.5, words=words, measure=measure))
        used.append((m.start(), lm.end))
    for m in _LINE_RE.finditer(clause):
        lm = _landmark_after(clause, m.end())
        if lm is not None and lm.text.endswith("nipples") and "trunk" in lm.axes:
            # "In line with the nipples": the line joining them, their level.
            lo, hi = lm.axes["trunk"]
            claims.append(
                Claim("trunk", lo, hi, 1.5, words=clause[m.start() : lm.end], measure=("level", (lm.text,), None, 0.0))
            )
            used.append((m.start(), lm.end))
        elif lm is not None and "midline" in lm.axes:
            lo, hi = lm.axes["midline"]
            claims.append(Claim("midline", lo, hi, 1.0, words=clause[m.start() : lm.end]))
            used.append((m.start(), lm.end))
    # "T3 level", "at navel height": level with the landmark named just before.
    pos = 0
    while (lm := find_landmark(clause, pos)) is not None:
        pos = lm.end
        level = re.match(r"\s+(?:level|height)\b", clause[lm.end :])
        if any(s <= lm.start < e for s, e in used) or not level:
            continue
        for axis, (lo, hi) in lm.axes.items():
            if axis in VERTICAL:
                measure = ("level", (lm.text,), None, 0.0)
                words = f"at {lm.text} {level.group(0).strip()}"  # "at waist level"
                claims.append(Claim(axis, lo, hi, 1.5 if axis == "trunk" else 1.0, words=words, measure=measure))
        used.append((lm.start, lm.end))
    # Measured up from one ankle bone, a point is on that side of the leg ("3 cun above the outer ankle bone").
    for m in _DISTANCE_RE.finditer(clause):
        found = _direction_at(clause, m.end())
        lm = _landmark_after(clause, found[1]) if found and found[0] == "up" else None
        if lm is not None and lm.key in ("inner_ankle", "outer_ankle"):
            lo, hi = SIDE_RANGE["medial" if lm.key == "inner_ankle" else "lateral"]
            claims.append(Claim("side", lo, hi, 0.6, words=clause[m.start() : lm.end]))
    # "halfway between A and B".
    for m in _HALFWAY_RE.finditer(clause):
        a = _landmark_after(clause, m.end())
        if a is None:
            continue
        joint = re.match(r"\s*(?:and|to)\s+", clause[a.end :])
        b = _landmark_after(clause, a.end + joint.end()) if joint else None
        if b is None:
            continue
        for axis in set(a.axes) & set(b.axes):
            if axis in VERTICAL:
                mid = (sum(a.axes[axis]) + sum(b.axes[axis])) / 4
                half = abs(sum(a.axes[axis]) - sum(b.axes[axis])) / 4
                measure = ("halfway", (a.text, b.text), None, 0.0)
                claims.append(
                    Claim(axis, mid, mid, max(1.0, 0.25 * half), words=clause[m.start() : b.end], measure=measure)
                )
        used.append((m.start(), b.end))
    # Directions without a number: "just below the skull", "above the collarbone", "behind the ear".
    for m in _DIR_ANY.finditer(clause):
        if any(s <= m.start() < e for s, e in used):
            continue
        found = _direction_at(clause, m.start())
        if found is None:
            continue
        direction, end = found
        lm = _landmark_after(clause, end)
        if lm is None:
            continue
        near = _JUST_RE.search(clause[max(0, m.start() - 14) : m.start()])
        if direction in ("up", "down") and re.match(r"(?:finger\s?)?tips?\s+of|fingertips?", lm.text):
            continue  # "under the tip of the middle finger" (in a fist): a finger pointing, not a landmark
        just = near is not None or lm.small
        # "Just below" and "right below" are close to it; "directly below" only in line with it.
        close = near is not None and not near.group(0).startswith("directly")
        if direction == "out":
            claims += _displace(lm, direction, None, clause[m.start() : lm.end], level_only=False)
        else:
            claims += _displace(
                lm,
                direction,
                0.5 if just else None,
                clause[m.start() : lm.end],
                level_only=False,
                just=just,
                close=close,
                # "Seven cun above the dip behind the outer ankle bone": measured from there, not level with it.
                beside=not just and _DISTANCE_RE.search(clause, 0, m.start()) is None,
            )
        used.append((m.start(), lm.end))
    # "front of the X" / "back of the X" for a structure used as a reference ("at the back of the point of the shoulder").  # noqa: E501 (a pattern reads best whole)
    for m in re.finditer(
        r"\b(front|back|rear|underside|top|lower|upper|inferior|superior|posterior|anterior)\s+"
        r"(?:(?:inner|outer|medial|lateral)\s+)?(?P<edge>(?:end|edge|part|side|border|margin|corner)\s+)?of\s+",
        clause,
    ):
        lm = _landmark_after(clause, m.end())
        if lm is not None and lm.key in _FRONT_BACK_KEYS and (m.group(1) != "top" or m.group("edge")):
            if m.group(1) in ("lower", "upper", "inferior", "superior") and not re.search(
                r"\b(?:at|on|along|midpoint\s+of|middle\s+of|centre\s+of)\s+the\s+$", clause[: m.start()]
            ):
                continue
            direction = {"front": "front", "back": "back", "rear": "back", "underside": "down", "lower": "down", "top": "up",  # noqa: E501 (a pattern reads best whole)
                         "anterior": "front", "posterior": "back",
                         "inferior": "down", "upper": "up", "superior": "up"}[m.group(1)]  # fmt: skip
            claims.append(Claim(f"rel:{lm.key}", direction=direction, words=clause[m.start() : lm.end]))
    # "The front one of the two dips at the shoulder tip": which of a pair of hollows beside a structure.
    for m in _PAIRED_DIP.finditer(clause):
        lm = find_landmark(clause, m.end())
        if lm is not None and lm.key in _FRONT_BACK_KEYS and lm.start - m.end() < 40:
            direction = "front" if m.group(1) in ("front", "anterior", "forward", "fore") else "back"
            claims.append(Claim(f"rel:{lm.key}", direction=direction, words=clause[m.start() : lm.end]))
    for pattern, key, direction in _FOSSAE:
        if re.search(pattern, clause):
            claims.append(Claim(f"rel:{key}", direction=direction, words=pattern))
    # The point is at a landmark: "at the wrist crease", "in the notch at the top of the breastbone".
    if kind == "position" or (kind == "reference" and _bare_landmark(clause)):
        claims += _at_landmarks(clause, used)
    claims += _side_claims(clause, limb)
    return claims


def _bare_landmark(clause: str) -> bool:
    """A list's item that is a landmark alone ("dorsum of hand, midpoint of 2nd metacarpal"): where the point is."""
    lm = find_landmark(clause)
    return (
        lm is not None
        and not lm.small
        and set(lm.axes) <= {"arm", "leg", "side"}  # not a level glossed in brackets ("(the seventh thoracic)")
        and re.fullmatch(r"(?:the\s+)?", clause[: lm.start]) is not None
        and lm.end == len(clause)
    )


_PAIRED_DIP = re.compile(
    r"\b(front|back|rear|anterior|posterior|forward|fore|hind)(?:\s+one)?\s+(?:of\s+the\s+two\s+)?"
    r"(?:dips?|hollows?|depressions?|pits?)(?:\s+of\s+the\s+two)?\b"
)
_ABOUT = re.compile(r"\b(?:about|around|roughly|approximately|level|height)\s+(?:\w+\s+){0,3}$")
_AT_WORDS = re.compile(r"\b(?:at|in|on|into|over|inside)\s+(?:the\s+|its\s+)?(?:[\w'-]+\s+){0,4}$")


def _at_landmarks(clause: str, used: list[tuple[int, int]]) -> list[Claim]:
    claims = []
    pos = 0
    while (lm := find_landmark(clause, pos)) is not None:
        pos = lm.end
        before = clause[: lm.start]
        if (
            any(s <= lm.start < e for s, e in used)
            or _DIR_ANY.search(before[-40:])
            or "between" in before[-60:]
            or re.search(r"\b(?:either|each|both)\s+sides?\b", before)  # "either side of the dip under ... the spine"
            # "Beside the tendon at the little-finger edge of the wrist": where the tendon is across the limb.
            or re.search(
                r"\b(?:tendons?|muscles?|bones?|ligaments?|cords?)\s+(?:at|on|along|in)\s+the\s+(?:[\w-]+\s+){0,2}"
                r"(?:edge|side|border)\s+of\s+(?:the\s+)?$",
                before,
            )
        ):
            continue
        if re.search(
            r"\b(?:near|toward|towards|from|to|past|beyond|than|and|or|with|across|joining|connecting|linking)\s+(?:\w+\s+){0,3}$",
            before,
        ):
            continue
        if re.search(r"\bline\b[^,;]*\b(?:from|to|between|joining|connecting)\b", before):
            continue  # "on the line running from that hollow to the outer end of the elbow crease": an end of it
        if re.match(
            r"\s+(?:touch|touches|lands|land|reaches|reach|rests|meets|points|falls|comes?\s+to\s+rest|settles?)\b",
            clause[lm.end :],
        ):
            continue  # "where the tip of the middle finger touches": a way to find it

        # "At the X", "in the X": where the figure has the landmark, the point must be at it (judge.py).
        if (
            _AT_WORDS.search(before)
            and not re.search(r"\bline\b", before[-60:])
            and not re.fullmatch(r"eyes?|pupils?", lm.text)  # "over the pupil" is a line up the face
        ):
            claims.append(Claim("at", words=lm.text, measure=("at", (lm.text,), None, 0.0)))
        for axis, (lo, hi) in lm.axes.items():
            if axis in ("midline",) and lm.key is None and lo == 0 and "spine" in lm.text:
                claims.append(Claim(axis, 0, 0, 0.5, words=lm.text))
            elif axis == "midline" and lm.small and _ABOUT.search(before):
                continue  # "at about L2": a level, not the spine itself
            elif axis in VERTICAL or axis == "midline":
                claims.append(Claim(axis, lo, hi, 1.0 if axis in ("trunk", "midline") else 0.5, words=lm.text))
    if re.search(r"\bon\s+the\s+(?:\w+\s+)?(?:mid-?line|centre\s+line|center\s+line)\b|\bon\s+the\s+spine\b", clause):
        claims.append(Claim("midline", 0, 0, 0.5, words="on the midline"))
    return claims


_TOWARD_SIDE = re.compile(
    r"\b(?:on\s+|at\s+)?(?:the\s+)?(?:\w+\s+){0,3}?(?:wrist|forearm|hand|arm|ankle|foot|shin|leg)\s+"
    r"(?:toward|towards|nearer|closer\s+to)\s+the\s+(?P<d>thumb|little\s+finger|big\s+toe|little\s+toe)\b"
    r"(?!\s*(?:-|\s)(?:side|edge|end|border)\s+of|\s+(?:and|tip|nail|pad))"
)


_KNEECAP_CORNER = re.compile(
    r"\b(?:(?:upper|lower|top|bottom)\s+)?(?P<side>inner|outer|medial|lateral)\s+(?:(?:upper|lower|top|bottom)\s+)?"
    r"(?:corner|edge|border|end|side|angle)\s+of\s+the\s+(?:knee\s?cap|patella)"
)


def _side_claims(clause: str, limb: str | None) -> list[Claim]:
    """A side of the limb the point itself is on: "the thumb end of the wrist crease", "the inner thigh"."""
    claims = []
    for m in _KNEECAP_CORNER.finditer(clause):
        # "Two cun above the top inner corner of the kneecap": measured up from that corner, on that side.
        lo, hi = SIDE_RANGE["medial" if m.group("side") in ("inner", "medial") else "lateral"]
        claims.append(Claim("side", lo, hi, 0.0, words=m.group(0)))
    for m in _TOWARD_SIDE.finditer(clause):
        # "On the back of the wrist toward the thumb": on that side of the part.
        side = {"thumb": "radial", "little finger": "ulnar", "big toe": "medial", "little toe": "lateral"}[
            re.sub(r"\s+", " ", m.group("d"))
        ]
        lo, hi = SIDE_RANGE[side]
        claims.append(Claim("side", lo, hi, 0.0, words=m.group(0)))
    for m in _SIDE_RE.finditer(clause):
        word = (
            m.group("word").replace("-", " ")
            if "finger" in m.group("word") or "toe" in m.group("word")
            else m.group("word")
        )
        word = {"little finger": "little-finger", "big toe": "big-toe", "little toe": "little-toe"}.get(word, word)
        word = "index finger" if word.startswith("index") else word
        of = (m.group("of") or "").strip()
        if of:
            of_part = re.match(
                rf"^(?:(?:the|its|lower|upper|front|back|palm|dorsal|palmar|bent|inner|outer|inside|outside)\s+)*(?:(?:back|front|top|palm\s+side|side)"
                rf"\s+of\s+the\s+)?(?:(?:lower|upper)\s+)?{_PART_NOUN}\b",
                of,
            )
            if not of_part:
                continue  # a side of a tendon, a bone, a knob: about the reference, judged as "rel:" claims
        after = clause[m.end() :]
        if (
            not of
            and not re.match(rf"^\s*(?:{_PART_NOUN})\b", after)
            and not re.search(r"[- ](?:side|edge|end|border|aspect|half|part|corner|surface)\s*$", m.group(0))
        ):
            continue  # "inner" alone before another word ("the inner hamstring tendons")
        if re.match(r"^\s*(?:of|to)\b", after) and not of:
            continue
        # A digit's own side ("the side of the index finger") is read by the digit claims.
        if re.search(rf"{DIGIT_WORD}[- ](?:finger|toe)|thumb|big toe", of):
            continue
        crease_end = re.search(r"[- ]end\b", m.group(0)) and re.match(
            r"(?:the\s+)?(?:elbow|wrist|cubital)\s+crease", of
        )
        if word in _ARM_SIDE and limb != "leg":
            side = _ARM_SIDE[word]
        elif word in ("inner", "inside", "outer", "outside") and limb == "arm" and crease_end:
            side = "ulnar" if word in ("inner", "inside") else "radial"  # "the outer end of the elbow crease"
        elif word in _LEG_SIDE and limb == "leg":
            side = _LEG_SIDE[word]
        elif word in ("medial", "lateral") and limb == "arm":
            side = "ulnar" if word == "medial" else "radial"
        else:
            continue
        lo, hi = SIDE_RANGE[side]
        claims.append(Claim("side", lo, hi, 0.0, words=m.group(0)))
    return claims


def _digit_claims(clause: str) -> list[Claim]:
    claims = []
    for m in _GAP_DIGITS.finditer(clause):
        a, b = _digit(m.group("a")), _digit(m.group("b"))
        if a and b and abs(a - b) == 1:
            mid = (a + b) / 2
            claims.append(Claim("side", mid, mid, 0.3, words=m.group(0)))
    on = _ON_DIGIT.search(clause)
    if on:
        d = _digit(on.group("d") or on.group("t"))
        if d:
            offset = 0.0
            facing = _DIGIT_FACING.search(clause)
            away = _DIGIT_AWAY.search(clause)
            end = on.end()
            for found, sign in ((facing, 1), (away, -1)):
                if found:
                    other = next(v for v in found.groupdict().values() if v)
                    o = _digit(other) if not other.startswith(("other", "rest")) else (2 if d == 1 else None)
                    if o and o != d:
                        offset = sign * (0.25 if o > d else -0.25)
                        end = max(end, found.end())
            side = re.search(
                r"\b(radial|ulnar|thumb|little[- ]finger|tibial|fibular|medial|lateral)[- ](?:side|edge|border|(?:nail\s+)?corner)",  # noqa: E501 (a pattern reads best whole)
                clause,
            )
            toe = on.group("kind") == "toe" or (on.group("t") or "").startswith(("big", "great", "hallux"))
            if side is None and toe:
                # On a toe, "inner" and "outer" are the big-toe and little-toe sides.
                toe_side = re.search(r"\b(inner|outer)[- ](?:side|edge|(?:nail\s+)?corner)", clause)
                if toe_side is not None:
                    side = re.search(r"(medial|lateral)", {"inner": "medial", "outer": "lateral"}[toe_side.group(1)])
            if not offset and side:
                offset = -0.25 if side.group(1) in ("radial", "thumb", "tibial", "medial") else 0.25
                if side.group(1).startswith("little") and d == 5:
                    offset = 0.25
            if offset:
                claims.append(Claim("side", d + offset, d + offset, 0.12, words=clause[on.start() : end]))
            else:
                claims.append(Claim("side", d - 0.3, d + 0.3, 0.0, words=on.group(0)))
    return claims
