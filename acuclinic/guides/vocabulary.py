"""The words a location uses for amounts, directions, sides and landmarks, and where each landmark is.

Positions are measured on a few axes in WHO proportional (B-cun) terms, so that the parser can turn
"three cun above the inner ankle bone" into a number and the judge can compare it with the point:

- ``leg``: along the lower limb, 0 at the knee (lower edge of the kneecap, popliteal crease), growing
  toward the foot: the ankle at 16 (popliteal crease to malleolus, 16 B-cun), the thigh negative (the
  top of the kneecap at -1.5, the gluteal fold at -14, the groin at -18); the foot continues past 16.
- ``arm``: along the upper limb, 0 at the elbow crease, the wrist crease at 12 (12 B-cun), the front
  armpit fold at -9 (9 B-cun); the hand continues past 12.
- ``trunk``: the level on the neck and trunk in vertebrae: C1..C7 = 1..7, T1..T12 = 8..19, L1..L5 =
  20..24, the sacrum 25..29; front landmarks by their usual level (navel about L2-L3, nipples about T5).
- ``head``: over the scalp from the front hairline backward, eyebrows at -3, the vertex at 5, the back
  hairline at 12 (B-cun).
- ``midline``: how far from the front or back midline (B-cun): nipple line 4.
- ``side``: across a limb, 1 = thumb (radial) or big-toe (tibial) edge .. 5 = little-finger (ulnar) or
  little-toe (fibular) edge; a finger or toe is its number, its sides a quarter either way.

Pure: no Django import. Nothing here names a particular point.
"""

from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "zero": 0, "half": 0.5, "a half": 0.5, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
}  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
    "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12, "12th": 12,
}  # fmt: skip
_NUM_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True))
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s*½)?|½|(?:{_NUM_WORD})(?:\s+and\s+a\s+half)?|half\s+an?|an?(?=\s+(?:cun|thumb|finger|hand|palm)))"  # noqa: E501 (a pattern reads best whole)
UNIT = (
    r"(?:b-?cun|cun|thumb[- ]?(?:widths?|breadths?)|thumbs?(?:'s)?\s+(?:widths?|breadths?)|"
    r"finger[- ]?(?:widths?|breadths?)|fingers?(?:'|’)?(?:\s*s)?\s*(?:widths?|breadths?)?|"
    r"hand(?:'s|’s|s)?[- ]?(?:widths?|breadths?)|palm(?:'s|’s)?[- ]?(?:widths?|breadths?))"
)


# The least miss the judge lets pass, in B-cun: a stated distance is wrong when it is more than
# max(floor, 25 % of the distance) from the point (README: measured at 0.5, 1 and 1.5 cun).
TOLERANCE_FLOOR: contextvars.ContextVar[float] = contextvars.ContextVar("tolerance_floor", default=1.0)


def tolerance(distance: float) -> float:
    return max(TOLERANCE_FLOOR.get(), 0.25 * distance)


def amount(number: str, unit: str) -> float | None:
    """The distance in B-cun that a number and a unit state (1 thumb = 1 cun, 2 fingers = 1.5, 4 = 3)."""
    number = number.strip().lower()
    value: float | None
    if re.fullmatch(r"half\s+an?", number):
        value = 0.5
    elif number in NUMBER_WORDS:
        value = NUMBER_WORDS[number]
    elif m := re.fullmatch(r"(\w+)\s+and\s+a\s+half", number):
        value = NUMBER_WORDS.get(m.group(1), 0) + 0.5
    else:
        digits = number.replace("½", ".5").replace(" ", "")
        digits = "0.5" if digits == ".5" else digits
        try:
            value = float(digits)
        except ValueError:
            return None
    unit = unit.lower()
    if "finger" in unit:
        return {1: 0.75, 2: 1.5, 3: 2.0, 4: 3.0}.get(value, value * 0.75)
    if "hand" in unit or "palm" in unit:
        return value * 3
    return value


# Directions. Each is a displacement along an axis family: "up"/"down" along the limb or trunk, "back"/
# "front", "out" (away from the midline), "in" (toward it).
DIRECTIONS: tuple[tuple[str, str], ...] = (
    # "2.5 cun within the anterior hairline": into the scalp, toward the vertex.
    (r"(?:within|inside|into)(?=\s+(?:the\s+)?(?:\w+\s+)?hairline)", "up"),
    (r"above|up\s+from|higher\s+than|superior\s+to|proximal\s+to|upward\s+from|up", "up"),
    (r"below|under|underneath|beneath|down\s+from|lower\s+than|inferior\s+to|distal\s+to|beyond|down", "down"),
    (r"behind|posterior\s+to|back\s+from|at\s+the\s+back\s+of|to\s+the\s+rear\s+of", "back"),
    (r"in\s+front\s+of|anterior\s+to|forward\s+of|ahead\s+of|at\s+the\s+front\s+of|forward\s+from", "front"),
    (r"medial\s+to|inside|in\s+from|on\s+the\s+inner\s+side\s+of|to\s+the\s+inner\s+side\s+of", "medial"),
    (r"lateral\s+to|outside|on\s+the\s+outer\s+side\s+of|to\s+the\s+outer\s+side\s+of", "lateral"),
    (r"out\s+from|(?:out\s+)?to\s+(?:each|either|both)\s+sides?\s+of|out\s+to\s+the\s+sides?\s+of|"
     r"(?:on\s+)?(?:either|each|both)\s+sides?\s+of|beside|from|away\s+from|off|to\s+the\s+side\s+of|next\s+to", "out"),
    (r"(?:on\s+|at\s+)?(?:the\s+)?(?:thumb|radial)[- ]side\s+of|radial\s+to", "radial"),
    (r"(?:on\s+|at\s+)?(?:the\s+)?(?:little[- ]finger|ulnar)[- ]side\s+of|ulnar\s+to", "ulnar"),
    (r"(?:on\s+|at\s+)?(?:the\s+)?big[- ]toe[- ]side\s+of", "medial"),
    (r"on\s+top\s+of|atop", "up"),
    (r"(?:on\s+|at\s+)?(?:the\s+)?little[- ]toe[- ]side\s+of", "lateral"),
)  # fmt: skip
OPPOSITE_DIRECTION = {
    "up": "down", "down": "up", "back": "front", "front": "back", "medial": "lateral", "lateral": "medial",
    "radial": "ulnar", "ulnar": "radial",
}  # fmt: skip

# Positioning cues: how to stand, sit, move or feel for the point. A clause that starts so is not a location.
CUE_START = re.compile(
    r"^(?:with|while|when|if|bend|bent|make|making|lying|lie|lay|sit|sitting|seated|stand|standing|ask|have|"
    r"turn|tilt|tip|tipping|open|opening|close|closing|raise|raising|lift|lifting|press|pressing|slide|sliding|run|"
    r"running|feel|feeling|find|finding|flex|flexing|extend|keep|place|put|fold|folding|hold|holding|let|"
    r"rest|point|clench|squeeze|curl|spread|pull|push|trace|follow|look|measure|count|you|this\s+is|drop|stick|hook|hug|back\s+to|"
    r"bring|roll|cross|shrug|move|pinch|grip|relax|cup|draw|locate|interlace|interlock|clasp|wrap|lean|rotate|"
    r"wiggle|brace|tense|breathe|tuck|imagine|start|go|put|"
    r"then|and\s+then|now|(?:the\s+)?(?:palms?|face|head|knees?|elbows?|arms?|legs?|fingers?|thumbs?|hands?|mouth|"
    r"foot|feet|toes?|jaw|eyes?)\s+(?:by|at|along)\s+(?:the|your|their)\s+sides?|"
    r"(?:the\s+)?(?:palms?|face|head|knees?|elbows?|arms?|legs?|fingers?|thumbs?|hands?|mouth|"
    r"foot|feet|toes?|jaw|eyes?)\s+(?:\w+\s+)?(?:down|up|facing|turned|bent|flexed|straight|raised|relaxed|open|"
    r"closed|forward|pointing|resting|slightly|hanging|crossed|folded|extended|stretched|lifted|supported|tilted|tipped|bowed|"
    r"propped)|it\s+(?:is|lies|sits)\s+(?:easiest|easier|best)|easiest|easier|best|often|usually|a\s+pulse|pulse|"
    r"the\s+patient|patient|traditionally|in\s+men|in\s+women|men|women)\b"
)
# A location clause starts so (or is the first clause).
POSITION_START = re.compile(
    r"^(?:(?:the\s+point\s+(?:is|lies|sits)\s+)?(?:just\s+|right\s+|directly\s+|high\s+|low\s+|deep\s+|"
    r"centrally\s+|roughly\s+|about\s+)?(?:on|onto|in|at|over|along|inside|within|into|across|atop|upon)\b|"
    r"(?:a|the)\s+(?:point|spot|group|pair|set|row)\b|(?:high|low)\s+on\b|"
    r"(?:right\s+|high\s+|way\s+|well\s+)?(?:up|down|over|out|round|around)\s+(?:on|in|at|over)\b)"
)

# Landmarks: (pattern, key for side comparisons or None, positions on axes as (low, high)). Longer first:
# the first pattern to match a stretch of text wins. Keys name a structure so that "above the collarbone"
# and "below the clavicle" can be compared whatever the words.
_T = "trunk"
LANDMARKS: tuple[tuple[str, str | None, dict[str, tuple[float, float]]], ...] = (
    # Leg, from the hip to the toes.
    (r"(?:upper|top)\s+(?:\w+\s+){0,2}(?:edge|border|corner|end|margin|pole)s?\s+of\s+the\s+(?:knee\s?caps?|patellae?)|"
     r"base\s+of\s+the\s+patella|(?:knee\s?caps?|patellae?)(?:'s|’s)?\s+(?:upper|top)\s+(?:\w+\s+)?(?:edge|border|corner)",
     "kneecap", {"leg": (-1.7, -1.3)}),
    (r"(?:lower|bottom)\s+(?:\w+\s+){0,2}(?:edge|border|corner|end|margin|pole|tip)s?\s+of\s+the\s+(?:knee\s?caps?|patellae?)|"
     r"apex\s+of\s+the\s+patella|(?:knee\s?caps?|patellae?)(?:'s|’s)?\s+(?:lower|bottom)\s+(?:\w+\s+)?(?:edge|border|corner)",
     "kneecap", {"leg": (-0.3, 0.0)}),
    (r"(?:patellar?|kneecap)\s+(?:ligament|tendon)|tendon\s+(?:below|under)\s+the\s+kneecap", "patellar_tendon",
     {"leg": (-0.2, 0.6)}),
    (r"knee\s+eyes?|xiyan|eyes?\s+of\s+the\s+knee|(?:outer\s+|inner\s+)?(?:dimples?|dips?|hollows?|eyes?)\s+(?:just\s+)?"
     r"(?:below|beside|next\s+to|under)\s+the\s+(?:knee\s?cap|patella)|(?:dimples?|dips?|hollows?)\s+on\s+the\s+(?:outer|inner|lateral|"
     r"medial)\s+side\s+of\s+the\s+(?:knee\s?cap|patellar?)\s+(?:tendon|ligament)", None, {"leg": (0.0, 0.6)}),
    (r"(?:crease|fold|hollow|back)\s+(?:behind|of)\s+the\s+knee|popliteal\s+(?:crease|fossa)|knee\s+crease|"
     r"back\s+of\s+the\s+knee|crease\s+at\s+the\s+back\s+of\s+the\s+knee", "knee_crease", {"leg": (-0.3, 0.3)}),
    (r"(?:medial|inner|inside)\s+(?:knob|condyle|bulge|flare|head)\s+of\s+the\s+(?:shin\s?bone|tibia)|"
     r"(?:medial\s+)?condyle\s+of\s+the\s+tibia|(?:shin\s?bone|tibia)(?:'s|’s)?\s+inner\s+(?:knob|condyle)",
     "tibial_condyle", {"leg": (1.5, 3.2)}),
    (r"(?:lateral|outer)\s+(?:knob|condyle)\s+of\s+the\s+(?:shin\s?bone|tibia)", "tibial_condyle", {"leg": (1.0, 2.5)}),
    (r"head\s+of\s+the\s+fibula|fibular\s+head|(?:knob|top)\s+of\s+the\s+fibula|fibula(?:'s|’s)?\s+head",
     "fibular_head", {"leg": (1.3, 2.7)}),
    (r"(?:dip|hollow|depression)\s+(?:just\s+)?(?:under|below)\s+the\s+knee", None, {"leg": (1.5, 3.2)}),
    (r"knee\s?caps?|patellae?", "kneecap", {"leg": (-1.7, 0.3)}),
    (r"knees?|knee\s+joint", "kneecap", {"leg": (-1.7, 1.0)}),
    (r"(?:inner|inside|medial)\s+ankle(?:\s+bone|\s+knob)?|medial\s+malleolus|inner\s+malleolus|"
     r"(?:round\s+|bony\s+|big\s+)*(?:bump|knob|bone|lump|nob)\s+on\s+the\s+(?:inside|inner\s+side)\s+of\s+(?:the\s+)?ankle",
     "inner_ankle", {"leg": (15.5, 16.5)}),
    (r"(?:outer|outside|lateral)\s+ankle(?:\s+bone|\s+knob)?|lateral\s+malleolus|outer\s+malleolus|"
     r"(?:round\s+|bony\s+|big\s+)*(?:bump|knob|bone|lump|nob)\s+on\s+the\s+(?:outside|outer\s+side)\s+of\s+(?:the\s+)?ankle",
     "outer_ankle", {"leg": (15.5, 16.5)}),
    (r"ankle\s+crease|crease\s+(?:at\s+)?(?:the\s+)?front\s+of\s+the\s+ankle|front\s+of\s+the\s+ankle", None,
     {"leg": (15.7, 16.5)}),
    (r"ankle\s+bones?|malleol(?:us|i)|ankles?", None, {"leg": (15.5, 16.5)}),
    (r"achilles(?:\s+tendon)?|calcaneal\s+tendon|heel\s+(?:cord|tendon)", "achilles", {}),
    (r"(?:two\s+)?(?:calf\s+muscle\s+)?bellies|calf\s+muscles?\s+(?:bellies\s+)?(?:join|meet)", None, {"leg": (6.5, 9.5)}),  # noqa: E501 (a pattern reads best whole)
    (r"heel\s+pad|centre\s+of\s+the\s+heel|middle\s+of\s+the\s+heel|heel\s+bone|heels?|calcaneus", None,
     {"leg": (16.0, 17.5)}),
    (r"navicular|(?:bony\s+)?(?:bump|knob)\s+(?:on|of)\s+the\s+inner\s+(?:edge|side)\s+of\s+the\s+foot", None,
     {"leg": (17.3, 18.3)}),
    (r"where\s+(?:the|their)\s+(?:\w+\s+){0,4}(?:bones|bases)\s+(?:meet|join)|"
     r"bases?\s+of\s+the\s+(?:\w+\s+){0,3}metatarsals?(?:\s+bones?)?|"
     r"junction\s+of\s+the\s+(?:\w+\s+){0,3}metatarsals?", None, {"leg": (18.3, 19.5)}),
    (r"ball\s+of\s+the\s+foot|heads?\s+of\s+the\s+(?:\w+\s+){0,3}metatarsals?|(?:big|great|first|1st)[- ]toe\s+(?:joint|knuckle)|"  # noqa: E501 (a pattern reads best whole)
     r"(?:joint|knuckle)\s+(?:at\s+the\s+base\s+)?of\s+the\s+(?:big|great)\s+toe|bunion", None, {"leg": (20.3, 21.5)}),
    (r"webs?\s+(?:between|of)\s+(?:the\s+)?(?:\w+\s+){0,4}toes?|toe\s+webs?|webbing\s+between\s+the\s+(?:\w+\s+){0,4}toes?",
     None, {"leg": (21.3, 22.0)}),
    (r"(?:toe\s?)?nail\s+corners?|corners?\s+of\s+the\s+(?:toe\s?)?nail|toe\s?nails?", None, {"leg": (22.3, 23.2)}),
    (r"(?<=behind the )toes|(?<=in front of the )toes|(?<=near the )toes|bases?\s+of\s+the\s+toes", None, {"leg": (21.3, 23.2)}),  # noqa: E501 (a pattern reads best whole)
    (r"gluteal\s+(?:fold|crease)|buttock\s+crease|crease\s+(?:under|below|beneath)\s+the\s+buttocks?|"
     r"fold\s+(?:of|under|below)\s+the\s+buttocks?|buttock\s+fold", "gluteal_fold", {"leg": (-14.5, -13.5)}),
    (r"(?<=between the )buttocks?", None, {"leg": (-16.0, -13.5)}),  # "halfway between the buttock and the knee"
    (r"groin\s+(?:crease|fold)|inguinal\s+(?:crease|fold|groove)", None, {"leg": (-18.7, -17.7)}),
    (r"greater\s+trochanter|(?:bony\s+)?(?:knob|bump)\s+(?:on|at)\s+the\s+(?:side|outside)\s+of\s+the\s+hip", None,
     {"leg": (-19.5, -18.5)}),
    # Arm, from the shoulder to the fingertips.
    (r"(?:front|back|rear|posterior|anterior)?\s*(?:end\s+of\s+the\s+)?(?:armpit|axillary)\s+(?:fold|crease)|"
     r"(?:fold|crease)\s+at\s+the\s+(?:front|back)\s+of\s+the\s+armpit|"
     r"(?:front|back)\s+(?:fold|crease)\s+of\s+the\s+armpit", "armpit_fold", {"arm": (-9.3, -8.7)}),
    (r"elbow\s+creases?|creases?\s+(?:of|at)\s+the\s+elbow|cubital\s+crease|crease\s+at\s+the\s+front\s+of\s+the\s+elbow",
     "elbow_crease", {"arm": (-0.3, 0.3)}),
    (r"(?:point|tip)\s+of\s+the\s+elbow|olecranon|elbow\s+point|funny\s+bone", "olecranon", {"arm": (-0.5, 0.5)}),
    (r"(?:inner|medial|inside)\s+(?:bony\s+)?(?:knob|bump|epicondyle)\s+(?:of|on|at)\s+the\s+elbow|medial\s+epicondyle|"
     r"inner\s+(?:bony\s+)?(?:knob|bump|epicondyle)", "medial_epicondyle", {"arm": (-0.5, 0.5)}),
    (r"(?:outer|lateral|outside)\s+(?:bony\s+)?(?:knob|bump|epicondyle)\s+(?:of|on|at)\s+the\s+elbow|lateral\s+epicondyle|"
     r"outer\s+(?:bony\s+)?(?:knob|bump|epicondyle)", "lateral_epicondyle", {"arm": (-0.5, 0.5)}),
    (r"elbows?", None, {"arm": (-0.7, 0.7)}),
    (r"(?:(?:back|palm|dorsal|palmar|front)(?:[- ]side)?(?:[- ]of[- ](?:the[- ])?)?\s*)?wrist\s+creases?|creases?\s+(?:of|at|on)\s+(?:the\s+)?(?:back\s+of\s+the\s+|"  # noqa: E501 (a pattern reads best whole)
     r"palm\s+side\s+of\s+the\s+|front\s+of\s+the\s+)?wrist|wrist\s+joint|wrists?(?!\s+(?:flexor|extensor|tendons?|bones?))", None, {"arm": (11.8, 12.3)}),  # noqa: E501 (a pattern reads best whole)
    # The round head of the ulna, with its sides (SI6 is in the cleft on its thumb side).
    (r"(?:(?:round|rounded|small|bony)\s+){0,2}head\s+of\s+the\s+ulna|ulna(?:'s|’s)?\s+(?:(?:round|rounded|bony)\s+){0,2}head|"
     r"ulnar\s+head", "ulna_head", {"arm": (10.8, 12.0)}),
    (r"(?:bony\s+)?(?:bump|knob|point|end|tip)\s+(?:at\s+the\s+end\s+)?of\s+the\s+(?:radius|ulna)|styloid(?:\s+process)?|"
     r"(?:radius|ulna)(?:'s|’s)?\s+(?:knob|bump)", None, {"arm": (10.8, 12.0)}),
    (r"(?:midpoint|middle|centre|center)\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}(?:metacarpal(?:\s+bone)?|(?:finger(?:'s)?\s+)?long\s+bone)",
     None, {"arm": (13.3, 14.7)}),
    (r"(?:midpoint|middle|centre|center)\s+of\s+the\s+(?:\w+\s+){0,3}metatarsal(?:\s+bone)?", None, {"leg": (19.3, 20.5)}),  # noqa: E501 (a pattern reads best whole)
    (r"palms?(?![- ]?(?:side|facing|up|down|skin|crease|toward|towards))(?:\s+of\s+the\s+hand)?", None, {"arm": (13.0, 16.2)}),  # noqa: E501 (a pattern reads best whole)
    (r"(?:centre|center|middle|hollow)\s+of\s+the\s+palm(?![- ]side)", None, {"arm": (13.3, 14.8)}),
    (r"(?:thumb|thenar)\s+(?:pad|mound|muscle)|ball\s+of\s+the\s+thumb|fleshy\s+(?:pad|mound)\s+(?:at\s+the\s+)?"
     r"(?:base\s+of\s+the\s+)?thumb", None, {"arm": (12.5, 14.5)}),
    (r"webs?\s+(?:between|of)\s+(?:the\s+)?(?:thumb|index)(?:\s+and\s+(?:the\s+)?(?:index\s+)?(?:finger|thumb))?", None,
     {"arm": (14.0, 15.3)}),
    (r"(?:base\s+)?knuckles?|metacarpophalangeal(?:\s+joints?)?", None, {"arm": (15.3, 16.2)}),
    (r"(?:finger\s?|thumb\s?)?nail\s+corners?|corners?\s+of\s+the\s+(?:finger\s?|thumb\s?)?nail|(?:finger|thumb)\s?nails?",
     None, {"arm": (18.8, 20.0)}),
    (r"(?:finger\s?)?tips?\s+of\s+the\s+(?:\w+\s+)?(?:finger|thumb)|fingertips?", None, {"arm": (19.5, 20.3)}),
    # Neck and trunk, top to bottom.
    # The bump at the back of the skull sits about a cun above GV16 (which is a cun inside the hairline).
    (r"(?:external\s+)?occipital\s+protuberance|(?:bony\s+)?(?:bump|knob)\s+(?:at|on)\s+the\s+back\s+of\s+the\s+(?:head|skull)",
     "skull", {_T: (-0.5, 0.5), "head": (9.6, 10.4)}),
    (r"(?:base|bottom)\s+of\s+the\s+skull|occipital\s+(?:bone|ridge)|occiput", "skull",
     {_T: (-0.5, 0.5), "head": (9.0, 12.5)}),
    (r"skull", "skull", {_T: (-0.5, 0.5)}),
    (r"(?:back|posterior)\s+hairline|hairline\s+(?:at|on)\s+the\s+(?:back|nape)(?:\s+of\s+the\s+neck)?", None,
     {_T: (1.8, 2.6), "head": (11.5, 12.5)}),  # about level with the C2 spinous process
    (r"adam(?:'s|’s|s)?\s+apple|thyroid\s+cartilage|laryngeal\s+prominence|voice\s+box|larynx", "larynx",
     {_T: (3.3, 4.7), "midline": (0, 0)}),
    (r"cricoid(?:\s+cartilage)?", None, {_T: (5.3, 6.5), "midline": (0, 0)}),
    (r"(?:prominent|big|bony|knobbly)\s+(?:\w+\s+)?(?:vertebra|bump|bone|knob)\s+(?:\w+\s+){0,3}at\s+the\s+base\s+of\s+"
     r"the\s+neck|vertebra\s+prominens", None, {_T: (7, 7), "midline": (0, 0)}),
    (r"base\s+of\s+the\s+neck", None, {_T: (6.5, 8.0)}),
    (r"(?:notch|hollow|dip)\s+(?:at|above|on)\s+the\s+(?:very\s+)?top\s+of\s+the\s+(?:breast\s?bone|sternum)|top\s+of\s+the\s+"
     r"(?:breast\s?bone|sternum)|suprasternal\s+(?:notch|fossa)|jugular\s+notch|(?:upper|top)\s+(?:end|edge|border)\s+of\s+the\s+"
     r"(?:breast\s?bone|sternum)",
     None, {_T: (8.7, 9.6), "midline": (0, 0)}),
    (r"(?:lower|bottom)\s+(?:end|tip|edge|point)\s+of\s+the\s+(?:breast\s?bone|sternum)|xiphoid(?:\s+process)?|"
     r"xiphisternal(?:\s+junction)?|sternocostal\s+angle|(?:breast\s?bone|sternum)(?:'s|’s)?\s+lower\s+(?:end|tip)|"
     r"(?:notch|angle)\s+(?:where|at\s+which)\s+the\s+(?:lower\s+)?ribs\s+meet", None, {_T: (15.3, 16.7), "midline": (0, 0)}),  # noqa: E501 (a pattern reads best whole)
    (r"middle\s+of\s+the\s+(?:breast\s?bone|sternum)", None, {_T: (11.0, 14.0), "midline": (0, 0)}),
    # The collarbone's ends: the inner one by the top of the breastbone, the outer one at the shoulder tip.
    (r"(?:inner|medial|sternal)\s+(?:end|third|part|head)s?\s+of\s+the\s+(?:collar\s?bones?|clavicles?)|"
     r"(?:collar\s?bone|clavicle)(?:'s|’s)?\s+inner\s+end", "collarbone", {_T: (8.4, 9.6), "midline": (0.3, 1.7)}),
    (r"(?:outer|lateral|acromial)\s+(?:end|third|part|tip)s?\s+of\s+the\s+(?:collar\s?bones?|clavicles?)|"
     r"(?:collar\s?bone|clavicle)(?:'s|’s)?\s+outer\s+end", "collarbone", {_T: (8.4, 9.6), "midline": (5.3, 8.0)}),
    (r"(?:collar\s?bones?|clavicles?)", "collarbone", {_T: (8.4, 9.6)}),
    (r"nipple\s+line|mamillary\s+line|midclavicular\s+line|line\s+(?:of|through)\s+the\s+nipples?", None,
     {"midline": (4, 4)}),
    (r"nipples?", "nipple", {_T: (12.3, 13.7), "midline": (4, 4)}),
    (r"(?:lower|bottom)\s+(?:(?:tips?|corners?|angles?|points?|ends?)\s+)?of\s+(?:the\s+)?(?:both\s+|two\s+)?(?:shoulder\s+blades?|scapulae?)|"
     r"inferior\s+angles?\s+of\s+the\s+scapulae?|shoulder\s+blades?(?:'|’)?(?:s)?\s+lower\s+(?:tips?|corners?)",
     "scapula_bottom", {_T: (13.3, 14.7)}),
    (r"(?:upper|top)\s+(?:inner\s+)?(?:tips?|corners?|angles?)\s+of\s+(?:the\s+)?(?:both\s+|two\s+)?shoulder\s+blades?|superior\s+angle\s+of\s+the\s+"
     r"scapula|shoulder\s+blade(?:'s)?\s+(?:upper|top)\s+(?:inner\s+)?(?:tip|corner|angle)", "scapula_top", {_T: (8.3, 9.7)}),  # noqa: E501 (a pattern reads best whole)
    (r"(?:inner|medial)\s+ends?\s+of\s+(?:the\s+|each\s+)?(?:(?:shoulder[- ]blade|blade)(?:'s)?\s+(?:bony\s+)?(?:spine|ridge)|"  # noqa: E501 (a pattern reads best whole)
     r"(?:spine|ridge)s?\s+of\s+the\s+(?:shoulder\s+blades?|scapulae?)|scapular\s+spines?)",
     "scapular_spine", {_T: (9.7, 10.8), "midline": (2.5, 3.5)}),
    (r"(?:outer|lateral)\s+ends?\s+of\s+(?:the\s+|each\s+)?(?:(?:shoulder[- ]blade|blade)(?:'s)?\s+(?:bony\s+)?(?:spine|ridge)|"  # noqa: E501 (a pattern reads best whole)
     r"(?:spine|ridge)s?\s+of\s+the\s+(?:shoulder\s+blades?|scapulae?)|scapular\s+spines?)",
     "scapular_spine", {"midline": (6.5, 8.5)}),
    # The shoulder blade's borders: the inner one about 3 cun from the spine, the outer one toward the armpit.
    (r"(?:inner|medial|vertebral|spinal)\s+(?:border|edge|margin)\s+of\s+(?:the\s+)?(?:shoulder[- ]blades?|scapulae?)|"
     r"(?:shoulder[- ]blade|scapula)(?:'s|’s)?\s+(?:inner|medial)\s+(?:border|edge|margin)",
     None, {"midline": (2.4, 3.8)}),
    (r"(?:outer|lateral|axillary)\s+(?:border|edge|margin)\s+of\s+(?:the\s+)?(?:shoulder[- ]blades?|scapulae?)|"
     r"(?:shoulder[- ]blade|scapula)(?:'s|’s)?\s+(?:outer|lateral)\s+(?:border|edge|margin)",
     None, {"midline": (5.0, 9.0)}),
    (r"(?:spine|ridge)\s+of\s+the\s+(?:shoulder\s+blade|scapula)|scapular\s+spine|(?:its\s+|the\s+)?bony\s+ridge|"
     r"shoulder[- ]blade(?:'s)?\s+(?:bony\s+)?(?:spine|ridge)",
     "scapular_spine", {}),
    (r"(?:belly\s+button|navel|umbilicus)", "navel", {_T: (20.7, 22.3), "midline": (0, 0)}),
    # The waist: about the level of the navel, front or back.
    (r"waist(?:\s?line)?", None, {_T: (19.5, 22.5)}),
    # The back point of the hip bone (PSIS), under the dimples above the buttocks, at about S2.
    (r"back\s+point\s+of\s+the\s+hip\s?bone|posterior\s+superior\s+iliac\s+spine|(?:low(?:er)?\s+back\s+)?dimples?\s+"
     r"(?:above|of|over)\s+the\s+(?:bottom|buttocks?)|(?:low(?:er)?\s+)?back\s+dimples?", None, {_T: (24.6, 26.4)}),
    (r"(?:tops?|highest\s+points?|upper\s+edges?|crests?|rims?)\s+of\s+the\s+(?:hip\s?bones?|pelvis|iliac\s+bones?)|"
     r"iliac\s+crests?|hip\s?bone\s+tops", None, {_T: (22.3, 23.7)}),
    (r"pubic\s+(?:bone|symphysis|crest)|pubis", "pubic_bone", {_T: (26.8, 28.2), "midline": (0, 0)}),
    (r"tail\s?bone|coccyx", None, {_T: (28.5, 30.0), "midline": (0, 0)}),
    # The top of the cleft between the buttocks, not the fold beneath them.
    (r"top\s+of\s+the\s+(?:buttock|gluteal|natal)\s+(?:crease|cleft|crack)|(?:natal|intergluteal)\s+cleft|"
     r"(?:crease|cleft|crack)\s+between\s+the\s+buttocks", None, {_T: (28.0, 30.0), "midline": (0, 0)}),
    (r"sacral\s+hiatus", None, {_T: (28.3, 29.0), "midline": (0, 0)}),
    (r"(?:lowest|lower|floating|free\s+(?:ends?|tips?)\s+of\s+the\s+(?:\w+\s+)?)\s*ribs?|(?:11th|12th|eleventh|twelfth)\s+ribs?",
     None, {_T: (16.5, 20.5)}),
    # Head.
    (r"(?:outer|lateral)\s+(?:ends?|tips?|tails?|corners?)\s+of\s+(?:the|each|both)\s+(?:eye)?brows?", "eyebrow_end",
     {}),
    (r"(?:inner|medial)\s+(?:ends?|tips?|heads?|corners?)\s+of\s+(?:the|each|both)\s+(?:eye)?brows?", "eyebrow_start",
     {"head": (-3.2, -2.8)}),
    (r"eyebrows?|brows?", "eyebrow", {"head": (-3.2, -2.8)}),
    # The hairline over the temple and around the ear is not on the head axis, which runs from the front hairline.
    (r"(?:temporal|side)\s+hairline|hairline\s+(?:above|over|around|at|by)\s+the\s+(?:ears?|temples?)", None, {}),
    (r"(?:front|anterior)\s+hairline|hairline(?:\s+(?:at|on)\s+the\s+(?:front|forehead))?|"
     r"where\s+(?:the|your)\s+hair\s+(?:starts|begins)(?:\s+(?:at|on)\s+the\s+(?:front|forehead))?", None, {"head": (-0.2, 0.2)}),  # noqa: E501 (a pattern reads best whole)
    # "The top of the head toward the front": a stretch of the scalp, not the vertex.
    (r"(?:top|crown)\s+of\s+the\s+head,?\s+(?:toward|towards|near|nearer)\s+(?:the\s+)?(?:front|back|forehead)", None,
     {}),
    # The crown is the vertex; "the top of the head" is the stretch of scalp around it.
    (r"crown\s+of\s+the\s+head|crown|vertex", None, {"head": (4.0, 6.0)}),
    (r"top\s+of\s+the\s+head", None, {"head": (0.5, 8.5)}),
    (r"(?:tips?|apex|apices|tops?)\s+of\s+(?:the\s+|both\s+)?ears?|ear\s+tips?", None, {"head": (4.5, 5.5)}),
    (r"pupils?", None, {"midline": (2.0, 2.6)}),
    # The eye itself (not the knee's or an eye's corner): on the face figure, the pupil.
    (r"(?<!knee\s)(?<!corner\s)(?<!corners\s)eyes?(?!\s+(?:of|socket|sockets)\b)", None, {}),
    (r"tip\s+of\s+the\s+nose|nose\s+tip", None, {}),
    (r"(?:outer|lateral)\s+corners?\s+of\s+the\s+eyes?|outer\s+canthus", "outer_eye", {}),
    (r"(?:inner|medial)\s+corners?\s+of\s+the\s+eyes?|inner\s+canthus", "inner_eye", {}),
    (r"cheek\s?bones?(?:(?:'s|’s)?\s+arch)?|zygomatic\s+(?:arch|bone)|(?:bony\s+)?arch\s+of\s+the\s+cheek(?:\s?bone)?",
     "cheekbone", {}),
    (r"angle\s+of\s+the\s+(?:jaw|mandible)|jaw\s+angle|corner\s+of\s+the\s+jaw", "jaw_angle", {_T: (1.5, 3.5)}),
    (r"mastoid(?:\s+process)?|bony\s+(?:bump|knob)\s+behind\s+the\s+ear", "mastoid", {_T: (-0.5, 1.2)}),
    (r"ear\s?lobes?|tragus|ear\s+flap|ears?|auricle", "ear", {}),
    # Structures used as references by side.
    (r"biceps(?:\s+brachii)?\s+tendon|tendon\s+of\s+(?:the\s+)?biceps(?:\s+brachii)?(?!\s+femoris)|(?:big\s+)?biceps\s+tendon", "biceps_tendon",  # noqa: E501 (a pattern reads best whole)
     {}),
    # The biceps muscle itself, whose borders the lung and heart channels run beside on the upper arm.
    (r"biceps(?:\s+brachii)?(?:\s+muscle)?(?!\s+(?:tendon|femoris))", "biceps", {}),
    (r"(?:sharp\s+|front\s+|anterior\s+|inner\s+|medial\s+)?(?:edge|crest|border)\s+of\s+the\s+(?:shin\s?bone|tibia)|"
     r"(?:shin\s?bone|tibia)(?:'s|’s)?(?:\s+(?:sharp|front|inner)\s+(?:edge|crest|border))?|shin\s+(?:crest|edge|ridge)|"
     r"(?:anterior\s+|medial\s+)?tibial\s+(?:crest|border|edge|margin)|"
     r"(?:crest|edge|ridge)\s+of\s+the\s+shin", "tibia", {}),
    (r"fibula|(?:thinner|thin|slender|smaller|outer)\s+(?:lower[- ])?leg\s+bone", "fibula", {}),
    # The wrist flexor tendons, each at its own place across the palm side of the forearm (STRUCTURE_SIDE).
    (r"(?:tendons?\s+of\s+(?:the\s+)?)?flexor\s+carpi\s+radialis(?:\s+tendons?)?", "fcr", {}),
    (r"(?:tendons?\s+of\s+(?:the\s+)?)?flexor\s+carpi\s+ulnaris(?:\s+tendons?)?", "fcu", {}),
    (r"(?:tendons?\s+of\s+(?:the\s+)?)?palmaris\s+longus(?:\s+tendons?)?", "palmaris", {}),
    (r"(?:finger|extensor)\s+tendons?|tendons?\s+of\s+(?:the\s+)?extensor\s+digitorum(?:\s+communis)?|extensor\s+digitorum"
     r"(?:\s+communis)?(?:\s+tendons?)?|tendons?\s+(?:that\s+)?(?:go|going|run|running)\s+to\s+the\s+fingers", "finger_tendons", {}),  # noqa: E501 (a pattern reads best whole)
    (r"(?:point|tip)\s+of\s+the\s+shoulder|shoulder\s+tip|acromion|bony\s+tip(?:\s+of\s+the\s+shoulder|(?!\s+of\b))|shoulder\s+joint|"
     r"shoulder(?:\s+girdle)?s?(?!\s*blades?)", "shoulder_tip", {}),
    (r"(?:the\s+)?midline|centre\s+line|center\s+line|middle\s+line", None, {"midline": (0, 0)}),
    (r"spine|backbone|spinal\s+column", None, {"midline": (0, 0)}),
    (r"breast\s?bone|sternum", None, {_T: (8.7, 16.7), "midline": (0, 0)}),
)  # fmt: skip
# Landmarks so small on the trunk that "below" one is the hollow right under it ("below the skull").
SMALL_KEYS = frozenset({"skull", "larynx"})
LANDMARK_RE = [(re.compile(rf"\b(?:{p})\b"), key, axes) for p, key, axes in LANDMARKS]

_VERT = {"c": 0, "t": 7, "l": 19, "s": 24}
_VERT_WORD = {"cervical": "c", "neck": "c", "thoracic": "t", "dorsal": "t", "lumbar": "l", "sacral": "s"}
VERTEBRA_RE = re.compile(
    r"\b(?:(?:spinous\s+process|spine|vertebra)\s+of\s+(?:the\s+)?)?(?:(?P<code>[ctls])(?P<n>\d{1,2})\b|"
    rf"(?P<ord>{'|'.join(ORDINALS)})\s+(?P<kind>cervical|neck|thoracic|dorsal|lumbar|sacral)"
    r"(?:\s+(?:vertebra|vertebrae|spinous\s+process|spine|foramen|foramina|hole|opening|bone))?)"
)
RIB_SPACE_RE = re.compile(
    rf"\b(?P<ord>{'|'.join(ORDINALS)})\s+(?P<what>rib\s+space|intercostal\s+space|space\s+between\s+the\s+ribs|ribs?)\b"
)


def vertebra_level(match: re.Match) -> float | None:
    code = match.group("code") or _VERT_WORD.get(match.group("kind") or "")
    n = int(match.group("n")) if match.group("n") else ORDINALS.get(match.group("ord") or "")
    if not code or not n:
        return None
    limit = {"c": 7, "t": 12, "l": 5, "s": 5}[code]
    return _VERT[code] + n if 1 <= n <= limit else None


# Fingers and toes by their number across the limb (thumb or big toe = 1).
DIGITS = {
    "thumb": 1, "index": 2, "middle": 3, "ring": 4, "little": 5, "pinky": 5, "fifth": 5, "big": 1, "great": 1,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}  # fmt: skip
DIGIT_WORD = r"(?:thumb|index|middle|ring|little|pinky|big|great|first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)"


@dataclass(frozen=True, slots=True)
class Landmark:
    key: str | None
    axes: dict[str, tuple[float, float]]
    text: str
    start: int
    end: int
    small: bool = False  # a vertebra: "below T1" is the hollow right below it


# Further landmarks for one reading: other points named by code in an atlas text ("3 cun below ST35").
EXTRA: contextvars.ContextVar[tuple] = contextvars.ContextVar("extra_landmarks", default=())


def find_landmark(text: str, start: int = 0) -> Landmark | None:
    """The first landmark named in ``text`` from ``start``; the longest pattern wins at a position."""
    best: Landmark | None = None
    for regex, key, axes in EXTRA.get():
        match = regex.search(text, start)
        if match is not None and (best is None or match.start() < best.start):
            best = Landmark(key, dict(axes), match.group(0), match.start(), match.end())
    for match in VERTEBRA_RE.finditer(text, start):
        level = vertebra_level(match)
        if level is not None:
            kind = match.group("kind") or ""
            axes = {"trunk": (level, level)} if kind != "sacral" else {"trunk": (level, level), "midline": (0.5, 1.5)}
            if kind != "sacral":
                axes["midline"] = (0, 0)
            best = Landmark(None, axes, match.group(0), match.start(), match.end(), small=True)
            break
    for match in RIB_SPACE_RE.finditer(text, start):
        n = ORDINALS[match.group("ord")]
        span = (8.7 + n, 10.3 + n) if "space" in match.group("what") else (8.2 + n, 9.8 + n)
        candidate = Landmark(None, {"trunk": span}, match.group(0), match.start(), match.end())
        if best is None or candidate.start < best.start:
            best = candidate
        break
    for regex, key, axes in LANDMARK_RE:
        match = regex.search(text, start)
        if match is None:
            continue
        if best is None or match.start() < best.start or (match.start() == best.start and match.end() > best.end):
            best = Landmark(key, dict(axes), match.group(0), match.start(), match.end(), small=key in SMALL_KEYS)
    return best


# Sides across a limb (the ``side`` axis): thumb/big-toe side and little-finger/little-toe side.
# A hollow a finger sinks into, and the verbs that move the finding hand on from a landmark (shared by the readers).
HOLLOW = r"(?:hollow|dip|groove|gap|depression|dimple|pit|notch)"
MOVE_VERB = r"(?:go|move|slide|come|step|travel|walk|measure|count)"
SIDE_RANGE_DEFAULTS = {"radial": (0.5, 2.2), "ulnar": (3.8, 5.5), "medial": (0.5, 2.2), "lateral": (3.8, 5.5)}
# Where a named tendon runs across the palm side of the forearm, on the side axis (thumb edge 1 .. little-finger
# edge 5): "on the thumb side of the flexor carpi radialis" is within a tendon's reach of it, toward the thumb.
STRUCTURE_SIDE = {"fcr": 2.3, "palmaris": 3.0, "fcu": 4.8}
STRUCTURE_REACH = 1.5


# A practitioner's shorthand, spelt out before the text is split at full stops ("1.5 cun lat. to the lower
# border of L4", "med. malleolus", "prox. to the 5th MCP joint", "0.5 c below ST1").
_CHANNEL_NAMES = {
    "lung": "lu", "large intestine": "li", "stomach": "st", "spleen": "sp", "heart": "ht", "small intestine": "si",
    "urinary bladder": "bl", "bladder": "bl", "kidney": "ki", "pericardium": "pc", "triple energizer": "te",
    "triple burner": "te", "triple warmer": "te", "san jiao": "te", "gall bladder": "gb", "gallbladder": "gb",
    "liver": "lr", "governor vessel": "gv", "governing vessel": "gv", "conception vessel": "cv",
}  # fmt: skip
SHORTHAND = [
    # Scots spellings a clinic's blog may keep: "the tip o' the tailbone", "aboot six thumb-widths oot", "face doon".
    (r"(?<![\w'])o'(?![\w'])", "of"), (r"\baboot\b", "about"), (r"\boot\b", "out"), (r"\bdoon\b", "down"),
    (r"\broond\b", "round"), (r"\bwee[\s-]+(finger|toe)\b", r"little \1"), (r"\bwee\b", "small"),
    # "Pericardium 3", "Governor Vessel 4": the point's code.
    *(
        (rf"\b{name}\s+(?=\d{{1,2}}\b)(?!\d{{1,2}}\s*(?:cun|cm|mm|fingers?|thumbs?|%))", code)
        for name, code in sorted(_CHANNEL_NAMES.items(), key=lambda kv: -len(kv[0]))
    ),
    # "Your pinky", "the pinky toe"; "posterolateral ankle" is its back and outer side.
    (r"\bpink(?:y|ie)[- ]toe\b", "little toe"),
    (r"\bpink(?:y|ie)(?=[- ](?:side|edge|end|border|corner)\b)", "little-finger"),
    (r"\bpink(?:y|ie)\b(?![- ](?:finger|side|edge|end|border|corner|nail))", "little finger"),
    (r"\bposterolateral\b", "posterior lateral"), (r"\banterolateral\b", "anterior lateral"),
    (r"\bposteromedial\b", "posterior medial"), (r"\banteromedial\b", "anterior medial"),
    (r"\blat\.|\blat(?=\s+(?:to|of|side|border|malleolus|epicondyle|aspect)\b)", "lateral"),
    (r"\bmed\.|\bmed(?=\s+(?:to|of|side|border|malleolus|epicondyle|aspect)\b)", "medial"),
    (r"\bant\.", "anterior"), (r"\bpost\.", "posterior"), (r"\bsup\.", "superior"), (r"\binf\.", "inferior"),
    (r"\bprox\.", "proximal"), (r"\bdist\.", "distal"), (r"\bapprox\.", "about"), (r"\bpts?\.?(?=\s)", "point"),
    (r"\bspin\.\s*proc\.|\bsp\.\s*proc\.", "spinous process"), (r"\bproc\.", "process"), (r"\btend\.", "tendon"),
    (r"\blig\.", "ligament"), (r"\bext\.", "extensor"), (r"\bflex\.", "flexor"), (r"\bmm\.", "muscles"),
    (r"\bcf\.", "compare"), (r"\be\.g\.", "for example"), (r"\bi\.e\.", "that is"), (r"\bapp\.", "about"),
    (r"\bmcp\b", "knuckle"), (r"\bmtp\b", "toe joint"), (r"\bpip\b", "middle finger joint"),
    (r"\basis\b", "front point of the hip bone"), (r"\bpsis\b", "back point of the hip bone"),
    (r"\bscm\b", "sternocleidomastoid"), (r"\bfcu\b", "flexor carpi ulnaris"), (r"\bfcr\b", "flexor carpi radialis"),
    (r"(?<=\d)\s*c\b\.?(?=\s)", " cun"), (r"\b[bf]-cun\b", "cun"),
    # "a full hand's width", "a good thumb-width": the measure.
    (r"\b(an?)\s+(?:full|good|whole|generous|scant|small|big)\s+(?=(?:hand|palm|thumb|finger|cun)\b)", r"\1 "),
    # A student's signs: "BL5 → 1 cun into hairline", "level w/ GV23", "≈ 1 cun", "b/w the tendons", "BL20 + GV6".
    (r"\s*(?:→|->|=>)\s*", ": "), (r"\bw/(?=\s)", "with"), (r"\bb/w\b", "between"), (r"\s*(?:≈|~)\s*", " about "),
    (r"\s\+\s", " and "), (r"\bfwd\b", "forward"),
    # "A thumb and a half to either side": one and a half thumb-widths.
    (r"\ban?\s+(thumb|finger)(?:'s)?(?:[- ]?(?:width|breadth))?\s+and\s+a\s+half(?:'s)?(?:[- ]?(?:width|breadth))?\b",
     r"1.5 \1-widths"),
    # Spoken fillers inside a sentence: "come up, um, two cun".
    (r"\b(?:um+|uh+|erm|er)\b,?\s*", ""),
    # "On the inner side (the palm side) of the forearm": the side the bracket names.
    (r"\b(?:inner|outer|front|back)\s+side\s*\(\s*(?:the\s+|i\.e\.\s+)?(palm|back|thumb|little[- ]finger)\s+side\s*\)",
     r"\1 side"),
    # A German speaker's "the inner side from the forearm", "two cun over the hairline": of it, above it.
    (r"\b(side|sides|edge|end|top|border|surface|part|middle|centre|center|tip|corner)\s+from\s+(?=the\b)", r"\1 of "),
    (r"\b(cun|widths?|breadths?|broad)\s+over\s+(?=the\b)", r"\1 above "),
    (r"\bone\s+(thumb|finger)\s+broad\b", r"one \1-width"),
    # "The pointer finger", "the forefinger": the index finger.
    (r"\b(?:pointer|fore)[- ]?finger\b", "index finger"),
    # "Bellybutton", "tummy button", "belly-button": the navel.
    (r"\b(?:belly|tummy)[- ]?button\b", "belly button"),
    # A text message's "1 thumb-w", "2 finger-w"; "two hands' widths".
    (r"\b(thumb|finger|hand)[- ]?w\b\.?", r"\1-width"), (r"\bhands'\s*(width|breadth)s?\b", r"hand-\1s"),
    # "Just on the wrist side of the knuckle": above it, toward the wrist.
    (r"\b(?:on\s+)?the\s+(?:wrist|elbow)[- ]side\s+of\b", "above"),
    # "four and half cun", "one and half": a half more.
    (r"(?<=\w)\s+and\s+half\b(?!\s+(?:an?|the)\b)", " and a half"),  # not "... and half a thumb-width"
]  # fmt: skip
SHORTHAND_RE = [(re.compile(pattern), words) for pattern, words in SHORTHAND]


def spell_out(text: str) -> str:
    """The shorthand of a lower-cased location text in full words."""
    for regex, words in SHORTHAND_RE:
        text = regex.sub(words, text)
    return text


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
    (r"^(?:the\s+)?(?:eyes?|pupils?)$|(?:centre|center|middle)\s+of\s+the\s+(?:eye|pupil)", ("pupil",)),
    (r"tip\s+of\s+the\s+nose|nose\s+tip", ("nose_tip",)),
    (r"^(?:the\s+)?(?:cheek\s?bones?|zygomatic\s+bone)$", ("zygoma_lower", "zygomatic_arch_upper")),
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
    (r"(?:front|anterior)\s+hairline|^hairline|^where\s+(?:the|your)\s+hair\s+(?:starts|begins)", ("anterior_hairline",)),  # noqa: E501 (a pattern reads best whole)
    (r"(?:back|posterior)\s+hairline|hairline\s+(?:at|on)\s+the\s+(?:back|nape)", ("posterior_hairline",)),
    (r"occipital\s+protuberance", ("external_occipital_protuberance",)),
    (r"(?:front|anterior)?\s*armpit\s+(?:fold|crease)|axillary\s+fold", ("axillary_fold",)),
    (r"(?:back|rear|posterior)\s+(?:end\s+of\s+the\s+)?armpit|(?:back|posterior)\s+(?:fold|crease)\s+of\s+the\s+armpit",
     ("posterior_axillary_fold",)),
)  # fmt: skip
_NAME_RE = [(re.compile(p), names) for p, names in LANDMARK_NAMES]
_VERTEBRA = re.compile(r"^=?(c[1-7]|t\d{1,2}|l[1-5])$")


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
