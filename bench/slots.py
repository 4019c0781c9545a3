"""Cost of availability: 10 practitioners, a 60-day window, 5,000 existing appointments.

    python bench/slots.py [--database-url postgres://postgres@127.0.0.1:5432/acuclinic_bench]

Also shows that the cost follows the window asked for, not the clinic's history: the same 7-day
question with 5,000 and with 50,000 past appointments in the database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def timed(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="acuclinic-bench-"))
    os.environ.update(ACUCLINIC_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="acuclinic.settings", LOG_LEVEL="ERROR")
    if args.database_url:
        from harness import reset_postgres

        reset_postgres(args.database_url)
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from acuclinic.booking.availability import free_offers
    from acuclinic.booking.models import Appointment, Practitioner, Service, WeeklyHours
    from acuclinic.clinic.clock import clinic_tz

    call_command("migrate", verbosity=0)
    tz = clinic_tz()
    service = Service.objects.create(slug="treatment", name="Treatment", duration_minutes=45, buffer_minutes=15)
    people = []
    for i in range(10):
        person = Practitioner.objects.create(slug=f"p{i}", name=f"Practitioner {i}", credential="PT")
        person.services.add(service)
        WeeklyHours.objects.bulk_create(
            [
                WeeklyHours(practitioner=person, weekday=d, start=dt.time(9), end=dt.time(17), sort_order=0)
                for d in range(6)
            ]
        )
        people.append(person)
    today = timezone.localdate()

    def add_appointments(count: int, first_day: dt.date, days: int) -> None:
        rows = []
        per_day = 8
        for n in range(count):
            person = people[n % len(people)]
            day = first_day + dt.timedelta(days=(n // len(people) // per_day) % days)
            start = dt.datetime.combine(day, dt.time(9), tzinfo=tz) + dt.timedelta(hours=(n // len(people)) % per_day)
            rows.append(Appointment(practitioner=person, service=service, start=start, end=start + dt.timedelta(minutes=45),
                                    buffer_end=start + dt.timedelta(hours=1), patient_name="Bench", patient_email="b@example.com"))  # fmt: skip
        Appointment.objects.bulk_create(rows, batch_size=2000)
        if args.database_url:  # as autovacuum would after a bulk load: fresh statistics for the planner
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE booking_appointment")

    # 4,000 in the past two years, 1,000 in the coming 60 days: 5,000 in all.
    add_appointments(4000, today - dt.timedelta(days=730), 700)
    add_appointments(1000, today + dt.timedelta(days=1), 59)
    engine = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{engine}: {Appointment.objects.count()} appointments, {len(people)} practitioners")
    window = lambda days: len(free_offers(service=service, practitioner=None, first_day=today,
                                          last_day=today + dt.timedelta(days=days - 1)))  # fmt: skip
    slots_60 = window(60)
    print(f"  60-day window, all practitioners: {timed(lambda: window(60)):7.1f} ms ({slots_60} free slots)")
    print(f"   7-day window, all practitioners: {timed(lambda: window(7)):7.1f} ms")
    one = lambda: free_offers(
        service=service, practitioner=people[0], first_day=today, last_day=today + dt.timedelta(days=6)
    )
    print(f"   7-day window, one practitioner:  {timed(one):7.1f} ms")
    add_appointments(45000, today - dt.timedelta(days=3650), 3600)
    print(f"  with {Appointment.objects.count()} appointments (45,000 more in the past ten years):")
    print(f"   7-day window, all practitioners: {timed(lambda: window(7)):7.1f} ms  (the window, not the history)")
    shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
