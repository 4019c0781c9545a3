"""Reader comments on condition guides.

The comments themselves are django-comments-xtd's ``XtdComment`` rows (threading over
django-contrib-comments). This app adds what a clinic decides about them: whether comments are open
and how they are moderated (a site setting), the words and links that mark a comment as spam, and a
proxy with the moderation states a WordPress user knows (approved, pending, spam).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Moderation(models.TextChoices):
    ALL = "all", _("Hold every comment for approval")
    FIRST_TIME = "first_time", _("Hold a first comment from an email address; later ones appear at once")
    NONE = "none", _("Publish comments at once (spam checks still apply)")


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    comments_open = models.BooleanField(_("readers may comment on guides"), default=True)
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Days after a guide was first published; leave empty to keep comments open."),
    )
    moderation = models.CharField(
        _("moderation"), max_length=16, choices=Moderation.choices, default=Moderation.FIRST_TIME
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold comments with more links than"),
        default=2,
        help_text=_("Counted in the comment text; a comment with more is held for approval."),
    )

    panels = [
        FieldPanel("comments_open"),
        FieldPanel("close_after_days"),
        FieldPanel("moderation"),
        FieldPanel("max_links"),
    ]

    class Meta:
        verbose_name = _("reader comments")


class BlockedTerm(models.Model):
    """A word, phrase, address or link that marks a comment as spam wherever it appears in it."""

    term = models.CharField(
        _("word or link"),
        max_length=200,
        unique=True,
        help_text=_("Matched without regard to case in the comment, name, email address, website and IP address."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("blocked word or link")
        verbose_name_plural = _("comment blocklist")

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs):
        self.term = self.term.strip().lower()
        super().save(*args, **kwargs)


class Status(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Pending")
    SPAM = "spam", _("Spam")


class GuideCommentQuerySet(models.QuerySet):
    """States over django-contrib-comments' two flags: public = approved, removed = spam."""

    def approved(self):
        return self.filter(is_public=True, is_removed=False)

    def pending(self):
        return self.filter(is_public=False, is_removed=False)

    def spam(self):
        return self.filter(is_removed=True)

    def with_status(self, status: str):
        return {Status.APPROVED: self.approved, Status.PENDING: self.pending, Status.SPAM: self.spam}[status]()

    def on(self, page):
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(page.specific_class)
        return self.filter(content_type=content_type, object_pk=str(page.pk))


class GuideComment(XtdComment):
    objects = GuideCommentQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("reader comment")

    @property
    def status(self) -> Status:
        if self.is_removed:
            return Status.SPAM
        return Status.APPROVED if self.is_public else Status.PENDING
