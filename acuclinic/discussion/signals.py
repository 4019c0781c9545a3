"""Pages show approved comments, so a comment that becomes visible or stops being visible starts a new
content version (clinic/content_cache.py). A comment held for moderation changes no public page and
leaves every cache alone: a flood of spam cannot keep emptying the caches."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django_comments_xtd.models import XtdComment

from acuclinic.clinic.content_cache import bump_content_version

from .models import CommentSettings, GuideComment


def _visible(comment) -> bool:
    return comment.is_public and not comment.is_removed


def _remember_visibility(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = (
        XtdComment.objects.filter(pk=instance.pk).values("is_public", "is_removed").first() if instance.pk else None
    )
    instance._was_visible = bool(before and before["is_public"] and not before["is_removed"])


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and (_visible(instance) or getattr(instance, "_was_visible", False)):
        bump_content_version()


def _deleted(sender, instance, **kwargs):
    if _visible(instance):
        bump_content_version()


def _settings_changed(sender, created=False, raw=False, **kwargs):
    # Opening or closing comments changes every guide page. A row created on first read holds the
    # defaults that pages were already rendered with (BaseSiteSetting.for_site creates it).
    if not raw and not created:
        bump_content_version()


def sync_django_site(**kwargs) -> None:
    """Point django.contrib.sites' Site (which comments require) at BASE_URL after every migrate.

    Django code that asks the sites framework for a domain (the admin's password-reset email, for one)
    would otherwise link to its placeholder "example.com".
    """
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.BASE_URL).netloc or "localhost"
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": domain})
    Site.objects.clear_cache()


def connect() -> None:
    for model in (XtdComment, GuideComment):
        pre_save.connect(_remember_visibility, sender=model, dispatch_uid=f"discussion-pre-{model.__name__}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"discussion-saved-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"discussion-deleted-{model.__name__}")
    post_save.connect(_settings_changed, sender=CommentSettings, dispatch_uid="discussion-settings")
