"""Team, services and conditions pages: Wagtail pages whose entries are generated from the booking's
Practitioner and Service records and from the condition guides, so nothing is typed twice."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from acuclinic.booking.models import Practitioner
from acuclinic.clinic.breadcrumbs import Crumb, breadcrumb_json_ld, page_crumbs
from acuclinic.clinic.models import PublicPageMixin

from . import jsonld, records
from .next_times import marker


class IndexPage(Page):
    # PublicPageMixin goes first in each subclass, before RoutablePageMixin, so routed views are cached too.
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["clinic.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        abstract = True

    def base_context(self, request) -> dict:
        crumbs = page_crumbs(self, request)
        return {"page": self, "self": self, "breadcrumbs": crumbs}


class TeamPage(PublicPageMixin, RoutablePageMixin, IndexPage):
    class Meta:
        verbose_name = _("team page")

    @path("")
    def index(self, request):
        context = self.base_context(request)
        context["people"] = records.team()
        context["json_ld"] = [breadcrumb_json_ld(context["breadcrumbs"], request)]
        context["canonical_url"] = self.get_full_url(request)
        return TemplateResponse(request, "practice/team_page.html", context)

    @path("<slug:slug>/", name="practitioner")
    def practitioner(self, request, slug):
        person = records.practitioner(slug)
        if person is None:
            raise Http404(_("No such practitioner."))
        context = self.base_context(request)
        url = self.get_url(request) + self.reverse_subpage("practitioner", kwargs={"slug": slug})
        context["breadcrumbs"] = [*context["breadcrumbs"], Crumb(person.name, url)]
        context["person"] = person
        context["offered"] = records.services_of(person)
        context["next_times"] = marker(context["offered"][0], person) if context["offered"] else ""
        context["book_url"] = records.book_with_url(person, context["offered"])
        context["canonical_url"] = request.build_absolute_uri(url)
        context["json_ld"] = [
            jsonld.person(person, context["offered"], request, context["canonical_url"]),
            breadcrumb_json_ld(context["breadcrumbs"], request),
        ]
        return TemplateResponse(request, "practice/practitioner.html", context)

    def url_for(self, person: Practitioner, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("practitioner", kwargs={"slug": person.slug})


class ServicesPage(PublicPageMixin, RoutablePageMixin, IndexPage):
    class Meta:
        verbose_name = _("services page")

    @path("")
    def index(self, request):
        context = self.base_context(request)
        context["services"] = records.services()
        context["json_ld"] = [breadcrumb_json_ld(context["breadcrumbs"], request)]
        context["canonical_url"] = self.get_full_url(request)
        return TemplateResponse(request, "practice/services_page.html", context)

    @path("<slug:slug>/", name="service")
    def service(self, request, slug):
        service = records.service(slug)
        if service is None:
            raise Http404(_("No such service."))
        context = self.base_context(request)
        url = self.get_url(request) + self.reverse_subpage("service", kwargs={"slug": slug})
        context["breadcrumbs"] = [*context["breadcrumbs"], Crumb(service.name, url)]
        context["service"] = service
        context["next_times"] = marker(service, None)
        context["canonical_url"] = request.build_absolute_uri(url)
        context["json_ld"] = [
            jsonld.service_offer(service, request, context["canonical_url"]),
            breadcrumb_json_ld(context["breadcrumbs"], request),
        ]
        return TemplateResponse(request, "practice/service.html", context)


class ConditionsPage(PublicPageMixin, IndexPage):
    """An index of the condition guides with their summaries (the guides stay under the atlas)."""

    class Meta:
        verbose_name = _("conditions page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = page_crumbs(self, request)
        context["guides"] = records.conditions()
        context["json_ld"] = [breadcrumb_json_ld(context["breadcrumbs"], request)]
        context["canonical_url"] = self.get_full_url(request)
        return context
