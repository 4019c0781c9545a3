from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from . import colours
from .blocks import content_blocks, home_sections
from .content_cache import cached
from .page_cache import mark_public
from .phones import InvalidPhoneNumber, national, to_e164


class Weekday(models.IntegerChoices):
    # ISO order, Monday first; the numbers match datetime.date.weekday().
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# schema.org names the days in English whatever the site's language.
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@register_setting(icon="site")
class ClinicSettings(ClusterableModel, BaseSiteSetting):
    """Who the clinic is and how to reach it; shown in the header, footer and structured data."""

    name = models.CharField(_("clinic name"), max_length=120, default="Our Clinic")
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        help_text=_("As you would dial it locally or with +country code; stored in international form."),
    )
    email = models.EmailField(_("public email"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    locality = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("province or state"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(
        _("country code"),
        max_length=2,
        default="CA",
        help_text=_("Two letters (ISO 3166), e.g. CA, GB, AU. Also used to read local phone numbers."),
    )
    booking_cta = models.CharField(_("booking button text"), max_length=60, default=_("Book Online"))
    booking_url = models.CharField(
        _("booking link"),
        max_length=255,
        default="/book/",
        help_text=_("Where the Book Online button leads. Keep /book/ for acuclinic's own booking."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the clinic's name in the header; about 48 pixels high."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        help_text=_(
            "A hex colour such as #0b5d55 for buttons and links. It carries white text, so it must be dark "
            "enough for a contrast of at least 4.5:1 (WCAG AA). Leave empty for the theme's teal."
        ),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="CAD",
        help_text=_("Three letters (ISO 4217), e.g. CAD, USD, GBP, EUR, AUD. Prices are shown in it."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("locality"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("country")]),
            ],
            heading=_("Address"),
        ),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("Opening hours")),
        MultiFieldPanel([FieldPanel("booking_cta"), FieldPanel("booking_url")], heading=_("Booking")),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("accent_colour"), FieldPanel("currency")], heading=_("Branding")
        ),
    ]

    class Meta:
        verbose_name = _("clinic")

    def clean(self) -> None:
        super().clean()
        self.country = (self.country or "").upper()
        errors = {}
        if self.phone:
            try:
                self.phone = to_e164(self.phone, self.country)
            except InvalidPhoneNumber:
                errors["phone"] = _("Enter a valid phone number for the clinic's country.")
        if self.accent_colour:
            try:
                self.accent_colour = colours.normalise_hex(self.accent_colour)
            except ValueError:
                errors["accent_colour"] = _("Enter a hex colour such as #0b5d55.")
            else:
                ratio = colours.contrast_ratio(colours.parse_hex(self.accent_colour), colours.WHITE)
                if ratio < colours.AA_NORMAL_TEXT:
                    errors["accent_colour"] = _(
                        "White text on %(colour)s has a contrast of %(ratio).2f:1; WCAG AA needs at least 4.5:1. "
                        "Choose a darker colour."
                    ) % {"colour": self.accent_colour, "ratio": ratio}
        self.currency = (self.currency or "").upper()
        if self.currency and not (len(self.currency) == 3 and self.currency.isalpha()):
            errors["currency"] = _("Enter the three-letter currency code (ISO 4217), e.g. CAD.")
        if errors:
            raise ValidationError(errors)

    @property
    def directions_url(self) -> str:
        """A plain link to a maps search for the address: no embedded map, no request to anyone until clicked."""
        from urllib.parse import urlencode

        query = ", ".join([self.name, *self.address_lines])
        return "https://www.google.com/maps/search/?" + urlencode({"api": 1, "query": query})

    @property
    def phone_display(self) -> str:
        return national(self.phone) if self.phone else ""

    @property
    def address_lines(self) -> list[str]:
        city_line = " ".join(part for part in (self.locality, self.region, self.postal_code) if part)
        return [line for line in (self.street_address, city_line) if line]

    @cached_property
    def hours(self) -> list[OpeningHours]:
        return sorted(self.opening_hours.all(), key=lambda h: (h.weekday, h.opens))

    def hours_by_day(self) -> list[tuple[str, list[OpeningHours]]]:
        """Every weekday with its intervals (empty when closed), Monday first."""
        by_day: dict[int, list[OpeningHours]] = {day: [] for day in Weekday.values}
        for interval in self.hours:
            by_day[interval.weekday].append(interval)
        return [(Weekday(day).label, intervals) for day, intervals in by_day.items()]


class OpeningHours(Orderable):
    clinic = ParentalKey(ClinicSettings, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=models.Q(opens__lt=models.F("closes")), name="opening_hours_opens_first"),
        ]

    def __str__(self) -> str:
        return f"{Weekday(self.weekday).label} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class PublicPageMixin:
    """Pages whose content is the same for every anonymous visitor: eligible for the page cache."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            mark_public(response)
        return response

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page and its ancestors, found through the content cache.

        Wagtail asks on every request before serving a page, with a query over the ancestors and one
        for the restrictions. The ids are cached per content version (a new restriction, or a moved page,
        starts a new one), and an empty id list makes a queryset that never reaches the database. It is
        still a real queryset, as the admin's privacy views expect.
        """
        from wagtail.models import PageViewRestriction

        if self.pk is None:
            return super().get_view_restrictions()
        ids = cached(
            f"view-restrictions:{self.pk}",
            lambda: list(super(PublicPageMixin, self).get_view_restrictions().values_list("pk", flat=True)),
        )
        return PageViewRestriction.objects.filter(pk__in=ids)


MISSING = "missing"  # a cached "no page here" (None would read as a cache miss)


def _deepest_live_page(url_path: str):
    """The live page at ``url_path`` or, failing that, at its longest prefix, with the components left over.

    A routable page (the atlas) answers its own sub-paths, so /acupoints/gb30/ resolves to the atlas
    with ["gb30"] left for it to route.
    """
    parts = [p for p in url_path.split("/") if p]
    prefixes = ["/" + "/".join(parts[:i]) + "/" for i in range(len(parts), 1, -1)]
    found = {p.url_path: p for p in Page.objects.live().filter(url_path__in=prefixes).specific()}
    for prefix in prefixes:
        if prefix in found:
            page, rest = found[prefix], parts[prefix.count("/") - 1 :]
            if not rest and _claimed_by_parent_route(page):
                return MISSING
            return page, rest
    return MISSING


def _claimed_by_parent_route(page) -> bool:
    # Wagtail tries a routable parent's own routes before its child pages; keep that order.
    parent = page.get_parent().specific
    if not hasattr(parent, "resolve_subpage"):
        return False
    try:
        parent.resolve_subpage(f"/{page.slug}/")
    except Http404:
        return False
    return True


class HomePage(PublicPageMixin, Page):
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown under the title when the page has no hero section.")
    )
    body = StreamField(
        home_sections(),
        blank=True,
        use_json_field=True,
        verbose_name=_("sections"),
        help_text=_("Add, remove and reorder the sections of the home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        # One cached lookup for the whole path instead of two queries per level; the cache entry
        # expires with the content version, so moves, renames and unpublishing take effect at once.
        if path_components and not getattr(request, "is_preview", False):
            url_path = self.url_path + "/".join(path_components) + "/"
            found = cached(f"route:{self.pk}:{url_path}", lambda: _deepest_live_page(url_path))
            if found != MISSING:
                page, rest = found
                return page.route(request, rest)
        return super().route(request, path_components)

    class Meta:
        verbose_name = _("home page")


class ContentPage(PublicPageMixin, Page):
    """About, fees, policies and the like: text, images, questions and a call to action."""

    summary = models.TextField(_("summary"), blank=True, max_length=300, help_text=_("Also the page description."))
    body = StreamField(content_blocks(), use_json_field=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["clinic.HomePage", "clinic.ContentPage", "clinic.ArticleIndexPage"]
    subpage_types = ["clinic.ContentPage"]

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        from .breadcrumbs import breadcrumb_json_ld, page_crumbs

        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = page_crumbs(self, request)
        context["json_ld"] = [breadcrumb_json_ld(context["breadcrumbs"], request)]
        context["canonical_url"] = self.get_full_url(request)
        return context


class ArticleIndexPage(PublicPageMixin, Page):
    """The clinic's news and articles (a WordPress site's posts come here), newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["clinic.HomePage"]
    subpage_types = ["clinic.ContentPage"]

    class Meta:
        verbose_name = _("news and articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ContentPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at")
            .only("title", "url_path", "summary", "first_published_at")
        )
        return context
