"""Judge a described location against where the point is: part, side, landmark sides and distances.

Each clause of the description (parser.py) is judged for what it is: a position clause's body part must
be the point's part or a neighbour and not the opposite side; every measured claim (a distance, a level,
a side of the limb, a finger or toe) must fall within tolerance of the point's placement (placement.py):
max(1 cun, 25 % of the stated distance), the WHO proportional measure being good to about a thumb's
width and lay measures ("a hand's width") to about a quarter; a structure named as a reference must be
on the side the atlas says ("below the collarbone"). Wording that yields no claim is reported as not
checked, never as an error. Pure: no Django import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import parser
from .anatomy import OPPOSITE, compatible_parts, contradiction, mentions
from .figure_placement import LINES, MIDLINE
from .placement import Frame, Placement, limb_of, other_points
from .vocabulary import (
    EXTRA,
    HOLLOW,
    OPPOSITE_DIRECTION,
    STRUCTURE_REACH,
    STRUCTURE_SIDE,
    TOLERANCE_FLOOR,
    figure_names,
)

# Words that start a reference inside a clause: what follows is measured from, not where the point is.
_RELATION = re.compile(
    r"\b(?:above|below|under|underneath|beneath|behind|in\s+front\s+of|beside|next\s+to|near|close\s+to|toward|"
    r"towards|from|level\s+with|in\s+line\s+with|between|halfway|midway|lateral\s+to|medial\s+to|proximal|distal|"
    r"(?<!the\s)(?:outside|inside)(?!\s+(?:of|edge|side|border|surface|face|aspect|corner|end)\b)|past|beyond|opposite|straight|directly|up|down|where|of\s+the\s+way|at\s+the\s+level|"
    r"at\s+the\s+height|the\s+same|just\s+(?:in|out)|toward|than|\d|one|two|three|four|five|six|seven|eight|"
    r"half|either|each|and|or|with|when|into|running|runs|(?<!middle\s)(?<!centre\s)(?<!center\s)line|touched|touches|reaches|lands|rests|meets|tendons?|"
    r"muscles?|bones?|knobs?|ligaments?|that|which)\b"
)
# Multi-part words narrowed by the side they are seen from: the front of the hip is the groin.
_NARROW = {("hip", "anterior"): {"groin"}, ("hip", "posterior"): {"buttock"}, ("hip", "lateral"): {"buttock", "thigh"}}
_TRUNK = {"chest", "abdomen", "back", "neck", "groin", "buttock"}
# Zones of the neck and trunk named as the position, by level (vocabulary.py's trunk axis).
_TRUNK_ZONES = (
    (r"(?:back|nape)\s+of\s+the\s+neck|nape", (-0.5, 7.8)),
    (r"(?:middle|centre|center)\s+of\s+the\s+(?:upper\s+)?back|mid[- ]back", (10.0, 19.5)),
    (r"upper\s+back|top\s+of\s+the\s+back", (7.0, 19.8)),
    (r"lower\s+back|small\s+of\s+the\s+back|lumbar", (18.5, 25.5)),
    (r"sacrum|sacral|tailbone|coccyx", (23.0, 32.0)),
    (r"(?:top|upper\s+(?:part|edge|half))\s+of\s+the\s+(?:buttocks?|bottom)|upper\s+buttocks?", (22.5, 27.5)),
    (r"(?:upper|top\s+of\s+the)\s+chest", (8.3, 12.8)),
    (
        r"(?:lateral|outer|side\s+of\s+the)\s+chest|(?:side\s+of\s+the\s+)?(?:rib\s?cage|chest\s+wall)|chest",
        (8.3, 20.5),
    ),
    (r"upper\s+(?:belly|abdomen|tummy)", (15.0, 22.0)),
    (r"lower\s+(?:belly|abdomen|tummy)", (20.5, 28.5)),
    (r"throat|(?:front|side)\s+(?:(?:mid-?line|part|edge)\s+)?of\s+the\s+neck", (-0.5, 9.7)),
    (r"back\s+of\s+the\s+head|occiput", (-12.0, 1.0)),
    (r"(?:top|crown)\s+of\s+the\s+head|vertex|forehead|temples?", (-15.0, -1.0)),
)
# Zones of the head named as the position, over the scalp from the front hairline (vocabulary.py's head axis).
_HEAD_ZONES = (
    (r"(?:back|nape)\s+of\s+the\s+neck|nape", (11.5, 30.0)),
    (r"forehead", (-4.0, 0.5)),
    (r"(?:top|crown)\s+of\s+the\s+head|crown|vertex", (2.0, 8.5)),
)
# The side of the body each figure shows, and the parts whose front and back it tells apart.
_FACING = {"trunk_front": "anterior", "leg_front": "anterior", "head_front": "anterior",
           "trunk_back": "posterior", "leg_back": "posterior", "head_back": "posterior"}  # fmt: skip
_FACED = {"back", "buttock", "chest", "abdomen", "neck", "head", "face", "groin", "thigh", "knee", "lower_leg"}
_SIDEWAYS = re.compile(r"\b(?:sides?|flank|lateral|outer|outside|edge|border)\b")
# The stretch of a limb that a segment's name covers, away from the joints at its ends (vocabulary.py's
# axes): "on the forearm" is not a point in the elbow crease, "on the calf" not one in the knee crease.
_SEGMENT_CORES = (
    (r"forearms?", "arm", (0.7, 99.0)),
    (r"upper\s+arms?", "arm", (-99.0, -0.7)),
    (r"thighs?", "leg", (-99.0, -0.9)),
    (r"lower\s+legs?|shins?|calf|calves", "leg", (0.9, 15.0)),
    (r"(?:top|dorsum|back)\s+of\s+the\s+foot|instep", "leg", (17.8, 99.0)),
)
# A joint named as the position ("on the inner side of the ankle", "on the wrist crease") holds the points
# within a few cun of it: its stretch of the limb's axis where the atlas text measures the point, else its
# landmarks on the body figure and how far from them along the limb the joint's name still reaches.
_JOINTS = {
    "ankle": ("leg", (10.5, 18.3), ("medial_malleolus", "lateral_malleolus", "ankle_front", "ankle_front_centre"), 3.5),
    "wrist": ("arm", (8.0, 14.5), ("wrist_crease", "wrist_crease_radial", "wrist_crease_ulnar"), 4.0),
    "elbow": ("arm", (-4.0, 4.5), ("cubital_crease", "cubital_crease_medial", "olecranon"), 4.5),
    "knee": ("leg", (-5.0, 5.5), ("popliteal_crease", "popliteal_crease_medial", "patella_base", "patella_apex"), 5.5),
}


@dataclass
class Verdict:
    errors: list[str] = field(default_factory=list)  # plain words: what the text says that is wrong
    unchecked: list[str] = field(default_factory=list)  # clauses the judge could not read
    clauses: int = 0  # location clauses (cues excluded)
    checked: int = 0  # of which at least one claim was compared with the point
    measures: int = 0  # distances, levels and halfway claims read
    on_figure: int = 0  # of which judged on the body figure (the others against the atlas text)

    @property
    def share_checked(self) -> float:
        return self.checked / self.clauses if self.clauses else 1.0


# The hand laid on the body as a ruler: "four fingers together, little finger on the ankle bone".
_HAND_RULER = re.compile(
    r"\b(?:(?:two|three|four|2|3|4)\s+fingers(?!\s*(?:'|’)?\s*(?:widths?|breadths?))(?!\s*\))(?!\s*(?:\([^)]*\)\s*)?(?:above|below|up|down|from|"
    r"behind|in\s+front|beside|inside|outside|out|back|higher|lower|apart|away|to\s+the|(?:toward|towards|into|under|over)\b|"
    rf"in\s+(?:the|a)\s+(?:[\w-]+\s+)?{HOLLOW}\b))|"
    r"fingers\s+(?:together|flat|side\s+by\s+side)|"
    r"(?:lay|put|place|rest|line\s+up)\s+(?:your\s+|the\s+)?(?:\w+\s+)?fingers)\b"
    # "Rest two fingers in the hollow": on the point, not laid out as a ruler.
    rf"(?!\s+(?:gently\s+)?(?:in|into)\s+(?:the|a)\s+(?:[\w-]+\s+)?{HOLLOW})",
    re.IGNORECASE,
)
_RULER_FINGER = re.compile(
    r"\b(?:your\s+|my\s+|the\s+)?(?:(?:top|bottom|upper|lower|first|last|index|middle|ring|little|fourth|pinky|pinkie)\s+)?"
    r"(?:finger|fingers|thumb)\b(?!\s*(?:-|\s)?(?:(?:'|’)?s?\s*)?(?:widths?|breadths?))"
    r"(?![- ](?:sides?|edges?|ends?|borders?|corners?)\b)",
    re.IGNORECASE,
)


_RULER_LAID = re.compile(
    r"\b(?:put|place|lay|rest|line\s+up)\s+(?:your\s+|the\s+)?(?P<n>two|three|four|2|3|4)\s+fingers\s+"
    r"(?:(?:of|from)\s+(?:your|the)\s+(?:[\w-]+\s+){0,2}?hand\s+)?(?:(?:together|flat|side\s+by\s+side)\s+)?"
    r"(?P<dir>below|above|under|beneath)\s+(?P<lm>(?:your|the)\s+[\w'’ -]+?)(?=\s*[;,.:]|\s+(?:with|so|and)\b)",
    re.IGNORECASE,
)
_RULER_END = re.compile(
    r"\b(?:just\s+)?(?:under|below|beneath|above|beyond|past|at|by)\s+(?:the\s+edge\s+of\s+)?(?:your|the)\s+"
    r"(?:little|index|fourth|last|top|bottom|lowest|highest)\s+finger\b",
    re.IGNORECASE,
)


def judge(text: str, placement: Placement, others: Callable[[str], Placement | None] | None = None) -> Verdict:
    """``others`` places the other points the text names ("three cun above LI11"), when given."""
    verdict = Verdict()
    token = EXTRA.set(other_points(text, placement.code, others) if others is not None else ())
    try:
        return _judge(text, placement, verdict)
    finally:
        EXTRA.reset(token)


def _judge(text: str, placement: Placement, verdict: Verdict) -> Verdict:
    if (
        placement.part not in _HAND
        and (laid := _RULER_LAID.search(text))
        and (end := _RULER_END.search(text, laid.end()))
    ):
        # "Put four fingers below the kneecap; the point is just under the little finger": four finger-widths below.
        measure = f"{laid['n']} finger-widths {laid['dir']} {laid['lm']}"
        text = text[: laid.start()] + measure + text[laid.end() : end.start()] + "there" + text[end.end() :]
    if placement.part not in _HAND and _HAND_RULER.search(text):
        # The fingers are a measure here, not where the point is.
        text = _RULER_FINGER.sub("the ruler", text)
    reading = parser.read(text, placement.limb, own=placement.code)
    zoned = False
    for clause in reading.clauses:
        if clause.kind in ("cue", "aside") or clause.text.startswith("the ruler"):
            continue  # "index finger at the lower edge of the kneecap": where the ruler lies, not the point
        verdict.clauses += 1
        checked = False
        if clause.kind == "position" or _BETWEEN_BLADES.fullmatch(clause.text) or _DIGIT_FACE.match(clause.text):
            # "..., between the shoulder blades": a zone of the back wherever it stands.
            result, looked = _zone(clause.text, placement)
            checked |= looked
            zoned |= looked
            if result:
                verdict.errors.append(result)
        for claim in clause.claims:
            if claim.measure is not None:
                verdict.measures += 1
                if placement.frame is not None and _on_figure(claim, placement) is not None:
                    verdict.on_figure += 1
            result, looked = _claim(claim, placement)
            checked |= looked
            if result:
                verdict.errors.append(result)
        if checked:
            verdict.checked += 1
        else:
            verdict.unchecked.append(clause.text)
    if not verdict.errors and (said := _posture(reading, placement)):
        verdict.errors.append(said)
    if not zoned and not verdict.errors:
        # No position clause named a part ("In the crease behind the knee"): read the parts the text names at all.
        located = _NOT_PARTS.sub(
            " ",
            ", ".join(
                _WHEN_TAIL.sub("", c.text)
                for c in reading.clauses
                if c.kind in ("position", "reference") and not _NEAR.match(c.text)
            ),
        )
        found = contradiction(located, part=placement.part, aspect=placement.aspect, region_label=placement.part)
        if found is None and placement.limb is not None:
            # A cue counts when it moves the other limb ("bend the knee" for an elbow point); a posture of the
            # point's own limb or of the trunk is how to find it ("hook the thumbs together", "arms by the sides").
            cues = _NOT_PARTS.sub(
                " ", ", ".join(c.text for c in reading.clauses if c.kind == "cue" and _MOVES.search(c.text))
            )
            other = [
                m
                for m in mentions(cues)
                if m.parts and not m.parts & _HAND and all(limb_of(p) not in (None, placement.limb) for p in m.parts)
            ]
            if other:
                found = contradiction(
                    other[0].text, part=placement.part, aspect=placement.aspect, region_label=placement.part
                )
        if found is not None:
            verdict.errors.append(f"the text names “{found.said}”")
    verdict.errors = list(dict.fromkeys(verdict.errors))
    return verdict


# "Near the shoulder", "towards the thumb": how close it is to a part, not what it is on.
_NEAR = re.compile(r"(?:just\s+|quite\s+|very\s+|fairly\s+)?(?:near|close\s+to|towards?|nearer|closer\s+to)\b")
# "... that stand out when the thumb is lifted": the rest of the clause is how to find it.
_WHEN_TAIL = re.compile(r"\b(?:when|while|whenever|as\s+you|if\s+you)\b.*$")
# A cue that moves a part ("bend the knee", "pull the big toe up"), and the parts that feel for a point.
_MOVES = re.compile(
    r"\b(?:bend|bent|bending|flex|flexed|flexing|straighten|pull|pulling|lift|lifting|raise|raising|curl|curling|"
    r"point|pointing|wiggle|spread|press\s+down|stretch)\b|\b(?:knees?|elbows?|wrists?|ankles?|toes?)\s+(?:\w+\s+)?(?:bent|flexed|up|raised)\b"
)
_HAND = frozenset({"hand", "finger"})
# Postures that leave one side of the trunk to work on: lying face down, the back; face up, the front.
_FACE_DOWN = re.compile(
    r"\b(?:lying|lie|lies|laid|lay)\s+(?:\w+\s+){0,2}?(?:face[- ]down|prone|on\s+(?:the|your|their|his|her)\s+(?:front|belly|stomach|tummy))\b"  # noqa: E501 (a pattern reads best whole)
)
_FACE_UP = re.compile(
    r"\b(?:lying|lie|lies|laid|lay)\s+(?:\w+\s+){0,2}?(?:face[- ]up|supine|on\s+(?:the|your|their|his|her)\s+back)\b"
)
_SPINE_REFERENCE = re.compile(
    r"\b(?:(?:to\s+)?(?:the\s+)?sides?\s+of|beside|either\s+side\s+of|out\s+from|lateral\s+to|next\s+to)\s+the\s+"
    r"(?:spine|backbone|spinal\s+column|spinous\s+process)"
)


def _posture(reading: parser.Reading, placement: Placement) -> str | None:
    """ "Lying face down: four cun to the side of the spine" for a point on the belly: the wrong side of the trunk."""
    if placement.part not in _TRUNK - {"neck", "groin"}:
        return None
    front = placement.part in ("chest", "abdomen")
    cues = " ".join(c.text for c in reading.clauses if c.kind == "cue")
    located = " ".join(c.text for c in reading.clauses if c.kind in ("position", "reference"))
    if front and _FACE_DOWN.search(cues):
        return f"“{_FACE_DOWN.search(cues).group(0)}” leaves the back to work on; it is on the front of the trunk"
    if not front and _FACE_UP.search(cues):
        return f"“{_FACE_UP.search(cues).group(0)}” leaves the front to work on; it is on the back"
    if front and (m := _SPINE_REFERENCE.search(located)):
        return f"“{m.group(0)}” measures it on the back; it is on the front of the trunk"
    return None


# Words that name a side or a measure, not a body part: "the thumb side", "a hand's width".
_NOT_PARTS = re.compile(
    r"\b(?:thumb|little[- ]finger|big[- ]toe|little[- ]toe|pinkie|pinky|finger)[- ]?(?:side|edge|end|border|corner)s?\b|"  # noqa: E501 (a pattern reads best whole)
    r"\b(?:under|beneath|with|between)\s+(?:your|the|my)\s+(?:finger(?:tip)?s?|thumbs?|hands?)\b|"
    r"\b(?:hand|finger|thumb|palm)(?:'s|s)?[- ]?(?:widths?|breadths?)\b|\b(?:finger|toe|thumb|big[- ]toe)\s+(?:(?:extensor|flexor|long|common)\s+)?(?:tendons?|bones?)\b|\b(?:tip|pad)\s+of\s+the\s+\w+\s+(?:finger|thumb)\b"  # noqa: E501 (a pattern reads best whole)
    # "The ulnar end of the distal palm crease" is on the border of the hand.
    r"|(?<=\bend\sof\sthe\s)(?:(?:distal|proximal|lower|upper|main|transverse)\s+)?palm(?=\s+crease)"
)


_LEAD = re.compile(
    r"^(?:(?:right\s+|high\s+|way\s+|well\s+)?(?:up|down|over|out|round|around)\s+(?=(?:on|in|at|over)\b)|"
    r"(?:(?:just|right|deep|straight)\s+)?into\s+(?=(?:the|a)\b))"  # "into the hollow ...": where the point is
)


def _head(clause: str) -> str:
    clause = _LEAD.sub("", clause)  # "up on the top of the shoulder"
    clause = _NOT_PARTS.sub(lambda m: " " * len(m.group(0)), clause)
    m = _RELATION.search(clause)
    return clause[: m.start()] if m else clause


def _zone(clause: str, placement: Placement) -> tuple[str | None, bool]:
    head = _head(clause)
    full = _LEAD.sub("", clause)  # the clause as far as it goes, at the same offsets as its head
    bare = _BARE_FACE.fullmatch(head)
    if bare and placement.limb is not None:
        # "On the inner edge of the forearm, five cun above the wrist, on the back": the back of the limb.
        said = "posterior" if bare.group(1) == "back" else "anterior"
        if OPPOSITE.get(placement.aspect) == said:
            return f"the text puts it on the {_plain_side(said, placement.part)} (“{bare.group(0).strip()}”)", True
        return None, placement.aspect in ("anterior", "posterior")
    tail = _TRAILING_FACE.search(full, len(head))
    if tail and placement.limb is not None and placement.part in _LIMB_FACE_PARTS.get(tail.group(2), ()):
        # "One thumb-width above the elbow crease on the front of the arm": the face named after the measure.
        said = "posterior" if tail.group(1) == "back" else "anterior"
        if OPPOSITE.get(placement.aspect) == said:
            return f"the text puts it on the {_plain_side(said, placement.part)} (“{tail.group(0)}”)", True
    if placement.part in ("finger", "toe") and placement.aspect != "any" and _DIGIT_NAMED.search(full):
        # "On the palm side of the middle finger" for a point on its back.
        volar, dorsal = _DIGIT_VOLAR.search(full), _DIGIT_DORSAL.search(full)
        said = "volar" if volar and not dorsal else "dorsal" if dorsal and not volar else None
        where = "dorsal" if placement.aspect in ("posterior", "superior") else "volar"
        if said and said != where:
            words = {"finger": ("palm side", "back"), "toe": ("sole side", "top")}[placement.part]
            return (
                f"the text puts it on the {words[0] if said == 'volar' else words[1]} of the {placement.part}; "
                f"it is on the {words[0] if where == 'volar' else words[1]}",
                True,
            )
    trunk_tail = _TRAILING_TRUNK.search(full, len(head))
    if trunk_tail and placement.limb is None:
        # "Just under the collarbone on the chest": the part named after the reference.
        named_tail = mentions(trunk_tail.group(1))
        if named_tail and not any(m.parts & compatible_parts(placement.part) for m in named_tail):
            return f"the text puts it on the {trunk_tail.group(1)}", True
    between = _BETWEEN_BLADES.match(full)
    if between and "trunk" in placement.axes:
        # "Between the shoulder blades": the upper back, at the level of the blades.
        plo, phi = placement.axes["trunk"]
        if plo > 15.0 + 1.0 or phi < 9.0 - 1.0:
            return f"the text puts it {between.group(0).strip()}", True
    named = mentions(head)
    if not named:
        return None, False
    allowed = compatible_parts(placement.part)
    for m in named:
        if re.match(r"\s+of\b", head[m.start + len(m.text) :]) and m.text in ("head", "neck", "back", "face"):
            continue  # "the medial head of the gastrocnemius" is a muscle's head
        after = full[m.start + len(m.text) :]
        if (
            m.text.strip() in ("back", "front")
            and re.match(
                r"\s+(?:of\s+(?:the\s+)?)?(?:wrist|hand|forearm|arm|knee|thigh|leg|foot|ankle|heel|calf|shin|finger|thumb)s?\b"
                r"(?!\s+of\b)",
                after,
            )
            and not re.match(r"\s+of\b", after)
        ):
            continue  # "the back wrist crease": the back of the wrist
        if m.text.strip() in ("back", "front") and re.match(
            r"\s+(?:and|or|/)\s+(?:\w+\s+){0,2}(?:sides?|edges?|parts?|aspects?|surfaces?|borders?)\s+of\b", after
        ):
            continue  # "the back and outer side of the lower leg": a side of the limb, not the back
        # "The end of the palm crease" is on the border of the hand: the part, not its face.
        border = re.match(r"\s+(?:crease|line)\b", after) and re.search(
            r"\b(?:end|tip|edge)\s+of\s+the\s+(?:distal|proximal|lower|upper|main|transverse|big|first|second)?\s*$",
            head[: m.start],
        )
        if m.text in ("head", "neck") and re.search(r"\w(?:'s|’s)\s+(?:[\w-]+\s+){0,2}$", head[: m.start]):
            continue  # "the ulna's round head", "the femur's neck": a bone's
        parts = set(m.parts)
        if len(parts) > 1 and m.aspect:
            parts = _NARROW.get((m.text.split()[-1].rstrip("s"), m.aspect), parts)
        if not parts & allowed:
            return f"the text puts it on the {m.text.strip()}", True
        if parts == {"ankle"} and m.aspect in ("anterior", "posterior") and placement.part == "ankle":
            # "At the back of the ankle" for a point in front of the ankle bone (GB40, SP5), or the other way.
            said, away = ("back", "front") if m.aspect == "posterior" else ("front", "back")
            sides = set().union(*(placement.relations.get(k, set()) for k in ("inner_ankle", "outer_ankle")))
            if away in sides and said not in sides:
                where = "in front of" if away == "front" else "behind"
                return f"the text puts it at the {said} of the ankle; it is {where} the ankle bone", True
        if placement.part == "face" and parts == {"neck"} and m.aspect == "posterior":
            return "the text puts it on the back of the neck; it is on the face", True
        if m.aspect == "inferior" and parts == {"foot"} and placement.part not in ("foot", "toe"):
            return f"the text puts it on the {m.text.strip()}", True  # the sole is the foot's alone
        opposite = OPPOSITE.get(placement.aspect)
        front_back = placement.part in _TRUNK and parts <= _TRUNK and opposite in ("anterior", "posterior")
        limb_word = placement.part in parts and opposite in ("anterior", "posterior")  # "the back of the leg"
        # "The inside of the wrist" for a point two cun above it: the face of the limb there is the same.
        limb_word |= opposite in ("anterior", "posterior") and any(
            placement.part in group and parts <= group for group in _SAME_FACE
        )
        if (
            ((placement.part in parts and len(parts) == 1) or front_back or limb_word)
            and opposite
            and m.aspect == opposite
            and not border
        ):
            return f"the text puts it on the {_plain_side(opposite, placement.part)} (“{m.text.strip()}”)", True
        if (said := _off_joint(m.text.strip(), placement)) is not None:
            return said, True
        for pattern, axis, (lo, hi) in _SEGMENT_CORES:
            span = placement.axes.get(axis)
            measured = span and axis in placement.measured and re.fullmatch(pattern, m.text.strip())
            if measured and (span[1] < lo or span[0] > hi):
                return f"the text puts it on the {m.text.strip()}, away from the joint where it is", True
        faces = _FACING.get(placement.frame.view) if placement.frame else None
        if (
            faces
            and m.aspect in ("anterior", "posterior")
            and m.aspect != faces
            and parts <= _FACED
            and not _SIDEWAYS.search(head)
        ):
            # The body figure shows the point from the front (or the back): "on the back of the hip" for ST31.
            where = "front" if faces == "anterior" else "back"
            return (
                f"the text puts it on the {_plain_side(OPPOSITE[faces], placement.part)} (“{m.text.strip()}”); "
                f"it is on the {where}",
                True,
            )
    if "head" in placement.measured and placement.part == "head":
        for pattern, (lo, hi) in _HEAD_ZONES:
            if re.search(rf"\b(?:{pattern})\b", head):
                plo, phi = placement.axes["head"]
                if hi + 1.0 < plo or lo - 1.0 > phi:
                    return f"the text puts it on the {re.search(pattern, head).group(0)}", True
    if "trunk" in placement.axes:
        for pattern, (lo, hi) in _TRUNK_ZONES:
            if re.search(rf"\b(?:{pattern})\b", head):
                plo, phi = placement.axes["trunk"]
                if hi + 1.0 < plo or lo - 1.0 > phi:
                    return f"the text puts it on the {re.search(pattern, head).group(0)}", True
    return None, True


_ARM_FACES = {"forearm", "wrist", "hand", "finger"}
# A segment and the joint at its end, whose front and back are one surface of the limb.
_SAME_FACE = (
    frozenset({"forearm", "wrist"}), frozenset({"lower_leg", "ankle"}), frozenset({"thigh", "knee"}),
    frozenset({"upper_arm", "elbow"}),
)  # fmt: skip
_BETWEEN_BLADES = re.compile(
    r"\s*(?:(?:along|on|down)\s+the\s+(?:spine|midline|backbone)\s+)?(?:(?:right|just|somewhere)\s+)?(?:in\s+)?"
    r"between\s+(?:the|both)\s+shoulder[- ]blades\b"
)
# "Top of 2nd toe", "the palm side of the middle finger": a face of a digit, wherever the clause stands.
_DIGIT_FACE = re.compile(
    r"^(?:on\s+)?(?:the\s+)?(?:top|back|underside|palm\s+side|sole\s+side|dorsum|pad)\s+of\s+(?:the\s+|each\s+|your\s+)?"
    r"(?:[\w-]+\s+)?(?:finger|thumb|toe)s?\b"
)
_DIGIT_NAMED = re.compile(r"\b(?:fingers?|thumbs?|toes?)\b")
_DIGIT_VOLAR = re.compile(r"\b(?:palm|palmar|plantar|sole|underside|under\s+side|pad)\b")
_DIGIT_DORSAL = re.compile(r"\b(?:back|dorsal|dorsum|top|nail\s+side)\b")
_TRAILING_TRUNK = re.compile(
    r"\bon\s+the\s+((?:upper\s+|lower\s+|front\s+of\s+the\s+|top\s+of\s+the\s+)?(?:chest|belly|abdomen|tummy|stomach|back|"
    r"shoulder))\s*$"
)
_TRAILING_FACE = re.compile(
    r"\bon\s+the\s+(front|back)\s+of\s+the\s+(arm|forearm|upper\s+arm|leg|thigh|lower\s+leg|shin|calf|hand|wrist)\b"
)
_LIMB_FACE_PARTS = {
    "arm": {"upper_arm", "elbow", "forearm"}, "upper arm": {"upper_arm", "elbow"},
    "forearm": {"forearm", "elbow", "wrist"},
    "leg": {"thigh", "knee", "lower_leg"}, "thigh": {"thigh", "knee"}, "lower leg": {"lower_leg", "knee"},
    "shin": {"lower_leg"}, "calf": {"lower_leg"}, "hand": {"hand"}, "wrist": {"wrist"},
}  # fmt: skip
_BARE_FACE = re.compile(
    r"\s*(?:(?:just|right|more)\s+)?(?:on|at|to|over|toward|towards)\s+the\s+(back|front)(?:\s+side)?\s*"
)


def _off_joint(word: str, placement: Placement) -> str | None:
    """ "On the inner side of the ankle" for SP9, below the knee: the joint named is far from the point."""
    joint = _JOINTS.get(word.removesuffix("s"))
    if joint is None:
        return None
    axis, (lo, hi), marks, reach = joint
    span = placement.axes.get(axis)
    if span is not None and axis in placement.measured:
        if span[1] < lo or span[0] > hi:
            return (
                f"the text puts it on the {word}; {placement.code} is away from the {word}, on the {_part(placement)}"
            )
        return None
    frame = placement.frame
    near = [frame.landmarks[name][1] for name in marks if frame is not None and name in frame.landmarks]
    if near and frame.upright and min(abs(frame.point[1] - along) for along in near) > reach:
        away = min(abs(frame.point[1] - along) for along in near)
        where = f"on its figure {placement.code} is {_cun(away)} cun from it, on the {_part(placement)}"
        return f"the text puts it on the {word}; {where}"
    return None


def _part(placement: Placement) -> str:
    return placement.part.replace("_", " ")


def _plain_side(aspect: str, part: str) -> str:
    """ "anterior" in a patient's words: the palm side of a forearm, the front of a thigh, the inner side of a leg."""
    if part in _ARM_FACES and aspect in ("anterior", "posterior"):
        return "palm side" if aspect == "anterior" else "back"
    return {"anterior": "front", "posterior": "back", "medial": "inner side", "lateral": "outer side",
            "superior": "top", "inferior": "underside"}.get(aspect, f"{aspect} side")  # fmt: skip


def _claim(claim: parser.Claim, placement: Placement) -> tuple[str | None, bool]:
    if claim.axis == "face":
        if placement.limb != "arm" or placement.aspect not in ("anterior", "posterior"):
            return None, False
        if claim.direction != placement.aspect:
            face = "the back of the forearm" if claim.direction == "posterior" else "the palm side of the forearm"
            return f"“{_said(claim.words)}” puts it on {face}", True
        return None, True
    if claim.axis.startswith("rel:"):
        known = placement.relations.get(claim.axis[4:])
        if not known:
            return _beside_structure(claim, placement)
        direction = claim.direction
        if placement.limb == "arm" and direction in ("medial", "lateral"):
            direction = "ulnar" if direction == "medial" else "radial"
        if placement.limb == "arm" and direction in ("up", "down") and claim.axis[4:] in ("biceps_tendon",):
            return None, False
        if OPPOSITE_DIRECTION.get(direction) in known and direction not in known:
            return f"“{_said(claim.words)}” puts it on the wrong side of that landmark", True
        return None, direction in known or OPPOSITE_DIRECTION.get(direction) in known
    if claim.measure is not None and placement.frame is not None:
        judged = _on_figure(claim, placement)
        if judged is not None:
            return judged
    span = placement.axes.get(claim.axis)
    if span is None:
        return None, False
    lo, hi = claim.lo - claim.tolerance, claim.hi + claim.tolerance
    if hi < span[0] or lo > span[1]:
        if claim.axis == "side" and (gap := _gap_words(claim.words, span, placement)):
            return f"“{_said(claim.words)}” is the wrong gap: {placement.code} is {gap}", True
        if claim.axis == "side":
            digit = re.search(
                r"\b(toe|finger|thumb)(?:nail)?\b(?![- ](?:side|edge|end|border|corner|widths?|breadths?))", claim.words
            )
            return f"“{_said(claim.words)}” is the wrong side of the {digit.group(1) if digit else 'limb'}", True
        return f"“{_said(claim.words)}” is not where it is", True
    return None, True


_FINGERS = ("thumb", "index finger", "middle finger", "ring finger", "little finger")
_TOES = ("big toe", "second toe", "third toe", "fourth toe", "little toe")


def _gap_words(words: str, span: tuple[float, float], placement: Placement) -> str | None:
    """Where the point is among the digits' bones, for a text that names the wrong gap between two of them."""
    if not re.match(r"(?:between|webs?\s|junction|bases|heads)", words) or placement.part not in (
        "hand",
        "finger",
        "foot",
        "toe",
    ):
        return None
    names = _FINGERS if placement.limb == "arm" else _TOES
    middle = (span[0] + span[1]) / 2
    below = int(middle)
    if abs(middle - below - 0.5) < 0.2 and 1 <= below < 5:
        return f"between the {names[below - 1]} and {names[below]} bones"
    nearest = min(max(round(middle), 1), 5)
    return f"by the {names[nearest - 1]}'s bone"


def _beside_structure(claim: parser.Claim, placement: Placement) -> tuple[str | None, bool]:
    """ "On the thumb side of the flexor carpi radialis tendon" against where the point lies across the forearm."""
    where = STRUCTURE_SIDE.get(claim.axis[4:])
    span = placement.axes.get("side")
    direction = {"medial": "ulnar", "lateral": "radial"}.get(claim.direction, claim.direction)
    if where is None or span is None or placement.limb != "arm" or direction not in ("radial", "ulnar"):
        return None, False
    lo, hi = (where - STRUCTURE_REACH, where) if direction == "radial" else (where, where + STRUCTURE_REACH)
    if hi < span[0] or lo > span[1]:
        return f"“{_said(claim.words)}” puts it on the wrong side of the forearm", True
    return None, True


def _mark(frame: Frame, words: str) -> tuple[float, float] | None:
    return next((frame.landmarks[n] for n in figure_names(words) if n in frame.landmarks), None)


def _is_line(frame: Frame, words: str) -> bool:
    return any(n in LINES for n in figure_names(words) if n in frame.landmarks) or _VERTEBRA_WORDS.match(words)


_VERTEBRA_WORDS = re.compile(r"^=?(?:c[1-7]|t\d{1,2}|l[1-5])$")
# How far from a landmark a point "at" it may be on its figure, in cun: the landmark's own size.
AT_LANDMARK = 1.5
# How far on the wrong side of a landmark with no axis ("below the eye") a point may be: its own size.
PAST_LANDMARK = 0.3
# "On the outer ankle" names the side of the joint around the ankle bone, not the bone's tip: a little more.
AT_JOINT = 2.0
_JOINT_SIDE = re.compile(r"(?:inner|outer|inside|outside|medial|lateral)\s+(?:ankle|wrist|elbow|knee)s?")


def _said(words: str) -> str:
    """The text's words as the writer put them: "the big bump (C7)", not the parser's "=c7"."""
    return re.sub(r"\s*=([ctls]\d{1,2})\b", lambda m: f" ({m.group(1).upper()})", words).strip()


def _cun(value: float) -> str:
    return f"{abs(value):.1f}".removesuffix(".0")


@dataclass(frozen=True, slots=True)
class Measured:
    """How far the point is, on its figure, from where a claim puts it (cun), and what that allows."""

    miss: float
    distance: float  # the stated distance (its quarter is allowed), 0 for a level or "at"
    least: float | None  # the least allowance, when not the tolerance floor (a landmark's size)
    message: str

    @property
    def allowed(self) -> float:
        return max(self.least if self.least is not None else TOLERANCE_FLOOR.get(), 0.25 * self.distance)


def measure_on_figure(claim: parser.Claim, placement: Placement) -> Measured | None:
    """A distance, level, halfway or "at" claim measured on the point's body figure; None if it lacks it."""
    kind, names, direction, d = claim.measure
    frame = placement.frame
    across, along = frame.point
    code = placement.code
    said = f"“{_said(claim.words)}” is not where it is: on its figure {code} is"
    if kind == "from" and direction == "out":
        if MIDLINE.match(names[0].strip()):
            if not frame.has_midline:
                return None
            actual = abs(across)
        else:
            mark = _mark(frame, names[0])
            if mark is None:
                return None
            actual = abs(across - mark[0])
        return Measured(abs(actual - d), d, None, f"{said} {_cun(actual)} cun to the side")
    marks = [_mark(frame, n) for n in names]
    if any(m is None for m in marks):
        return None
    if kind == "at":
        (mx, ma), line = marks[0], _is_line(frame, names[0])
        if not frame.upright and line:
            return None
        off = abs(along - ma) if line else ((across - mx) ** 2 + (along - ma) ** 2) ** 0.5
        message = f"the point is not at “{_said(claim.words)}”: on its figure {code} is {_cun(off)} cun from it"
        return Measured(off, 0.0, AT_JOINT if _JOINT_SIDE.fullmatch(claim.words) else AT_LANDMARK, message)
    if kind == "from" and direction in ("front", "back"):
        if frame.forward is None:
            return None
        ahead = (across - marks[0][0]) * frame.forward  # positive: in front of the landmark
        expected = d if direction == "front" else -d
        where = f"{_cun(ahead)} cun {'in front of' if ahead > 0 else 'behind'} it"
        return Measured(abs(ahead - expected), d, None, f"{said} {where}")
    if not frame.upright:
        return None
    offset = along - marks[0][1]  # positive: below it (toward the feet or the fingertips)
    where = "level with it" if abs(offset) < 0.05 else f"{_cun(offset)} cun {'above' if offset < 0 else 'below'} it"
    if kind == "past":
        # "In the hollow below the eye": on that side of a small landmark of the face, whatever the distance.
        signed = offset if direction == "down" else -offset
        return Measured(max(0.0, -signed), 0.0, PAST_LANDMARK, f"{said} {where}")
    if kind == "just":
        # "Just below": within a thumb's width and a half of it, on that side.
        signed = offset if direction == "down" else -offset
        return Measured(max(0.0, -signed, signed - 1.5), 0.0, None, f"{said} {where}")
    landmark = _said(names[0].strip())
    landmark = landmark.upper() if _VERTEBRA_WORDS.match(landmark) else f"the {landmark.removeprefix('the ')}"
    if kind == "from" and direction in ("up", "down"):
        expected = d if direction == "down" else -d
        return Measured(abs(offset - expected), d, None, f"{said} {where} ({landmark})")
    if kind == "level":
        return Measured(abs(offset), 0.0, None, f"{said} {where} ({landmark})")
    if kind == "halfway":
        half = abs(marks[0][1] - marks[1][1]) / 2
        offset = along - (marks[0][1] + marks[1][1]) / 2
        where = "above" if offset < 0 else "below"
        return Measured(abs(offset), half, None, f"{said} {_cun(offset)} cun {where} halfway")
    return None


def _on_figure(claim: parser.Claim, placement: Placement) -> tuple[str | None, bool] | None:
    measured = measure_on_figure(claim, placement)
    if measured is None:
        return None
    return (None if measured.miss <= measured.allowed else measured.message), True
