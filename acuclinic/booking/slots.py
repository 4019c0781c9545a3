"""Free appointment slots: which start times a patient may book.

Pure (standard library only). The booking page lists slots with :func:`free_slots`; the booking endpoint
checks the requested start with :func:`is_free`, which calls the same function, so a listed slot always
books unless someone took it in the meantime.

Working hours and the slot grid are local wall-clock times; everything else is instants, and every
datetime becomes UTC before any comparison or arithmetic: between datetimes sharing a tzinfo Python uses
the wall clock and ignores ``fold`` (01:30 EDT would equal 01:30 EST; 01:30 + 1 h could land in a gap).
A wall time the clocks skip is never listed; a repeated one is listed once, at its first occurrence. An
opening or closing time inside a jump means the instant of the jump; a repeated one, its first occurrence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)


def _utc(value: datetime, name: str) -> datetime:
    # astimezone() on a naive datetime silently assumes the server's zone. Refuse instead.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")
    return value.astimezone(UTC)


def _check_hours(start: time, end: time) -> None:
    if start.tzinfo is not None or end.tzinfo is not None:
        raise ValueError("working hours are naive wall-clock times in the clinic's time zone")
    if not start < end:
        raise ValueError(f"working hours must start before they end on the same day, got {start}-{end}")


@dataclass(frozen=True, slots=True)
class WorkingInterval:
    """A practitioner's weekly hours on one weekday (0 = Monday). A weekday may have several."""

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        _check_hours(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Busy:
    """Time a new booking may not overlap: an appointment with its buffer after, or blocked time.

    Half-open: ``[start, end)``. Any time zone; only the instants matter. An empty range blocks nothing.
    """

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if _utc(self.end, "Busy.end") < _utc(self.start, "Busy.start"):
            raise ValueError(f"busy time ends before it starts: {self.start} - {self.end}")


@dataclass(frozen=True, slots=True)
class Rules:
    """Booking rules: minimum notice, how far ahead bookings open, and the grid step for start times."""

    min_notice: timedelta = timedelta(hours=2)
    horizon: timedelta = timedelta(days=60)
    step: timedelta = timedelta(minutes=15)

    def __post_init__(self) -> None:
        if self.step <= timedelta(0):
            raise ValueError(f"step must be positive, got {self.step}")


@dataclass(frozen=True, slots=True)
class Slot:
    """A bookable start, in the clinic's zone; ``end`` is ``start + duration``, without the buffer.

    Subtract or compare slots only after ``astimezone(UTC)``: in a shared zone Python uses the wall clock.
    """

    start: datetime
    end: datetime


def occupied(start: datetime, duration: timedelta, buffer: timedelta) -> Busy:
    """The range a booking at ``start`` blocks for later bookings: ``[start, start + duration + buffer)``.

    Returned in UTC; add it to ``busy`` to book the slot.
    """
    begin = _utc(start, "start")
    return Busy(begin, begin + duration + buffer)


def free_slots(
    *,
    weekly: Sequence[WorkingInterval],
    overrides: Mapping[date, Sequence[tuple[time, time]]],
    holidays: Collection[date],
    busy: Sequence[Busy],
    duration: timedelta,
    buffer: timedelta,
    rules: Rules,
    first_day: date,
    last_day: date,
    tz: ZoneInfo,
    now: datetime,
) -> list[Slot]:
    """Every free start on the local dates ``first_day`` to ``last_day`` (inclusive), sorted by start.

    A date's working hours are: none if it is in ``holidays``; else exactly ``overrides[date]`` if present
    (an empty list closes the day, a non-empty one replaces the weekly hours); else the ``weekly``
    intervals for its weekday. Intervals that overlap or touch (in real time) form one stretch. A start is
    offered iff it is an existing local wall time on the ``rules.step`` grid counted from midnight (first
    occurrence if repeated), the treatment (``duration``, real elapsed time) ends by the end of its
    stretch (the ``buffer`` may run past closing), ``[start, start + duration + buffer)`` overlaps no
    ``busy`` range, and ``now + rules.min_notice <= start <= now + rules.horizon``.

    Cost: proportional to days x grid steps in working hours, plus one sort of ``busy`` and a binary
    search per candidate. Raises ValueError for naive datetimes, a non-positive duration, a negative
    buffer or inverted working hours.
    """
    if duration <= timedelta(0) or buffer < timedelta(0):
        raise ValueError(f"duration must be positive and buffer not negative, got {duration} and {buffer}")
    now_utc = _utc(now, "now")
    earliest, latest = now_utc + rules.min_notice, now_utc + rules.horizon
    # Skip days that cannot hold a bookable start, so a wide window costs nothing past the horizon. One
    # day of margin each side, in case a zone ever falls back across midnight (local dates going back).
    day = max(first_day, earliest.astimezone(tz).date() - _DAY)
    last = min(last_day, latest.astimezone(tz).date() + _DAY)

    by_weekday: dict[int, list[tuple[time, time]]] = {}
    for interval in weekly:
        by_weekday.setdefault(interval.weekday, []).append((interval.start, interval.end))
    closed = frozenset(holidays)  # a list of holidays would otherwise be scanned for every day
    blocked = _Blocked(busy)

    found: list[tuple[datetime, Slot]] = []
    while day <= last:
        if day in closed:
            hours: Sequence[tuple[time, time]] = []
        elif day in overrides:
            hours = overrides[day]  # replaces the weekly hours; an empty list closes the day
        else:
            hours = by_weekday.get(day.weekday(), [])
        for start in _fitting_starts(day, hours, duration, rules.step, tz):
            if earliest <= start <= latest and not blocked.overlaps(start, start + duration + buffer):
                found.append((start, Slot(start.astimezone(tz), (start + duration).astimezone(tz))))
        day += _DAY
    # Already in order for real zones; sorting on the UTC instant keeps the promise for odd ones.
    found.sort(key=lambda pair: pair[0])
    return [slot for _, slot in found]


def is_free(
    *,
    start: datetime,
    weekly: Sequence[WorkingInterval],
    overrides: Mapping[date, Sequence[tuple[time, time]]],
    holidays: Collection[date],
    busy: Sequence[Busy],
    duration: timedelta,
    buffer: timedelta,
    rules: Rules,
    tz: ZoneInfo,
    now: datetime,
) -> bool:
    """True iff ``start`` (an aware datetime, any zone) is exactly one of :func:`free_slots` for its local date.

    The same instant as a listed slot counts, whatever zone it is written in. The second occurrence of a
    repeated wall time is not that instant, so it is not free.
    """
    wanted = _utc(start, "start")
    day = wanted.astimezone(tz).date()
    listed = free_slots(
        weekly=weekly, overrides=overrides, holidays=holidays, busy=busy, duration=duration, buffer=buffer,
        rules=rules, first_day=day, last_day=day, tz=tz, now=now,
    )  # fmt: skip
    return any(slot.start.astimezone(UTC) == wanted for slot in listed)


def _stretches(
    day: date, hours: Sequence[tuple[time, time]], tz: ZoneInfo
) -> list[tuple[datetime, datetime, datetime]]:
    """``day``'s working time as (opening wall time, closing wall time, closing UTC instant) stretches.

    Stretches that overlap or touch in real time are merged: 09-12 and 12-17 let a treatment run across
    noon, overlapping ones would otherwise list a start twice, and a break the clocks skip is no break.
    """
    stretches: list[tuple[datetime, datetime, datetime]] = []
    for opens, closes in sorted(hours):
        _check_hours(opens, closes)
        open_wall, close_wall = datetime.combine(day, opens), datetime.combine(day, closes)
        close = _boundary(close_wall, tz)
        if not stretches or _boundary(open_wall, tz) > stretches[-1][2]:
            stretches.append((open_wall, close_wall, close))
        elif close > stretches[-1][2]:
            stretches[-1] = (stretches[-1][0], close_wall, close)
    return stretches


def _fitting_starts(
    day: date, hours: Sequence[tuple[time, time]], duration: timedelta, step: timedelta, tz: ZoneInfo
) -> Iterator[datetime]:
    """UTC instants of ``day``'s grid times whose treatment fits inside one stretch of working time."""
    midnight = datetime.combine(day, time())
    for open_wall, close_wall, close in _stretches(day, hours, tz):
        wall = midnight + -(-(open_wall - midnight) // step) * step  # the first grid time at or after opening
        while wall < close_wall:
            start = _instant(wall, tz)
            if start is not None:  # None: the clocks skip this wall time
                if start + duration > close:
                    break  # first occurrences of later wall times are later instants: none fits either
                yield start
            wall += step


def _instant(wall: datetime, tz: ZoneInfo) -> datetime | None:
    """The UTC instant of a naive local wall time: its first occurrence, or None if the clocks skip it."""
    instant = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    # A skipped wall time still converts (with the offset from before the jump), but comes back different.
    return instant if instant.astimezone(tz).replace(tzinfo=None) == wall else None


def _boundary(wall: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant working hours open or close at a wall time; inside a jump, the instant of the jump."""
    instant = _instant(wall, tz)
    if instant is not None:
        return instant
    # Read with the offsets from before and after the jump, a skipped time lands on either side of it.
    # Bisect between the two for the instant the offset changes (rare: at most a few times a year).
    lo, hi = sorted(wall.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1))
    offset_before = lo.astimezone(tz).utcoffset()
    while hi - lo > _TICK:
        middle = lo + (hi - lo) // 2
        if middle.astimezone(tz).utcoffset() == offset_before:
            lo = middle
        else:
            hi = middle
    return hi


class _Blocked:
    """Busy ranges merged into disjoint, sorted UTC ranges, so each check is one binary search."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, busy: Sequence[Busy]) -> None:
        self._starts: list[datetime] = []
        self._ends: list[datetime] = []
        for start, end in sorted((_utc(b.start, "Busy.start"), _utc(b.end, "Busy.end")) for b in busy):
            if end <= start:
                continue  # an empty range blocks nothing
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether ``[start, end)`` overlaps a busy range; touching is not overlapping."""
        # Only the first range ending after `start` can overlap: the ones before it end by `start`, and
        # the ones after it start later than it does.
        i = bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end
