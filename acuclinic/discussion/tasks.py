"""Moderators hear of a held comment by email, queued in the comment's own transaction (see booking/tasks.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from acuclinic.clinic.text import one_line

from .models import GuideComment

MODERATE = ("django_comments", "can_moderate")


def queue_moderator_email(comment: GuideComment) -> None:
    if send_moderator_email.get_backend().supports_defer:
        send_moderator_email.enqueue(comment.pk)
    else:
        transaction.on_commit(lambda: send_moderator_email.enqueue(comment.pk))


def moderators():
    """Active users with an email address who may moderate comments (superusers included)."""
    permission = Permission.objects.filter(content_type__app_label=MODERATE[0], codename=MODERATE[1]).first()
    may = Q(is_superuser=True)
    if permission is not None:
        may |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return get_user_model().objects.filter(may, is_active=True).exclude(email="").distinct().order_by("pk")


@task()
def send_moderator_email(comment_id: int) -> str:
    comment = GuideComment.objects.filter(pk=comment_id).first()
    if comment is None or comment.status != "pending":
        return "skipped"  # already moderated or deleted
    recipients = list(moderators().values_list("email", flat=True))
    if not recipients:
        return "no moderators"
    guide = comment.content_object
    title = one_line(guide.title)  # a header: no line break or other control character, whatever the title holds
    context = {
        "comment": comment,
        "title": title,
        "queue_url": settings.BASE_URL + reverse("discussion_admin:queue"),
    }
    send_mail(
        subject=f"A comment is waiting for approval on {title}"[:150],
        message=render_to_string("discussion/email/moderate.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
    return "sent"
