from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from acuclinic.clinic.models import PublicPageMixin

from .. import figure_views, views
from .points import Meridian, Point

# Canonical URL segments only; any other spelling falls through to child pages and then to
# ``spelling`` below, which redirects. Routes are tried before child pages, so they stay tight.
CHANNELS = "lu|li|st|sp|ht|si|bl|ki|pc|te|gb|lr|gv|cv"
POINT_PATH = rf"^(?P<slug>(?:{CHANNELS})[1-9]\d?|ex-(?:hn|ca|b|ue|le)[1-9]\d?|ashi)/$"
MERIDIAN_PATH = rf"^(?P<slug>{CHANNELS}|ex)/$"


class AtlasIndexPage(PublicPageMixin, RoutablePageMixin, Page):
    """Home › Acupoints: the channels, the extra points, and every point at /acupoints/<code>/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["clinic.HomePage"]
    subpage_types = ["guides.ConditionGuidePage"]
    max_count = 1

    class Meta:
        verbose_name = _("acupoint atlas")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.index_context(self, request))
        return context

    @re_path(POINT_PATH, name="point")
    def point(self, request, slug):
        return views.point_page(self, request, slug)

    @re_path(r"^figures/(?P<view>[a-z][a-z_]{1,30})\.svg/?$", name="figure_sheet")
    def figure_sheet(self, request, view):
        return figure_views.contact_sheet_svg(self, request, view)

    @re_path(r"^figures/(?P<view>[a-z][a-z_]{1,30})/$", name="figure_view")
    def figure_view(self, request, view):
        return figure_views.view_page(self, request, view)

    @re_path(r"^cun/$", name="cun")
    def cun(self, request):
        return figure_views.cun_page(self, request)

    @re_path(MERIDIAN_PATH, name="meridian")
    def meridian(self, request, slug):
        return views.meridian_page(self, request, slug)

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if self.live and len(path_components) == 1:
                return RouteResult(self, args=(self.spelling, [path_components[0]], {}))
            raise

    def spelling(self, request, text):
        return views.spelling(self, request, text)

    def point_url(self, point, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("point", kwargs={"slug": point.slug})

    def meridian_url(self, meridian, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("meridian", kwargs={"slug": meridian.slug})

    def get_sitemap_urls(self, request=None):
        base = self.get_full_url(request)
        urls = super().get_sitemap_urls(request)
        for meridian in Meridian.objects.annotate(lastmod=models.Max("points__updated_at")):
            location = base + self.reverse_subpage("meridian", kwargs={"slug": meridian.slug})
            urls.append({"location": location, "lastmod": meridian.lastmod})
        for point in Point.objects.only("slug", "updated_at"):
            location = base + self.reverse_subpage("point", kwargs={"slug": point.slug})
            urls.append({"location": location, "lastmod": point.updated_at})
        return urls
