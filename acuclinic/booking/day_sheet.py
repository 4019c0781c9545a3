"""The front desk's day sheet: every practitioner side by side (columns), the day's times as rows.

One read of each table whatever the number of practitioners or entries: the practitioners with their weekly
hours, the day's date overrides, whether the day is a clinic holiday, and the day's entries. The grid is then
built in memory: an entry sits in the row of the time it starts and spans the rows it lasts; entries of one
practitioner that overlap (a cancelled booking and the one that took its place) share one cell, in time order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Appointment, DateOverride, Holiday, Practitioner, WeeklyHours

# When nobody works and nothing is booked, the sheet still shows an ordinary clinic day.
DEFAULT_HOURS = (dt.time(8), dt.time(18))


@dataclass
class Cell:
    """One table cell: the entries starting in it (an empty list is free or closed time), and its height."""

    entries: list[Appointment] = field(default_factory=list)
    rows: int = 1
    working: bool = True

    @property
    def end(self) -> dt.datetime | None:
        return max((entry.end for entry in self.entries), default=None)


@dataclass
class Column:
    practitioner: Practitioner
    hours: list[tuple[dt.time, dt.time]]  # the day's working hours, clinic time; empty when not working
    cells: dict[int, Cell | None] = field(default_factory=dict)  # row index → cell; None: covered from above


@dataclass
class Line:
    time: dt.datetime
    cells: list[Cell]  # one per column, minus those covered by a taller cell above


@dataclass
class DaySheet:
    day: dt.date
    columns: list[Column]
    lines: list[Line]
    holiday: str


def _hours(practitioner: Practitioner, day: dt.date, overrides: dict, holiday: bool) -> list[tuple[dt.time, dt.time]]:
    if holiday:
        return []
    if practitioner.pk in overrides:
        return [(row.start, row.end) for row in overrides[practitioner.pk] if row.start is not None]
    return sorted((h.start, h.end) for h in practitioner.weekly_hours.all() if h.weekday == day.weekday())


def _clusters(entries: list[Appointment]) -> list[list[Appointment]]:
    """Group one practitioner's entries into runs that overlap in time (each run becomes one cell)."""
    runs: list[list[Appointment]] = []
    end = None
    for entry in sorted(entries, key=lambda e: (e.start, e.pk)):
        if runs and entry.start < end:
            runs[-1].append(entry)
            end = max(end, entry.end)
        else:
            runs.append([entry])
            end = entry.end
    return runs


def day_sheet(day: dt.date, *, tz, step: dt.timedelta, practitioner: Practitioner | None = None) -> DaySheet:
    """The sheet of ``day`` (a clinic date) for every practitioner, or just ``practitioner``."""
    opens = dt.datetime.combine(day, dt.time(), tzinfo=tz)
    closes = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    people = Practitioner.objects.prefetch_related(Prefetch("weekly_hours", queryset=WeeklyHours.objects.all()))
    entries = Appointment.objects.filter(start__lt=closes, end__gt=opens).select_related("service").order_by("start")
    if practitioner is not None:
        people = people.filter(pk=practitioner.pk)
        entries = entries.filter(practitioner=practitioner)
    entries = list(entries)
    busy = {entry.practitioner_id for entry in entries}
    # Someone who no longer takes bookings still gets a column on a day they have entries.
    people = [person for person in people if person.active or person.pk in busy]
    overrides: dict[int, list[DateOverride]] = {}
    for row in DateOverride.objects.filter(date=day):
        overrides.setdefault(row.practitioner_id, []).append(row)
    holiday = Holiday.objects.filter(date=day).values_list("name", flat=True).first() or ""

    columns = [Column(person, _hours(person, day, overrides, bool(holiday))) for person in people]
    # The rows run from the earliest opening or entry to the latest closing or end, on the booking grid.
    starts = [dt.datetime.combine(day, start, tzinfo=tz) for column in columns for start, _ in column.hours]
    ends = [dt.datetime.combine(day, end, tzinfo=tz) for column in columns for _, end in column.hours]
    starts += [max(entry.start, opens) for entry in entries]
    ends += [min(entry.end, closes) for entry in entries]
    first = min(starts, default=dt.datetime.combine(day, DEFAULT_HOURS[0], tzinfo=tz))
    last = max(ends, default=dt.datetime.combine(day, DEFAULT_HOURS[1], tzinfo=tz))
    step_minutes = int(step.total_seconds() // 60)
    first_minutes = (first.astimezone(tz).hour * 60 + first.astimezone(tz).minute) // step_minutes * step_minutes
    first = opens + dt.timedelta(minutes=first_minutes)
    count = max(1, -(-int((last - first).total_seconds()) // int(step.total_seconds())))
    times = [first + n * step for n in range(count)]

    def row_of(moment: dt.datetime) -> int:
        return max(0, min(count - 1, int((moment - first).total_seconds() // step.total_seconds())))

    by_person: dict[int, list[Appointment]] = {}
    for entry in entries:
        by_person.setdefault(entry.practitioner_id, []).append(entry)
    for column in columns:
        for run in _clusters(by_person.get(column.practitioner.pk, [])):
            top = row_of(max(run[0].start, first))
            end = max(entry.end for entry in run)
            bottom = max(top, row_of(end - dt.timedelta(microseconds=1)))
            column.cells[top] = Cell(run, rows=bottom - top + 1)
            for covered in range(top + 1, bottom + 1):
                column.cells[covered] = None

    lines = []
    for index, moment in enumerate(times):
        local = moment.astimezone(tz).time()
        cells = []
        for column in columns:
            if index in column.cells:
                if column.cells[index] is not None:
                    cells.append(column.cells[index])
                continue
            working = any(start <= local < end for start, end in column.hours)
            cells.append(Cell(working=working))
        lines.append(Line(moment, cells))
    return DaySheet(day, columns, lines, holiday)
