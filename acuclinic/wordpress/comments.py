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
from django.db import connection
from django.db.models import F, Max
from django.utils import timezone
from django_comments.models import Comment as BaseComment
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from acuclinic.clinic.content_cache import bump_content_version
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


def import_comments(item: Item, page, report, records: dict[int, ImportedItem], source: str) -> None:
    """``records``: what earlier imports stored for this export's comments, by WordPress comment id."""
    content_type = ContentType.objects.get_for_model(page.specific_class)
    threads = bool(max_thread_level_for_content_type(content_type))
    placed: dict[int, XtdComment] = {}  # WordPress id -> comment here, for the replies that follow
    new: list[tuple[Comment, dict, str]] = []
    known = [records[c.wp_id].object_id for c in item.comments if c.wp_id in records]
    here = XtdComment.objects.in_bulk(known) if known else {}
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
            text = clean_comment_text(plain_text(comment.content))
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
        existing = here.get(record.object_id) if record else None
        if existing is None:
            new.append((comment, fields, fingerprint))
            continue
        placed[comment.wp_id] = existing
        if record.fingerprint == fingerprint:
            report.count("comments", "unchanged")
            continue
        for key, value in fields.items():
            setattr(existing, key, value)
        existing.save()
        ImportedItem.objects.filter(pk=record.pk).update(fingerprint=fingerprint)
        report.count("comments", "updated")
    if new:
        _create(new, page, content_type, threads, placed, item, report, source)


def _create(new, page, content_type, threads: bool, placed: dict, item: Item, report, source: str) -> None:
    """Insert the post's new comments in two statements and lay out their threads as django-comments-xtd does.

    XtdComment extends django-contrib-comments' Comment across two tables, which Django's bulk_create
    cannot fill; saving 20,000 comments one by one (each save runs the library's thread arithmetic and
    signal handlers) takes minutes. The base rows go in with bulk_create, the thread rows with one
    executemany; a top-level comment is its own thread (parent_id = thread_id = its id, level 0, order 1)
    and each reply comes after the earlier ones of its thread (level 1, order 2, 3, ...).
    """
    rows = [
        BaseComment(content_type=content_type, object_pk=str(page.pk), site_id=settings.SITE_ID, **fields)
        for _comment, fields, _fingerprint in new
    ]
    BaseComment.objects.bulk_create(rows)
    threads_rows, last_order, replies, flattened = [], {}, {}, 0
    for (comment, _fields, _fingerprint), row in zip(new, rows, strict=True):
        parent = placed.get(comment.parent)
        if parent is not None and threads:
            thread = parent.thread_id
            if thread not in last_order:
                last_order[thread] = XtdComment.objects.filter(thread_id=thread).aggregate(m=Max("order"))["m"] or 1
            last_order[thread] += 1
            replies[thread] = replies.get(thread, 0) + 1
            values = (row.pk, thread, thread, 1, last_order[thread])
        else:
            flattened += parent is not None
            if parent is None and comment.parent:
                report.notes.append(f"comment {comment.wp_id} on “{item.title}”: its parent is not in the export")
            values = (row.pk, row.pk, row.pk, 0, 1)
            last_order[row.pk] = 1
        threads_rows.append(values)
        placed[comment.wp_id] = XtdComment(pk=row.pk, thread_id=values[1], parent_id=values[2], level=values[3])
    table = connection.ops.quote_name(XtdComment._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(XtdComment._meta.get_field(name).column)
        for name in ("comment_ptr", "thread_id", "parent_id", "level", "order", "followup", "nested_count")
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)",  # noqa: S608 - names from _meta
            [(*values, False, 0) for values in threads_rows],
        )
    for thread, count in replies.items():
        XtdComment.objects.filter(pk=thread).update(nested_count=F("nested_count") + count)
    ImportedItem.objects.bulk_create(
        [
            ImportedItem(
                source=source, kind=Kind.COMMENT, wp_id=comment.wp_id, object_id=row.pk, fingerprint=fingerprint
            )
            for (comment, _fields, fingerprint), row in zip(new, rows, strict=True)
        ]
    )
    report.count("comments", "created", len(rows))
    if any(fields["is_public"] and not fields["is_removed"] for _c, fields, _f in new):
        bump_content_version()  # what the discussion app's save signal does for a visible comment
    if flattened:
        report.notes.append(f"“{item.title}”: {flattened} replies became top-level comments (this page has no threads)")
