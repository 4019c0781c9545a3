"""The comments a guide shows: approved threads, 50 to a page, with replies one level deep.

Built from three queries (count, threads, replies) plus one for staff credentials when staff have
replied, and kept in the content cache, which a comment becoming visible or hidden expires. The
structure holds only what may be published: no email or IP address can reach a template from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q

from acuclinic.clinic.content_cache import cached

from .models import GuideComment
from .text import comment_html, has_email, public_name


@dataclass
class Shown:
    pk: int
    name: str
    website: str
    html: str
    submitted: dt.datetime
    level: int
    thread: int
    staff: bool = False
    credential: str = ""
    pending: bool = False
    replies: list[Shown] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


@dataclass
class CommentPage:
    count: int
    threads: list[Shown]
    number: int
    num_pages: int


def _website(url: str) -> str:
    # A link that carries an email address (?from=me@…) would publish it: such a website is not linked.
    return url if url.lower().startswith(("http://", "https://")) and not has_email(url) else ""


def _credentials(user_ids: set[int]) -> dict[int, str]:
    """Staff users' credentials: a practitioner's first, else a reviewer's; one query each kind."""
    from acuclinic.booking.models import Practitioner
    from acuclinic.guides.models import Reviewer

    found: dict[int, str] = {}
    if not user_ids:
        return found
    for model in (Reviewer, Practitioner):  # practitioners last, so theirs win
        for user_id, credential in model.objects.filter(user_id__in=user_ids).values_list("user_id", "credential"):
            found[user_id] = credential
    return found


def shown(comments: list[GuideComment], *, pending: bool = False) -> list[Shown]:
    staff_ids = {c.user_id for c in comments if c.user_id}
    credentials = _credentials(staff_ids)
    return [
        Shown(
            pk=c.pk,
            name=public_name(c.user_name),
            website=_website(c.user_url),
            html=comment_html(c.comment),
            submitted=c.submit_date,
            level=c.level,
            thread=c.thread_id,
            staff=c.user_id is not None,
            credential=credentials.get(c.user_id, ""),
            pending=pending,
        )
        for c in comments
    ]


def comment_page(guide, number: int | str | None) -> CommentPage:
    def build() -> CommentPage:
        approved = GuideComment.objects.on(guide).approved()
        top = approved.filter(level=0).order_by("submit_date", "pk")
        paginator = Paginator(top, settings.COMMENTS_PER_PAGE)
        page = paginator.get_page(number)
        threads = shown(list(page.object_list)) if paginator.count else []
        if threads:
            by_thread = {t.thread: t for t in threads}
            for reply in shown(list(approved.filter(level=1, thread_id__in=by_thread).order_by("submit_date", "pk"))):
                by_thread[reply.thread].replies.append(reply)
        # Shown comments: approved threads and the approved replies in them (a reply under a hidden
        # comment is hidden with it).
        count = approved.filter(thread_id__in=top.values("thread_id")).count() if threads else 0
        return CommentPage(count=count, threads=threads, number=page.number, num_pages=paginator.num_pages)

    # Asked twice per render (the count under the title, then the section): kept on the page object too.
    pages = guide.__dict__.setdefault("_comment_pages", {})
    if number not in pages:
        pages[number] = cached(f"comments:{guide.pk}:{number or 1}", build)
    return pages[number]


def with_own_pending(page: CommentPage, guide, pending_ids: list[int]) -> CommentPage:
    """Add the reader's own comments that await moderation: replies under their thread, new threads at
    the end of the last page. Only the reader who holds their (signed) ids sees them."""
    if not pending_ids:
        return page
    own = list(
        GuideComment.objects.on(guide)
        .filter(Q(is_public=False) | Q(is_removed=True), pk__in=pending_ids)
        .order_by("submit_date", "pk")
    )
    if not own:
        return page
    threads = [Shown(**{**t.__dict__, "replies": list(t.replies)}) for t in page.threads]
    by_thread = {t.thread: t for t in threads}
    for item in shown(own, pending=True):
        if item.level == 0 and page.number == page.num_pages:
            threads.append(item)
        elif item.level == 1 and item.thread in by_thread:
            by_thread[item.thread].replies.append(item)
    return CommentPage(count=page.count, threads=threads, number=page.number, num_pages=page.num_pages)


def add_comment_count(guide, data: dict) -> None:
    """Add the guide's approved comments to its MedicalWebPage JSON-LD (guides/rendering.py's hook)."""
    if guide.pk and (count := comment_page(guide, 1).count):
        data["commentCount"] = count
