"""slots.py: listed slots are free and book, and daylight saving never skips, repeats or shifts one.

Pure: no database. The property tests compare free_slots with a brute-force reference that walks real
time minute by minute and applies each rule literally.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acuclinic.booking.slots import Busy, Rules, WorkingInterval, free_slots, is_free, occupied

TORONTO = ZoneInfo("America/Toronto")
MONDAY = date(2026, 6, 1)
A_MONTH_BEFORE = datetime(2026, 5, 1, 8, tzinfo=TORONTO)  # neither notice nor horizon gets in the way
DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)


def minutes(n):
    return n * MINUTE


def inputs(**changes):
    """free_slots arguments: one Monday, 09:00-12:00, a 60-minute treatment, no buffer, nothing booked."""
    base = {
        "weekly": [WorkingInterval(0, time(9), time(12))], "overrides": {}, "holidays": set(), "busy": [],
        "duration": minutes(60), "buffer": minutes(0), "rules": Rules(), "first_day": MONDAY, "last_day": MONDAY,
        "tz": TORONTO, "now": A_MONTH_BEFORE,
    }  # fmt: skip
    return base | changes


def listed(**changes):
    """The free starts as local "HH:MM" (single day) or "MM-DD HH:MM" strings."""
    args = inputs(**changes)
    fmt = "%H:%M" if args["first_day"] == args["last_day"] else "%m-%d %H:%M"
    return [slot.start.strftime(fmt) for slot in free_slots(**args)]


def check_is_free(start, **changes):
    args = inputs(**changes)
    del args["first_day"], args["last_day"]
    return is_free(start=start, **args)


def grid(first, last, step=15):
    """Local "HH:MM" strings from `first` to `last` inclusive, every `step` minutes."""
    h, m = map(int, first.split(":"))
    out, at = [], h * 60 + m
    while f"{at // 60:02}:{at % 60:02}" <= last:
        out.append(f"{at // 60:02}:{at % 60:02}")
        at += step
    return out


# --- Plain examples ------------------------------------------------------------------------------------


def test_a_simple_day_lists_every_quarter_hour_whose_treatment_ends_by_closing():
    slots = free_slots(**inputs())
    assert [s.start.strftime("%H:%M") for s in slots] == grid("09:00", "11:00")
    assert all(
        s.start.tzinfo is TORONTO and s.end.astimezone(UTC) - s.start.astimezone(UTC) == minutes(60) for s in slots
    )


def test_several_intervals_a_day_and_other_weekdays_stay_closed():
    weekly = [WorkingInterval(0, time(9), time(12)), WorkingInterval(0, time(14), time(16)),
              WorkingInterval(2, time(10), time(11))]  # fmt: skip
    assert listed(weekly=weekly) == grid("09:00", "11:00") + grid("14:00", "15:00")
    assert listed(weekly=weekly, first_day=MONDAY + DAY, last_day=MONDAY + DAY) == []  # Tuesday
    assert listed(weekly=weekly, first_day=MONDAY + 2 * DAY, last_day=MONDAY + 2 * DAY) == ["10:00"]


def test_touching_or_overlapping_intervals_merge_so_a_treatment_can_span_them_and_nothing_repeats():
    weekly = [WorkingInterval(0, time(9), time(10, 30)), WorkingInterval(0, time(10, 30), time(12)),
              WorkingInterval(0, time(9), time(11))]  # fmt: skip
    assert listed(weekly=weekly) == grid("09:00", "11:00")


def test_an_override_closes_a_day_or_replaces_its_hours():
    assert listed(overrides={MONDAY: []}) == []
    assert listed(overrides={MONDAY: [(time(13), time(15))]}) == grid("13:00", "14:00")
    sunday = MONDAY - DAY
    assert listed(overrides={sunday: [(time(10), time(11, 30))]}, first_day=sunday) == [
        "05-31 10:00", "05-31 10:15", "05-31 10:30", *(f"06-01 {t}" for t in grid("09:00", "11:00"))
    ]  # fmt: skip


def test_a_holiday_closes_the_day_even_when_it_has_an_override():
    assert listed(holidays={MONDAY}) == []
    assert listed(holidays=[MONDAY], overrides={MONDAY: [(time(13), time(15))]}) == []


def test_the_buffer_must_end_before_the_next_appointment_but_may_run_past_closing():
    # A 45-minute service with a 15-minute buffer; an appointment (its own buffer included) at 10:00-11:00.
    taken = Busy(datetime(2026, 6, 1, 10, tzinfo=TORONTO), datetime(2026, 6, 1, 11, tzinfo=TORONTO))
    assert listed(duration=minutes(45), buffer=minutes(15), busy=[taken]) == ["09:00", "11:00", "11:15"]


def test_touching_appointments_are_allowed_overlapping_ones_are_not():
    taken = Busy(datetime(2026, 6, 1, 14, tzinfo=UTC), datetime(2026, 6, 1, 15, tzinfo=UTC))  # 10:00-11:00 EDT
    assert listed(busy=[taken]) == ["09:00", "11:00"]


def test_busy_entries_far_outside_the_window_change_nothing():
    far = [Busy(datetime(2020, 1, 1, tzinfo=UTC) + k * DAY, datetime(2020, 1, 1, 1, tzinfo=UTC) + k * DAY)
           for k in range(3000)]  # fmt: skip
    assert listed(busy=far) == grid("09:00", "11:00")


def test_min_notice_is_inclusive_and_counted_from_now():
    assert listed(now=datetime(2026, 6, 1, 8, tzinfo=TORONTO))[0] == "10:00"
    assert listed(now=datetime(2026, 6, 1, 8, 1, tzinfo=TORONTO))[0] == "10:15"
    assert listed(now=datetime(2026, 6, 1, 13, 1, tzinfo=UTC), rules=Rules(min_notice=timedelta(0)))[0] == "09:15"


def test_the_horizon_is_inclusive_and_a_wide_window_stops_at_it():
    rules = Rules(min_notice=timedelta(0), horizon=timedelta(hours=2))
    assert listed(now=datetime(2026, 6, 1, 8, tzinfo=TORONTO), rules=rules) == grid("09:00", "10:00")
    weekly = [WorkingInterval(d, time(9), time(10)) for d in range(7)]
    rules = Rules(min_notice=timedelta(0), horizon=timedelta(days=2))
    slots = listed(weekly=weekly, rules=rules, now=datetime(2026, 6, 1, 9, tzinfo=TORONTO), last_day=date(2099, 1, 1))
    assert slots == ["06-01 09:00", "06-02 09:00", "06-03 09:00"]


def test_is_free_agrees_with_free_slots_in_any_zone():
    taken = Busy(datetime(2026, 6, 1, 10, 30, tzinfo=TORONTO), datetime(2026, 6, 1, 11, tzinfo=TORONTO))
    free = listed(busy=[taken])
    for wall in grid("00:00", "23:55", step=5):
        start = datetime.combine(MONDAY, time.fromisoformat(wall), tzinfo=TORONTO)
        assert check_is_free(start, busy=[taken]) is (wall in free)
        assert check_is_free(start.astimezone(ZoneInfo("Asia/Tokyo")), busy=[taken]) is (wall in free)


def test_occupied_blocks_treatment_and_buffer_in_utc():
    block = occupied(datetime(2026, 6, 1, 9, tzinfo=TORONTO), minutes(45), minutes(15))
    assert block == Busy(datetime(2026, 6, 1, 13, tzinfo=UTC), datetime(2026, 6, 1, 14, tzinfo=UTC))


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        free_slots(**inputs(now=datetime(2026, 6, 1, 8)))
    with pytest.raises(ValueError, match="start before they end"):
        WorkingInterval(0, time(17), time(9))
    with pytest.raises(ValueError, match="start before they end"):
        free_slots(**inputs(overrides={MONDAY: [(time(12), time(12))]}))
    with pytest.raises(ValueError, match="ends before it starts"):
        Busy(datetime(2026, 6, 1, 10, tzinfo=UTC), datetime(2026, 6, 1, 9, tzinfo=UTC))
    with pytest.raises(ValueError, match="duration must be positive"):
        free_slots(**inputs(duration=timedelta(0)))
    with pytest.raises(ValueError, match="step must be positive"):
        Rules(step=timedelta(0))


def test_a_treatment_must_fit_in_real_time_on_the_spring_forward_night():
    # Toronto, 8 March 2026: 02:00 EST jumps to 03:00 EDT. 01:00 EST + 60 min is exactly 03:00 EDT;
    # 01:15 EST + 60 min ends at 03:15 EDT, after closing, though naive wall-clock arithmetic says 02:15.
    night = date(2026, 3, 8)
    for closes in (time(3), time(2, 30)):  # a closing time the clocks skip means the instant of the jump
        got = listed(
            overrides={night: [(time(0), closes)]},
            first_day=night,
            last_day=night,
            now=datetime(2026, 3, 1, tzinfo=UTC),
        )
        assert got == grid("00:00", "01:00")


def test_the_repeated_hour_is_offered_once_at_its_first_occurrence():
    night = date(2026, 11, 1)  # Toronto: 02:00 EDT falls back to 01:00 EST
    args = {"overrides": {night: [(time(0), time(4))]}, "first_day": night, "last_day": night,
            "rules": Rules(step=minutes(30)), "now": datetime(2026, 10, 20, tzinfo=UTC)}  # fmt: skip
    slots = free_slots(**inputs(**args))
    assert [s.start.strftime("%H:%M %Z") for s in slots] == [
        "00:00 EDT", "00:30 EDT", "01:00 EDT", "01:30 EDT", "02:00 EST", "02:30 EST", "03:00 EST"
    ]  # fmt: skip
    first, second = (datetime(2026, 11, 1, 1, 30, fold=fold, tzinfo=TORONTO) for fold in (0, 1))
    assert check_is_free(first, **args) and not check_is_free(second, **args)


# --- A brute-force reference ---------------------------------------------------------------------------


def hours_of(day, weekly, overrides, holidays):
    if day in holidays:
        return []
    if day in overrides:
        return list(overrides[day])
    return [(w.start, w.end) for w in weekly if w.weekday == day.weekday()]


def reference_starts(*, weekly, overrides, holidays, busy, duration, buffer, rules, first_day, last_day, tz, now):
    """free_slots the slow, literal way, as UTC instants: walk real time minute by minute.

    Working time is the set of instants from the first moment each interval's opening time is reached on
    the wall clock to the first moment its closing time is; the treatment must lie inside it.
    """
    now = now.astimezone(UTC)
    busy = [(b.start.astimezone(UTC), b.end.astimezone(UTC)) for b in busy]
    step = rules.step // MINUTE
    starts = []
    day = first_day
    while day <= last_day:
        utc_midnight = datetime.combine(day, time(), tzinfo=UTC)
        moments = [(at, at.astimezone(tz)) for at in (utc_midnight + minutes(k - 15 * 60) for k in range(54 * 60))]
        moments = [(at, local) for at, local in moments if local.date() == day]

        def reached(wall, moments=moments):
            return next((at for at, local in moments if local.time() >= wall), moments[-1][0] + MINUTE)

        working = []  # merged [from, to) instant ranges
        for opens, closes in sorted((reached(s), reached(e)) for s, e in hours_of(day, weekly, overrides, holidays)):
            if working and opens <= working[-1][1]:
                working[-1][1] = max(working[-1][1], closes)
            else:
                working.append([opens, closes])
        for at, local in moments:
            ends = at + duration
            if (
                local.fold == 0  # the second run through a repeated hour is not offered
                and (local.hour * 60 + local.minute) % step == 0
                and any(lo <= at and ends <= hi for lo, hi in working)
                and now + rules.min_notice <= at <= now + rules.horizon
                and not any(b_start < b_end and at < b_end and b_start < ends + buffer for b_start, b_end in busy)
            ):
                starts.append(at)
        day += DAY
    return starts


# --- Properties ----------------------------------------------------------------------------------------

ZONES = ["America/Toronto", "Europe/London", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata",
         "Australia/Lord_Howe", "America/Santiago", "UTC"]  # fmt: skip


def clock_changes(tz, first_year, last_year):
    """Local dates in those years whose midnight offset differs from the next day's: a clock change."""
    day, changes = date(first_year, 1, 1), []
    while day.year <= last_year:
        if datetime.combine(day, time(), tz).utcoffset() != datetime.combine(day + DAY, time(), tz).utcoffset():
            changes.append(day)
        day += DAY
    return changes


CHANGES_2026 = {name: clock_changes(ZoneInfo(name), 2026, 2026) or [date(2026, 6, 1)] for name in ZONES}


@st.composite
def hours(draw):
    opens = draw(st.integers(0, 24 * 60 - 2))
    length = draw(st.one_of(st.integers(120, 600), st.integers(1, 119)))  # mostly hours long, sometimes tiny
    closes = min(opens + length, 24 * 60 - 1)
    return time(*divmod(opens, 60)), time(*divmod(closes, 60))


@st.composite
def scenarios(draw):
    """Random hours, bookings, service and rules over a window of 1-7 days, often across a clock change."""
    name = draw(st.sampled_from(ZONES))
    tz = ZoneInfo(name)
    first_day = draw(st.one_of(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.sampled_from(CHANGES_2026[name])))
    first_day -= draw(st.integers(0, 2)) * DAY
    last_day = first_day + draw(st.integers(0, 6)) * DAY
    days = [first_day + k * DAY for k in range((last_day - first_day).days + 1)]
    origin = datetime.combine(first_day, time(), tz).astimezone(UTC)
    # Usual hours on most weekdays, plus a few odd intervals.
    usual, open_days = draw(st.lists(hours(), min_size=1, max_size=3)), draw(st.sets(st.integers(0, 6), min_size=5))
    weekly = [WorkingInterval(d, *h) for d in sorted(open_days) for h in usual]
    weekly += [WorkingInterval(d, *h) for d, h in draw(st.lists(st.tuples(st.integers(0, 6), hours()), max_size=4))]
    busy = []
    for offset, length, zone in draw(st.lists(st.tuples(st.integers(-1440, 7 * 1440), st.integers(0, 480),
                                                        st.sampled_from([UTC, tz])), max_size=30)):  # fmt: skip
        start = origin + minutes(offset // 5 * 5)
        busy.append(Busy(start.astimezone(zone), (start + minutes(length)).astimezone(zone)))
    return {
        "weekly": weekly,
        "overrides": draw(st.dictionaries(st.sampled_from(days), st.lists(hours(), max_size=3), max_size=2)),
        "holidays": draw(st.sets(st.sampled_from(days), max_size=2)),
        "busy": busy,
        "duration": minutes(draw(st.integers(1, 36)) * 5),
        "buffer": minutes(draw(st.sampled_from([0, 5, 10, 15, 30]))),
        "rules": Rules(
            min_notice=minutes(draw(st.integers(0, 36 * 60))),
            horizon=minutes(draw(st.one_of(st.just(60 * 1440), st.integers(0, 12 * 1440)))),
            step=minutes(draw(st.sampled_from([5, 10, 15, 20, 25, 30, 45, 60, 90]))),
        ),
        "first_day": first_day,
        "last_day": last_day,
        "tz": tz,
        # Mostly before the window, sometimes inside it.
        "now": (origin + minutes(draw(st.integers(-3 * 1440, 3 * 1440)))).astimezone(draw(st.sampled_from([UTC, tz]))),
    }


def overlap(a, b):
    """Whether two half-open ranges share an instant (so an empty range overlaps nothing)."""
    a_start, a_end, b_start, b_end = (t.astimezone(UTC) for t in (a.start, a.end, b.start, b.end))
    return max(a_start, b_start) < min(a_end, b_end)


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_every_listed_slot_obeys_every_rule(args):
    tz, duration, buffer, rules = args["tz"], args["duration"], args["buffer"], args["rules"]
    slots = free_slots(**args)
    starts = [s.start.astimezone(UTC) for s in slots]
    assert starts == sorted(set(starts))  # (d) sorted, no instant twice
    now = args["now"].astimezone(UTC)
    for slot, start in zip(slots, starts, strict=True):
        local = slot.start
        # (a) its occupied range overlaps nothing booked
        assert not any(overlap(occupied(slot.start, duration, buffer), b) for b in args["busy"])
        # (b) on the grid, on a wall time that exists, first occurrence, inside working hours
        assert local.tzinfo is tz and local.fold == 0 and local.second == local.microsecond == 0
        assert (local.hour * 60 + local.minute) % (rules.step // MINUTE) == 0
        assert local.replace(tzinfo=None).replace(tzinfo=tz).astimezone(UTC) == start  # not shifted
        assert args["first_day"] <= local.date() <= args["last_day"]
        assert slot.end.astimezone(UTC) == start + duration and slot.end.tzinfo is tz
        assert slot.end.astimezone(tz).date() == local.date()
        # Every minute of the treatment, read on the wall clock, is in working hours. The second run
        # through a repeated hour is skipped: that hour was worked on its first run.
        hours = hours_of(local.date(), args["weekly"], args["overrides"], args["holidays"])
        treatment = [(start + minutes(k)).astimezone(tz) for k in range(duration // MINUTE)]
        assert all(m.fold or any(s <= m.time() < e for s, e in hours) for m in treatment)
        # (c) within notice and horizon
        assert now + rules.min_notice <= start <= now + rules.horizon


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_free_slots_equal_the_brute_force_reference(args):
    assert [s.start.astimezone(UTC) for s in free_slots(**args)] == reference_starts(**args)


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.data())
def test_a_listed_slot_books_and_booking_it_removes_only_what_it_overlaps(args, data):
    slots = free_slots(**args)
    check = {k: v for k, v in args.items() if k not in ("first_day", "last_day")}
    listed_starts = {s.start.astimezone(UTC) for s in slots}
    for slot in slots[:: max(1, len(slots) // 15)]:
        assert is_free(start=slot.start, **check)
    # Any other instant in the window is refused, whatever zone it is written in.
    origin = datetime.combine(args["first_day"], time(), args["tz"]).astimezone(UTC)
    other = origin + minutes(data.draw(st.integers(0, ((args["last_day"] - args["first_day"]).days + 1) * 1440 - 1)))
    if args["first_day"] <= other.astimezone(args["tz"]).date() <= args["last_day"]:
        assert is_free(start=other.astimezone(args["tz"]), **check) is (other in listed_starts)
    if not slots:
        return
    booked = data.draw(st.sampled_from(slots))
    block = occupied(booked.start, args["duration"], args["buffer"])
    after = free_slots(**args | {"busy": [*args["busy"], block]})
    assert after == [s for s in slots if not overlap(occupied(s.start, args["duration"], args["buffer"]), block)]
    assert booked not in after
    assert not is_free(start=booked.start, **check | {"busy": [*args["busy"], block]})


# --- Daylight saving, 2026-2030 ------------------------------------------------------------------------

EVERY_DAY = [WorkingInterval(d, s, e) for d in range(7) for s, e in [(time(0), time(4)), (time(9), time(17))]]
EDGES_IN_THE_CHANGED_HOUR = [WorkingInterval(d, s, e) for d in range(7)
                             for s, e in [(time(1, 30), time(2, 30)), (time(2, 45), time(5))]]  # fmt: skip


@pytest.mark.parametrize(
    ("zone", "changes"),
    [("America/Toronto", 10), ("Europe/London", 10), ("Australia/Sydney", 10), ("America/Sao_Paulo", 0),
     ("Asia/Kolkata", 0)],
)  # fmt: skip
@pytest.mark.parametrize("weekly", [EVERY_DAY, EDGES_IN_THE_CHANGED_HOUR], ids=["spanning", "edges-inside"])
def test_clock_changes_never_skip_repeat_or_shift_a_slot(zone, changes, weekly):
    tz = ZoneInfo(zone)
    change_days = clock_changes(tz, 2026, 2030)
    assert len(change_days) == changes
    days = change_days or [date(year, month, 1) for year in range(2026, 2031) for month in (1, 7)]
    rules = Rules(min_notice=timedelta(0), horizon=timedelta(days=6 * 365))
    for day in days:
        args = inputs(weekly=weekly, rules=rules, first_day=day - DAY, last_day=day + DAY, tz=tz,
                      now=datetime(2025, 12, 1, tzinfo=UTC))  # fmt: skip
        slots = free_slots(**args)
        starts = [s.start.astimezone(UTC) for s in slots]
        assert len(set(starts)) == len(starts)  # no instant twice
        for slot in slots:
            wall = slot.start.replace(tzinfo=None)
            assert slot.start.fold == 0 and wall.minute % 15 == 0 and wall.second == 0
            # The wall time exists and is read back as the same instant: nothing nonexistent, nothing shifted.
            assert wall.replace(tzinfo=tz).astimezone(UTC) == slot.start.astimezone(UTC)
            assert slot.end.astimezone(UTC) - slot.start.astimezone(UTC) == minutes(60)  # real minutes
        assert starts == reference_starts(**args)
        per_day = {d: sum(s.start.date() == d for s in slots) for d in (day - DAY, day, day + DAY)}
        if weekly is EVERY_DAY:
            normal = 13 + 29  # 00:00-03:00 and 09:00-16:00, quarter-hourly
            assert per_day[day - DAY] == per_day[day + DAY] == normal
            before = datetime.combine(day, time(), tz).utcoffset()
            after = datetime.combine(day + DAY, time(), tz).utcoffset()
            assert per_day[day] == normal - (4 if after > before else 0)  # a skipped hour loses 4 starts
        # is_free agrees on every grid wall time of the day, both runs through a repeated hour included.
        check = {k: v for k, v in args.items() if k not in ("first_day", "last_day")}
        for wall in grid("00:00", "23:45"):
            for fold in (0, 1):
                start = datetime.combine(day, time.fromisoformat(wall), tz).replace(fold=fold)
                assert is_free(start=start, **check) is (start.astimezone(UTC) in starts)
