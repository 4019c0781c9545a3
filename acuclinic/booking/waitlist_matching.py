"""Pure: which waitlisted patients are offered which freed slots. No Django.

Input: the waiting entries (each with the service, the practitioner or anyone, the days and times that
suit, an end date and the moment it joined) and the free slots a change has opened. Output: for each
slot, the entries offered it — at most ``per_slot`` of them, first joined first, none for a slot inside
the minimum notice, and each entry at most one slot per run (the earliest that suits), so one cancelled
hour never sends one patient a handful of messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class TimeRange:
    """A local time of day range, ``start`` included, ``end`` excluded (a slot must start inside it)."""

    start: dt.time
    end: dt.time

    def holds(self, moment: dt.time) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Entry:
    id: int
    service_id: int
    practitioner_id: int | None  # None: any practitioner who offers the service
    weekdays: frozenset[int]  # 0 = Monday; empty: any day
    times: tuple[TimeRange, ...]  # empty: any time
    until: dt.date  # last local date that suits (inclusive)
    joined_at: dt.datetime

    def order(self) -> tuple[dt.datetime, int]:
        return (self.joined_at, self.id)


@dataclass(frozen=True)
class Slot:
    service_id: int
    practitioner_id: int
    start: dt.datetime  # aware

    @property
    def key(self) -> tuple[int, dt.datetime]:
        """Two services at one practitioner's same start compete for the same time."""
        return (self.practitioner_id, self.start)


@dataclass(frozen=True)
class Match:
    slot: Slot
    entry_ids: tuple[int, ...] = field(default=())


def suits(entry: Entry, slot: Slot, tz: ZoneInfo) -> bool:
    """Whether ``slot`` is one ``entry`` asked for (service, practitioner, day, time, end date)."""
    return _suits_at(entry, slot, slot.start.astimezone(tz))


def _suits_at(entry: Entry, slot: Slot, local: dt.datetime) -> bool:
    if entry.service_id != slot.service_id:
        return False
    if entry.practitioner_id is not None and entry.practitioner_id != slot.practitioner_id:
        return False
    if local.date() > entry.until:
        return False
    if entry.weekdays and local.weekday() not in entry.weekdays:
        return False
    return not entry.times or any(r.holds(local.time()) for r in entry.times)


def match(
    entries: Iterable[Entry],
    slots: Iterable[Slot],
    *,
    now: dt.datetime,
    min_notice: dt.timedelta,
    per_slot: int,
    tz: ZoneInfo,
    busy: frozenset[int] = frozenset(),
    already_offered: frozenset[tuple[int, tuple[int, dt.datetime]]] = frozenset(),
    open_per_slot: dict[tuple[int, dt.datetime], int] | None = None,
) -> list[Match]:
    """The offers to make, slot by slot in time order.

    ``busy``: entries that hold an open offer already (they get no second one until it is settled).
    ``already_offered``: (entry id, slot key) pairs offered before (an unclaimed offer is not repeated).
    ``open_per_slot``: open offers per slot key, which count against ``per_slot``.
    """
    if per_slot < 1:
        return []
    earliest = now + min_notice
    queue: Sequence[Entry] = sorted((e for e in entries if e.id not in busy), key=Entry.order)
    open_counts = dict(open_per_slot or {})
    taken: set[int] = set()
    result: list[Match] = []
    for slot in sorted(slots, key=lambda s: (s.start, s.practitioner_id, s.service_id)):
        if slot.start < earliest:
            continue
        room = per_slot - open_counts.get(slot.key, 0)
        local = slot.start.astimezone(tz)
        chosen: list[int] = []
        for entry in queue:
            if room <= len(chosen):
                break
            if entry.id in taken or (entry.id, slot.key) in already_offered or not _suits_at(entry, slot, local):
                continue
            chosen.append(entry.id)
        if chosen:
            taken.update(chosen)
            open_counts[slot.key] = open_counts.get(slot.key, 0) + len(chosen)
            result.append(Match(slot, tuple(chosen)))
    return result


def apart(starts: Iterable[dt.datetime], length: dt.timedelta) -> list[dt.datetime]:
    """Free start times that do not overlap one another (earliest first, greedy), each ``length`` long.

    A freed hour holds several free starts on a 15-minute grid; offering all of them would send the
    same hour to several groups of people. Only starts that could all be booked together are offered.
    """
    chosen: list[dt.datetime] = []
    for start in sorted(set(starts)):
        if not chosen or start >= chosen[-1] + length:
            chosen.append(start)
    return chosen
