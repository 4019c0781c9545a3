"""Demo booking data: three practitioners with weekly hours, four services, some appointments, and the
no-show rule (a limit of three, and a patient who has reached it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from acuclinic.clinic.clock import clinic_today, clinic_tz

from .models import Appointment, BookingRules, Holiday, Practitioner, Service, WaitlistEntry, WeeklyHours

NO_SHOW_LIMIT = 3
# A demo patient who missed three visits: booking online as them (this email) leads to "please call us".
MISSED = {"patient_name": "Sam Missed", "patient_email": "sam.missed@example.com", "patient_phone": "+14165550199"}

SERVICES = [
    ("initial-acupuncture", "Initial acupuncture consultation", 60, 15, "120.00", Service.Audience.NEW,
     "A full assessment of your health history and the problem that brings you in, and a first treatment."),
    ("acupuncture-follow-up", "Acupuncture follow-up", 45, 15, "90.00", Service.Audience.RETURNING,
     "A treatment session, with a short review of how you have responded since last time."),
    ("physiotherapy-assessment", "Physiotherapy assessment", 60, 10, "130.00", Service.Audience.NEW,
     "Examination, diagnosis and a treatment plan with exercises you can start the same day."),
    ("physiotherapy-follow-up", "Physiotherapy follow-up", 30, 10, "95.00", Service.Audience.RETURNING,
     "Hands-on treatment and progression of your exercise programme."),
]  # fmt: skip

T = dt.time.fromisoformat
PRACTITIONERS = [
    ("mei-lin-chen", "Dr. Mei Lin Chen", "Registered Acupuncturist",
     "Mei Lin has practised acupuncture for fifteen years, with a special interest in back pain and headaches.",
     ["initial-acupuncture", "acupuncture-follow-up"],
     {0: [("09:00", "13:00"), ("14:00", "18:00")], 2: [("09:00", "13:00"), ("14:00", "18:00")],
      4: [("10:00", "16:00")]}),
    ("daniel-okafor", "Daniel Okafor", "Registered Physiotherapist",
     "Daniel treats sports injuries and persistent pain, combining exercise therapy with manual therapy.",
     ["physiotherapy-assessment", "physiotherapy-follow-up"],
     {0: [("08:00", "12:00")], 1: [("08:00", "12:00"), ("13:00", "19:00")], 3: [("08:00", "12:00"), ("13:00", "19:00")],
      5: [("09:00", "13:00")]}),
    ("priya-raman", "Priya Raman", "Registered Physiotherapist and Acupuncture Provider",
     "Priya uses acupuncture alongside physiotherapy for neck, shoulder and knee problems.",
     ["physiotherapy-assessment", "physiotherapy-follow-up", "acupuncture-follow-up"],
     {1: [("09:00", "17:00")], 2: [("12:00", "19:00")], 3: [("09:00", "17:00")], 4: [("09:00", "15:00")]}),
]  # fmt: skip


# slug: (registration number, languages, longer biography, portrait colours: background, skin, hair, shirt, long hair)
PROFILES = {
    "mei-lin-chen": ("R.Ac 4821", "English, Mandarin",
                     "Mei Lin trained in Chinese medicine in Nanjing and in Toronto, and has practised acupuncture "
                     "for fifteen years. She sees many people with low back pain, sciatica and tension headaches, "
                     "and likes to explain what she is doing and why as she works.",
                     ((203, 226, 220), (226, 190, 156), (38, 30, 28), (11, 93, 85), True)),
    "daniel-okafor": ("PT 10377", "English, French, Igbo",
                      "Daniel treats sports injuries and persistent pain. He combines exercise therapy with manual "
                      "therapy, and every patient leaves with a short programme they can do at home.",
                      ((232, 222, 204), (120, 80, 56), (30, 24, 22), (58, 84, 120), False)),
    "priya-raman": ("PT 11452 · R.Ac 5190", "English, Tamil",
                    "Priya is a physiotherapist who also holds an acupuncture licence. She uses acupuncture "
                    "alongside exercise for neck, shoulder and knee problems, and has a particular interest in "
                    "knee osteoarthritis.",
                    ((221, 214, 232), (176, 124, 92), (52, 34, 30), (120, 60, 80), True)),
}  # fmt: skip


@transaction.atomic
def ensure_profiles() -> int:
    """Give the demo practitioners a registration number, languages, a fuller bio and a drawn portrait.

    Only empty fields are filled, so anything staff wrote stays."""
    from acuclinic.clinic.demo import demo_image
    from acuclinic.clinic.illustrations import portrait

    filled = 0
    for person in Practitioner.objects.filter(slug__in=PROFILES):
        registration, languages, bio, (bg, skin, hair, shirt, long_hair) = PROFILES[person.slug]
        if person.photo_id and person.languages:
            continue
        person.registration_number = person.registration_number or registration
        person.languages = person.languages or languages
        if len(person.bio) < len(bio):
            person.bio = bio
        if not person.photo_id:
            person.photo = demo_image(
                f"Demo: portrait of {person.name}",
                f"Illustrated portrait of {person.name}",
                portrait(bg, skin, hair, shirt, long_hair=long_hair),
            )
        person.save()
        filled += 1
    return filled


def load(stdout) -> None:
    _load_records(stdout)
    if filled := ensure_profiles():
        stdout.write(f"booking: {filled} practitioner profiles filled in")
    if course := ensure_course():
        stdout.write(f"booking: a course of care of {course.visits.count()} weekly visits ({course})")
    if ensure_waitlist_entry():
        stdout.write("booking: 1 waitlist entry")


def ensure_course():
    """A course of six weekly acupuncture follow-ups with Mei Lin Chen, booked as a patient would (through
    ``series.book_course``); a week that is not free takes its nearest free time. Once: a course exists, done."""
    from . import series
    from .availability import free_offers
    from .models import CourseOfCare
    from .services import Intake, Patient

    service = Service.objects.filter(slug="acupuncture-follow-up").first()
    person = Practitioner.objects.filter(slug="mei-lin-chen").first()
    if CourseOfCare.objects.exists() or service is None or person is None:
        return None
    today = clinic_today()
    offers = free_offers(service=service, practitioner=person, first_day=today + dt.timedelta(days=2),
                         last_day=today + dt.timedelta(days=9))  # fmt: skip
    morning = [o for o in offers if o.start.astimezone(clinic_tz()).hour >= 10]
    if not morning:
        return None
    plan = series.plan_course(service=service, practitioner=person, starts=series.weekly_starts(morning[0].start, 6))
    starts = [
        week.wanted if week.free else week.alternatives[0].start for week in plan if week.free or week.alternatives
    ]
    return series.book_course(
        service=service, practitioner=person, starts=starts, consent=True, source="staff", intake=Intake(),
        patient=Patient("Demo Patient Course", "course.patient@example.com", "+14165550100", new_patient=False),
    )  # fmt: skip


def ensure_waitlist_entry() -> bool:
    """A patient waiting for a weekday-morning follow-up with anyone: cancel a morning booking to see the offer."""
    service = Service.objects.filter(slug="acupuncture-follow-up").first()
    if service is None or WaitlistEntry.objects.filter(patient_email="waiting.patient@example.com").exists():
        return False
    now = dt.datetime.now(dt.UTC)
    WaitlistEntry.objects.create(
        service=service, practitioner=None, weekdays=[0, 1, 2, 3, 4], times=[["08:00", "12:00"]],
        until=clinic_today() + dt.timedelta(days=28), patient_name="Wen Waiting",
        patient_email="waiting.patient@example.com", patient_phone="+14165550142", new_patient=False,
        intake={"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
        consent_at=now, joined_at=now,
    )  # fmt: skip
    return True


@transaction.atomic
def _load_records(stdout) -> None:
    if Practitioner.objects.exists():
        stdout.write(f"booking: {Practitioner.objects.count()} practitioners (already set up)")
        return
    services = {}
    for order, (slug, name, minutes, buffer, price, audience, description) in enumerate(SERVICES):
        services[slug] = Service.objects.create(
            slug=slug, name=name, duration_minutes=minutes, buffer_minutes=buffer, price=Decimal(price),
            audience=audience, description=description, sort_order=order,
        )  # fmt: skip
    for order, (slug, name, credential, bio, offered, hours) in enumerate(PRACTITIONERS):
        person = Practitioner.objects.create(slug=slug, name=name, credential=credential, bio=bio, sort_order=order)
        person.services.set([services[s] for s in offered])
        for weekday, intervals in hours.items():
            for start, end in intervals:
                WeeklyHours.objects.create(practitioner=person, weekday=weekday, start=T(start), end=T(end))
    _demo_appointments(services)
    _demo_attendance()
    today = clinic_today()
    Holiday.objects.get_or_create(date=dt.date(today.year, 12, 25), defaults={"name": "Christmas Day"})
    stdout.write(f"booking: {len(PRACTITIONERS)} practitioners, {len(SERVICES)} services, "
                 f"{Appointment.objects.count()} appointments")  # fmt: skip


def _demo_attendance() -> None:
    """The no-show rule at work: a limit of three, and a patient with three no-shows and a late cancellation."""
    rules = BookingRules.current()
    if rules.pk:  # a site exists (the clinic's demo makes it): its rules are stored
        rules.no_show_limit = NO_SHOW_LIMIT
        rules.save(update_fields=["no_show_limit"])
    tz = clinic_tz()
    person = Practitioner.objects.prefetch_related("services").first()
    service = person.services.order_by("duration_minutes").first()
    for weeks_ago in range(1, 5):
        start = dt.datetime.combine(clinic_today() - dt.timedelta(weeks=weeks_ago), T("10:00"), tzinfo=tz)
        late = weeks_ago == 4
        Appointment.objects.create(
            practitioner=person, service=service, start=start, end=start + service.duration,
            buffer_end=start + service.duration + service.buffer, source="online", new_patient=False,
            status=Appointment.Status.CANCELLED if late else Appointment.Status.NO_SHOW,
            cancelled_at=start - dt.timedelta(hours=2) if late else None, late_cancellation=late,
            no_show_at=None if late else start + dt.timedelta(minutes=20), **MISSED,
        )  # fmt: skip


def _demo_appointments(services) -> None:
    """A few bookings over the coming week, at times inside each practitioner's hours."""
    tz = clinic_tz()
    today = clinic_today()
    made = 0
    for offset in range(1, 10):
        day = today + dt.timedelta(days=offset)
        for person in Practitioner.objects.prefetch_related("weekly_hours", "services"):
            hours = [h for h in person.weekly_hours.all() if h.weekday == day.weekday()]
            if not hours or made >= 12:
                continue
            service = person.services.order_by("duration_minutes").first()
            start = dt.datetime.combine(day, hours[0].start, tzinfo=tz) + dt.timedelta(hours=1)
            Appointment.objects.create(
                practitioner=person, service=service, start=start, end=start + service.duration,
                buffer_end=start + service.duration + service.buffer, patient_name=f"Demo Patient {made + 1}",
                patient_email=f"patient{made + 1}@example.com", patient_phone="+14165550100", source="staff",
                new_patient=False,
            )  # fmt: skip
            made += 1
