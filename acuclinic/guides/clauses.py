"""Split a plain-English point location into clauses and say what each is.

"Make a loose fist: Houxi is at the end of the crease on the little-finger edge, just behind the knuckle.
It mirrors Hegu (LI4) ..." is a positioning **cue** (how to stand or find it: not a location), the
**position** itself ("at the end of the crease on the little-finger edge", its subject "Houxi is" set aside),
a **reference** it is measured from ("just behind the knuckle") and an **aside** about another point (the
last sentence). parser.py reads the claims of the position and reference clauses. Pure: no Django import.
"""

from __future__ import annotations

import re

from .vocabulary import CUE_START, DIGIT_WORD, NUMBER, POSITION_START, UNIT, spell_out

_NEGATION = re.compile(r"\bnot\s+(?:on|in|at|over)?\s*(?:the\s+)?[^,;.()]*")
_OWNER = re.compile(
    r"\b(shoulder\s+blade|scapula|knee\s?cap|patella|collar\s?bone|clavicle|breast\s?bone|sternum|shin\s?bone|tibia|"
    r"fibula|ankle\s+bone|malleolus|elbow\s+crease|wrist\s+crease|eyebrow|ear|jaw\s?bone)\b"
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
        if owner is None:
            return m.group(0)
        if m.group(1):
            return f"the {m.group(1)} of the {owner}"
        return f"{m.group(0)[:-2]}the {owner}"

    return _PRONOUN.sub(replace, text)


_CODE = re.compile(r"\b(?:lu|li|st|sp|ht|si|bl|ki|pc|te|gb|lr|gv|cv)\d{1,2}\b|\bex-[a-z]{1,2}\d{1,2}\b")
# "Unlike GB39 on the outer leg", "don't confuse it with KI3, on the inside": about something else.
_COMPARISON = re.compile(
    r"^(?:unlike|like|as\s+with|compared?\s+(?:with|to)|as\s+opposed\s+to|not\s+to\s+be\s+confused|"
    r"(?:don't|do\s+not)\s+confuse|its\s+(?:partner|twin|mirror|counterpart)|mirroring|it\s+mirrors)\b"
)
# "the matching point on the outer ankle is BL60", "across from KI3 on the inner side": about its partner.
_PAIRED_WITH = re.compile(
    r"\b(?:across\s+from|matching|partner|twin|mirror(?:s|ed|ing)?|counterpart|pair(?:s|ed)?\s+with|"
    r"opposite\s+(?:number|point))\b"
)
_OTHER_POINT = re.compile(rf"^(?:{_CODE.pattern})\s+(?:lies|is|sits)\b")
# A vertebra in brackets after a landmark gives that landmark's level: "the big bump at its base (C7)".
_BRACKET_VERTEBRA = re.compile(r"\(\s*(?:about\s+|roughly\s+|around\s+|at\s+|level\s+with\s+)?([ctls]\d{1,2})\s*\)")
# "Bend the elbow and press at the end of the crease": the location follows the cue.
_AND_FIND = re.compile(
    r"\s+and\s+(?=(?:then\s+)?(?:press|feel|find\s+it|locate\s+it|you(?:'ll)?\s+find\s+it)\s+"
    r"(?:(?:gently|firmly|lightly)\s+)?(?:just\s+|right\s+)?(?:at|on|in|into|over|between|below|above|beside|under|behind)\b)"
)
# "Find the outer ankle bone and go up two thumb-widths": that far from what was found.
_FIND_THEN_GO = re.compile(
    rf"\bfind\s+(?P<lm>(?:the|your)\s+[^,;.]+?)\s+(?:and|then|,)\s+(?:then\s+)?(?:go|move|slide|come|measure|walk)\s+"
    rf"(?:(?P<dir>up|down)\s+(?:about\s+)?(?P<d>{NUMBER}\s*{UNIT})|(?:about\s+)?(?P<d2>{NUMBER}\s*{UNIT})\s+"
    r"(?P<dir2>above|below|up\s+from|down\s+from|behind|in\s+front\s+of)\s+it\b)"
)


# "Big toe, lat. side, 0.1 cun from the nail corner": the shorthand names the digit, then its side.
_DIGIT_THEN_SIDE = re.compile(
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
_FRONT_OF_HEAD = re.compile(r"\b(?:forehead|face|eyebrows?|eyes?|front\s+of\s+the\s+head|temples?)\b")
_BARE_HAIRLINE = re.compile(r"(?<!front\s)(?<!back\s)(?<!anterior\s)(?<!posterior\s)\bhairline\b")
_DIGIT_THEN_FACING = re.compile(
    r"(?:(?<=\bfinger)|(?<=\bthumb)|(?<=\btoe))\s*,\s*(?=(?:on\s+)?(?:the|its)\s+(?:[\w-]+\s+)?(?:side|edge|corner)\s+"
    r"(?:that\s+|which\s+)?(?:faces|facing|toward|towards|next\s+to|nearest|closest\s+to|away\s+from)\b)"
)
_SAME_DISTANCE = re.compile(
    rf"(?P<first>\b{NUMBER}\s*{UNIT})\s*\(\s*(?:about\s+|roughly\s+|or\s+|i\.e\.\s+|=\s*)?{NUMBER}\s*{UNIT}\s*\)"
)


# "LI6 Pianli:", "Zusanli (ST36):", "HT7 -": a heading that names the point.
# "Q: Where exactly is Zusanli? A: ...": the question and the speakers are not the location.
_QUESTION = re.compile(
    r"^(?:q|a|question|answer)$|^(?:so\s+|and\s+)?where\s+(?:is|are|exactly|do|does|can|would|should)\b|"
    r"^how\s+do\s+(?:i|you|we)\s+find\b"
)
_CODE_LINE = re.compile(rf"\b(?:the\s+)?(?:{_CODE.pattern})\s*[-–]\s*(?:{_CODE.pattern})\s+line\b")
_HEADING = re.compile(
    rf"^\s*(?:(?:{_CODE.pattern})(?:\s+[a-z'-]+){{0,2}}|[a-z'-]+(?:\s+[a-z'-]+)?\s*\(\s*(?:{_CODE.pattern})\s*\))\s*(?::|\s-\s|\s–\s)\s*"
)
# "Receptionist:", "Clinic text:", "Location of point:": who speaks, not where the point is.
_LABEL = re.compile(
    r"^\s*(?:q|a|question|answer|receptionist|clinic(?:\s+text|\s+note)?|location(?:\s+of\s+(?:the\s+)?point)?|note|tip|patient|"
    r"long-time\s+patient\s+here|review|handout|practitioner|therapist|physio|from\s+the\s+clinic|how\s+to\s+find\s+it|"
    r"where\s+it\s+is|step\s+\d+)\s*:\s*"
)


def sentences(text: str) -> list[list[str]]:
    """The clauses of each sentence: split at sentence ends and colons, then semicolons, brackets and commas."""
    text = _NEGATION.sub(" ", spell_out(text.lower().replace("’", "'")))
    text = _BRACKET_VERTEBRA.sub(r" =\1 ", text)
    text = _VAGUE_THEN_EXACT.sub(r"\g<exact> ", text)  # "a hand's width and a bit (five thumb-widths)"
    text = _CODE_LINE.sub("the channel line", text)  # "on the LU5-LU9 line": a line, not two landmarks
    text = re.sub(rf"\(\s*({_CODE.pattern})\s*\)", r" \1 ", text)  # "Kunlun (BL60)": the code stays
    text = re.sub(r"\(\s*(?:[\w-]+\s*){1,2}\)", " ", text)  # "(lateral)", "(calf)": a synonym, read through
    # "Two finger widths (1.5 cun) above ...": the same distance again, in other units.
    text = _SAME_DISTANCE.sub(r"\g<first> ", text)
    if _BACK_OF_HEAD.search(text) and not _FRONT_OF_HEAD.search(text):
        # "At the back of the neck, half a cun inside the hairline": the hairline at the nape.
        text = _BARE_HAIRLINE.sub("back hairline", text)
    if _ON_THE_MIDLINE.search(text):
        text = _OUT_TO_THE_SIDE.sub(
            r"\g<d> from the midline", text
        )  # "... below the navel and a hand's width out to the side"
    text = _DIGIT_THEN_SIDE.sub(r"on the \g<side> of the \g<digit>", text)
    text = _DIGIT_THEN_FACING.sub(" ", text)  # "on the little finger, on the side facing the ring finger"
    text = re.sub(r"[ \t]+", " ", text)
    text = _resolve_its(text)
    text = _FIND_THEN_GO.sub(
        lambda m: f"{m['d']} {m['dir']} from {m['lm']}" if m["d"] else f"{m['d2']} {m['dir2']} {m['lm']}", text
    )
    text = _AND_FIND.sub(", ", text)
    text = _LABEL.sub("", _HEADING.sub("", text))
    out = []
    for sentence in re.split(r"\.(?!\d)|:|\?|!", text):
        parts = re.split(r"[;()\[\]]|,|\s+-{1,2}\s+|\s+–\s+|\s+—\s+|\band\s+(?=(?:on|in|at)\s+the\b)", sentence)
        parts = [p.strip() for p in parts if p and p.strip() and not _QUESTION.match(p.strip())]
        if parts:
            out.append(parts)
    return out


def split(text: str) -> list[str]:
    """Clauses: split at sentence ends, colons, semicolons, brackets and commas."""
    return [part for sentence in sentences(text) for part in sentence]


# Words a location clause may start with; a clause that starts with another word and speaks to "your" body
# within its first words is an instruction ("Drop your chin to your chest", "Stick your thumb up").
_LOCATION_WORD = re.compile(
    r"^(?:on|onto|in|at|over|along|inside|within|into|across|atop|upon|just|right|directly|about|roughly|a|an|the|one|"
    r"two|three|four|five|half|above|below|under|behind|between|halfway|midway|level|where|near|beside|from|"
    r"up|down|high|low|deep|\d)\b"
)
_YOUR_SOON = re.compile(r"^(?:\S+\s+){0,3}your\b")
# "Houxi is at the end of the crease", "press at the end": the verb goes, the location stays.
_SUBJECT = re.compile(
    r"^(?:(?:it|this|the\s+point|(?!(?:the|a|an|which|that|what|there|here|where|who|one)\b)[a-z]+(?:\d{1,2})?)\s+"
    r"(?:(?:is|are)(?:\s+(?:found|located|situated|palpated|needled|felt))?|lies|sits|can\s+be\s+found)|press|feel|needle|"
    r"find\s+it|locate\s+it|you(?:'ll)?\s+find\s+it)\s+(?=(?:just\s+|right\s+|directly\s+|about\s+)?(?:at|on|in|over|"
    r"between|below|above|under|behind|level|halfway|midway|\d|one|two|three|four|a\s+hand|a\s+thumb)\b)"
)
# A landmark being described, not the point: "a hollow forms between two tendons", "the fingertip slips into ...".
_DEFINITION = re.compile(
    r"^(?:a|the|this|that)\s+(?:[\w-]+\s+){0,2}(?:hollow|dip|groove|gap|depression|crease|fold|bump|line|cleft|pit|"
    r"dimple|knob|tendons?|muscles?|bone)(?:\s+[\w'-]+){0,8}?\s+(?:forms|appears|opens|shows|stands|pops|will|becomes|meets|"
    r"runs|crosses|passes|is\s+formed)\b|"
    r"^(?:where\s+|until\s+)?(?:the|your|that)\s+(?:[\w-]+\s+){0,4}(?:finger|fingertip|thumb|tip|hand)s?\s+(?:\w+\s+)?"
    r"(?:slips|falls|lands|rests|drops|touches|sits|lies|reaches|ends)\b"
)


# "On the phone I usually explain that ...", "at my last appointment he used ...": when, not where.
_LEAD_IN = re.compile(
    r"^(?:(?:on\s+the\s+phone|in\s+my\s+experience|at\s+(?:my|your|the)\s+(?:last|first|next)\s+(?:appointment|session|visit)|"
    r"last\s+(?:session|time|week|visit)|this\s+time|honestly|basically|so|well|okay|ok|just\s+so\s+you\s+know)\s*,?\s+)+"
)
_WHERE = (
    r"(?:(?:just|right|directly|about|roughly|exactly|slightly|also)\s+)?(?:on|at|in|over|into|between|inside|along|"
    r"behind|below|above|under|beneath|halfway|midway|level|in\s+front|\d|one|two|three|four|five|six|seven|eight|"
    r"half|a\s+(?:thumb|hand|finger|palm))\b"
)
_FRAMING = re.compile(
    r"^(?:.*?\b(?:(?:point|spot|it|one|mine|needle|that|this)\b[\w' ]*?\b(?:is|'s|are|situates?|situated|sits|lies|"
    r"lie|done|needled|needles|placed|used|goes|went|found|located|inserted)|it's|that's|"
    r"(?:she|he|they|we|i|you|acupuncturist|practitioner|therapist|physio|doctor)(?:'ll|\s+will|\s+would|'d|\s+usually|"
    r"\s+always|\s+first)?\s+(?:be\s+)?(?:working|works?|needled?|"
    r"used?|put|treat(?:ed|s)?|goes|go|went|places?|placed)(?:\s+(?:the|a)\s+(?:needle|spot|point))?|"
    r"feel\s+for\s+(?:the|a|this|that)\s+(?:spot|point)|press(?:\s+(?:gently|firmly|lightly|here|down))?|"
    r"explain\s+that\s+it(?:'s|\s+is))"
    r"(?:\s+(?:always|usually|often|just|right|exactly|also|typically|normally|done|needled|the\s+needle|a\s+needle|"
    r"a\s+spot|the\s+point|the\s+spot))*)\s+(?P<rest>" + _WHERE + r".*)$"
)


def kinds(text: str, own: str | None = None) -> list[tuple[str, str]]:
    """(kind, clause) for each clause: kind "position", "reference", "cue" or "aside".

    ``own`` is the code of the point described: a later sentence that names another point ("It mirrors BL60
    on the outer ankle") is about that point, an aside.
    """
    out: list[tuple[str, str]] = []
    first = True
    for n, sentence in enumerate(sentences(text)):
        if own is not None and n > 0 and any(c != own.lower() for c in _CODE.findall(" ".join(sentence))):
            out += [("aside", part) for part in sentence]
            continue
        whole = " ".join(sentence)
        if _INDICATION.search(whole) and not _LOCATES.search(whole):
            # "Kunlun is a strong point for back pain, headache and stiff necks": what it is for, not where.
            out += [("aside", part) for part in sentence]
            continue
        described = False
        after_cue = False
        for part in sentence:
            part = _LEAD_IN.sub("", part)
            if _INDICATION.search(part) and not _LOCATION_WORD.match(part) and not _LOCATES.search(part):
                out.append(("aside", part))  # "Hegu, our favourite point for headaches, is on ..."
                continue
            if after_cue and not _LOCATION_WORD.match(part) and not _SUBJECT.match(part) and not _FRAMING.match(part):
                # "Hook the webs of your two hands together, thumb to index": the cue goes on.
                out.append(("cue", part))
                continue
            after_cue = False
            if described or _DEFINITION.match(part):
                # The rest of a sentence that describes a landmark describes it further ("..., on the wrist").
                out.append(("cue", part))
                described = True
                continue
            if (
                _COMPARISON.match(part)
                or (_OTHER_POINT.match(part) and own is not None and not part.startswith(own.lower()))
                or (
                    own is not None and _PAIRED_WITH.search(part) and any(c != own.lower() for c in _CODE.findall(part))
                )
            ):
                out.append(("aside", part))  # "(ST30 lies level with the pubic bone)"
                continue
            if (framed := _FRAMING.match(part)) is not None and not POSITION_START.match(part):
                # "Receptionist: that point is on the top of the shoulder", "mine is always done on ...",
                # "she'll be working on the palm", "feel for the spot on ...": the location is what follows.
                part = framed.group("rest")
                out.append(("position" if first or POSITION_START.match(part) else "reference", part))
                first = False
                continue
            subject = _SUBJECT.match(part) or _MOVE_BY.match(part)
            if subject:
                part = part[subject.end() :]
            elif (CUE_START.match(part) and not POSITION_START.match(part)) or (
                not _LOCATION_WORD.match(part) and _YOUR_SOON.match(part)
            ):
                # "Bend the knee: the point is ..." keeps its location after the cue.
                out.append(("cue", part))
                after_cue = True
                continue
            out.append(("position" if (POSITION_START.match(part) or first or subject) else "reference", part))
            first = False
    # "The thumb end of my wrist crease", "your kneecap": whose body it is does not move the point.
    out = [(k, _POSSESSIVE.sub("the", p) if k in ("position", "reference") else p) for k, p in out]
    # "Find the little-finger end of the elbow crease; the point is in the dip there": what the cue found
    # is where the point is.
    for i, (kind, part) in enumerate(out):
        if kind in ("position", "reference") and _THERE.search(part):
            for j in range(i - 1, -1, -1):
                if (
                    out[j][0] == "cue"
                    and (found := _FOUND.search(out[j][1]))
                    and not _MOVED.search(found["tail"] or "")
                ):
                    out[j] = ("position", f"at {_POSSESSIVE.sub('the', found.group(1))}")
                    break
                if _MOVED.search(out[j][1]):
                    break  # "find the nipple and count down three rib spaces ... press there": not at the nipple
                if out[j][0] != "cue":
                    break
    found_np = None
    for i, (kind, part) in enumerate(out):
        if found_np is not None and _IT_FOUND.search(part):
            out[i] = (kind, part := _IT_FOUND.sub(rf"\1 {found_np.replace(chr(92), '')}", part))
        if found_np is not None and (that := _THAT_ONE.search(part)) and re.search(rf"\b{that.group(1)}\b", found_np):
            # "Find the bony ridge across the shoulder blade; press just above the middle of that ridge."
            out[i] = (kind, part[: that.start()] + found_np + part[that.end() :])
        if kind == "cue" and (found := _FOUND.search(part)):
            found_np = _POSSESSIVE.sub("the", found.group(1))
    if not any(kind in ("position", "reference") for kind, _ in out):
        # "Bend the elbow and find the end of the crease on the little-finger side, by the inner knob": with no
        # other location, what the text has you find is the point, and what runs on from it measures it.
        for i, (kind, part) in enumerate(out):
            if kind == "cue" and (found := _FOUND.search(part)) and not _MOVED.search(found["tail"] or ""):
                out[i] = ("position", f"at {_POSSESSIVE.sub('the', found.group(1))}")
                for j in range(i + 1, len(out)):
                    if out[j][0] != "cue" or not _LOCATION_WORD.match(out[j][1]):
                        break
                    out[j] = ("reference", out[j][1])
                break
    return out


# What a point is for, and how it feels: "a point for neck stiffness", "clients say their eyes feel brighter".
_INDICATION = re.compile(
    r"\b(?:points?|one|spot)\s+(?:\w+\s+){0,2}?for\b|"
    r"\b(?:used?|using|helps?|helpful|good|great|wonderful|lovely|brilliant|useful|indicated|famous|known|favou?rite|"
    r"popular|go-to|key|classic|strong|powerful)\s+(?:\w+\s+){0,3}?for\b|"
    r"\bfor\s+(?:[\w'-]+[\s,]+){0,4}?(?:pain|aches?|headaches?|migraines?|stiffness|tension|problems?|complaints?|"
    r"symptoms?|issues?|trouble|insomnia|nausea|stress|anxiety|colds?|flu|sleep|digestion|swelling|toothache|coughs?|"
    r"heat|sinus\w*|fatigue|eyes|feet|skin)\b|"
    r"\b(?:patients?|clients?|people|many|most)\s+(?:\w+\s+)?(?:often|usually|always|love|loves|say|says|feel|feels|"
    r"tell|report|find|ask|notice)\b|"
    r"\b(?:eases?|easing|relieves?|relieving|soothes?|soothing|calms?|calming|treats?|treating|clears?|benefits?|"
    r"brightens?|relaxes?|releases?|helps?)\b|\bwe\s+(?:\w+\s+)?(?:use|love|like|choose|pick)\b|"
    r"\b(?:do|repeat)\s+(?:the\s+same|it|this)\s+on\s+the\s+other\s+side\b"
)
# "Go one thumb-width above it", "move two cun down from the navel": a step measured from a landmark.
_MOVE_BY = re.compile(
    rf"^(?:then\s+)?(?:go|move|slide|come|step|travel|walk|measure|count|press)\s+(?:(?:straight|about|roughly|another|"
    rf"a\s+further|further|just)\s+)?(?!an?\s+(?:finger|thumb)\b(?![- ]?(?:width|breadth)))"
    rf"(?=(?:{NUMBER}\s*{UNIT})\s+(?:above|below|up|down|out|in\s+front|behind|"
    r"beside|toward|towards|from|to\s+the\s+side|under|over|inside|outside|lateral|medial)\b)"
)
_THAT_ONE = re.compile(r"\b(?:that|this)\s+(ridge|bone|bump|knob|crease|fold|tendon|muscle|line|notch|bar|edge)\b")
_MOVED = re.compile(r"\b(?:count|move|go|slide|walk|step|measure|travel|come)\b")
# What says where a point is: a verb of place, a measure.
_LOCATES = re.compile(
    r"\b(?:sits?|lies|lie|located|situated|found|find\s+it|press|needled?|"
    r"(?:is|it's|lies)\s+(?:just\s+|right\s+|directly\s+|about\s+)?(?:on|in|at|between|above|below|under|behind|"
    r"halfway|level|midway|\d|one\s+(?!of)|two|three|four|five|half))\b|"
    r"\b(?:cun|thumb[- ]widths?|finger[- ]widths?|hand'?s?[- ](?:width|breadth))\b"
)
_POSSESSIVE = re.compile(r"\b(?:my|your|his|her|their)\b")
_THERE = re.compile(r"\b(?:there|at\s+that\s+(?:spot|point|place)|on\s+that\s+spot)(?:\s+for\s+.*)?\s*$")
_FOUND = re.compile(
    r"\b(?:find|feel\s+for|feel|locate)\s+((?:the|your|my)\s+(?:(?!\s(?:and|then)\s)[^,;])+)(?P<tail>\s(?:and|then)\s.*)?$"
)
# "Find the round bone on the outside of the ankle. The point is just below it": "it" is what was found.
_IT_FOUND = re.compile(
    r"\b(below|above|beside|behind|under|between|next\s+to|in\s+front\s+of|past|beyond|from|over)\s+it\b(?!\s+(?:is|lies|sits))"
)
