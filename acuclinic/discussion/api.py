"""Approved comments of a guide as JSON: /api/v1/guides/{id}/comments. Read-only; posting is the form's job
(its spam defences need the served page). Built from the same structure as the page, which holds no
email or IP address, so none can reach a response.

django-comments-xtd ships a Django REST framework API; this project's API is django-ninja, so the
comments have a small ninja router instead.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Path, Query, Router, Schema

from acuclinic.clinic.api_errors import ApiError, responses
from acuclinic.clinic.inputs import MAX_ID
from acuclinic.guides.models import ConditionGuidePage

from . import threads

router = Router(tags=["comments"])


class CommentOut(Schema):
    id: int
    name: str
    website: str
    html: str = Field(description="The text as escaped HTML: paragraphs, line breaks and nofollow links only")
    submitted: dt.datetime
    staff: bool
    credential: str
    replies: list[CommentOut] = []


class CommentPageOut(Schema):
    count: int
    page: int
    pages: int
    threads: list[CommentOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)


def _out(item: threads.Shown) -> dict:
    return {
        "id": item.pk,
        "name": item.name,
        "website": item.website,
        "html": str(item.html),
        "submitted": item.submitted,
        "staff": item.staff,
        "credential": item.credential,
        "replies": [_out(reply) for reply in item.replies],
    }


@router.get(
    "/guides/{guide_id}/comments",
    response=responses({200: CommentPageOut}, 404),
    summary="Approved comments on a guide, 50 threads to a page, with their replies",
)
def guide_comments(request, guide_id: int = Path(..., ge=1, le=MAX_ID), query: Query[PageQuery] = None):
    guide = ConditionGuidePage.objects.live().public().filter(pk=guide_id).first()
    if guide is None:
        raise ApiError(404, "No published guide has this id.", "not_found")
    page = threads.comment_page(guide, query.page)
    if query.page > page.num_pages:
        raise ApiError(404, f"This guide has {page.num_pages} page(s) of comments.", "not_found")
    return {
        "count": page.count,
        "page": page.number,
        "pages": page.num_pages,
        "threads": [_out(t) for t in page.threads],
    }
