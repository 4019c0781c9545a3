"""Cost of the waitlist: matching a freed slot against 10,000 waiting patients, and a cancellation's
time to its offers.

    python bench/waitlist.py [--entries 10000] [--database-url postgres://postgres@127.0.0.1:5432/acuclinic_bench]

1. The pure matcher (booking/waitlist_matching.py) alone: one freed slot, and a day of ten freed slots,
   against 10,000 entries with mixed services, practitioners, days and times (median of 21 runs).
2. Through the database: 10,000 entries waiting, a booked appointment is cancelled; the time from the
   cancel call to its offers being written and their messages queued (the task run in-process on commit,
   the immediate backend; emails to the in-memory backend), median of 7 cancellations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def median_ms(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def pure(count: int) -> None:
    from acuclinic.booking.waitlist_matching import Entry, Slot, TimeRange, match

    tz = ZoneInfo("America/Toronto")
    now = dt.datetime(2026, 3, 2, 8, tzinfo=tz)
    rng = random.Random(15)
    ranges = [
        TimeRange(dt.time(8), dt.time(12)),
        TimeRange(dt.time(12), dt.time(17)),
        TimeRange(dt.time(17), dt.time(21)),
    ]
    entries = [
        Entry(
            id=i,
            service_id=rng.randint(1, 4),
            practitioner_id=rng.choice([None, None, 1, 2, 3]),
            weekdays=frozenset(rng.sample(range(7), rng.randint(0, 3))),
            times=tuple(rng.sample(ranges, rng.randint(0, 2))),
            until=now.date() + dt.timedelta(days=rng.randint(0, 60)),
            joined_at=now - dt.timedelta(minutes=i),
        )
        for i in range(count)
    ]
    one = [Slot(1, 1, now + dt.timedelta(days=3, hours=2))]
    day = [Slot(rng.randint(1, 4), rng.randint(1, 3), now + dt.timedelta(days=3, hours=h)) for h in range(1, 11)]
    rules = {"now": now, "min_notice": dt.timedelta(hours=2), "per_slot": 3, "tz": tz}
    print(f"pure matcher, {count:,} entries:")
    print(f"  one freed slot:   {median_ms(lambda: match(entries, one, **rules), 21):6.1f} ms (median of 21)")
    print(f"  ten freed slots:  {median_ms(lambda: match(entries, day, **rules), 21):6.1f} ms")


def database(count: int, database_url: str | None) -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="acuclinic-bench-"))
    os.environ.update(
        ACUCLINIC_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="acuclinic.settings", LOG_LEVEL="ERROR",
        TASKS_BACKEND="immediate", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", SMS_ENABLED="0",
    )  # fmt: skip
    if database_url:
        from harness import reset_postgres

        reset_postgres(database_url)
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from acuclinic.booking import services
    from acuclinic.booking.models import Appointment, Practitioner, Service, WaitlistEntry, WaitlistOffer, WeeklyHours
    from acuclinic.clinic.clock import at_clinic, clinic_today

    call_command("migrate", verbosity=0)
    services_ = [Service.objects.create(slug=f"s{i}", name=f"Service {i}", duration_minutes=45, buffer_minutes=15)
                 for i in range(4)]  # fmt: skip
    people = []
    for i in range(3):
        person = Practitioner.objects.create(slug=f"p{i}", name=f"Practitioner {i}", credential="PT")
        person.services.set(services_)
        WeeklyHours.objects.bulk_create(
            [
                WeeklyHours(practitioner=person, weekday=d, start=dt.time(9), end=dt.time(17), sort_order=0)
                for d in range(7)
            ]
        )
        people.append(person)
    rng = random.Random(15)
    now = timezone.now()
    WaitlistEntry.objects.bulk_create(
        [
            WaitlistEntry(
                service=rng.choice(services_),
                practitioner=rng.choice([None, None, *people]),
                weekdays=sorted(rng.sample(range(7), rng.randint(0, 3))),
                times=rng.sample([["08:00", "12:00"], ["12:00", "17:00"]], rng.randint(0, 1)),
                until=clinic_today() + dt.timedelta(days=rng.randint(10, 60)),
                patient_name=f"Waiting {i}",
                patient_email=f"w{i}@example.com",
                patient_phone="+14165550100",
                consent_at=now,
                joined_at=now - dt.timedelta(minutes=i),
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    patient = services.Patient("Bench Patient", "bench@example.com", "+14165550100", False)
    runs = []
    for n in range(7):
        start = at_clinic(clinic_today() + dt.timedelta(days=3 + n), dt.time(10))
        appointment = services.book(service=services_[0], practitioner=people[0], start=start, patient=patient,
                                    intake=services.Intake(), consent=True)  # fmt: skip
        before = WaitlistOffer.objects.count()
        started = time.perf_counter()
        services.cancel(appointment=appointment)
        runs.append((time.perf_counter() - started) * 1000)
        assert WaitlistOffer.objects.count() > before, "the freed slot was not offered"
    engine = "PostgreSQL" if database_url else "SQLite"
    offered = WaitlistOffer.objects.count()
    print(f"{engine}, {WaitlistEntry.objects.count():,} entries waiting, {Appointment.objects.count()} cancellations:")
    print(f"  cancel -> offers written and their emails queued: {statistics.median(runs):6.1f} ms (median of 7; "
          f"{offered} offers made)")  # fmt: skip
    shutil.rmtree(var_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    pure(args.entries)
    database(args.entries, args.database_url)


if __name__ == "__main__":
    main()
