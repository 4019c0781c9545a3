"""Pure rules of comment moderation, as WordPress applies them by default (no Django import).

A comment is spam when it contains a blocked word or link; held when the clinic holds everything,
when its author has no approved comment yet (first-time mode), or when it carries more links than
allowed; otherwise it appears at once. Staff comments are always approved.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable

# A link is anything a reader could follow: a scheme, a "www." host, or an <a> tag written as text.
LINK = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|<a\s)", re.IGNORECASE)


class Verdict(enum.StrEnum):
    APPROVE = "approve"
    HOLD = "hold"
    SPAM = "spam"


def count_links(*texts: str) -> int:
    """How many links the texts hold."""
    return sum(len(LINK.findall(text or "")) for text in texts)


def blocked_terms_in(texts: Iterable[str], terms: Iterable[str]) -> list[str]:
    """The blocked terms found, ignoring case, anywhere in any of the texts."""
    haystack = "\n".join(text or "" for text in texts).casefold()
    return [term for term in terms if term and term.casefold() in haystack]


def decide(
    *,
    mode: str,
    is_staff: bool,
    author_approved_before: bool,
    links: int,
    max_links: int,
    blocked: bool,
) -> Verdict:
    """The state a new comment starts in.

    ``mode`` is "all" (hold everything), "first_time" (hold authors without an approved comment) or
    "none" (publish at once). The spam and link checks apply in every mode, except to staff.
    """
    if is_staff:
        return Verdict.APPROVE
    if blocked:
        return Verdict.SPAM
    if links > max_links or mode == "all":
        return Verdict.HOLD
    if mode == "first_time" and not author_approved_before:
        return Verdict.HOLD
    return Verdict.APPROVE


def is_closed(
    *, comments_open: bool, published: dt.datetime | None, close_after_days: int | None, now: dt.datetime
) -> bool:
    """Whether a guide takes no more comments: closed by the clinic, or older than the auto-close limit."""
    if not comments_open:
        return True
    if close_after_days is None or published is None:
        return False
    return now >= published + dt.timedelta(days=close_after_days)
