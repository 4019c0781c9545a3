from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from acuclinic.clinic.models import PublicPageMixin

from .blocks import BodyBlock, FaqBlock, PointUsedBlock, ReferenceBlock
from .forms import GuidePageForm


class Reviewer(models.Model):
    """Who reviews guides: shown in the review stamp ("by Daniel Okafor, Registered PT")."""

    name = models.CharField(_("name"), max_length=120)
    credential = models.CharField(_("credential"), max_length=120, help_text=_("e.g. Registered PT"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviewer_profiles"
    )

    panels = [FieldPanel("name"), FieldPanel("credential"), FieldPanel("user")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("reviewer")
        constraints = [models.UniqueConstraint(fields=["name", "credential"], name="reviewer_unique_name_credential")]

    def __str__(self) -> str:
        return f"{self.name}, {self.credential}"


@register_setting(icon="calendar-check")
class GuideSettings(BaseSiteSetting):
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        help_text=_("A guide whose last review is older than this is flagged as due for review."),
    )

    class Meta:
        verbose_name = _("guide review policy")


class ConditionGuidePage(PublicPageMixin, Page):
    """A reviewed guide to one condition, checked against the atlas before it can be published."""

    condition = models.CharField(_("condition"), max_length=120, help_text=_("e.g. Sciatica"))
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences; also the page description.")
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True, verbose_name=_("sections"))
    points = StreamField([("point", PointUsedBlock())], blank=True, use_json_field=True, verbose_name=_("points used"))
    faq = StreamField([("qa", FaqBlock())], blank=True, use_json_field=True, verbose_name=_("FAQ"))
    red_flags = StreamField(
        [("flag", blocks.CharBlock(label=_("When to seek urgent care instead")))],
        blank=True,
        use_json_field=True,
        verbose_name=_("red flags"),
    )
    references = StreamField(
        [("reference", ReferenceBlock())], blank=True, use_json_field=True, verbose_name=_("references")
    )
    reviewer = models.ForeignKey(
        Reviewer, null=True, blank=True, on_delete=models.PROTECT, related_name="guides", verbose_name=_("reviewed by")
    )
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    booking_service = models.ForeignKey(
        "booking.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service to book"),
        help_text=_("The Book Online button opens this service's booking page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("condition"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("points"),
        FieldPanel("faq"),
        FieldPanel("red_flags"),
        FieldPanel("references"),
        MultiFieldPanel([FieldPanel("reviewer"), FieldPanel("reviewed_on")], heading=_("Review stamp")),
        FieldPanel("booking_service"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("condition", boost=5),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]
    parent_page_types = ["atlas.AtlasIndexPage"]
    subpage_types: list[str] = []
    base_form_class = GuidePageForm

    class Meta:
        verbose_name = _("condition guide")

    @cached_property
    def point_blocks(self) -> list[dict]:
        """The points with their atlas records, fetched in one query for the whole list."""
        return [block.value for block in self.points]

    def is_review_due(self, interval_months: int, today: dt.date | None = None) -> bool:
        from .checks import months_before

        today = today or timezone.localdate()
        return self.reviewed_on is None or self.reviewed_on < months_before(today, interval_months)

    def get_context(self, request, *args, **kwargs):
        from .rendering import guide_context

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_context(self, request))
        return context
