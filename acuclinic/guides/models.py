from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from acuclinic.clinic.clock import clinic_today
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


# What the checks read: writing any of these to a live row changes what the site shows.
_CHECKED_FIELDS = ("slug", "body", "points", "faq", "references", "reviewer", "reviewed_on")


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

    def review_interval_months(self, parent: Page | None = None) -> int:
        """The review policy of the site this guide is on (or will be on, under ``parent``, when it is new)."""
        anchor = self if self.pk else parent
        site = anchor.get_site() if anchor is not None else None
        return GuideSettings.for_site(site).review_interval_months if site else 12

    def is_review_due(self, interval_months: int, today: dt.date | None = None) -> bool:
        from .checks import months_before

        today = today or clinic_today()
        return self.reviewed_on is None or self.reviewed_on < months_before(today, interval_months)

    def publish(self, revision, *args, **kwargs):
        """Refuse (GuideNotPublishable) before anything changes if the revision's content has errors.

        Every ``Revision.publish()`` comes here: bulk publish, workflow approval, scheduled publishing,
        the create view, imports. Scheduling is refused too, not only going live.
        """
        from .publishing import refuse_unless_publishable

        refuse_unless_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    def save(self, *args, **kwargs):
        """The last guard: a guide's row, which is what the site serves, never becomes live with errors.

        Catches what does not go through ``publish()``: Wagtail's edit view and admin API run the publish
        action directly (refused here, after the edit form has already said why), and a copy with
        "publish copies" is written live as a new row, which is kept as a draft instead.
        """
        from .publishing import GuideNotPublishable, logger, publishing_errors

        if self.live and self._goes_live(kwargs.get("update_fields")) and (found := publishing_errors(self)):
            if not self._state.adding:
                raise GuideNotPublishable(self, found)
            logger.warning("Guide %s created as a draft, not live: %s", self.slug, ", ".join(f.check for f in found))
            self.withheld_findings = found
            self.live, self.has_unpublished_changes = False, True
        if getattr(self, "withheld_findings", None) and not self.live:
            # Wagtail's copy then records the copy's "live" revision and dates: it has none.
            self.live_revision, self.first_published_at, self.last_published_at = None, None, None
        return super().save(*args, **kwargs)

    def _goes_live(self, update_fields) -> bool:
        if update_fields is not None and not {"live", "live_revision", *_CHECKED_FIELDS} & set(update_fields):
            return False
        if self._state.adding:
            return True
        stored = Page.objects.filter(pk=self.pk).values_list("live", "live_revision_id").first()
        return stored is None or not stored[0] or stored[1] != self.live_revision_id

    def get_context(self, request, *args, **kwargs):
        from .rendering import guide_context

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_context(self, request))
        return context
