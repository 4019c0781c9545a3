"""A post's WordPress comments become the site's comments (django-comments-xtd), keeping moderation history.

approved → approved, pending → pending, spam and trash → spam (django-contrib-comments' ``is_removed``).
Names and text are cleaned as every other path into the comments table cleans them (discussion/services.py).
Replies keep their thread where the page allows one (guides: one level, so a reply to a reply joins its
thread, as on the site); elsewhere they become top-level comments, which the report says.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from acuclinic.discussion.services import clean_comment_text, clean_name

from .gutenberg import plain_text
from .models import ImportedItem, Kind
from .wxr import Comment, Item

STATES = {"1": (True, False), "0": (False, False), "spam": (False, True), "trash": (False, True)}


def when(comment: Comment) -> dt.datetime:
    for value, zone in ((comment.date_gmt, dt.UTC), (comment.date, timezone.get_current_timezone())):
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
        except ValueError:
            continue
    return timezone.now()


def _email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value[:254]


def _url(value: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value[:200]


def import_comments(item: Item, page, report, records: dict[int, ImportedItem]) -> None:
    """``records``: what earlier imports stored for this export's comments, by WordPress comment id."""
    content_type = ContentType.objects.get_for_model(page.specific_class)
    threads = bool(max_thread_level_for_content_type(content_type))
    placed: dict[int, XtdComment] = {}
    flattened = 0
    for comment in sorted(item.comments, key=lambda c: c.wp_id):
        where = f"comment {comment.wp_id} on “{item.title}”"
        if comment.comment_type in ("pingback", "trackback"):
            report.count("comments", f"{comment.comment_type}s left out")
            continue
        if comment.approved not in STATES:
            report.skipped.append(f"{where}: unknown state “{comment.approved}”")
            continue
        try:
            name = clean_name(comment.author or "Anonymous") or "Anonymous"
            text = clean_comment_text(plain_text(comment.content.replace("\n", "<br>")))
        except ValidationError as error:
            report.skipped.append(f"{where}: {' '.join(error.messages)}")
            continue
        is_public, is_removed = STATES[comment.approved]
        fields = {
            "user_name": name,
            "user_email": _email(comment.email),
            "user_url": _url(comment.url),
            "comment": text,
            "submit_date": when(comment),
            "is_public": is_public,
            "is_removed": is_removed,
        }
        fingerprint = hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()
        record = records.get(comment.wp_id)
        existing = XtdComment.objects.filter(pk=record.object_id).first() if record else None
        if existing is not None:
            placed[comment.wp_id] = existing
            if record.fingerprint == fingerprint:
                report.count("comments", "unchanged")
                continue
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.save()
            ImportedItem.objects.filter(pk=record.pk).update(fingerprint=fingerprint)
            report.count("comments", "updated")
            continue
        parent = placed.get(comment.parent)
        new = XtdComment(content_type=content_type, object_pk=str(page.pk), site_id=settings.SITE_ID, **fields)
        if parent is not None and threads:
            new.parent_id = parent.thread_id  # one level: a reply to a reply answers its thread
        elif parent is not None:
            flattened += 1
        elif comment.parent:
            report.notes.append(f"{where}: replied to comment {comment.parent}, which is not in the export")
        new.save()
        placed[comment.wp_id] = new
        ImportedItem.objects.create(kind=Kind.COMMENT, wp_id=comment.wp_id, object_id=new.pk, fingerprint=fingerprint)
        report.count("comments", "created")
    if flattened:
        report.notes.append(f"“{item.title}”: {flattened} replies became top-level comments (this page has no threads)")
