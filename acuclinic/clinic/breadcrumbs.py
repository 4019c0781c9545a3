"""Breadcrumb trails: one list feeds both the visible trail and its BreadcrumbList JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True, slots=True)
class Crumb:
    title: str
    url: str


def page_crumbs(page: Page, request, *, home_title: str = "Home") -> list[Crumb]:
    """Home › … › page, from the site root down (one query for the ancestors)."""
    crumbs = []
    for ancestor in page.get_ancestors(inclusive=True).filter(depth__gte=2).only("title", "url_path", "depth"):
        title = home_title if ancestor.depth == 2 else ancestor.title
        crumbs.append(Crumb(title, ancestor.get_url(request)))
    return crumbs


def breadcrumb_json_ld(crumbs: list[Crumb], request) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": c.title, "item": request.build_absolute_uri(c.url)}
            for i, c in enumerate(crumbs, start=1)
        ],
    }
