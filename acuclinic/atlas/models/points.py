from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.search import index

from ..categories import CATEGORIES
from ..regions import REGIONS


class Meridian(models.Model):
    """A channel (LU … CV) or the group of extra points (EX). Loaded from the data files."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=60)
    pinyin = models.CharField(_("pinyin"), max_length=60)
    hanzi = models.CharField(_("Chinese"), max_length=20)
    abbreviations = models.JSONField(_("other abbreviations"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("meridian")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def is_channel(self) -> bool:
        return self.code != "EX"


class PointQuerySet(models.QuerySet):
    def in_atlas_order(self) -> PointQuerySet:
        return self.order_by("sort_order")


class Point(index.Indexed, models.Model):
    """One acupoint. Data fields come from ``atlas/data``; the clinic's note and image are the editors'."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    slug = models.SlugField(max_length=10, unique=True)
    meridian = models.ForeignKey(Meridian, on_delete=models.PROTECT, related_name="points")
    series = models.CharField(_("series"), max_length=6, help_text=_("GB, … or EX-HN, EX-B, …; numbers run within it"))
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    pinyin = models.CharField(_("pinyin"), max_length=60)
    pinyin_plain = models.CharField(_("pinyin without tones"), max_length=60, db_index=True)
    hanzi = models.CharField(_("Chinese (simplified)"), max_length=20)
    hanzi_traditional = models.CharField(_("Chinese (traditional)"), max_length=20)
    english = models.CharField(_("English name"), max_length=100)
    region = models.CharField(_("body region"), max_length=30, choices=[(r.code, r.label) for r in REGIONS.values()])
    location = models.TextField(_("location"))
    needling = models.TextField(_("needling"))
    cautions = models.JSONField(_("cautions"), default=list)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0, db_index=True)
    data_changed_at = models.DateTimeField(_("data last changed"), null=True, editable=False)

    # Added by the clinic in the admin; the data loader never touches these.
    clinic_note = RichTextField(_("clinic note"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PointQuerySet.as_manager()

    search_fields = [
        index.SearchField("code", boost=10),
        index.SearchField("pinyin_plain", boost=8),
        index.SearchField("pinyin", boost=6),
        index.SearchField("hanzi", boost=8),
        index.SearchField("hanzi_traditional", boost=8),
        index.SearchField("english", boost=4),
        index.SearchField("location"),
        index.AutocompleteField("pinyin_plain"),
        index.AutocompleteField("english"),
        index.FilterField("region"),
        index.FilterField("meridian_id"),
    ]

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("acupoint")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], condition=models.Q(number__isnull=False), name="point_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1) | models.Q(number__isnull=True), name="point_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.pinyin}"

    @property
    def region_label(self) -> str:
        return REGIONS[self.region].label

    @property
    def category_labels(self) -> list[str]:
        return [CATEGORIES[c] for c in self.categories if c in CATEGORIES]

    @property
    def is_ashi(self) -> bool:
        return self.code == "Ashi"
