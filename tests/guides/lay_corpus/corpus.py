"""The independent corpus of lay location descriptions (lay_locations.yaml; see README.md beside it).

Written by a session that had not read the guide checker, each entry checked against WHO 2008, so that
the checker is measured on wording its author did not write. Shared by the tests and bench/checker.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

PATH = Path(__file__).with_name("lay_locations.yaml")
HELD_OUT = PATH.with_name("lay_locations_heldout.yaml")  # by a second independent writer
# By a third independent writer, after the checker was tuned on the first two: wording it has not seen.
FRESH = PATH.with_name("lay_locations_fresh.yaml")
# By a fourth writer, in five voices (forum, handout, translated clinic site, receptionist, textbook), after the
# checker was tuned on the first three; reviewed on a sample of 130 (REVIEW_blind.md).
BLIND = PATH.with_name("lay_locations_blind.yaml")
# By a fifth writer, in the style of clinic web pages (copywriter, practitioner's shorthand, physio, self-care,
# leaflet, second-language FAQ), after the checker was tuned on the first four; reviewed on 150 (REVIEW_fifth.md).
FIFTH = PATH.with_name("lay_locations_fifth.yaml")
# By a sixth writer (a point encyclopedia, a student's notes, a massage therapist, a spoken class, a British clinic,
# patients' reviews), after the checker was tuned on the fifth; reviewed on 150 (REVIEW_sixth.md).
SIXTH = PATH.with_name("lay_locations_sixth.yaml")
# By a seventh pair of writers (an acupressure app, a translated textbook, a patients' forum, a sports therapist; a
# newspaper column, picture captions, a yoga teacher, an American blog), after the checker was tuned on the sixth;
# reviewed on 150 (REVIEW_seventh.md).
SEVENTH = PATH.with_name("lay_locations_seventh.yaml")
# By an eighth pair (a practice nurse, a clinic's web chat, an anatomy tutor, a leaflet for a teenager; a podcast, an
# Australian FAQ, a martial-arts instructor, a carer's notes), after the checker was tuned on the seventh; reviewed
# on 150 (REVIEW_eighth.md).
EIGHTH = PATH.with_name("lay_locations_eighth.yaml")
# By a ninth pair (a family doctor's handout, a clinic's social-media captions, a running coach, an American massage
# textbook; a midwife, a follow-up email, an Irish clinic, students' quiz items), after the checker was tuned on the
# eighth; reviewed on 150 (REVIEW_ninth.md).
NINTH = PATH.with_name("lay_locations_ninth.yaml")
# By a tenth pair (a physiotherapist, a pharmacy leaflet, a Scottish clinic's blog, an audio-guided session; a
# student's revision notes, an Indian wellness site, a massage device's manual, a practitioner's letter), after the
# checker was tuned on the ninth; reviewed on 150 (REVIEW_tenth.md).
TENTH = PATH.with_name("lay_locations_tenth.yaml")
# By an eleventh pair (a hospice nurse, a Canadian newsletter, a Hong Kong leaflet in translation, text messages; a
# wellness chatbot, a Pilates instructor, a German speaker's English, a pocket reference card), after the checker
# was tuned on the tenth; reviewed on 150 (REVIEW_eleventh.md).
ELEVENTH = PATH.with_name("lay_locations_eleventh.yaml")
# Every corpus, by name, in the order the writers delivered them (bench/checker.py and the tests read them all).
CORPORA = {
    "development": PATH, "held_out": HELD_OUT, "fresh": FRESH, "blind": BLIND, "fifth": FIFTH, "sixth": SIXTH,
    "seventh": SEVENTH, "eighth": EIGHTH, "ninth": NINTH, "tenth": TENTH,
    "eleventh": ELEVENTH,
}  # fmt: skip
FAULTS = (
    "radial_ulnar",
    "tibial_fibular",
    "mixed_mention",
    "multi_part_word",
    "shoulder_chest",
    "distance",
    "anterior_posterior",
    "wrong_limb",
    "wrong_segment",
    "head_trunk",
)


@dataclass(frozen=True, slots=True)
class Description:
    code: str
    text: str
    correct: bool
    fault: str | None
    trap: bool
    note: str


def load(path: Path = PATH) -> list[Description]:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [
        Description(
            code=e["code"],
            text=e["text"],
            correct=e["correct"],
            fault=e.get("fault"),
            trap=bool(e.get("trap")),
            note=e["note"],
        )
        for e in entries
    ]
