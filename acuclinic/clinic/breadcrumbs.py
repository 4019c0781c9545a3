"""Breadcrumb trails: one list feeds both the visible trail and its BreadcrumbList JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from .content_cache import cached


@dataclass(frozen=True, slots=True)
class Crumb:
    title: str
    url: str


def page_crumbs(page: Page, request, *, home_title: str = "Home") -> list[Crumb]:
    """Home › … › page, from the site root down (cached per content version; previews are built fresh)."""

    def build() -> list[Crumb]:
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=2).only("title", "url_path", "depth")
        return [Crumb(home_title if a.depth == 2 else a.title, a.get_url(request)) for a in ancestors]

    if getattr(request, "is_preview", False):
        return build()
    return cached(f"crumbs:{request.get_host()}:{page.pk}", build)


def breadcrumb_json_ld(crumbs: list[Crumb], request) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": c.title, "item": request.build_absolute_uri(c.url)}
            for i, c in enumerate(crumbs, start=1)
        ],
    }
