"""Site search: an exact code or name first, then Wagtail search over atlas points and pages."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.models import Page

from acuclinic.atlas import codes
from acuclinic.atlas.pages import AtlasIndexPage
from acuclinic.atlas.search import search_points

from .text import one_line

MAX_QUERY = 100
RESULTS = 20


@require_safe
def search(request):
    query = one_line(request.GET.get("q", ""))[:MAX_QUERY]  # shown again: no control character in the page
    points, pages = [], []
    if query:
        points = search_points(query)
        exact = set(codes.resolve(query).codes)
        pages = list(Page.objects.live().public().search(query)[:RESULTS])
    else:
        exact = set()
    atlas = AtlasIndexPage.objects.live().first()
    context = {
        "query": query,
        "points": points,
        "exact": exact,
        "pages": pages,
        "atlas_url": atlas.get_url(request) if atlas else None,
    }
    return TemplateResponse(request, "clinic/search.html", context)
