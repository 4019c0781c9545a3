"""Atlas JSON API: /api/v1/points, /api/v1/points/{code}, /api/v1/meridians."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from acuclinic.clinic.api_errors import ApiError, ErrorOut, responses

from . import codes
from .models import Meridian, Point
from .regions import REGION_CODES
from .search import search_points

router = Router(tags=["atlas"])


class MeridianRef(Schema):
    code: str
    name: str


class PointOut(Schema):
    code: str
    meridian: MeridianRef
    number: int | None
    pinyin: str
    pinyin_plain: str
    hanzi: str
    hanzi_traditional: str
    english: str
    region: str
    location: str
    needling: str
    cautions: list[str]
    categories: list[str]


class PointList(Schema):
    count: int
    items: list[PointOut]


class MeridianOut(Schema):
    code: str
    name: str
    pinyin: str
    hanzi: str
    abbreviations: list[str]
    point_count: int


class Candidates(Schema):
    detail: str
    candidates: list[str]


class PointNotFound(ErrorOut):
    """The error model, with the codes of the points the request may have meant."""

    candidates: list[str]


class PointFilters(Schema):
    # Channel spellings hold no digit, so the schema says so (a digit is a point code, not a channel).
    meridian: str | None = Field(
        None, max_length=40, pattern=r"^[^0-9]*$", description="Channel code or any abbreviation (GB, UB, SJ, EX)"
    )
    region: str | None = Field(
        None, max_length=40, pattern=r"^[a-z_-]*$", description="A region code from the controlled vocabulary"
    )
    q: str | None = Field(
        None, max_length=100, description="Code, name (pinyin with or without tones, Chinese) or words"
    )
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000)


@router.get("/points", response=responses({200: PointList}), summary="List and search points")
def list_points(request: HttpRequest, filters: Query[PointFilters]):
    points = Point.objects.select_related("meridian").in_atlas_order()
    if filters.meridian:
        meridian = (
            "EX"
            if filters.meridian.strip().upper() == "EX"
            else codes.default_index().resolve_meridian(filters.meridian)
        )
        if meridian is None:
            message = f"Unknown meridian {filters.meridian!r}; use a code such as GB or an abbreviation such as UB."
            raise ApiError(422, message, "unknown_meridian", [{"loc": ["query", "meridian"], "msg": message}])
        points = points.filter(meridian__code=meridian)
    if filters.region:
        if filters.region not in REGION_CODES:
            message = f"Unknown region {filters.region!r}; see the region vocabulary in the README."
            raise ApiError(422, message, "unknown_region", [{"loc": ["query", "region"], "msg": message}])
        points = points.filter(region=filters.region)
    if filters.q and filters.q.strip():
        matched = [p.pk for p in search_points(filters.q.strip(), limit=500)]
        by_pk = {p.pk: p for p in points.filter(pk__in=matched)}
        ordered = [by_pk[pk] for pk in matched if pk in by_pk]
        return {"count": len(ordered), "items": ordered[filters.offset : filters.offset + filters.limit]}
    return {"count": points.count(), "items": list(points[filters.offset : filters.offset + filters.limit])}


@router.get(
    "/points/{code}",
    response=responses({200: PointOut, 300: Candidates}) | {404: PointNotFound},
    summary="One point, by any spelling of its code or name",
)
def get_point(request: HttpRequest, code: str):
    resolution = codes.resolve(code[:100])
    if resolution.code is not None:
        return Status(200, Point.objects.select_related("meridian").get(code=resolution.code))
    if resolution.ambiguous:
        return Status(300, {"detail": f"{code!r} names more than one point.", "candidates": list(resolution.codes)})
    suggestions = codes.default_index().suggest(code[:100])
    return Status(
        404, {"detail": f"No point matches {code!r}.", "code": "not_found", "errors": [], "candidates": suggestions}
    )


@router.get(
    "/meridians",
    response=responses({200: list[MeridianOut]}),
    summary="The channels and the extra points, with point counts",
)
def list_meridians(request: HttpRequest):
    return Meridian.objects.annotate(point_count=Count("points", filter=Q(points__number__isnull=False)))
