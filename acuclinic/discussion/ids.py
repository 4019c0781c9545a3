"""Ids as they arrive in the comment form and the guide's comment links (``object_pk``, ``reply_to``,
``replytocom``, ``cpage``): plain ASCII digits within a database id's range, or nothing.

``str.isdigit`` accepts "²" (which ``int`` refuses) and ``int`` accepts "١٢", " 1" and "1_0"; a number
past 2**63 - 1 overflows SQLite's integers. None of those is an id anybody was given.
"""

from __future__ import annotations

import re

MAX_ID = 2**63 - 1  # the largest BigAutoField value on every supported database
_DIGITS = re.compile(r"[0-9]{1,19}")


def plain_id(value: object) -> int | None:
    """``value`` as a positive id, or None when it is anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None
