"""The location checker reads clauses, sides, landmarks and distances; measured on the independent lay corpora.

The two corpora (tests/guides/lay_corpus/, each written by a different writer without sight of the checker)
hold the targets of issue 13, on each and on both together: at least 97 % of wrong descriptions caught, at
most 1 % false alarms on correct ones, none on the atlas's own location texts. The unit tests below name
one kind of reading each.
"""

import datetime as dt

import pytest

from acuclinic.guides import parser
from acuclinic.guides.checks import ERROR, INFO, GuideDraft, PointEntry, atlas_facts, check_guide
from acuclinic.guides.judge import judge
from acuclinic.guides.vocabulary import TOLERANCE_FLOOR, figure_names
from tests.guides.lay_corpus.corpus import (
    BLIND,
    EIGHTH,
    ELEVENTH,
    FIFTH,
    FRESH,
    HELD_OUT,
    NINTH,
    PATH,
    SEVENTH,
    SIXTH,
    TENTH,
    load,
)

TODAY = dt.date(2026, 1, 1)


def verdict(code, text):
    placements = atlas_facts().placements
    return judge(text, placements.place(code), placements.place)


def wrong(code, text):
    return bool(verdict(code, text).errors)


@pytest.fixture(scope="module", params=["development", "held_out", "together"])
def corpus(request):
    return {"development": load(PATH), "held_out": load(HELD_OUT), "together": load(PATH) + load(HELD_OUT)}[
        request.param
    ]


def test_no_false_alarm_on_any_atlas_location_text():
    facts = atlas_facts()
    alarms = [c for c, t in facts.locations.items() if facts.placements.place(c) and wrong(c, t)]
    assert alarms == []


def test_false_alarms_on_correct_lay_descriptions_stay_at_or_below_one_percent(corpus):
    correct = [d for d in corpus if d.correct]
    alarms = [f"{d.code}: {d.text}" for d in correct if wrong(d.code, d.text)]
    assert len(alarms) <= 0.01 * len(correct), alarms


def test_wrong_lay_descriptions_caught(corpus):
    """Issue 13's target: at least 97 % of the wrong descriptions are caught."""
    bad = [d for d in corpus if not d.correct]
    caught = sum(wrong(d.code, d.text) for d in bad)
    assert caught / len(bad) >= 0.97


# The corpora that came after the checker was tuned on the earlier ones, each from a new writer; the checker was
# then tuned on each too (README, "Measured on independent lay wording", keeps each one's first-sight figures).
# These floors keep what it reads now; except on the blind corpus they are below the 97 % target.
_LATER_CORPORA = [
    # A third writer: 85.8 % caught, 3.6 % false alarms on arrival.
    pytest.param(FRESH, 0.95, id="fresh"),
    # A fourth, in five voices (forum, handout, translated clinic site, receptionist, textbook): 80.5 %, 4.6 %;
    # the checker then learnt to read through the framing ("Receptionist: that point is on ...").
    pytest.param(BLIND, 0.97, id="blind"),
    # A fifth, imitating clinic web pages (marketing copy, shorthand, a physio, self-care steps, a leaflet, an FAQ):
    # 70.3 %, 4.2 %; then shorthand spelt out, what a point is for set aside, "find X and go up two thumb-widths".
    pytest.param(FIFTH, 0.91, id="fifth"),
    # A sixth (an encyclopedia, a student's notes, massage, a spoken class, a British clinic, reviews): 72.3 %,
    # 3.4 % on arrival, after the tuning on the fifth.
    pytest.param(SIXTH, 0.88, id="sixth"),
    # A seventh pair (an app's steps, a translated textbook, a forum, a sports therapist; a newspaper column, picture
    # captions, a yoga teacher, an American blog): 70.7 %, 2.9 % on arrival, the same as before the sixth's tuning.
    pytest.param(SEVENTH, 0.88, id="seventh"),
    # An eighth pair (a nurse, a clinic's web chat, an anatomy tutor, a teenager's leaflet; a podcast, an Australian
    # FAQ, a martial-arts instructor, a carer's notes): 87.1 %, 0.7 % on arrival after the tuning on the seventh.
    pytest.param(EIGHTH, 0.93, id="eighth"),
    # A ninth pair (a GP's handout, social-media captions, a running coach, an American massage textbook; a midwife,
    # a follow-up email, an Irish clinic, students' quiz items): 92.9 %, 2.9 % on arrival after the eighth's tuning.
    pytest.param(NINTH, 0.96, id="ninth"),
    # A tenth pair (a physiotherapist, a pharmacy leaflet, a Scottish clinic's blog, an audio-guided session; a
    # student's notes, an Indian wellness site, a massage device's manual, a practitioner's letter): 81.1 %, 5.4 %
    # on arrival after the ninth's tuning (80.7 %, 5.0 % for the checker before it).
    pytest.param(TENTH, 0.93, id="tenth"),
    # An eleventh pair (a hospice nurse, a Canadian newsletter, a Hong Kong leaflet, text messages; a chatbot, a Pilates
    # instructor, a German speaker's English, a reference card): 85.4 %, 5.0 % on arrival after the tenth's tuning
    # (79.6 %, 4.3 % for the checker at the session's start).
    pytest.param(ELEVENTH, 0.90, id="eleventh"),
]


@pytest.mark.parametrize(("path", "floor"), _LATER_CORPORA)
def test_wording_from_later_writers_does_not_slip_back(path, floor):
    corpus = load(path)
    bad = [d for d in corpus if not d.correct]
    correct = [d for d in corpus if d.correct]
    assert sum(wrong(d.code, d.text) for d in bad) / len(bad) >= floor
    assert sum(wrong(d.code, d.text) for d in correct) / len(correct) <= 0.01


@pytest.mark.parametrize(
    ("code", "text"),
    [("HT7", "At the thumb end of the wrist crease on the palm side."),  # radial / ulnar
     ("LU7", "On the little-finger edge of the forearm, above the wrist crease."),
     ("SP6", "Three cun above the outer ankle bone, just behind the fibula."),  # tibial / fibular
     ("ST25", "On the lower back, two cun either side of the spine, level with the navel."),  # one clause is wrong
     ("GB30", "At the front of the hip, in the groin crease."),  # a multi-part word narrowed by its side
     ("GB21", "On the upper chest, just below the collarbone."),  # shoulder and chest
     ("SP6", "On the inner side of the lower leg, three cun below the knee."),  # distance
     ("GV20", "On the top of the head, two cun behind the front hairline."),
     ("BL23", "On the lower back, one and a half cun beside the spine, level with the fifth lumbar vertebra."),
     ("SI19", "In the dip just behind the ear."),  # the side of a reference landmark
     ("LR1", "On the big toe, on its inner edge away from the other toes, by the nail corner."),  # a digit's side
     ("BL11", "On the back of the neck, just below the skull."),  # head and trunk by level
     ("CV17", "On the spine between the shoulder blades."),
     ("HT3", "On the forearm, at the inner end of the elbow crease."),  # a segment named for a joint point
     ("KI3", "On the sole of the foot, level with the inner ankle bone."),  # the sole is the foot's
     ("GV14", "On the back of the head, in the dip just below C7."),
     ("KI27", "Up on the top of the shoulder, two finger-widths from the base of the neck."),
     ("ST36", "On the back of the leg, three cun below the knee crease."),
     ("LI11", "Bend the elbow and press at the little-finger end of the crease that forms."),  # after a cue
     ("SI3", "Make a loose fist: Houxi is at the end of the crease on the index-finger edge of the hand."),
     ("GB20", "On the back of the neck, level with the big bump at its base (C7)."),  # a bracketed level
     ("TE3", "On the back of the hand, between the index-finger and middle-finger hand bones."),
     ("ST25", "Four cun out to each side of the belly button."),
     ("GV20", "On the back of the neck, on the midline, just below the skull."),  # head zones by the scalp
     ("CV12", "On the midline, two cun above the belly button."),  # measured on the figure
     ("BL2", "At the far outer tip of the eyebrow."),  # a landmark the point is not at, on its figure
     ("KI1", "On the sole of the foot, in the centre of the heel pad."),
     ("ST31", "On the back of the hip, in the middle of the buttock."),  # its figure shows it from the front
     ("ST12", "On the back, in the hollow above the shoulder blade's ridge."),
     ("SP6", "Leg, 3 cun superior to the lateral malleolus, posterior to the fibula."),  # measured from one ankle
     ("PC6", "2 cun proximal to the dorsal wrist crease, between radius and ulna."),  # from the back of the wrist
     ("BL23", "Lumbar region, 3 cun lateral to the lower border of the L2 spinous process."),  # from the midline
     ("BL17", "Upper back, T3 level, 1.5 cun from the midline."),
     ("ST36", "Leg, 3 cun inferior to ST35, one finger-breadth medial to the tibial crest."),
     ("EX-HN5", "At the temple, about three cun behind the outer corner of the eye."),  # on the side view
     ("LU11", "On the thumb, by the nail corner that faces the index finger."),  # a digit's side by its neighbour
     ("LI2", "On the index finger, on its middle-finger side, just before the big knuckle."),
     ("SI5", "On the back of the wrist toward the thumb, in the hollow by the radius."),  # "toward the thumb"
     ("GB40", "In the hollow behind and below the outer ankle bone."),  # both sides of a compound
     ("TE14", "With the arm lifted sideways, in the front one of the two dips at the shoulder tip."),  # paired dips
     ("LU1", "One cun below the inner end of the collarbone."),  # the collarbone's ends
     ("CV12", "Lying face down: on the midline, four cun above the navel."),  # a posture that leaves the back
     ("LI11", "Bend the elbow and find the little-finger end of the elbow crease; the point is right there."),
     ("PC7", "Two finger widths (1.5 cun) above the palm-side wrist crease, between the tendons."),  # same twice
     ("PC1", "Front desk: we tell people it's on the top of the shoulder, a cun out from the nipple."),  # framing
     ("HT7", "My physio put the needle at the thumb end of my wrist crease."),  # whose body it is
     ("LI14", "On the outer side of the upper arm, two cun above LI11."),  # another point as the landmark
     ("SI1", "This point is on little finger, at nail corner of the side which faces the ring finger."),
     ("TE5", "On the inner forearm, two cun up from the wrist crease, between the tendons."),  # lay "inner": palm side
     ("GV16", "Over the sacrum on the midline, in the hollow between the two muscles."),  # the sacrum by level, for a neck point
     ("SI6", "On the back of the forearm, a cun above the wrist crease, in the dip on the little-finger side of the ulna's round head."),
     ("LU7", "On the little-finger side of the forearm, two fingers above the wrist crease."),  # a measure, not a ruler
     ("LI11", "Bend the elbow and find the end of the crease on the little-finger side."),  # what it has you find
     ("PC6", "Two cun above the wrist crease between the tendons, on the back."),
     ("KI7", "Med. lower leg, 7 cun sup. to the med. malleolus, ant. to the Achilles tendon."),  # shorthand
     ("BL25", "Lumbar, 4 cun lat. to the lower border of L4 spin. proc."),
     ("LR1", "Big toe, med. side, by the nail corner."),  # the digit, then its side
     ("ST35", "In the hollow below the kneecap, on the inner side of the patella ligament."),
     ("HT9", "At the ulnar corner of the little fingernail."),
     ("SI1", "On the little finger, on the edge that faces the ring finger, by the nail corner."),  # across a comma
     ("LI6", "LI6 Pianli: back of the forearm, 3 cun above the wrist crease, on the ulnar border, on a line from SI5."),
     ("KI6", "Find the round bone on the outside of the ankle. The point sits in the dip just below it."),  # "it"
     ("ST6", "At the back of the neck, a finger-width beside the spine."),  # a face point
     ("ST8", "Over the upper trapezius, at the level of C7."),  # a head point at a vertebra's level
     ("GV14", "On the top of the head, on the midline."),
     ("SP8", "On the inside of the lower leg, just behind the shin bone, a thumb-width above the bony bump on the inside of the ankle."),
     ("KI19", "Lie down and find your belly button. Go one thumb-width above it and half a thumb-width to the side."),
     ("ST39", "Sit with the knee bent. Put four fingers below your kneecap; the point is just under your little finger."),
     ("TE13", "On the back of the upper arm, one finger-width above the point of the elbow."),  # on the figure
     ("KI12", "On the lower belly, four thumb-widths below the navel and a full hand's width (four fingers) out to the side."),
     ("BL44", "At the outer border of the shoulder blade, level with T5."),  # the blade's borders
     ("BL36", "At the top of the buttock, on the middle of the rim of the hip bone."),
     ("BL35", "At the top of the buttock, over the back point of the hip bone."),
     ("TE23", "In the notch at the inner end of the brow."),
     ("GB40", "At the back of the ankle, on the outer side, in the dip beside the heel cord."),  # in front of it
     ("LI5", "At the thumb end of the wrist crease on the palm side."),  # the side named after the part
     ("ST42", "Plantar surface, at the base of the 2nd metatarsal."),
     ("KI8", "Find the outer ankle bone and go up two thumb-widths, then press just behind the bone."),
     ("BL60", "Find the round bone on the inside of your ankle and press into the hollow between it and the heel cord."),
     ("ST37", "On the inside of the lower leg, six thumb-widths below the knee, just behind the shin bone."),
     ("SI9", "Find the fold at the front of your armpit and go one thumb-width above it, onto the front of the chest."),
     ("TE1", "Pinch the ring finger at the nail. The point is at the nail corner on the side next to the middle finger."),
     ("SI2", "She needled my little finger, on the side facing my ring finger."),  # the digit before its side
     ("CV15", "Find the notch at the very top of your breastbone, then go one thumb-width down the middle of the bone."),
     ("TE10", "Press into the hollow one thumb-width above the elbow crease on the front of the arm."),  # a trailing face
     ("BL2", "Rest your fingertips at the outer tail of each eyebrow and press gently into the notch there."),
     ("SP10", "So you go to the inner top corner of the kneecap, and come up about five cun, on the bulge of the muscle."),
     ("BL23", "She needled my tummy, one and a half cun either side of the middle, level with L2."),  # a review
     ("GB12", "He needled between my shoulder blades, near the top of the left one."),  # a bare "on the back" of a limb
     ("LI4", "Rest the hand on a table and sink your thumb into the web on the little-finger edge of the palm."),  # hand
     ("KI3", "Press your fingertip firmly into the dip behind the outer ankle bone."),
     ("HT7", "On the wrist crease, on the thumb side of the flexor carpi radialis tendon."),  # a named tendon
     ("SI5", "Curl the fingers and follow the back crease across to the thumb side of the wrist."),  # where it stops
     ("LI10", "so you want the hollow on the little-finger edge of the forearm, near the elbow, yeah."),
     ("GB20", "Lying face down, press along the spine between the shoulder blades."),  # a head point on the back
     ("SI16", "On the outer chest, a hand's width under the armpit."),  # a neck point on the chest wall
     ("LR3", "It's over on the thumbnail side of the hand, near the web."),
     ("BL60", "Basically it's down on the calf, on the outer side."),  # an ankle point on the calf
     ("SI13", "Above the lateral end of the scapular spine."),  # the spine's ends
     ("TE15", "In the hollow right above the lower angle of the scapula."),  # the scapula's angles on the figure
     ("BL43", "Picture a line joining the lower tips of the two shoulder blades; where it crosses the spine, go three cun out."),
     ("GV12", "Draw a line across the bottom corners of the shoulder blades; the point is where this line meets the spine."),
     ("GB40", "Find the outer ankle bone and go behind it."),  # a step from what was found
     ("KI3", "Go to the inner ankle bone and then go in front of it, into the groove by the big tendon."),
     ("SI12", "He needled me just below the outer end of the collarbone on the chest."),  # a part after the reference
     ("ST13", "It's midway between the neck and the tip of the shoulder."),  # the top of the shoulder
     ("CV4", "On the belly, in line with the nipples."),  # their level
     ("LR3", "Step 1: Look at the back of your hand. Step 2: Press the web between thumb and index finger for 20 seconds."),
     ("SP6", "In the photo, her thumb presses the outer side of the lower leg, three cun above the ankle bone."),  # a caption
     ("PC6", "In the diagram, the dot lies on the back of the forearm, two cun above the wrist crease."),
     ("ST36", "Marked in red: a dot on the back of the calf, three cun below the knee."),
     ("GV20", "Sit tall and bring your awareness to the nape of the neck. Breathe into it."),  # the part to work on
     ("GB20", "On the midline of the back, between the shoulder blades."),  # a zone in a later clause
     ("TE5", "Five thumb-widths above the back-of-wrist crease, between the two bones."),
     ("SI1", "Look at your little finger. Find the nail corner on the side facing the ring finger. Press beside that corner."),
     ("ST36", "Step 1: Find the outer knee eye. Step 2: Measure two finger-widths down. Step 3: Press there."),  # steps
     ("KI3", "Sit and find the inner ankle bone. Then move two thumb-widths straight up from its tip."),
     ("SP9", "Slide your fingers up the outer side of the shin until they bump into the knob of the fibula."),  # the path
     ("CV4", "From your navel, measure one thumb-width straight down."),
     ("ST36", "From the outer knee eye, slide down one thumb-width and press beside the shin bone."),
     ("LU7", "A spot on the palm, at the base of the thumb."),
     ("LU8", "Jingqu is easy once you know it: the little-finger end of the inner forearm, an inch above the wrist."),
     ("BL60", "Anteromedial ankle, in the dip in front of the inner ankle bone."),  # a compound side
     ("LU9", "For calming a cough, turn your palm up and follow the wrist crease to its little-finger end."),  # a purpose
     ("LI1", "At the corner of the thumbnail, on the side that faces the index finger."),  # the thumbnail's side
     ("HT7", "On the thumb-side edge of the inner forearm, right at the wrist crease."),
     ("LU5", "In the elbow crease, on the pinky side of that ropey biceps tendon."),
     ("ST25", "On the belly, level with the navel, four cun out from its centre."),  # the navel's centre
     ("BL65", "On the outer edge of the hand, just behind the little finger's knuckle, there is a point used for neck pain."),
     ("KI3", "It sits on the top of the foot, between the first and second toe bones."),  # the foot beyond the ankle
     ("GB20", "Lying face down, a thumb-width out from the spine at waist level."),
     ("GV24", "Midline of the scalp, five thumb-widths back from the front hairline."),
     ("HT3", "Bend the elbow. Find the end of the elbow crease on the thumb side. Press just in front of the knob there."),
     ("SI6", "Feel for the knobbly bone on the thumb side of the wrist; the point lies in the groove right beside that knob."),
     ("GB21", "Lift the arm; a hollow appears on the upper chest just below the collarbone. Press there gently."),  # the hollow
     ("LI15", "Raise the arm and a dip forms on the front of the chest, by the breastbone. Rub that dip."),
     ("GB8", "Press in the hollow just behind the outer end of the collarbone on the top of the shoulder."),
     ("CV4", "For CV4, measure just one thumb-width below Mum's belly button, on the centre line."),  # whose navel
     ("HT9", "On your little finger, by the nail corner - the side furthest from your ring finger."),
     ("KI1", "This point is in the area between the legs, halfway between the back passage and the genitals."),
     ("LI1", "On the index finger, at the middle-finger-side corner of the nail."),
     ("ST45", "On the second toe, at the inner, big-toe-side corner of the nail."),
     ("EX-UE4", "On the palm side of the middle finger, in the crease of its middle joint."),  # a digit's face
     ("EX-UE10", "On the back of the index finger, over its middle joint."),
     ("EX-LE11", "Top of the second toe, over its last joint."),
     ("GB3", "Feel in front of the ear for the bony arch of the cheek. The point is the hollow right below that arch."),
     ("EX-LE5", "Bend the knee and look for the dips just above the kneecap."),  # look for
     ("ST12", "Sit up and rest two fingers in the hollow just below the middle of the collarbone, and breathe."),
     ("PC3", "Pericardium 3 is on the back of the elbow, beside the bony point."),  # a channel's name and number
     ("CV6", "On the middle line of the lower back, two finger-widths below the level of the navel."),  # "middle line"
     ("LU5", "In the elbow crease, on the ulnar, little-finger side of the biceps tendon."),
     ("ST40", "For ST40, find the outer knee eye, and come down just a hand's width, beside the shin bone."),
     ("ST37", "One thumb-width below the dimple on the outer side of the kneecap tendon, beside the shin bone."),
     ("SI5", "Stick the thumb out. On the back of the wrist, on the thumb side, there is a small hollow - press in that hollow."),
     ("KI1", "On the inside of the ankle, just below the ankle bone."),
     ("LI4", "On the back of the hand, beside the bone that runs up to the index finger, on its little-finger side."),
     ("PC6", "On the back of the forearm, two cun up from the wrist crease. The point facing it is on the palm side."),
     ("LU7", "On the little-finger side of the thumb tendon at the wrist."),
     ("BL60", "Inner ankle: in the hollow between the ankle bone and the heel cord."),  # a measured foot point is not at the ankle
     ("SP9", "On the inside of the ankle, in the dip under the big bony bump."),  # a joint far from the point
     ("LU8", "On the inner elbow, a thumb-width below the crease, on the thumb side."),
     ("ST36", "On the outer side of the wrist, a hand's width down."),
     ("BL37", "Lying face down: on the back of the knee, in the middle of the hamstrings."),
     ("GB43", "On the outer ankle, in the hollow between the two smallest toes."),  # on the figure: far from the ankle
     ("SP8", "On the inside of the thigh, four finger-widths above the inside of the knee."),  # "the inside of" is a face
     ("LR3", "On the top of the foot, in the web of the fourth and fifth toes, then a little back."),  # the wrong gap
     ("HT8", "On the palm, in the gap between the thumb bone and the index bone."),
     ("BL2", "Beside the bridge of the nose, in the soft hollow below the eye."),  # a face landmark on the figure
     ("GB14", "On the forehead, in line with the pupil, below the eye."),
     ("LR3", "Point of the day: Taichong. Back of the hand, in the valley behind the thumb and index knuckles."),  # a label
     ("BL10", "Today's point: Tianzhu. Lower back, a finger-width and a half beside the spine."),
     ("PC6", "1. Turn the palm up. 2. Place the massager head on the back of the forearm, two thumb-widths up. 3. Hold."),
     ("BL40", "Kindly ask the patient to lie face down: at the middle of the crease at the front of the elbow."),
     ("SI6", "On the inside of the wrist, a thumb-width above the crease, by the knob of the ulna."),  # the joint's face
     ("TE10", "On the back of the upper arm, three thumb-widths above the bony tip of the elbow."),
     ("LU6", "Let your fingers travel down the forearm from the elbow crease, a hand's width, on the thumb side."),
     ("SP6", "Let your fingers travel up the inside of the thigh, three thumb-widths above the knee."),
     ("LU9", "At the wrist crease on the wee-finger side, beside the tendon."),
     ("CV12", "For the stomach we used a point only one cun above the belly button, on the midline."),
     ("PC5", "On the palm side of the forearm, three cun above the wrist crease, on the thumb side."),  # middle line
     ("TE5", "On the back of the forearm, two cun above the wrist, on the thumb side."),
     ("LU11", "On the side of the thumb that faces the index finger, beside the nail corner."),
     ("GB34", "Run your thumb up the inner side of the shin to the hollow under the bony knob below the knee."),
     ("ST45", "Place it on the second toe at the nail corner on the big-toe side."),
     ("TE6", "Palm up: three cun above the wrist crease, between the two central tendons."),  # the palm side
     ("LU5", "Bend the elbow a little: in the crease, on the little-finger side of the big tendon."),  # the biceps tendon
     ("ST35", "With the knee bent, in the dip below the kneecap on the inner side of the big tendon."),  # the kneecap's
     ("TE14", "Raise the arm out sideways: two hollows show at the tip of the shoulder; the point is the front one."),
     ("CV4", "CV4: 1 thumb-w below the bellybutton, midline."),  # a text message's shorthand
     ("ST36", "From the outer knee eye go down two hands' widths, a finger-width out from the shin."),
     ("BL60", "Still face down: on the inner side of the ankle, between the ankle bone and the heel cord."),
     ("LU4", "On the front of the upper arm, on the pinky side of the biceps, four cun below the front armpit fold."),
     ("HT2", "On the inner upper arm, on the thumb side of the biceps, three cun above the elbow crease."),
     ("LI11", "Loc.: lat. upper arm, 3 cun proximal to the cubital crease."),
     ("PC6", "On the inner side from the forearm, 4 cun over the wrist crease, between the tendons."),  # a German speaker's
     ("KI21", "Start at the belly button, go up two thumb-widths, then half a thumb-width off the midline."),
     ("LU11", "At the corner of the thumbnail on the side facing the pointer finger."),
     ("LU5", "Palm up, find the thick tendon in the middle of the elbow crease; the point is in the crease on the pinky side of it."),
     ("TE7", "On the inner side (the palm side) of the forearm, three cun above the wrist crease."),
     ("ST16", "Loc.: post. thorax, 3rd intercostal space, 4 cun lat. of the midline."),
     ("BL66", "Run your finger along the big-toe edge of the foot to just in front of the knuckle at the base of the toe."),
     ("GV24", "Find where your hair starts at the front, in the middle. Go up two thumb-widths on the centre line.")],
)  # fmt: skip
def test_each_kind_of_misreading_is_caught(code, text):
    assert wrong(code, text)


@pytest.mark.parametrize(
    ("code", "text"),
    [("SI3", "Make a loose fist with the palm facing down: on the little-finger edge of the hand."),  # a cue
     ("LR5", "On the flat face of the shin bone, five cun above the inner ankle bone."),  # "face" is not the face
     ("GV16", "Tilt the head back a little: on the midline just below the skull."),  # "back" is a cue
     ("HT7", "On the wrist crease at its little-finger end, just on the thumb side of the tendon."),  # relative side
     ("BL23", "On the lower back, two finger-widths either side of the spine, level with the navel."),
     ("GB29", "On the side of the hip, halfway between the front hip bone and the big knob at the top of the thigh."),
     ("GV14", "Drop your chin to your chest: the bony bump that sticks out most is C7. The point is just below it."),
     ("KI3", "Midway between the inner ankle bone and the Achilles tendon. It mirrors BL60 on the outer ankle."),
     ("TE13", "On the back of the upper arm, three cun below the acromial angle, at the lower back edge of the deltoid."),
     ("TE20", "Fold the ear forward: right above its tip, just inside the hairline."),
     ("HT5", "One thumb-width above the wrist crease, on the little-finger side, beside the tendon (on the thumb side of it)."),
     ("LR10", "On the inner thigh, three cun below the pulse in the groin at the level of the pubic bone."),
     ("SP6", "Unlike GB39 on the outer leg, it sits on the inner leg, three cun above the inner ankle bone."),
     ("PC8", "Close your hand into a fist: the point is under the tip of the middle finger, on the palm."),
     ("BL23", "Trace across from the lowest ribs to the spine: at about L2, go one and a half cun out to the side."),
     ("EX-HN5", "At the temple, about one cun behind the outer corner of the eye."),
     ("PC6", "At the inner wrist, three finger-widths up from the crease, between the two tendons."),  # an area
     ("ST25", "On the belly at navel height, two cun either side."),
     ("SI6", "Forearm, dorsal side, in the hollow just radial to the ulnar head, about 1 cun above the wrist crease."),
     ("LR1", "On the big toe, at the nail corner facing the second toe, on its outer side."),  # the toe's outer side
     ("KI3", "In the hollow between the inner ankle bone and the Achilles tendon; its partner on the outer ankle is BL60."),
     ("BL59", "On the back and outer side of the lower leg, three cun above BL60."),  # a side of the limb
     ("SI3", "Make a fist: on the little-finger edge of the hand at the end of the palm crease."),  # a crease's end
     ("GB17", "On the top of the head, two and a half cun within the front hairline, in line with the pupil."),
     ("PC7", "In the middle of the palm-side wrist crease, between the two tendons."),  # not the middle of the palm
     ("BL40", "In the middle of the crease behind the knee; the kneecap is straight in front of it."),  # "it": the point
     ("CV4", "On the lower belly midline, three cun (four finger widths) below the navel."),
     ("SI6", "On the back of the wrist, in the slot on the thumb side of the ulna's round head, a cun above the wrist crease."),
     ("GV9", "Arms by the sides: on the midline, in the gap below the seventh thoracic vertebra."),  # a posture
     ("SP6", "Lay four fingers above the inner ankle bone, little finger on it: the point is at your index finger's edge, "
             "behind the shin bone."),  # the hand as a ruler
     ("LU7", "Hook the webs of both hands together, thumb to index: the point is under the index fingertip, on the "
             "thumb side of the forearm, a little above the wrist."),  # a cue's clauses run on
     ("HT7", "At the little-finger end of the wrist crease a tendon stands out; the point is in the hollow on its thumb side."),
     ("PC4", "Down the middle of the inner forearm, five cun from the wrist crease, between the tendons."),
     ("SI7", "On the inner edge of the forearm, five cun above the wrist, on the back."),  # an edge, then the face
     ("GV2", "On the midline over the sacrum, at the gap at its lower end."),
     ("LI11", "Bend the elbow and find the thumb end of the crease."),
     ("LU7", "Two fingers above the wrist crease, on the thumb side of the forearm."),
     ("HT9", "HT9: little finger, radial side, by the corner of the nail."),  # the digit's side, not the hand's
     ("BL60", "Our go-to point for back pain and neck tension. It lies between the outer ankle bone and the Achilles tendon."),
     ("GB1", "Loved in facial treatments for crow's feet. It sits just outside the outer corner of the eye."),  # uses
     ("KI9", "On the inner lower leg, a hand's width and a bit (five cun) above the inner ankle bone."),  # the exact one
     ("GV15", "At the back of the neck on the midline, half a cun inside the hairline."),  # the hairline at the nape
     ("EX-UE3", "On the back of the wrist crease, on the thumb side of the finger extensor tendons."),
     ("LU6", "LU6: front of the forearm on the LU5-LU9 line, 7 cun above the wrist crease."),  # a line, not points
     ("GV23", "Ant. midline, 1 cun within the hairline."),  # WHO's anterior midline of the head
     ("GV20", "Q: Where is Baihui? A: On the top of the head, on the midline, level with the ear tips."),
     ("SI17", "Just behind the angle of the jaw, in the dip in front of the big neck muscle."),
     ("LR3", "On the top of the foot, slide a finger up from the web between the first two toes until it stops where the bones meet."),
     ("ST36", "Sit with the knee bent. Put four fingers below your kneecap; the point is just under your little finger, "
              "a finger-width out from the shin."),  # the hand laid on as a ruler
     ("GB24", "Find your nipple and count down three rib spaces, straight below it. Press gently there."),  # moved on
     ("ST4", "Just out from the corner of the mouth, less than half a cun to the side."),
     ("BL43", "Near the inner border of the shoulder blade, three cun from the spine, level with T4."),
     ("KI3", "At the back of the ankle, in the hollow between the inner ankle bone and the Achilles tendon."),
     ("BL31", "Over the first sacral hole, in the upper part of the sacrum, between the back point of the hip bone and the spine."),
     ("LI5", "At the thumb end of the wrist crease on the back, in the hollow between the two tendons."),  # not the trunk
     ("PC7", "In the middle of the wrist crease on the palm side, between the tendons."),
     ("KI3", "Find the round bone on the inside of your ankle and press into the hollow between it and the heel cord."),
     ("EX-HN12", "Under the tongue, on the left-hand vein beside the frenulum."),  # "left-hand" is not the hand
     ("EX-LE1", "A thumb and a half either side of ST34, on the front of the lower thigh."),
     ("LR10", "On the upper inner thigh, three cun below ST30, where the pulse beats under your fingers."),
     ("BL5", "BL5 → 1 cun into the hairline, 1.5 cun lat."),  # a student's signs
     ("HT9", "um, little finger, the nail corner facing the ring finger, the thumb side, yeah."),  # spoken
     ("BL17", "Between the shoulder blades, one and a half cun either side of the spine, level with T7."),
     ("SI1", "She pricked the outer corner of my little fingernail."),
     ("PC6", "Two cun up from the wrist crease, on the little-finger side of the flexor carpi radialis tendon."),
     ("HT6", "Half a cun above the wrist crease, on the thumb side of the flexor carpi ulnaris tendon."),
     ("LI11", "Bend the elbow and follow the crease out to its end on the thumb side."),
     ("ST36", "Follow the shin bone up to the knee, then go three cun down and one finger-width out."),  # a step after
     ("KI7", "On the lower calf, on the inner side, two thumb-widths above the inner ankle bone."),
     ("LU9", "Sink your thumb into the hollow at the thumb end of the wrist crease, and press steadily with the thumb tip."),
     ("BL40", "Put your thumbs on each side of the knee and press the crease behind it with your fingers."),
     ("GV14", "Imagine a line between the tips of the shoulders; where it meets the spine, at the bump of C7, press below it."),
     ("KI3", "Find the inner ankle bone and go behind it, into the hollow before the heel cord."),
     ("GB21", "Right on the top of the shoulder, halfway between the neck and the bony tip of the shoulder."),
     ("LU1", "Just under the outer end of the collarbone on the chest, then one cun lower."),
     ("PC6", "Look at your palm: the point is two cun above the wrist crease, between the tendons."),  # a cue
     ("GB40", "Step 1: Find the outer ankle bone. Step 2: Slide your finger forward and down from it. Step 3: Press the dip."),
     ("CV23", "In the diagram, the head is tilted back; the dot lies on the front midline of the neck, above the Adam's apple."),
     ("BL40", "In the photo, the patient lies face down; the thumb is at the middle of the crease behind the knee."),
     ("HT7", "In the picture, the fingertip rests at the little-finger end of the wrist crease on the palm side."),
     ("GV22", "On the top of the head, toward the front, two cun back from the front hairline."),
     ("CV1", "This point is in the area between the legs. It lies on the midline, halfway between the back passage and the genitals."),
     ("LR10", "On the inner upper thigh, three cun below ST30 (the groin point level with the top of the pubic bone)."),
     ("SI1", "On your little finger, by the nail corner - the side furthest from your ring finger."),
     ("EX-UE4", "On the back of the middle finger, right over its middle joint."),
     ("ST7", "Feel in front of the ear for the bony arch of the cheek. The point is the dip right below that arch."),
     ("HT3", "Heart 3 sits at the inner end of the elbow crease, in front of the bony knob."),
     ("LI5", "On the back of the wrist, on the thumb side, in the dip between the two tendons."),
     ("KI6", "On the inside of the ankle, in the hollow one thumb-width below the ankle bone."),
     ("LI4", "On the back of the hand, beside the middle of the long bone leading to the index finger, on its thumb side."),
     ("PC6", "On the palm side of the forearm, two cun above the wrist crease. The point facing it on the back is another one."),
     ("LU9", "At the thumb end of the wrist crease, over the pulse, on the little-finger side of the thumb tendon."),
     ("LI18", "On the side of the neck, level with the Adam's apple, over the belly of the big neck muscle."),
     ("KI6", "Inner ankle: one thumb-width straight below the peak of the ankle bone."),
     ("GV23", "On the top of the head on the midline, one thumb-width back from the front hairline."),
     ("ST36", "Three cun below the dimple on the outer side of the kneecap tendon, one finger out from the shin bone."),
     ("ST35", "Bend the knee and look for the dip just below the kneecap, on the outer side of its tendon."),
     ("EX-LE11", "Turn the foot sole up: on the underside of the second toe, in the crease of its last joint."),
     ("LI1", "On the index finger, at the thumb-side corner of the nail."),
     ("ST45", "On the second toe, at the outer, little-toe-side corner of the nail."),
     ("LI15", "Raise the arm to the side and a hollow appears at the front of the shoulder tip. Press there."),
     ("LI5", "Lift the thumb: a hollow forms between two tendons at the base of the thumb, on the wrist. LI5 is in that hollow."),
     ("LI11", "Bend the elbow and find the end of the crease on the thumb side; press just there, toward the bony knob."),
     ("BL23", "Lying face down, one and a half cun either side of the spine at waist level."),
     ("LR3", "On the top of the foot, in the groove between the first and second toe bones."),
     ("LU9", "Taiyuan is simple: at the thumb end of the inner wrist crease, beside the pulse."),
     ("SI4", "Posteromedial wrist, in the dip between the fifth metacarpal base and the wrist bones."),
     ("LU11", "At the corner of the thumbnail, on the side away from the index finger."),
     ("LU5", "In the elbow crease, on the thumb side of that ropey biceps tendon."),
     ("HT9", "On your pinky, at the nail corner facing the ring finger."),
     ("TE4", "Run your finger up the gap between the ring and little finger bones until you drop into the dip on the wrist."),
     ("CV6", "Lie on your back. From your navel, measure a thumb-width and a half straight down."),
     ("KI6", "Step 1: Sit and find the inner ankle bone. Step 2: Move one thumb-width straight down from its tip."),
     ("KI3", "Behind the inner ankle bone, beside the heel cord. It sits opposite the point behind the outer ankle bone."),
     ("BL57", "Halfway down the calf, below the muscle bellies. The therapist has me lie face down with a towel under the ankle."),
     ("ST36", "Below the kneecap's outer dip (the hollow beside the kneecap tendon), three cun down and a finger out."),
     ("GB8", "On the side of the head, straight above the tip of the ear, one and a half cun into the hairline."),
     ("BL23", "Level with the lower edge of L2's spinous process, one and a half cun lateral to the midline."),
     ("CV17", "On the breastbone, in line with the nipples."),
     ("GV1", "At the very bottom of the spine, between the tip of the tailbone and the anus."),
     ("SP6", "On the inner side of the ankle, three thumb-widths up from the bony bump, behind the shin bone."),  # near the joint
     ("PC5", "On the inside of the wrist, four finger-widths up from the crease, between the two tendons."),
     ("ST35", "On the knee, in the outer dimple beside the kneecap tendon."),
     ("HT5", "On the inside of the wrist, a thumb-width above the crease, by the tendon on the little-finger side."),
     ("GB40", "On the outer ankle, in the hollow in front of and below the ankle bone."),
     ("TE3", "On the back of the hand, in the groove between the ring finger bone and the little finger bone."),
     ("ST44", "On the top of the foot, at the web of the second and third toes."),
     ("ST1", "Look straight ahead: below the eye, straight down from the pupil, on the bony rim of the socket."),
     ("SI18", "Under the cheekbone, straight down from the outer corner of the eye."),
     ("GB14", "On the forehead, right over the pupil, a thumb-width above the eyebrow."),
     ("LI4", "Point of the day: Hegu, the headache point. Back of the hand, beside the middle of the index finger bone."),
     ("CV1", "Perineal region: halfway between the anus and the back of the genitals."),
     ("GV1", "Between the very tip o' the tailbone and the back passage."),  # Scots spelling; the coccyx's tip
     ("LU1", "Find the hollow under the outer end of the collarbone, near the shoulder, then go a thumb-width down."),
     ("BL18", "Lie face down and find the ninth bump of the thoracic spine, the ninth thoracic. Two finger-widths either side of the dip under it."),
     ("BL13", "Three bumps down from the big one at the base of the neck is the third thoracic. Below it, a finger-width and a half to each side."),
     ("BL40", "Kindly ask the patient to lie face down. The point is in the middle of the crease behind the knee."),
     ("HT8", "Make a loose fist: on the palm where the little fingertip comes to rest, between the fourth and fifth hand bones."),
     ("SI3", "Loose fist: at the ulnar end of the distal palm crease, just behind the little-finger knuckle."),
     ("SI9", "With the arm by the side, a thumb-width above the top of the back armpit crease."),
     ("HT6", "Half a thumb-width above the wrist crease, on the thumb side of the tendon at the little-finger edge of the wrist."),
     ("PC6", "1. Turn the palm up. 2. Place the massager head two thumb-widths above the wrist crease, between the two tendons. 3. Hold."),
     ("SP10", "On the inner thigh slightly above the knee, two thumb-widths above the top inner corner of the kneecap."),
     ("GV23", "On the midline of the head, halfway between the front hairline and the point two cun behind it."),
     ("PC6", "On the inside of the wrist, two thumb-widths above the crease, between the two tendons."),
     ("TE10", "Bend the elbow: one thumb-width above the bony tip of the elbow, in the dip."),
     ("LI10", "Let your fingers travel down the forearm from the outer end of the elbow crease, two thumb-widths."),
     ("HT7", "At the wrist crease, at the wee-finger end, on the thumb side of the tendon."),
     ("GB21", "Let your hand rest on the top of the shoulder, halfway between the base of the neck and the shoulder tip."),
     ("KI16", "We used a point only half a thumb-width beside the belly button."),
     ("PC6", "Two cun above the wrist crease, right between the two tendons in the middle of the forearm."),
     ("GB34", "Run your thumb up the outer side of the leg to the hollow in front of and below the top of the thinner leg bone."),
     ("ST45", "Place it on the second toe, at the nail corner on the side away from the big toe."),
     ("LI5", "In the snuffbox, the hollow between two tendons that stand out when the thumb is lifted."),
     ("ST18", "Find the rib gap one below the level of the nipple, straight below it."),
     ("PC3", "In the elbow crease, on the little-finger side of the big tendon in the middle."),
     ("HT7", "Rest the back of the hand on the knee: at the little-finger end of the wrist crease, thumb side of the big tendon."),
     ("LI15", "Lift the arm to the side: two dips show at the point of the shoulder, and this one is the front one."),
     ("CV6", "CV6: 1.5 thumb-w below the bellybutton, on the midline."),
     ("BL26", "Still face down, find the lowest lumbar vertebra; two finger-widths out on each side, level with its underside."),
     ("BL60", "Hug one knee in toward you. On the outer side, squeeze gently into the hollow between the ankle bone and the heel cord."),
     ("GB42", "Back to the foot on your thigh: on the top of the foot, in the groove between the fourth and fifth foot bones."),
     ("SI3", "Make a fist: just on the wrist side of the little finger's knuckle, at the end of the crease."),
     ("BL18", "Level with the lower edge of T9, 1.5 cun out; that is two vertebrae below the level of the lower tips of the shoulder blades."),
     ("LU3", "On the front of the upper arm, on the thumb side of the biceps, three cun below the front armpit fold."),
     ("HT2", "On the inner upper arm, by the biceps on its little-finger side, three cun above the elbow crease."),
     ("TE6", "On the outer side from the forearm, 3 cun over the dorsal wrist crease, between the two bones."),
     ("KI18", "Start at the belly button, go up three thumb-widths, then half a thumb-width off the midline."),
     ("LU6", "Loc.: front of forearm, on line LU5-LU9, 7 cun above the wrist crease."),
     ("PC3", "Palm up, find the thick tendon in the middle of the elbow crease; the point is in the crease on the pinky side of it."),
     ("LR12", "Start at ST30 in the groin (level with the top of the pubic bone), then go half a thumb-width out."),
     ("PC4", "On the inner side (the palm side) of the forearm, five cun above the wrist crease, between the tendons."),
     ("BL17", "Loc.: post. thorax, level with the lower border of T7, 1.5 cun lat. of the midline."),
     ("SP2", "Run your finger along the big-toe edge of the foot to just in front of the knuckle at the base of the toe."),
     ("GV24", "Find where your hair starts at the front, in the middle. Go up half a thumb-width on the centre line."),
     ("GV3", "Great question! Lie face down: the line joining the tops of the hip bones (roughly the fourth lumbar level); in the dip just below that bump, on the midline.")],
)  # fmt: skip
def test_cues_references_and_word_hazards_are_not_false_alarms(code, text):
    assert not wrong(code, text), verdict(code, text).errors


def test_clauses_are_read_as_position_reference_or_cue():
    reading = parser.read("Make a loose fist: on the ulnar edge of the hand, two cun above the wrist crease.")
    assert [c.kind for c in reading.clauses] == ["cue", "position", "reference"]
    (distance,) = [c for c in reading.clauses[2].claims if c.axis == "arm"]
    assert distance.lo == pytest.approx(9.8) and distance.tolerance == 1.0  # 2 cun up from the crease at 11.8


def test_lay_measures_convert_to_cun():
    def arm(text):
        return next(c for c in parser.read(text).claims if c.axis == "arm").lo

    assert arm("four finger-widths above the wrist crease") == pytest.approx(11.8 - 3)
    assert arm("a hand's width above the wrist crease") == pytest.approx(11.8 - 3)
    assert arm("two fingers above the wrist crease") == pytest.approx(11.8 - 1.5)


def test_distances_are_judged_on_the_body_figure_in_its_cun():
    placement = atlas_facts().placements.place("CV12")
    across, along = placement.frame.point
    assert placement.frame.view == "trunk_front" and across == pytest.approx(0)
    assert along - placement.frame.landmarks["umbilicus"][1] == pytest.approx(-4, abs=0.05)  # 4 cun above it
    (error,) = verdict("CV12", "On the midline, two cun above the belly button.").errors
    assert "on its figure CV12 is 4 cun above it" in error
    assert not wrong("CV12", "On the midline, four cun above the belly button.")
    assert not wrong("CV12", "On the midline, halfway between the belly button and the lower end of the breastbone.")
    assert wrong("CV12", "On the midline, level with the belly button.")


def test_a_landmark_the_figure_lacks_is_judged_against_the_atlas_text():
    assert figure_names("the lower edge of the kneecap") == ("patella_apex",)
    assert figure_names("the knee") == ()  # kneecap or crease: no one place on a figure
    assert wrong("SP6", "On the inner side of the lower leg, three cun below the knee.")
    assert not wrong(
        "ST36", "On the front of the lower leg, three cun below the knee, a finger-width outside the shin."
    )


def test_the_distance_tolerance_is_max_of_its_floor_and_a_quarter():
    text = "On the inner side of the lower leg, four cun above the inner ankle bone."  # SP6 is at 3
    assert not wrong("SP6", text)  # within max(1 cun, 25 % of 4)
    token = TOLERANCE_FLOOR.set(0.5)
    try:
        assert not wrong("SP6", text)  # 25 % of 4 cun is still 1 cun
        assert wrong("SP6", "On the inner side of the lower leg, two cun above the inner ankle bone.")
    finally:
        TOLERANCE_FLOOR.reset(token)
    assert wrong("SP6", "On the inner side of the lower leg, five cun above the inner ankle bone.")


def _findings(code, text):
    draft = GuideDraft(slug="g", points=[PointEntry(code=code, location=text)], reviewer="R", reviewed_on=TODAY)
    return [f for f in check_guide(draft, today=TODAY) if f.point]


def test_the_message_says_where_the_point_is_and_links_its_figure():
    (finding,) = _findings("BL57", "Found in the posterior thigh, just below the gluteal fold.")
    assert finding.severity == ERROR and finding.link == "/acupoints/bl57/"
    assert "BL57 is on the back of the lower leg" in finding.message and "/acupoints/bl57/" in finding.message


def test_a_wrong_gap_between_the_digits_says_which_gap_it_is():
    (finding,) = _findings("TE3", "On the back of the hand, in the gap between the thumb bone and the index bone.")
    assert "TE3 is between the ring finger and little finger bones" in finding.message


def test_wording_it_cannot_read_is_a_note_with_the_share_checked():
    (finding,) = _findings("ST36", "On the front of the lower leg, where the muscle feels springy under the thumb.")
    assert finding.severity == INFO and finding.check == "location_unchecked"
    assert 0 < finding.checked < 1 and "could not check this wording" in finding.message
