"""What a guide page shows: breadcrumbs, points with their atlas links, and its structured data."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags

from acuclinic.clinic.breadcrumbs import breadcrumb_json_ld, page_crumbs
from acuclinic.clinic.content_cache import cached

# Apps above guides add to a guide's MedicalWebPage JSON-LD through this hook (discussion adds commentCount),
# so that guides never import them: each is called as ``extend(page, data)`` and may add keys to ``data``.
_JSON_LD_EXTENSIONS: list[Callable[[object, dict], None]] = []


def register_json_ld(extend: Callable[[object, dict], None]) -> None:
    """Have ``extend(page, data)`` add to every guide's MedicalWebPage structured data (once per function)."""
    if extend not in _JSON_LD_EXTENSIONS:
        _JSON_LD_EXTENSIONS.append(extend)


def guide_context(page, request) -> dict:
    """Context for the guide template. The article itself is cached as a fragment (see the template), so
    the points are fetched only when it is rendered; the structured data is cached per content version."""
    crumbs = page_crumbs(page, request)
    url = page.get_url(request)
    atlas_url = crumbs[-2].url if len(crumbs) >= 2 else "/"
    absolute = request.build_absolute_uri(url)

    def points() -> list[dict]:
        return [
            {"point": value["point"], "name": value["name"], "location": value["location"], "why": value["why"],
             "url": f"{atlas_url}{value['point'].slug}/" if value["point"] is not None else None}
            for value in page.point_blocks
        ]  # fmt: skip

    def json_ld() -> list[dict]:
        return [medical_web_page(page, absolute), *faq_page(page), breadcrumb_json_ld(crumbs, request)]

    preview = getattr(request, "is_preview", False)
    return {
        "breadcrumbs": crumbs,
        "canonical_url": absolute,
        "guide_points": SimpleLazyObject(points),
        "json_ld": SimpleLazyObject(json_ld if preview else lambda: cached(f"guide-ld:{absolute}", json_ld)),
        "fragment_timeout": 0 if preview else None,
        "is_preview": preview,
    }


def medical_web_page(page, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": url,
        "description": page.summary,
        "inLanguage": "en",
        "about": {"@type": "MedicalCondition", "name": page.condition},
        "audience": {"@type": "Patient"},
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.reviewed_on:
        data["lastReviewed"] = page.reviewed_on.isoformat()
    if page.reviewer:
        data["reviewedBy"] = {"@type": "Person", "name": page.reviewer.name, "jobTitle": page.reviewer.credential}
    for extend in _JSON_LD_EXTENSIONS:
        extend(page, data)
    citations = [block.value for block in page.references]
    if citations:
        data["citation"] = [_citation(value) for value in citations]
    return data


def _citation(value) -> dict:
    item = {"@type": "CreativeWork", "name": value["citation"]}
    if value["doi"]:
        item["sameAs"] = f"https://doi.org/{value['doi']}"
    elif value["pmid"]:
        item["sameAs"] = f"https://pubmed.ncbi.nlm.nih.gov/{value['pmid']}/"
    elif value["url"]:
        item["sameAs"] = value["url"]
    return item


def faq_page(page) -> list[dict]:
    questions = [
        {
            "@type": "Question",
            "name": b.value["question"],
            "acceptedAnswer": {"@type": "Answer", "text": strip_tags(b.value["answer"])},
        }
        for b in page.faq
        if b.value["question"] and b.value["answer"]
    ]
    if not questions:
        return []
    return [{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}]
