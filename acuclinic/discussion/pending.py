"""Which held comments this reader wrote: a signed cookie of comment ids, so that the page can show
them "awaiting moderation" to their author and to nobody else (the page cache skips such requests)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

COOKIE = "acuclinic_comments"
SALT = "acuclinic.discussion.pending"
MAX_AGE = 60 * 60 * 24 * 30
KEEP = 20


def pending_ids(request) -> list[int]:
    try:
        value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return []
    return [int(part) for part in value.split(",") if part.isdigit()][-KEEP:]


def remember_pending(request, response, comment_id: int) -> None:
    ids = [i for i in pending_ids(request) if i != comment_id] + [comment_id]
    response.set_signed_cookie(
        COOKIE,
        ",".join(map(str, ids[-KEEP:])),
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
