"""What came from WordPress: one row per imported post, page, attachment or comment, keyed on its
WordPress id, so that a second import updates the same objects instead of adding copies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PAGE = "page", _("page or post")
    IMAGE = "image", _("image")
    DOCUMENT = "document", _("document")
    COMMENT = "comment", _("comment")


class ImportedItem(models.Model):
    # Ids are only unique within one WordPress site: the site's address (from the export) says which.
    source = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    wp_id = models.PositiveBigIntegerField(_("WordPress id"))
    object_id = models.PositiveBigIntegerField(_("id here"))
    fingerprint = models.CharField(_("fingerprint of the WordPress content"), max_length=64)
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("item imported from WordPress")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "wp_id"], name="wordpress_item_unique_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.wp_id} → {self.object_id}"
