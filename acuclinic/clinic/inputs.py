"""Pure: read the ids, slugs, dates and instants that arrive in URLs, query strings and JSON bodies.

One reading for every view and API operation, so that no caller meets the edges of Python's types
one at a time: ``str.isdigit()`` is true for "²" (then ``int()`` fails), an id past 2**63 - 1
overflows SQLite, a date at 9999-12-31 overflows as soon as a day is added, and an instant in
0001-01-01 at +05:00 has no UTC time at all. Every function here answers ``None`` (or raises
``ValueError`` with a message) for such input instead.
"""

from __future__ import annotations

import datetime as dt
import re

MAX_ID = 2**63 - 1  # the largest primary key SQLite and PostgreSQL (bigint) can hold
ID_PATTERN = r"^[0-9]{1,19}$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
_DIGITS = re.compile(r"[0-9]{1,19}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# The days the site reasons about. A margin on both sides of Python's calendar leaves room for any
# window arithmetic (a week, a horizon of a few hundred days, a time zone's offset).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(9000, 12, 31)


def parse_id(value: object) -> int | None:
    """A positive database id from ``value`` (ASCII digits, or an int), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def is_slug(value: object, *, max_length: int = 80) -> bool:
    """True for a URL slug as Django's ``<slug:>`` converter reads it (ASCII letters, digits, - and _)."""
    return isinstance(value, str) and len(value) <= max_length and bool(_SLUG.fullmatch(value))


def parse_day(value: str | None) -> dt.date | None:
    """An ISO date (``2026-03-14``) within the site's calendar, or ``None``."""
    if not value or len(value) > 10:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def within_calendar(day: dt.date) -> dt.date:
    """``day`` moved into the site's calendar (so adding a window to it cannot overflow)."""
    return min(max(day, FIRST_DAY), LAST_DAY)


def check_instant(value: dt.datetime) -> dt.datetime:
    """``value`` if it is an aware instant within the site's calendar; ``ValueError`` otherwise."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the time must include its time zone offset")
    try:
        utc = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("the time is outside the calendar") from None
    if not FIRST_DAY <= utc.date() <= LAST_DAY:
        raise ValueError("the time is outside the calendar")
    return value


def parse_instant(value: str | None) -> dt.datetime | None:
    """An ISO 8601 instant with its offset (``2026-03-14T10:00:00-04:00``) within the calendar, or ``None``."""
    if not value or len(value) > 40:
        return None
    try:
        return check_instant(dt.datetime.fromisoformat(value))
    except ValueError:
        return None
