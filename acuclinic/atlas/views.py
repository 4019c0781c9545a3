"""Views behind the atlas page's routes: thin, a constant number of queries each."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, Q, Subquery
from django.db.models.functions import Cast
from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from wagtail.models import Page, ReferenceIndex

from acuclinic.clinic.breadcrumbs import Crumb, breadcrumb_json_ld, page_crumbs
from acuclinic.clinic.content_cache import cached

from . import codes, figure_views
from .figures.location_text import uses_cun
from .models.points import Meridian, Point


def index_context(page, request) -> dict:
    def build() -> dict:
        meridians = list(Meridian.objects.annotate(point_count=Count("points", filter=Q(points__number__isnull=False))))
        children = page.get_children().live().public().only("title", "url_path", "search_description")
        return {
            "guides": [(child.title, child.get_url(request), child.search_description) for child in children],
            "channels": [m for m in meridians if m.is_channel],
            "extra": next((m for m in meridians if not m.is_channel), None),
            "classical_count": sum(m.point_count for m in meridians if m.is_channel),
        }

    crumbs = page_crumbs(page, request)
    data = build() if getattr(request, "is_preview", False) else cached(f"atlas-index:{request.get_host()}", build)
    return {
        **data,
        "atlas_url": page.get_url(request),
        "body_map": figure_views.body_map(page.get_url(request)),
        "breadcrumbs": crumbs,
        "json_ld": [breadcrumb_json_ld(crumbs, request)],
    }


def meridian_page(page, request, slug: str):
    def build() -> dict | None:
        meridian = Meridian.objects.filter(code=slug.upper()).first()
        if meridian is None:
            return None
        points = list(meridian.points.in_atlas_order())
        return {"meridian": meridian, "points": points, "point_count": sum(1 for p in points if p.number is not None)}

    data = cached(f"atlas-meridian:{slug}", build)
    if data is None:
        return not_found(page, request, slug)
    crumbs = [*page_crumbs(page, request), Crumb(data["meridian"].name, page.meridian_url(data["meridian"], request))]
    context = {
        **data,
        "page": page,
        "atlas_url": page.get_url(request),
        "figures": figure_views.channel_figures(page.get_url(request), data["meridian"]),
        "breadcrumbs": crumbs,
        "json_ld": [breadcrumb_json_ld(crumbs, request)],
    }
    return TemplateResponse(request, "atlas/meridian.html", context)


def point_page(page, request, slug: str):
    def build() -> dict | None:
        point = Point.objects.select_related("meridian", "image").filter(slug=slug).first()
        if point is None:
            return None
        neighbours = {}
        if point.number is not None:
            numbers = [point.number - 1, point.number + 1]
            neighbours = {p.number: p for p in Point.objects.filter(series=point.series, number__in=numbers)}
        return {
            "point": point,
            "pages_using": [(p.title, p.get_url(request)) for p in pages_using(point)],
            "previous": neighbours.get((point.number or 0) - 1),
            "next": neighbours.get((point.number or 0) + 1),
        }

    data = cached(f"atlas-point:{request.get_host()}:{slug}", build)
    if data is None:
        return not_found(page, request, slug)
    point = data["point"]
    meridian_url = page.meridian_url(point.meridian, request)
    url = page.point_url(point, request)
    crumbs = [
        *page_crumbs(page, request),
        Crumb(point.meridian.name, meridian_url),
        Crumb(f"{point.code} {point.pinyin}", url),
    ]
    context = {
        **data,
        "page": page,
        "atlas_url": page.get_url(request),
        "meridian_url": meridian_url,
        "figure": figure_views.point_figure(page.get_url(request), point.code),
        "location_uses_cun": uses_cun(point.location),
        "canonical_url": request.build_absolute_uri(url),
        "breadcrumbs": crumbs,
        "json_ld": [point_json_ld(point, request.build_absolute_uri(url)), breadcrumb_json_ld(crumbs, request)],
    }
    return TemplateResponse(request, "atlas/point.html", context)


def pages_using(point: Point) -> list[Page]:
    """Live pages that refer to the point (Wagtail's reference index), e.g. condition guides."""
    page_type = ContentType.objects.get_for_model(Page)
    referring = (
        ReferenceIndex.get_references_to(point)
        .filter(base_content_type=page_type)
        .values(page_id=Cast("object_id", IntegerField()))
    )
    # One query whether or not anything refers to the point, so the page's query count stays constant.
    return list(
        Page.objects.live().public().filter(pk__in=Subquery(referring)).only("title", "url_path").order_by("title")
    )


def point_json_ld(point: Point, url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": f"{point.code} {point.pinyin} ({point.english})",
        "description": point.location,
        "inLanguage": "en",
        "about": {
            "@type": "AnatomicalStructure",
            "name": f"Acupuncture point {point.code} {point.pinyin}",
            "alternateName": [point.pinyin_plain, point.hanzi, point.hanzi_traditional, point.english],
            "bodyLocation": point.location,
        },
        "dateModified": point.updated_at,
    }


def spelling(page, request, text: str):
    """Any spelling codes.py understands: 301 to the canonical page; several matches: a choice."""
    index = codes.default_index()
    channel = index.resolve_meridian(text)
    if channel is not None:
        return HttpResponsePermanentRedirect(page.get_url(request) + f"{channel.lower()}/")
    resolution = index.resolve(text)
    if resolution.code is not None:
        return HttpResponsePermanentRedirect(page.get_url(request) + f"{resolution.code.lower()}/")
    if resolution.ambiguous:
        candidates = Point.objects.filter(code__in=resolution.codes).select_related("meridian").in_atlas_order()
        context = {"page": page, "atlas_url": page.get_url(request), "query": text, "candidates": candidates}
        return TemplateResponse(request, "atlas/choose.html", context, status=300)
    return not_found(page, request, text)


def not_found(page, request, text: str):
    suggested = codes.default_index().suggest(text)
    suggestions = Point.objects.filter(code__in=suggested).select_related("meridian").in_atlas_order()
    context = {"page": page, "atlas_url": page.get_url(request), "query": text, "suggestions": suggestions}
    return TemplateResponse(request, "atlas/not_found.html", context, status=404)
