"""Split a plain-English point location into clauses and say what each is.

"Make a loose fist: Houxi is at the end of the crease on the little-finger edge, just behind the knuckle.
It mirrors Hegu (LI4) ..." is a positioning **cue** (how to stand or find it: not a location), the
**position** itself ("at the end of the crease on the little-finger edge", its subject "Houxi is" set aside),
a **reference** it is measured from ("just behind the knuckle") and an **aside** about another point (the
last sentence). wording.py first rewrites the text into plain words; parser.py reads the claims of the position
and reference clauses. Pure: no Django import.
"""

from __future__ import annotations

import re

from .anatomy import mentions
from .vocabulary import CUE_START, HOLLOW, MOVE_VERB, NUMBER, POSITION_START, UNIT, VERTEBRA_RE, find_landmark
from .wording import CODE as _CODE
from .wording import rewrite

# "Unlike GB39 on the outer leg", "don't confuse it with KI3, on the inside": about something else.
_COMPARISON = re.compile(
    r"^(?:unlike|like|as\s+with|compared?\s+(?:with|to)|as\s+opposed\s+to|not\s+to\s+be\s+confused|"
    r"(?:don't|do\s+not)\s+confuse|its\s+(?:partner|twin|mirror|counterpart)|mirroring|it\s+mirrors|"
    r"it\s+(?:lies|sits|is)\s+(?:directly\s+|just\s+)?opposite\s+(?:the|a|its)\s+(?:[\w-]+\s+)?(?:point|spot|partner)|"
    r"the\s+(?:point|spot|one)\s+(?:facing|opposite|across\s+from)\s+it)\b"
)
# "the matching point on the outer ankle is BL60", "across from KI3 on the inner side": about its partner.
_PAIRED_WITH = re.compile(
    r"\b(?:across\s+from|matching|partner|twin|mirror(?:s|ed|ing)?|counterpart|pair(?:s|ed)?\s+with|"
    r"opposite\s+(?:number|point))\b"
)
_OTHER_POINT = re.compile(rf"^(?:{_CODE.pattern})\s+(?:lies|is|sits)\b")


# "Q: Where exactly is Zusanli? A: ...": the question and the speakers are not the location.
_QUESTION = re.compile(
    r"^(?:q|a|question|answer)$|^(?:so\s+|and\s+)?where\s+(?:is|are|exactly|do|does|can|would|should)\b|"
    r"^how\s+do\s+(?:i|you|we)\s+find\b"
)


# Spoken fillers: "so, um, the little finger, yeah, right there".
_FILLER = re.compile(r"^(?:(?:so|um+|uh+|er+m?|okay|ok|well|now|alright|yeah|yep)\b[\s,]*)+(?=\S)")
# "Taiyuan is easy once you know it", "this one is simple": a remark, not a place.
_REMARK = re.compile(
    r"^(?:[\w'-]+\s+){0,3}?(?:is|it's|are)\s+(?:really\s+|very\s+|pretty\s+|quite\s+)?(?:easy|simple|tricky|hard|quick|"
    r"straightforward|fiddly)\b(?:\s+to\s+find)?(?:\s+once\s+you\s+know\s+(?:it|where))?$"
)
_FILLER_ONLY = re.compile(r"(?:so|um+|uh+|er+m?|okay|ok|well|now|alright|yeah|yep|right|you\s+know|like|and)")


def sentences(text: str) -> list[list[str]]:
    """The clauses of each sentence: split at sentence ends and colons, then semicolons, brackets and commas."""
    out = []
    for sentence in re.split(r"\.(?!\d)|:|\?|!", rewrite(text)):
        parts = re.split(r"[;()\[\]]|,|\s+-{1,2}\s+|\s+–\s+|\s+—\s+|\band\s+(?=(?:on|in|at)\s+the\b)", sentence)
        parts = [p.strip() for p in parts if p and p.strip() and not _QUESTION.match(p.strip())]
        parts = [
            p
            for p in (_FILLER.sub("", p).strip() for p in parts)
            if p and not _FILLER_ONLY.fullmatch(p) and not _REMARK.match(p)
        ]
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
    r"find\s+it|locate\s+it|you(?:'ll)?\s+find\s+it|(?:it's|it\s+is|that's|this\s+is)(?:\s+(?:up|down|over|out|back|round))?)\s+(?=(?:just\s+|right\s+|directly\s+|about\s+)?(?:at|on|in|over|"
    r"between|below|above|under|behind|level|halfway|midway|\d|one|two|three|four|a\s+hand|a\s+thumb)\b)"
)
# A landmark being described, not the point: "a hollow forms between two tendons", "the fingertip slips into ...".
_DEFINITION = re.compile(
    r"^(?:a|the|this|that)\s+(?:[\w-]+\s+){0,2}(?:hollow|dip|groove|gap|depression|crease|fold|bump|line|cleft|pit|"
    r"dimple|knob|tendons?|muscles?|bone)(?:\s+[\w'-]+){0,8}?\s+(?:forms|appears|opens|shows|stands|pops|will|becomes|meets|"
    r"runs|crosses|passes|is\s+formed)\b|"
    r"^(?:where\s+|until\s+)?(?:the|your|that)\s+(?:[\w-]+\s+){0,4}(?:finger|fingertip|thumb|tip|hand)s?\s+(?:\w+\s+)?"
    r"(?:slips|falls|lands|rests|drops|touches|sits|lies|reaches|ends|comes\s+to\s+rest|settles)\b"
)


# "On the phone I usually explain that ...", "at my last appointment he used ...": when, not where.
_LEAD_IN = re.compile(
    r"^(?:(?:on\s+the\s+phone|in\s+my\s+experience|at\s+(?:my|your|the)\s+(?:last|first|next)\s+(?:appointment|session|visit)|"
    r"last\s+(?:session|time|week|visit)|this\s+time|honestly|basically|so|well|okay|ok|just\s+so\s+you\s+know|"
    r"please|kindly|still|again|"
    # "My physio has me lie face down ...": what follows is the cue.
    r"(?:my|the|your)\s+(?:physio|acupuncturist|practitioner|therapist|teacher|doctor)\s+(?:has|had|gets|got|asks|asked|tells|"
    r"told|wants)\s+(?:me|you|us|them|him|her|the\s+(?:client|patient))(?:\s+to)?(?=\s+(?:lie|lay|sit|stand|bend|relax|rest|turn|"
    r"roll|kneel)\b))\s*,?\s+)+"
)
_WHERE = (
    r"(?:(?:just|right|directly|about|roughly|exactly|slightly|also|only)\s+)?(?:on|at|in|over|into|between|inside|along|"
    r"behind|below|above|under|beneath|beside|next\s+to|alongside|halfway|midway|level|in\s+front|\d|one|two|three|four|"
    r"five|six|seven|eight|"
    r"half|a\s+(?:thumb|hand|finger|palm))\b"
)
_FRAMING = re.compile(
    r"^(?:.*?\b(?:(?:point|spot|it|one|mine|needle|that|this)\b[\w' ]*?\b(?:is|'s|are|situates?|situated|sits|lies|"
    r"lie|done|needled|needles|placed|used|goes|went|found|located|inserted)|it's|that's|"
    r"(?:she|he|they|we|i|you|acupuncturist|practitioner|therapist|physio|doctor)(?:'ll|\s+will|\s+would|'d|\s+usually|"
    r"\s+always|\s+first)?\s+(?:be\s+)?(?:working|works?|needled?|"
    r"used?|put|treat(?:ed|s)?|goes|go|went|places?|placed)(?:\s+(?:the|a)\s+(?:needle|spot|point))?|"
    r"feel\s+for\s+(?:the|a|this|that)\s+(?:spot|point)|(?:press|squeeze|pinch|rub|knead)(?:\s+(?:gently|firmly|lightly|"
    r"softly|here|down))?|"
    # "Sink your thumb into the hollow ...", "press your fingertip straight up into ...": where the point is.
    r"(?:sink|press|push|dig|put|place|rest|settle|work)\s+(?:your|the|a|one)\s+(?:[\w-]+\s+)?(?:thumb|finger|fingertip|"
    r"knuckle)(?:[- ]?tip)?(?!s)(?:\s+(?:gently|firmly|lightly|steadily|deeply|slowly|straight|up|in|down))*|"
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
        if own is not None and sentence == [own.lower()]:
            continue  # "LR10. Inner thigh, ...": the code as a heading
        if own is not None and n > 0 and _about_other(" ".join(sentence), own):
            out += [("aside", part) for part in sentence]
            continue
        whole = " ".join(sentence)
        if (
            _INDICATION.search(whole)
            and not _LOCATES.search(whole)
            and not any(_AT_PLACE.match(p) or (_PLACED.match(p) and not _INDICATION.search(p)) for p in sentence)
        ):
            # "Kunlun is a strong point for back pain, headache and stiff necks": what it is for, not where.
            out += [("aside", part) for part in sentence]
            continue
        described = False
        after_cue = False
        for part in sentence:
            part = _LEAD_IN.sub("", part)
            if _NICKNAME.fullmatch(part):
                out.append(("aside", part))  # "Luozhen, the stiff-neck point, ...": a name, not a place
                continue
            if _INDICATION.search(part) and not _LOCATION_WORD.match(part) and not _LOCATES.search(part):
                out.append(("aside", part))  # "Hegu, our favourite point for headaches, is on ..."
                continue
            if (
                after_cue
                and _APPOSITION.fullmatch(part)
                and FOUND.search(out[-1][1])
                and all(m.parts <= _AXIAL for m in mentions(part))
            ):
                # "Find the second-last bump of the thoracic spine, the eleventh thoracic": what was found, named.
                out.append(("cue", part))
                continue
            if (
                after_cue
                and not _LOCATION_WORD.match(part)
                and not _SUBJECT.match(part)
                and not _FRAMING.match(part)
                and not _MOVE_BY.match(part)
            ):
                # "Hook the webs of your two hands together, thumb to index": the cue goes on.
                out.append(("cue", part))
                continue
            after_cue = False
            if described or _DEFINITION.match(part) or _IS_VERTEBRA.search(part):
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
            if (done := _DONE_ON.match(part)) is not None:
                part = "on the " + part[done.end() :]  # "she needled my tummy ...": on the tummy
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
            # "Spot of the week: Zhongzhu. Top of the foot, ...": a label or a name places nothing; what does is first.
            first = first and not (mentions(part) or find_landmark(part))
    # "The thumb end of my wrist crease", "your kneecap": whose body it is does not move the point.
    out = [(k, _POSSESSIVE.sub("the", p) if k in ("position", "reference") else p) for k, p in out]
    # "Find the little-finger end of the elbow crease; the point is in the dip there": what the cue found
    # is where the point is.
    for i, (kind, part) in enumerate(out):
        if _THAT_HOLLOW.search(part) or (kind == "cue" and _PRESS_THERE.match(part)):
            # "A hollow appears just below the collarbone ... Press in that hollow": where the hollow appears.
            for j in range(i - 1, -1, -1):
                if out[j][0] == "cue" and (appears := _APPEARS.match(out[j][1])):
                    out[j] = ("position", appears.group("where"))
                    for k in range(j + 1, i):  # "..., on the wrist": the rest of that description
                        if out[k][0] != "cue" or not _LOCATION_WORD.match(out[k][1]):
                            break
                        out[k] = ("reference", out[k][1])
                    break
        if kind in ("position", "reference") and _THERE.search(part):
            for j in range(i - 1, -1, -1):
                if out[j][0] == "cue" and (found := FOUND.search(out[j][1])) and not _MOVED.search(found["tail"] or ""):
                    out[j] = ("position", f"at {_POSSESSIVE.sub('the', found.group(1))}")
                    break
                if _MOVED.search(out[j][1]):
                    break  # "find the nipple and count down three rib spaces ... press there": not at the nipple
                if out[j][0] != "cue":
                    break
    found_np = None
    for i, (kind, part) in enumerate(out):
        if found_np is not None and _ITFOUND.search(part):
            out[i] = (kind, part := _ITFOUND.sub(lambda m, np=found_np: f"{m.group(1)} {np}", part))
        if found_np is not None and (that := _THAT_ONE.search(part)) and re.search(rf"\b{that.group(1)}\b", found_np):
            # "Find the bony ridge across the shoulder blade; press just above the middle of that ridge."
            out[i] = (kind, part[: that.start()] + found_np + part[that.end() :])
        if kind == "cue" and (found := FOUND.search(part)):
            found_np = _POSSESSIVE.sub("the", found.group(1))
    if not any(kind in ("position", "reference") for kind, _ in out):
        # "Bend the elbow and find the end of the crease on the little-finger side, by the inner knob": with no
        # other location, what the text has you find is the point, and what runs on from it measures it.
        for i, (kind, part) in enumerate(out):
            if (
                kind == "cue"
                and (found := FOUND.search(part))
                and not _MOVED.search(found["tail"] or "")
                and not any(_MOVED.search(later) for _, later in out[i + 1 :])
            ):
                # "Find the bump on the outside of the ankle. Slide your finger forward from it": not at the bump.
                out[i] = ("position", f"at {_POSSESSIVE.sub('the', found.group(1))}")
                for j in range(i + 1, len(out)):
                    if out[j][0] != "cue" or not _LOCATION_WORD.match(out[j][1]):
                        break
                    out[j] = ("reference", out[j][1])
                break
    return out


# "Two bumps down from the big one at the base of the neck is the second thoracic": which vertebra that is.
_IS_VERTEBRA = re.compile(rf"\s(?:is|=)\s+(?:the\s+|your\s+)?(?:{VERTEBRA_RE.pattern})\s*$")
_AXIAL = frozenset({"head", "face", "neck", "back", "chest", "abdomen"})
# A noun phrase alone, naming what the clause before found: "the eleventh thoracic", "the seventh vertebra".
_APPOSITION = re.compile(
    r"the\s+(?:(?!(?:is|are|lies|sits|at|on|in|into|between|above|below|under|over|behind|beside|from|to|and|then|"
    r"point|spot)\b)[\w'-]+\s*){1,4}"
)
# A point's nickname: "the stiff-neck point", "our go-to hangover points".
_NICKNAME = re.compile(r"(?:the|a|our|my|your)\s+(?:[\w'-]+\s+){0,2}?[\w'-]*[a-z][- ]points?")
# A patient's review: "she needled my tummy", "he pricked the inner corner of my thumbnail".
_DONE_ON = re.compile(
    r"^(?:she|he|they|the\s+(?:acupuncturist|practitioner|therapist|physio)|my\s+(?:acupuncturist|practitioner|therapist|"
    r"physio))\s+(?:\w+\s+)?(?:needled|pricked|pressed|massaged|treated|worked\s+on|put\s+a\s+needle\s+(?:in|into))\s+"
    r"(?:my|the|your|his|her)\s+"
)
# What a point is for, and how it feels: "a point for neck stiffness", "clients say their eyes feel brighter".
_INDICATION = re.compile(
    r"\b(?:points?|one|spot)\s+(?:\w+\s+){0,2}?for\b|"
    r"\b(?:used?|using|helps?|helpful|good|great|wonderful|lovely|brilliant|useful|indicated|famous|known|favou?rite|"
    r"popular|go-to|key|classic|strong|powerful)\s+(?:\w+\s+){0,3}?for\b|"
    r"\bfor\s+(?:[\w'-]+[\s,]+){0,4}?(?:pain|aches?|headaches?|migraines?|stiffness|tension|problems?|complaints?|"
    r"symptoms?|issues?|trouble|insomnia|nausea|stress|anxiety|colds?|flu|sleep|digestion|swelling|toothache|coughs?|"
    r"heat|sinus\w*|fatigue|eyes|feet|skin|cramps?|spasms?|soreness|discomfort|numbness|tingling|weakness|"
    r"irritability|periods?|cramping)\b|"
    r"\b(?:patients?|clients?|people|many|most)\s+(?:\w+\s+)?(?:often|usually|always|love|loves|say|says|feel|feels|"
    r"tell|report|find|ask|notice)\b|"
    r"\b(?:eases?|easing|relieves?|relieving|soothes?|soothing|calms?|calming|treats?|treating|clears?|benefits?|"
    r"brightens?|relaxes?|releases?|helps?)\b|\bwe\s+(?:\w+\s+)?(?:use|love|like|choose|pick)\b|"
    r"\b(?:do|repeat)\s+(?:the\s+same|it|this)\s+on\s+the\s+other\s+side\b"
)
# "Go one thumb-width above it", "move two cun down from the navel": a step measured from a landmark.
_MOVE_BY = re.compile(
    rf"^(?:then\s+)?(?:{MOVE_VERB}|press)\s+(?:(?:straight|about|roughly|another|"
    rf"a\s+further|further|just)\s+)?(?!an?\s+(?:finger|thumb)\b(?![- ]?(?:width|breadth)))"
    rf"(?=(?:{NUMBER}\s*{UNIT})\s+(?:above|below|up|down|out|in\s+front|behind|"
    r"beside|toward|towards|from|to\s+the\s+side|under|over|inside|outside|lateral|medial)\b)"
)
# "A small hollow shows up under the outer end of the collarbone": the hollow and where it is.
_APPEARS = re.compile(
    rf"^(?:.*?\band\s+)?(?:a|the)\s+(?:[\w-]+\s+){{0,2}}{HOLLOW}\s+(?:appears|forms|"
    r"opens|shows(?:\s+up)?|pops\s+up|will\s+(?:appear|form|open|show))\s+(?P<where>(?:on|in|at|between|just|right|under|below|"
    r"above|behind|beside|in\s+front\s+of)\b.*)$"
)
_PRESS_THERE = re.compile(r"^(?:press|hold|rub|massage)\s+(?:there|here)\b")
_THAT_HOLLOW = re.compile(rf"\b(?:that|this|the)\s+{HOLLOW}\s*$|\bof\s+(?:that|this)\s+(?:hollow|dip)")
_THAT_ONE = re.compile(
    r"\b(?:that|this)\s+(ridge|bone|bump|knob|crease|fold|tendon|muscle|line|notch|bar|edge|corner|groove|gap|web)\b"
)
_MOVED = re.compile(rf"\b{MOVE_VERB}\b")
# What says where a point is: a verb of place, a measure.
_LOCATES = re.compile(
    r"\b(?:sits?|lies|lie|located|situated|found|find\s+it|press|needled?|"
    r"(?:is|it's|lies)\s+(?:just\s+|right\s+|directly\s+|about\s+)?(?:on|in|at|between|above|below|under|behind|"
    r"halfway|level|midway|\d|one\s+(?!of)|two|three|four|five|half))\b|"
    r"\b(?:cun|thumb[- ]widths?|finger[- ]widths?|hand'?s?[- ](?:width|breadth))\b"
)
# A clause that starts "at the ..." places something, whatever else its sentence says.
# "On the outer edge of the foot, just behind ..., there is a point used for a stiff neck": a place on a part.
_PLACED = re.compile(
    r"^(?:on|at|in)\s+the\s+(?:[\w-]+\s+){0,3}(?:edge|side|border|back|front|top|face|surface)\s+of\s+the\s+"
    r"(?:[\w-]+\s+)?(?:foot|hand|leg|arm|forearm|thigh|wrist|ankle|knee|elbow|shin|calf|finger|thumb|toe|head|neck|chest|back)\b"
)
_AT_PLACE = re.compile(r"^at\s+the\s+(?:[\w-]+\s+){0,3}(?:end|corner|edge|side|tip|crease|hollow|dip)\b")


def _about_other(sentence: str, own: str) -> bool:
    """A later sentence that names another point is about it, unless it measures from it ("one cun below ST30")."""
    for m in _CODE.finditer(sentence):
        if m.group(0) != own.lower() and not _MEASURED_FROM.search(sentence, 0, m.start()):
            return True
    return False


_MEASURED_FROM = re.compile(
    r"\b(?:below|above|from|beside|behind|under|between|and|than|level\s+with|lateral\s+to|medial\s+to|in\s+front\s+of)\s+$"
)
_POSSESSIVE = re.compile(r"\b(?:my|your|his|her|their)\b")
_THERE = re.compile(r"\b(?:there|at\s+that\s+(?:spot|point|place)|on\s+that\s+spot)(?:\s+for\s+.*)?\s*$")
FOUND = re.compile(
    r"\b(?:find|feel\s+for|feel|look\s+for|locate|(?:rest|put|place|lay)\s+(?:your\s+|the\s+)?(?:finger(?:tip)?s?|thumbs?)\s+(?:on|at|over))\s+((?:the|your|my)\s+(?:(?!\s(?:and|then)\s)[^,;])+)(?P<tail>\s(?:and|then)\s.*)?$"
)
# "Find the round bone on the outside of the ankle. The point is just below it": "it" is what was found.
_ITFOUND = re.compile(
    r"\b(below|above|beside|behind|under|between|next\s+to|in\s+front\s+of|past|beyond|from|over)\s+it\b(?!\s+(?:is|lies|sits))"
)
