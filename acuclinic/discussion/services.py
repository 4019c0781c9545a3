"""What happens to a comment: posted by a reader or staff, approved, marked as spam, deleted.

Each function is one transaction. Moderation rules are in ``moderation.py``; this module gathers the
facts they need (the site's settings, the author's history, the blocklist) and writes the result.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_comments.models import CommentFlag

from acuclinic.clinic.content_cache import bump_content_version, cached
from acuclinic.clinic.text import clean_message, clean_person_name

from . import moderation
from .ids import plain_id
from .models import BlockedTerm, CommentSettings, GuideComment

SPAM_FLAG = "moderator spam"
NAME_MAX_LENGTH = 50  # django-contrib-comments' user_name column
REPLY_GONE = _lazy("The comment you replied to is no longer shown; please post a new comment.")


class CommentsClosed(ValidationError):
    pass


def comment_settings(site) -> CommentSettings:
    """The site's comment rules, from the content cache (saving them starts a new content version)."""
    if site is None:
        return CommentSettings()
    return cached(f"comment-settings:{site.pk}", lambda: CommentSettings.for_site(site))


def is_open(guide, *, site=None, rules: CommentSettings | None = None, now=None) -> bool:
    rules = rules or comment_settings(site or guide.get_site())
    return not moderation.is_closed(
        comments_open=rules.comments_open,
        published=guide.first_published_at,
        close_after_days=rules.close_after_days,
        now=now or timezone.now(),
    )


def is_staff(user) -> bool:
    """Clinic staff: anyone who may use the Wagtail admin. Their comments carry the "Clinic" badge."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin"))


def clean_name(value: str) -> str:
    """The name as it is stored and shown: NFC, one line, no invisible character (clinic/text.py)."""
    try:
        return clean_person_name(value, max_length=NAME_MAX_LENGTH)
    except ValueError as error:
        raise ValidationError(str(error), code="name") from error


def clean_comment_text(value: str) -> str:
    """The text as it is stored: line breaks kept, every other control, format or bidi character removed."""
    try:
        text = clean_message(value, max_length=settings.COMMENT_MAX_LENGTH)
    except ValueError as error:
        raise ValidationError(str(error), code="comment") from error
    if not text:
        raise ValidationError(
            _("Write your comment: it cannot be only spaces or invisible characters."), code="comment"
        )
    return text


def reply_parent(guide, reply_to: int | None) -> GuideComment | None:
    """The approved comment a reply belongs under. Replies nest one level: answering a reply answers its thread."""
    if not reply_to:
        return None
    parent_id = plain_id(reply_to)
    parent = GuideComment.objects.on(guide).approved().filter(pk=parent_id).first() if parent_id else None
    if parent is None:
        raise ValidationError(str(REPLY_GONE), code="reply_gone")
    if parent.level > 0:
        parent = GuideComment.objects.get(pk=parent.parent_id)
    return parent


def post_comment(
    *,
    guide,
    name: str,
    email: str,
    text: str,
    url: str = "",
    reply_to: int | None = None,
    user=None,
    ip_address: str | None = None,
) -> GuideComment:
    """Save a comment in the state moderation gives it; a repeat of the same post returns the first one.

    Raises ``CommentsClosed`` when the guide takes no comments (staff may still answer), or
    ``ValidationError`` when the comment replied to is not shown, or the name or text has nothing visible.
    """
    # Every comment is created here (the form, staff replies, the demo), so here is where it is cleaned.
    name, text = clean_name(name), clean_comment_text(text)
    staff = is_staff(user)
    rules = comment_settings(guide.get_site())
    if not staff and not is_open(guide, rules=rules):
        raise CommentsClosed(_("Comments on this guide are closed."))
    with transaction.atomic():
        parent = reply_parent(guide, reply_to)
        earlier = (
            GuideComment.objects.on(guide)
            .filter(user_email__iexact=email, user_name=name, comment=text, **_place(parent))
            .order_by("pk")
            .first()
        )
        if earlier is not None:
            return earlier  # a double click or a resent form: nothing new to publish
        verdict = moderation.decide(
            mode=rules.moderation,
            is_staff=staff,
            author_approved_before=GuideComment.objects.approved().filter(user_email__iexact=email).exists(),
            links=moderation.count_links(text),
            max_links=rules.max_links,
            blocked=bool(
                moderation.blocked_terms_in(
                    [text, name, email, url, ip_address or ""], BlockedTerm.objects.values_list("term", flat=True)
                )
            ),
        )
        comment = GuideComment(
            content_object=guide,
            site_id=settings.SITE_ID,
            user=user if user and user.is_authenticated else None,
            user_name=name,
            user_email=email,
            user_url=url,
            comment=text,
            submit_date=timezone.now(),
            ip_address=ip_address,
            is_public=verdict == moderation.Verdict.APPROVE,
            is_removed=verdict == moderation.Verdict.SPAM,
            parent_id=parent.pk if parent else 0,
        )
        comment.full_clean(
            exclude=["content_type", "object_pk", "site", "user", "thread_id", "parent_id", "level", "order"]
        )
        comment.save()
        if verdict == moderation.Verdict.HOLD:
            from .tasks import queue_moderator_email

            queue_moderator_email(comment)
    return comment


def _place(parent: GuideComment | None) -> dict:
    # A top-level comment's parent_id is its own id (django-comments-xtd), so top level is level 0.
    return {"level": 1, "parent_id": parent.pk} if parent else {"level": 0}


def reply_as_staff(parent: GuideComment, *, user, text: str) -> GuideComment:
    """Answer a comment from the admin. Answering a pending comment approves it, as WordPress does."""
    guide = parent.content_object
    with transaction.atomic():
        if parent.status != "approved":
            approve([parent], by=user)
        return post_comment(
            guide=guide,
            name=display_name(user),
            email=user.email,
            text=text,
            reply_to=parent.pk,
            user=user,
        )


def display_name(user) -> str:
    profile = user.practitioner_profiles.first() or user.reviewer_profiles.first()
    return (profile.name if profile else user.get_full_name() or user.get_username())[:50]


def approve(comments, *, by=None) -> int:
    return _moderate(comments, by=by, flag=CommentFlag.MODERATOR_APPROVAL, is_public=True, is_removed=False)


def mark_spam(comments, *, by=None) -> int:
    return _moderate(comments, by=by, flag=SPAM_FLAG, is_public=False, is_removed=True)


def delete(comments) -> int:
    """Delete comments and the replies under them (a reply alone would answer nothing)."""
    ids = [c.pk for c in comments]
    with transaction.atomic():
        threads = list(GuideComment.objects.filter(pk__in=ids, level=0).values_list("thread_id", flat=True))
        doomed = GuideComment.objects.filter(pk__in=ids) | GuideComment.objects.filter(thread_id__in=threads)
        _rows, by_model = doomed.delete()
        _renew_caches()
    return by_model.get(GuideComment._meta.label, 0)


def purge_spam(*, older_than_days: int) -> int:
    """Delete spam sent more than ``older_than_days`` ago: nobody reads it, and it holds addresses."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    return delete(list(GuideComment.objects.spam().filter(submit_date__lt=cutoff).only("pk", "level", "thread_id")))


def _moderate(comments, *, by, flag: str, is_public: bool, is_removed: bool) -> int:
    ids = [c.pk for c in comments]
    with transaction.atomic():
        changed = GuideComment.objects.filter(pk__in=ids).update(is_public=is_public, is_removed=is_removed)
        if by is not None:  # who moderated what, in django-contrib-comments' own record
            flags = [CommentFlag(comment_id=pk, user=by, flag=flag, flag_date=timezone.now()) for pk in ids]
            CommentFlag.objects.bulk_create(flags, ignore_conflicts=True)
        _renew_caches()
    return changed


def _renew_caches() -> None:
    # Now, for this request's own next read, and after commit, so that no page rendered from the
    # uncommitted state in between stays cached.
    bump_content_version()
    transaction.on_commit(bump_content_version)
