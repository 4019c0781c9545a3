"""Property tests of the pure matcher (booking/waitlist_matching.py): at most N offers per slot, never
inside the minimum notice, waitlist order respected, each entry one slot per run, preferences honoured."""

import datetime as dt
import itertools
from collections import Counter
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from acuclinic.booking.waitlist_matching import Entry, Slot, TimeRange, apart, match, suits

TZ = ZoneInfo("America/Toronto")
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
NOTICE = dt.timedelta(hours=2)

times = st.builds(
    lambda a, b: TimeRange(dt.time(min(a, b)), dt.time(max(a, b) + 1)),
    st.integers(6, 20),
    st.integers(6, 20),
)
entries = st.lists(
    st.builds(
        Entry,
        id=st.integers(1, 10_000),
        service_id=st.integers(1, 2),
        practitioner_id=st.none() | st.integers(1, 2),
        weekdays=st.frozensets(st.integers(0, 6), max_size=3),
        times=st.lists(times, max_size=2).map(tuple),
        until=st.dates(dt.date(2026, 3, 1), dt.date(2026, 3, 20)),
        joined_at=st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 3, 1)).map(lambda d: d.replace(tzinfo=TZ)),
    ),
    max_size=40,
    unique_by=lambda e: e.id,
)
slots = st.lists(
    st.builds(
        Slot,
        service_id=st.integers(1, 2),
        practitioner_id=st.integers(1, 2),
        start=st.integers(0, 14 * 24 * 4).map(lambda q: NOW - dt.timedelta(hours=4) + dt.timedelta(minutes=15 * q)),
    ),
    max_size=12,
)


def run(es, ss, n):
    return match(es, ss, now=NOW, min_notice=NOTICE, per_slot=n, tz=TZ)


@settings(max_examples=300)
@given(entries, slots, st.integers(1, 4))
def test_at_most_n_offers_per_slot_and_one_slot_per_entry(es, ss, n):
    result = run(es, ss, n)
    per_key = Counter()
    for m in result:
        per_key[m.slot.key] += len(m.entry_ids)
    assert all(count <= n for count in per_key.values())
    offered = [entry_id for m in result for entry_id in m.entry_ids]
    assert len(offered) == len(set(offered))


@settings(max_examples=300)
@given(entries, slots, st.integers(1, 4))
def test_never_inside_min_notice_and_only_suiting_slots(es, ss, n):
    by_id = {e.id: e for e in es}
    for m in run(es, ss, n):
        assert m.slot.start >= NOW + NOTICE
        assert all(suits(by_id[i], m.slot, TZ) for i in m.entry_ids)


@settings(max_examples=300)
@given(entries, slots, st.integers(1, 4))
def test_waitlist_order(es, ss, n):
    """Whoever is offered a slot, everyone who joined earlier and suits it was offered it or an earlier slot."""
    result = run(es, ss, n)
    assigned = {i: m for m in result for i in m.entry_ids}
    for m in result:
        latest = max((e for e in es if e.id in m.entry_ids), key=Entry.order)
        for earlier in es:
            if earlier.order() < latest.order() and suits(earlier, m.slot, TZ):
                got = assigned.get(earlier.id)
                assert got is not None and got.slot.start <= m.slot.start


@settings(max_examples=200)
@given(entries, slots, st.integers(1, 4))
def test_open_offers_count_against_n_and_offers_are_not_repeated(es, ss, n):
    first = run(es, ss, n)
    opened = Counter()
    for m in first:
        opened[m.slot.key] += len(m.entry_ids)
    already = frozenset((i, m.slot.key) for m in first for i in m.entry_ids)
    busy = frozenset(i for m in first for i in m.entry_ids)
    second = match(es, ss, now=NOW, min_notice=NOTICE, per_slot=n, tz=TZ, busy=busy,
                   already_offered=already, open_per_slot=dict(opened))  # fmt: skip
    for m in second:
        assert opened[m.slot.key] + len(m.entry_ids) <= n
        assert not set(m.entry_ids) & busy


@given(st.lists(st.integers(0, 200), max_size=30), st.integers(1, 8))
def test_apart_starts_never_overlap(quarters, length):
    base = dt.datetime(2026, 3, 2, 9, tzinfo=TZ)
    step = dt.timedelta(minutes=15 * length)
    chosen = apart([base + dt.timedelta(minutes=15 * q) for q in quarters], step)
    assert all(b >= a + step for a, b in itertools.pairwise(chosen))
    assert set(chosen) <= {base + dt.timedelta(minutes=15 * q) for q in quarters}
    if quarters:
        assert chosen[0] == base + dt.timedelta(minutes=15 * min(quarters))
