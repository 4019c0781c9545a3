"""Describe a guide (a page, or an editor's unsaved form) as a GuideDraft for the checks."""

from __future__ import annotations

import re

from .checks import GuideDraft, PointEntry, Reference

_PAGE_LINK = re.compile(r'<a[^>]*\blinktype="page"[^>]*\bid="(\d+)"')
_SITE_LINK = re.compile(r'<a[^>]*\bhref="(/[^"#?]*)')


def draft_from_values(*, slug, points, faq, references, reviewer, reviewed_on, body) -> GuideDraft:
    """Build a draft from the page's field values (StreamValues, a Reviewer or None, a date or None)."""
    entries = []
    for block in points or []:
        value = block.value
        point = value.get("point")
        entries.append(
            PointEntry(
                code=point.code if point is not None else "",
                name=value.get("name") or "",
                location=value.get("location") or "",
                why=value.get("why") or "",
            )
        )
    links: list[str] = []
    for block in body or []:
        if block.block_type in ("paragraph", "callout"):
            source = block.value.source
            links += [f"page:{page_id}" for page_id in _PAGE_LINK.findall(source)]
            links += _SITE_LINK.findall(source)
    return GuideDraft(
        slug=slug or "",
        points=entries,
        faq=[(b.value.get("question") or "", b.value.get("answer") or "") for b in faq or []],
        references=[
            Reference(
                citation=b.value.get("citation") or "",
                doi=b.value.get("doi") or "",
                pmid=b.value.get("pmid") or "",
                url=b.value.get("url") or "",
            )
            for b in references or []
        ],
        reviewer=str(reviewer) if reviewer else "",
        reviewed_on=reviewed_on,
        links=links,
    )


def draft_from_page(page) -> GuideDraft:
    return draft_from_values(
        slug=page.slug,
        points=page.points,
        faq=page.faq,
        references=page.references,
        reviewer=page.reviewer,
        reviewed_on=page.reviewed_on,
        body=page.body,
    )
