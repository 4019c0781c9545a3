"""Point search: an exact code or name first, then Wagtail search by relevance."""

from __future__ import annotations

from wagtail.search.backends import get_search_backend

from . import codes
from .models import Point


def search_points(query: str, limit: int = 20) -> list[Point]:
    """Points for ``query``, exact code or name first, then full-text matches by relevance."""
    exact = list(codes.resolve(query).codes)
    found = list(get_search_backend().search(query, Point.objects.all(), fields=None)[: limit + len(exact)])
    ranked = {code: i for i, code in enumerate(exact)}
    by_code = {p.code: p for p in found}
    missing = [c for c in exact if c not in by_code]
    if missing:
        by_code.update({p.code: p for p in Point.objects.filter(code__in=missing)})
    ordered = [by_code[c] for c in exact if c in by_code] + [p for p in found if p.code not in ranked]
    return ordered[:limit]
