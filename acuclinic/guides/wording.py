"""Rewrite a point location into the plain, spelt-out words that clauses.py splits and parser.py reads.

A clinic writes "LI6 Pianli: dorsal forearm, 3 cun prox. to wrist crease", "a hand's width and a bit (five
thumb-widths)", "find the outer ankle bone and go up two thumb-widths" or "on the shoulder blade, at its lower
tip". Before the text is split into clauses this module lowers its case, spells out the shorthand
(vocabulary.SHORTHAND), drops a heading or a speaker's label, reads brackets through (a synonym, the same
distance again, a vertebra that gives a level), turns self-care idioms into measures and resolves "its" and
"of it" to the structure they point back to. Every rewrite keeps the meaning; none knows the point described.
Pure: no Django import.
"""

from __future__ import annotations

import re

from .vocabulary import DIGIT_WORD, HOLLOW, LANDMARK_RE, MOVE_VERB, NUMBER, UNIT, spell_out

_NEGATION = re.compile(r"\bnot\s+(?:on|in|at|over)?\s*(?:the\s+)?[^,;.()]*")
_OWNER = re.compile(
    r"\b(shoulder\s+blade|scapula|knee\s?cap|patella|collar\s?bone|clavicle|breast\s?bone|sternum|shin\s?bone|tibia|"
    r"fibula|ankle\s+bone|malleolus|elbow\s+crease|wrist\s+crease|eyebrow|(?:cheek\s?bone(?:'s)?\s+)?arch|ear|jaw\s?bone)\b"
)
_PRONOUN = re.compile(
    r"\b(?:its\s+((?:[\w-]+\s+){0,2}?(?:tip|corner|angle|point|edge|border|end|ridge|top|bottom|middle|"
    r"centre|center|head|base|notch|crest|spine|prominence|side))\b|(?:the\s+)?(\w+)\s+of\s+it\b)"
)


# Structures that "it" may point back to without being an owner of parts ("the thumb side of it": the tendon).
_REFERENT = re.compile(
    r"\b(tendons?|muscles?|knob|bump|bone|groove|ridge|crease|hollow|notch|vertebra|ligament|cord|bulge|prominence)\b"
)


_SUBJECT_VERB = re.compile(r"[\w' -]*?\b(?:is|are|would\s+be|will\s+be|lies|lie|sits|sit)\b[^,;()]*$")


_BESIDE = re.compile(r"\b(tendons?|muscles?|knob|bump|cord|ligament|bulge|prominence)\b")
_BESIDE_NAMED = re.compile(
    r"\b(?:(?:biceps|kneecap|patellar|achilles)\s+)?(?:tendons?|muscles?|knob|bump|cord|ligament)\b"
)


def _resolve_its(text: str) -> str:
    """ "On the shoulder blade, at its lower tip": "its" is the last structure named before it."""

    def replace(m: re.Match) -> str:
        owner, at = None, -1
        for o in _OWNER.finditer(text, 0, m.start()):
            owner, at = o.group(1), o.start()
        if m.group(2) and owner is not None and _SUBJECT_VERB.match(text, at, m.start()):
            return m.group(0)  # "the kneecap would be right in front of it": "it" is the point
        if m.group(2) or (m.group(1) and m.group(1).endswith("side")):
            # "the thumb side of it": "it" is the last structure named, whatever it is, in an earlier clause
            # ("the notch at the top of it" is the top of the breastbone, not of the notch).
            boundary = max(text.rfind(c, 0, m.start()) for c in ",;()")
            referent = _REFERENT
            if m.group(1):
                # "A tendon ...; the point is on its thumb side": the side of what the point lies beside (a
                # bone's side, "the index bone on its little-finger side", is the hand's side, read as such).
                boundary, referent = m.start(), _BESIDE
            for o in referent.finditer(text, 0, max(boundary, 0)):
                if o.start() > at:
                    owner, at = o.group(1), o.start()
        if m.group(2) in ("side", "edge", "border") and owner is not None and owner.endswith("crease"):
            # "Find the thick tendon in the middle of the elbow crease; ... on the little-finger side of it": a side
            # of the tendon, not of the crease the point lies in.
            beside = [o.group(0) for o in _BESIDE_NAMED.finditer(text, 0, m.start())]
            if beside:
                owner = beside[-1]
        if owner is None:
            return m.group(0)
        if m.group(1):
            return f"the {m.group(1)} of the {owner}"
        return f"{m.group(0)[:-2]}the {owner}"

    return _PRONOUN.sub(replace, text)


CODE = re.compile(r"\b(?:lu|li|st|sp|ht|si|bl|ki|pc|te|gb|lr|gv|cv)\d{1,2}\b|\bex-[a-z]{1,2}\d{1,2}\b")
# A vertebra in brackets after a landmark gives that landmark's level: "the big bump at its base (C7)".
_BRACKET_VERTEBRA = re.compile(r"\(\s*(?:about\s+|roughly\s+|around\s+|at\s+|level\s+with\s+)?([ctls]\d{1,2})\s*\)")
_OPENER = re.compile(r"^\s*(?:great|good|excellent|lovely|nice)\s+question\s*[!.]\s*")
# "The tops of the hip bones (roughly the fourth lumbar level)": the same, in words.
_BRACKET_VERTEBRA_WORDS = re.compile(
    r"\(\s*(?:about\s+|roughly\s+|around\s+|at\s+|level\s+with\s+|usually\s+)?(?:the\s+)?"
    r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s+"
    r"(?P<kind>cervical|thoracic|lumbar)(?:\s+(?:level|vertebra|spinous\s+process))?\s*\)"
)
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth")  # fmt: skip


def _bracket_level(m: re.Match) -> str:
    return f" ={m['kind'][0]}{_ORDINAL_WORDS.index(m['ord']) + 1} "


# "Bend the elbow and press at the end of the crease": the location follows the cue.
# "Follow it out to the edge of the hand": where the finger stops, unless the text goes on from there.
_FOLLOW_TO = re.compile(
    r"\b(?:follow|trace|run\s+(?:your|a)\s+(?:finger|thumb)\s+along)\s+(?:it|(?:the|that)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+"
    r"(?:(?:out|along|up|down|across|back|round|around)\s+)?(?:to|until\s+you\s+(?:reach|hit|get\s+to|come\s+to))\s+"
    r"(?=(?:the|its)\b)(?P<rest>[^.;?!]*)"
)


def _followed(m: re.Match) -> str:
    if _MOVED_ON.search(m["rest"]):
        return m.group(0)  # "... follow the crease to the end, then go one cun down": a step from there
    return "at " + m["rest"]


_MOVED_ON = re.compile(
    rf"\b{MOVE_VERB}\s+(?:\w+\s+)?(?:up|down|back|along|out|in|toward|towards|above|"
    rf"below|\d|one|two|three|four|five|half|a)\b|{NUMBER}\s*{UNIT}"
)
# "Midway between the neck and the shoulder tip" is the top of the shoulder, wherever a text puts it.
_NECK_TO_SHOULDER = re.compile(
    r"\b(?:midway|halfway)\s+between\s+the\s+(?:base\s+of\s+the\s+|side\s+of\s+the\s+)?neck\s+and\s+the\s+(?:shoulder\s+tip|"
    r"tip\s+of\s+the\s+shoulder|point\s+of\s+the\s+shoulder|bony\s+tip\s+of\s+the\s+shoulder|acromion|shoulder)\b"
)
# "Draw a line between the top corners of the shoulder blades; where it crosses the spine ...": on the midline, at
# the level of what the line joins.
_LINE_CROSSES = re.compile(
    r"\b(?:draw|imagine|picture|trace)\s+(?:an?\s+)?(?:imaginary\s+|straight\s+)?line\s+(?:between|joining|connecting|across|"
    r"from)\s+(?P<lm>the\s+[^;,.]+?)\s*(?:[;,.]\s*|\s+and\s+)(?:the\s+point\s+is\s+)?where\s+(?:it|this\s+line|the\s+line)\s+"
    r"(?:crosses|meets|cuts)\s+the\s+(?:spine|midline|backbone|middle|centre\s+line|center\s+line)\b"
)
# "You want the gap between the thumb bone and the index bone": what the reader is after is the point.
_WANTED = re.compile(
    r"\b(?:you|we)\s+(?:want|need|(?:are|'re)\s+(?:looking|feeling)\s+for|(?:are|'re)\s+after)\s+(?=the\b)"
)
_AND_FIND = re.compile(
    r"\s+and\s+(?=(?:then\s+)?(?:press|feel|find\s+it|locate\s+it|you(?:'ll)?\s+find\s+it)\s+"
    r"(?:(?:gently|firmly|lightly)\s+)?(?:just\s+|right\s+)?(?:at|on|in|into|over|between|below|above|beside|under|behind)\b)"
)
# "Find the outer ankle bone and go up two thumb-widths": that far from what was found.
_FIND_THEN_GO = re.compile(
    rf"(?P<pre>\band\s+)?\b(?:(?:so|now|then|okay|ok)\s+)?(?:you\s+(?:want\s+to\s+|need\s+to\s+|can\s+)?)?"
    rf"(?:find|go\s+to|start\s+(?:at|from)|locate)\s+(?P<lm>(?:the|your)\s+[^,;.]+?|where\s+(?:the|your)\s+[^,;.]+?)"
    r"(?:\s*,\s*(?:right\s+)?(?:in\s+the\s+middle|on\s+the\s+(?:mid-?line|centre\s+line|center\s+line)))?"
    # "..., and go", "... and then move", or the next step: "Find X. Measure three finger-widths up."
    rf"(?:(?:\s*,)?\s+(?:(?:and|then)\s+){{1,2}}|\s*[.;,]\s+(?:then\s+)?)(?:you\s+)?{MOVE_VERB}\s+"
    rf"(?:(?:straight\s+)?(?P<dir>up|down)\s+(?:about\s+|just\s+|roughly\s+)?(?P<d>{NUMBER}\s*{UNIT})|(?:about\s+)?(?P<d2>{NUMBER}\s*{UNIT})\s+"
    r"(?P<dir2>above|below|up\s+from|down\s+from|behind|in\s+front\s+of)\s+it\b|"
    rf"(?:about\s+)?(?P<d3>{NUMBER}\s*{UNIT})\s+(?:straight\s+)?(?P<dir3>up|down)\b(?:\s+(?:the|its)\s+(?:middle|midline|"
    r"centre|center)(?:\s+of\s+the\s+\w+)?)?(?:\s+from\s+[^.;,]*)?|"
    r"(?P<just>just\s+)?(?P<dir4>behind|in\s+front\s+of|below|above|under|beneath)\s+(?:it|the\s+(?:[\w-]+\s+)?(?:bone|bump|knob))\b)"
)


# "Big toe, lat. side, 0.1 cun from the nail corner": the shorthand names the digit, then its side.
_DIGIT_THEN_SIDE = re.compile(
    r"(?<!facing\s)(?<!faces\s)(?<!toward\s)(?<!towards\s)(?<!next\sto\s)(?<!facing\sthe\s)(?<!faces\sthe\s)"
    r"(?<!toward\sthe\s)(?<!towards\sthe\s)(?<!next\sto\sthe\s)"
    # "The long bone leading to the index finger, on its thumb side": the bone's side, not the finger's.
    r"(?<!leading\sto\s)(?<!leads\sto\s)(?<!running\sto\s)(?<!runs\sto\s)(?<!goes\sto\s)(?<!up\sto\s)"
    r"(?<!leading\sto\sthe\s)(?<!leads\sto\sthe\s)(?<!running\sto\sthe\s)(?<!runs\sto\sthe\s)(?<!up\sto\sthe\s)"
    rf"\b(?:on\s+)?(?:the\s+)?(?P<digit>{DIGIT_WORD}\s+(?:finger|toe)|thumb|big\s+toe|great\s+toe|little\s+toe)"
    r"\s*,\s*(?:on\s+)?(?:the\s+|its\s+)?"
    r"(?P<side>(?:radial|ulnar|medial|lateral|inner|outer|tibial|fibular|thumb|little[- ]finger)"
    r"[- ](?:side|edge|border|aspect|(?:nail\s+)?corner))"
)
_OUT_TO_THE_SIDE = re.compile(
    rf"(?P<d>\b{NUMBER}\s*{UNIT})\s+(?:out\s+)?(?:to\s+(?:the|each|either|one)\s+side|sideways|outward)(?!\s+of\b)"
)
_ON_THE_MIDLINE = re.compile(r"\b(?:navel|belly\s+button|umbilicus|mid-?line|spine|breast\s?bone|sternum|pubic)")
_VAGUE_THEN_EXACT = re.compile(
    rf"\b{NUMBER}\s*{UNIT}\s+(?:and\s+a\s+(?:bit|little)(?:\s+more)?|or\s+so|or\s+a\s+bit\s+more|plus(?:\s+a\s+bit)?)\s*"
    rf"\(\s*(?:about\s+|roughly\s+|that\s+is\s+)?(?P<exact>{NUMBER}\s*{UNIT})\s*\)"
)
_BACK_OF_HEAD = re.compile(
    r"\b(?:back|nape)\s+of\s+(?:the\s+)?(?:neck|head|skull)|\bnape\b|\bocciput|\bbase\s+of\s+the\s+skull"
)
_FRONT_OF_HEAD_ONLY = re.compile(r"\b(?:forehead|eyebrows?|eyes?|front\s+of\s+the\s+head|midline)\b")
_FRONT_OF_HEAD = re.compile(r"\b(?:forehead|face|eyebrows?|eyes?|front\s+of\s+the\s+head|temples?)\b")
# A bracket that says what a landmark is, after the landmark's noun: the landmark, not the point.
_LANDMARK_GLOSS = re.compile(
    r"\b((?:line|crease|bone|tendon|bump|knob|joint|process|muscle|notch|fold|malleolus|trochanter|hairline|navel|"
    r"kneecap|patella|protuberance|prominence|tuberosity|condyle|epicondyle|angle))\s*\(\s*(?:the|a|an)\s+[^()]*\)"
)
# "Straight up from the tip of the ear, two fingers into the hairline": the hairline over the ear.
_BY_THE_EAR = re.compile(r"\b(?:ears?|side\s+of\s+(?:the|your)\s+head|temples?)\b")
_BARE_HAIRLINE = re.compile(r"(?<!front\s)(?<!back\s)(?<!anterior\s)(?<!posterior\s)\bhairline\b")
_DIGIT_THEN_FACING = re.compile(
    r"(?:(?<=\bfinger)|(?<=\bthumb)|(?<=\btoe))\s*,\s*(?=(?:on\s+)?(?:the|its)\s+(?:[\w-]+\s+)?(?:side|edge|corner)\s+"
    r"(?:that\s+|which\s+)?(?:faces|facing|toward|towards|next\s+to|nearest|closest\s+to|away\s+from)\b)"
)
_SAME_DISTANCE = re.compile(
    rf"(?P<first>\b{NUMBER}\s*{UNIT})\s*\(\s*(?:about\s+|roughly\s+|or\s+|i\.e\.\s+|=\s*)?{NUMBER}\s*{UNIT}\s*\)"
)

_CODE_LINE = re.compile(
    rf"\b(?:the\s+)?(?:{CODE.pattern})\s*[-–]\s*(?:{CODE.pattern})\s+line\b|"
    rf"(?<=\bon\s)(?:the\s+)?line\s+(?:from\s+)?(?:{CODE.pattern})\s*(?:[-–]|to)\s*(?:{CODE.pattern})\b"
)
# "LI6 Pianli:", "Zusanli (ST36):", "HT7 -": a heading that names the point.
_HEADING = re.compile(
    rf"^\s*(?:(?:{CODE.pattern})(?:\s+[a-z'-]+){{0,2}}|[a-z'-]+(?:\s+[a-z'-]+)?\s*\(\s*(?:{CODE.pattern})\s*\))\s*(?::|\s-\s|\s–\s)\s*"
)
# "Step 2:", "Marked in red:" inside a text: a label, not a place.
_INNER_LABEL = re.compile(
    r"(?:(?<=[.;!?]\s)|^)\s*(?:step\s+\d+|marked\s+in\s+\w+|shown\s+in\s+\w+|\d{1,2}(?=[.)]\s))\s*[:.)-]\s*"
)
# A device or a tool put on the point is the point: "place the massager head one thumb-width above the crease".
_DEVICE_ON = re.compile(
    r"\b(?:place|put|position|rest|set|apply)\s+(?:(?:the|your)\s+(?:massager|device|massage\s+(?:head|ball|tool|gun)|"
    r"applicator|roller|tool)(?:\s+(?:head|tip|end|nozzle|attachment))?|it)\s+"
    r"(?=(?:on|at|in|over|into|between|just|right|directly|about|one|two|three|four|five|half|a|an|\d)\b)"
)
# A caption: "In the photo, the thumb rests in the hollow ...", "In the diagram, the dot lies on ...": where the
# picture shows the point.
_PICTURE = r"(?:photo|picture|diagram|image|illustration|drawing|figure|video|chart)"
_IN_PICTURE = re.compile(rf"\bin\s+(?:the|this)\s+{_PICTURE}\b")
_CAPTION_HAND = re.compile(
    rf"(?:\bin\s+(?:the|this)\s+{_PICTURE},?\s+|(?<=[;,.]\s))(?:the|a|her|his|my|your)\s+(?:[\w'-]+\s+){{0,2}}?(?:thumb|fingertip|finger|hand|"
    r"knuckle|needle)s?(?:\s+tips?)?\s+(?:rests?|presses|press|sits|lies|is|points?\s+(?:to|at)|touches|marks|goes)\s+"
    r"(?:on|at|in|into|over|onto)?\s*"
)
_CAPTION = re.compile(
    rf"\bin\s+(?:the|this)\s+{_PICTURE},?\s+(?:(?:the|a)\s+(?:red\s+|black\s+|small\s+)?(?:dot|mark|marker|cross|circle|"
    r"spot|point)\s+(?:(?:is|lies|sits|marks)\s+)?(?:placed\s+|shown\s+)?)?"
)
_DOT = re.compile(
    r"(?:^|(?<=[.;:]\s))\s*(?:a|the)\s+(?:red\s+|black\s+|small\s+)?(?:dot|mark|cross|circle|point|spot)\s+"
    r"(?:(?:is|lies|sits)\s+)?(?=on|in|at|over|between|just|right)\b"
)
# "Run your thumb up the inner edge of the shin bone until it stops under the knob": on that edge, under the knob.
_RUN_UNTIL = re.compile(
    r"\b(?:run|slide|glide|walk|trace|move)\s+(?:your|a|the|one|two)\s+(?:[\w-]+\s+)?(?:finger|thumb|fingertip|hand)s?\s+"
    r"(?:up|down|along|across)\s+(?P<part>(?:the|your)\s+[^,;.]+?)\s+(?:(?:until|till|to\s+where)\s+(?:it|they|you)\s+"
    r"(?:stops?|bumps?\s+into|reach(?:es)?|hits?|meets?|comes?\s+to|drops?\s+into|sinks?\s+into|runs?\s+into)\s+|"
    rf"(?:in)?to\s+(?=(?:the|a)\s+(?:[\w-]+\s+)?{HOLLOW}\b)|to\s+(?=(?:just\s+)?(?:behind|below|above|under|in\s+front\s+of)\b))"
)
# "From your navel, measure five thumb-widths straight down": that far from it.
_FROM_THEN_MEASURE = re.compile(
    rf"\bfrom\s+(?P<lm>(?:the|your)\s+[^,;.]+?)\s*,?\s+{MOVE_VERB}\s+(?:(?:just|about)\s+)?"
    rf"(?:(?P<d>{NUMBER}\s*{UNIT})\s+(?:straight\s+)?(?P<dir>up|down)|(?:straight\s+)?(?P<dir2>up|down)\s+(?:(?:just|about)\s+)?"
    rf"(?P<d2>{NUMBER}\s*{UNIT}))\b"
)
_THIRD_PERSON = re.compile(
    r"\b(?:mum|mom|dad|mother|father|gran|grandma|grandad|granny|nan|(?:the|your|my)\s+(?:client|patient|person|partner|"
    r"child|friend|relative|husband|wife))(?:'s|’s)\s+"
)
_CODE_GLOSS = re.compile(
    rf"((?:{CODE.pattern})(?:\s+(?:in|on|at)\s+the\s+\w+)?)\s*\(\s*(?:(?:the|a|an)\s+[^()]*|level\s+with\s+[^()]*)\)"
)
# "Rest two fingers in the dip just above ...": the fingers go where the point is.
_FINGERS_IN = re.compile(
    r"\b(?:rest|put|place|press|sink|settle)\s+(?:your\s+|the\s+|two\s+|three\s+|both\s+)?(?:index\s+|middle\s+)?"
    rf"(?:finger(?:tip)?s?|thumbs?)\s+(?:gently\s+)?(?:in|into)\s+(?=(?:the|a)\s+(?:[\w-]+\s+)?{HOLLOW}\b)"
)
# An audio guide's "let your fingers rest on the upper back", "let your hand settle on the top of the shoulder":
# where the hand comes to rest is the place.
_LET_REST = re.compile(
    r"\blet\s+(?:your|the)\s+(?:(?:index|middle|two|three)\s+)?(?:finger(?:tip)?s?|hands?|thumbs?|palms?)\s+"
    r"(?:gently\s+)?(?:rest|settle|sit|lie|sink|land)\s+(?=(?:on|in|into|over|at|just|right|between|along)\b)"
)
# "Let your fingers travel down the forearm from the elbow crease, four thumb-widths": that far down from it.
_LET_TRAVEL = re.compile(
    r"\blet\s+(?:your|the)\s+(?:finger(?:tip)?s?|hands?|thumbs?)\s+(?:travel|walk|wander|slide|glide|move|drift|run)\s+"
    r"(?P<dir>up|down|along)\s+(?P<part>the\s+[^,;.]+?)(?:\s+from\s+(?P<lm>the\s+[^,;.]+?))?\s*,\s+"
    rf"(?:(?:just|about|roughly)\s+)?(?P<d>{NUMBER}\s*{UNIT})(?=\s*[,;.]|\s+(?:and|then|along|on)\b)"
)


_LET_TRAVEL_ON = re.compile(
    r"\blet\s+(?:your|the)\s+(?:finger(?:tip)?s?|hands?|thumbs?)\s+(?:travel|walk|wander|slide|glide|move|drift|run)\s+"
    r"(?:up|down|along)\s+(?=the\s+[^,;.]+?\s*,)"
)


def _travelled(m: re.Match) -> str:
    direction = m["dir"] if m["dir"] != "along" else "from"
    start = m["lm"] or ""
    return f"on {m['part']}, {m['d']} {direction} {'from ' if direction != 'from' else ''}{start}".rstrip()


# "The point is the dip right above that arch": the dip.
_POINT_IS_THE = re.compile(rf"\bthe\s+(?:point|spot)\s+is\s+(?=(?:the|a)\s+(?:[\w-]+\s+)?{HOLLOW}\b)")
# "That arch", "this ridge": the one named before.
_THAT_NOUN = re.compile(r"\b(?:that|this)\s+(arch|ridge|bar|knob|bump)\b")


def _that_noun(m: re.Match) -> str:
    before = m.string[: m.start()]
    named = list(re.finditer(rf"\b(?:the|a)\s+((?:[\w'-]+\s+){{0,2}}{m[1]}(?:\s+of\s+the\s+[\w-]+)?)\b", before))
    return f"the {named[-1].group(1)}" if named else m.group(0)


_TWO_SIDE_WORDS = re.compile(
    r"\b(ulnar|radial|medial|lateral|inner|outer|tibial|fibular),\s+(little-finger|thumb|big-toe|little-toe|inner|outer)\s+side\b"
)
_SIDE_AFTER_PART = re.compile(
    r"\b(?:on|at)\s+the\s+(?:[\w-]+\s+){0,3}?of\s+(?:the|your)\s+(?P<part>wrist|forearm|hand|arm|upper\s+arm|leg|thigh|shin|calf|"
    r"foot|ankle|knee|elbow),\s+on\s+the\s+(?:thumb|little-finger|big-toe|little-toe|inner|outer|inside|outside)"
    r"[- ]side\b(?!\s+of)"
)
_PART_HEADING = re.compile(
    r"^\s*((?:(?:inner|outer|upper|lower|front|back|posterior|anterior|lateral|medial|inside|outside)\s+){1,2}"
    r"(?:ankle|wrist|knee|elbow|thigh|forearm|arm|leg|back|chest|abdomen|belly|neck|shoulder|foot|hand|shin|calf))\s*:\s*"
)
_FOR_CODE = re.compile(rf"(?:^|(?<=[.;]\s))\s*for\s+(?:{CODE.pattern})\s*,\s*")
_OF_THAT = re.compile(
    r"\b(of|to)\s+(?:that|this)\s+(?=(?:[\w-]+\s+){0,2}(?:tendon|bone|knob|bump|muscle|crease|cord|ridge)s?\b)"
)
# "Level with the navel, 2 cun out from its centre": the navel's centre.
_ITS_CENTRE = re.compile(r"\b(from|at|of|beside)\s+its\s+(centre|center|middle)\b")


def _centre_of(m: re.Match) -> str:
    """ "2 cun out from its centre": the centre of the last landmark named before it."""
    before = m.string[: m.start()]
    named = [found.group(0) for regex, _key, _axes in LANDMARK_RE for found in regex.finditer(before)]
    last = max(named, key=before.rfind, default=None)
    return f"{m[1]} the {last}" if last else m.group(0)


# "Press there for 30 seconds", "hold for five breaths": how long, not where.
_DURATION = re.compile(
    r"\s*\bfor\s+(?:about\s+|around\s+|a\s+count\s+of\s+)?(?:\d+|one|two|three|five|ten|twenty|thirty|sixty|a\s+few|several)\s*"
    r"(?:-\s*\d+\s*)?(?:seconds?|secs?|minutes?|mins?|breaths?|counts?)\b"
)
# "Look at the top of your foot", "bring your attention to the back of the forearm": the part to work on.
_LOOK_AT = re.compile(
    r"(?:\s+and\s+|\b)(?:look\s+at|bring\s+(?:your\s+)?(?:attention|awareness)\s+to|turn\s+to|focus\s+on)\s+(?=(?:the|your)\s[^:;,.]*[,.;]|(?:the|your)\s[^:;,.]*$)"
)
# "Receptionist:", "Clinic text:", "Location of point:": who speaks, not where the point is.
_LABEL = re.compile(
    r"^\s*(?:q|a|question|answer|receptionist|clinic(?:\s+text|\s+note)?|location(?:\s+of\s+(?:the\s+)?point)?|note|tip|patient|"
    r"long-time\s+patient\s+here|review|handout|practitioner|therapist|physio|from\s+the\s+clinic|how\s+to\s+find\s+it|"
    r"where\s+it\s+is|step\s+\d+|loc\.?)\s*:\s*"
)


_AND_PRESS = re.compile(
    r",?\s+and\s+(?:press|hold|rub|massage|breathe|exhale|relax)(?:\s+(?:firmly|gently|lightly|steadily|deeply|slowly|there|it|here|down|in))*"
    r"(?:\s+with\s+(?:your|the|a)\s+(?:[\w-]+\s+){0,2}?(?:thumb|finger|fingertip|knuckle)s?(?:[- ]?tips?)?)?"
    r"(?:\s+for\s+[^,.;]+)?(?=\s*(?:[.;,]|$))"
)


def _went(m: re.Match) -> str:
    """ "Find X and go up two thumb-widths" as "two thumb-widths up from X"."""
    return (", " if m["pre"] else "") + _went_from(m)  # "sit and find X, ...": the posture stays a cue


def _went_from(m: re.Match) -> str:
    if m["d"]:
        return f"{m['d']} {m['dir']} from {m['lm']}"
    if m["d2"]:
        return f"{m['d2']} {m['dir2']} {m['lm']}"
    if m["d3"]:
        return f"{m['d3']} {m['dir3']} from {m['lm']}"
    return f"{m['just'] or ''}{m['dir4']} {m['lm']}"  # "find the ankle bone and go behind it": behind the bone


# "The big tendon" is the biceps tendon in the elbow crease and the kneecap tendon below the kneecap.
_BIG_TENDON = re.compile(r"\bthe\s+(?:big|thick|large|main|firm|ropey|ropy|strong|prominent)\s+(?:central\s+)?tendon\b")
_ELBOW_WORD = re.compile(r"\belbow\b")
_KNEE_WORD = re.compile(r"\bknee(?:\s?cap)?s?\b")
_ARM_WORD = re.compile(r"\b(?:elbow|wrist|hand|palm|arm|forearm|finger|thumb)s?\b")
_LEG_WORD = re.compile(r"\b(?:knee(?:\s?cap)?|leg|thigh|shin|foot|ankle|toe)s?\b")
# "Two dips appear at the shoulder tip; this one is the back one": the back one of the pair.
_ONE_OF_TWO_DIPS = re.compile(
    r"\b(?:this\s+one|this|yours|ours|it|the\s+point)\s+is\s+the\s+(?P<d>front|back|rear|forward)\s+"
    rf"(?:one|{HOLLOW}|dimple)\b"
)


def _one_of_two(m: re.Match) -> str:
    return f"the {m['d']} one of the two dips at the shoulder tip"  # as parser.py reads a pair of dips


def rewrite(text: str) -> str:
    """``text`` in lower case and plain words, ready to be split into clauses."""
    text = _NEGATION.sub(" ", spell_out(text.lower().replace("’", "'")))
    if _ELBOW_WORD.search(text) and not _LEG_WORD.search(text):
        text = _BIG_TENDON.sub("the biceps tendon", text)
    elif _KNEE_WORD.search(text) and not _ARM_WORD.search(text):
        text = _BIG_TENDON.sub("the kneecap tendon", text)
    if re.search(r"\bshoulder\b", text) and re.search(rf"\btwo\s+(?:{HOLLOW}|dimples)", text):
        text = _ONE_OF_TWO_DIPS.sub(_one_of_two, text)
    text = _OPENER.sub("", text)  # a chatbot's "Great question!"
    text = _BRACKET_VERTEBRA.sub(r" =\1 ", text)
    text = _BRACKET_VERTEBRA_WORDS.sub(_bracket_level, text)
    text = _VAGUE_THEN_EXACT.sub(r"\g<exact> ", text)  # "a hand's width and a bit (five thumb-widths)"
    text = _CODE_LINE.sub("the channel line", text)  # "on the LU5-LU9 line": a line, not two landmarks
    text = re.sub(rf"\(\s*({CODE.pattern})\s*\)", r" \1 ", text)  # "Kunlun (BL60)": the code stays
    text = re.sub(r"\(\s*(?:[\w-]+\s*){1,2}\)", " ", text)  # "(lateral)", "(calf)": a synonym, read through
    text = _LANDMARK_GLOSS.sub(r"\1", text)  # "the knee joint line (the hollow beside the kneecap tendon)"
    # "Two finger widths (1.5 cun) above ...": the same distance again, in other units.
    text = _SAME_DISTANCE.sub(r"\g<first> ", text)
    if _BACK_OF_HEAD.search(text) and not _FRONT_OF_HEAD.search(text):
        # "At the back of the neck, half a cun inside the hairline": the hairline at the nape.
        text = _BARE_HAIRLINE.sub("back hairline", text)
    if _ON_THE_MIDLINE.search(text):
        # "... below the navel and a hand's width out to the side": from the midline.
        text = _OUT_TO_THE_SIDE.sub(r"\g<d> from the midline", text)
    text = _DIGIT_THEN_SIDE.sub(r"on the \g<side> of the \g<digit>", text)
    text = _DIGIT_THEN_FACING.sub(" ", text)  # "on the little finger, on the side facing the ring finger"
    text = re.sub(r"[ \t]+", " ", text)
    text = _INNER_LABEL.sub(" ", text)
    text = _DEVICE_ON.sub("", text)
    text = _TWO_SIDE_WORDS.sub(r"\2 side", text)
    text = _SIDE_AFTER_PART.sub(
        r"\g<0> of the \g<part>", text
    )  # "on the back of the wrist, on the thumb side"  # "on the ulnar, little-finger side of the tendon"
    text = _FOR_CODE.sub("", text)  # "For ST39, bend the knee ..."
    text = _FINGERS_IN.sub("in ", text)
    text = _LET_REST.sub("", text)
    text = _LET_TRAVEL.sub(_travelled, text)
    text = _LET_TRAVEL_ON.sub("on ", text)  # "let your fingers travel up the inside of the thigh, seven ..."
    text = _POINT_IS_THE.sub("at ", text)
    text = _THAT_NOUN.sub(_that_noun, text)
    text = _THIRD_PERSON.sub("the ", text)  # "Mum's belly button", "the client's kneecap"
    text = _CODE_GLOSS.sub(r"\1", text)  # "three cun below ST30 (the groin point level with the pubic bone)"
    text = _OF_THAT.sub(r"\1 the ", text)  # "on the pinky side of that ropey biceps tendon"
    text = _DURATION.sub("", text)
    if _IN_PICTURE.search(text):
        text = _CAPTION_HAND.sub("at ", text)
    text = _CAPTION.sub("", text)
    text = _DOT.sub("", text)
    text = _LOOK_AT.sub(lambda m: ", on " if m.group(0).startswith(" and") else "on ", text)
    text = _ITS_CENTRE.sub(_centre_of, text)
    text = _resolve_its(text)
    if _BY_THE_EAR.search(text) and not _FRONT_OF_HEAD_ONLY.search(text) and not _BACK_OF_HEAD.search(text):
        text = _BARE_HAIRLINE.sub("temporal hairline", text)
    text = _NECK_TO_SHOULDER.sub(r"on the top of the shoulder, \g<0>", text)
    text = _LINE_CROSSES.sub(r"on the midline, level with \g<lm>", text)
    text = _RUN_UNTIL.sub(r"on \g<part>, ", text)
    text = _FROM_THEN_MEASURE.sub(lambda m: f"{m['d'] or m['d2']} {m['dir'] or m['dir2']} from {m['lm']}", text)
    text = _FIND_THEN_GO.sub(_went, text)
    text = _AND_FIND.sub(", ", text)
    text = _AND_PRESS.sub("", text)  # "... down the middle of the bone and press."
    text = _WANTED.sub("at ", text)
    text = _FOLLOW_TO.sub(_followed, text)
    text = _LABEL.sub("", _HEADING.sub("", text))
    # "Inner ankle: one thumb-width below the peak of the ankle bone": the heading names the area.
    return _PART_HEADING.sub(r"at the \1, ", text)
