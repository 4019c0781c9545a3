"""Load the atlas data files into the database: idempotent, and never touching editors' fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils import timezone
from modelsearch.backends import get_search_backends
from wagtail.models import ReferenceIndex

from .codes import sort_key
from .figures.positions import build_atlas
from .figures.views import FigureDataError
from .models import Meridian, Point
from .schema import DATA_DIR, AtlasDataError, read_all

POINT_DATA_FIELDS = (
    "number",
    "pinyin",
    "pinyin_plain",
    "hanzi",
    "hanzi_traditional",
    "english",
    "region",
    "location",
    "needling",
    "cautions",
    "categories",
)
MERIDIAN_DATA_FIELDS = ("name", "pinyin", "hanzi", "abbreviations")


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def load_atlas(data_dir: Path = DATA_DIR, stdout: TextIO | None = None) -> LoadReport:
    """Create or update every meridian and point from ``data_dir``; report what changed.

    Only the data fields are written; ``clinic_note`` and ``image`` belong to the clinic's editors.
    A point missing from the files is left in place (guides may still refer to it).
    """
    files = sorted(read_all(data_dir), key=lambda f: sort_key(f.points[0].code))
    try:
        # Every placement must resolve on its figure before anything is written.
        build_atlas(data_dir, data_dir / "figures")
    except FigureDataError as exc:
        raise AtlasDataError(str(exc)) from exc
    existing_meridians = {m.code: m for m in Meridian.objects.all()}
    existing_points = {p.code: p for p in Point.objects.all()}
    report = LoadReport()
    now = timezone.now()
    new_points: list[Point] = []
    for meridian_order, channel in enumerate(files):
        record = channel.meridian
        meridian = existing_meridians.get(record.code) or Meridian(code=record.code)
        values = {name: getattr(record, name) for name in MERIDIAN_DATA_FIELDS} | {"sort_order": meridian_order}
        if meridian.pk is None or any(getattr(meridian, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(meridian, key, value)
            meridian.save()
        created = updated = 0
        for point_record in channel.points:
            point = existing_points.get(point_record.code)
            values = {name: getattr(point_record, name) for name in POINT_DATA_FIELDS}
            values["sort_order"] = _atlas_rank(point_record.code)
            values["series"] = point_record.code.rstrip("0123456789")
            if point is None:
                new_points.append(
                    Point(
                        code=point_record.code,
                        slug=point_record.code.lower(),
                        meridian=meridian,
                        data_changed_at=now,
                        **values,
                    )
                )
                created += 1
            elif point.meridian_id != meridian.pk or any(getattr(point, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(point, key, value)
                point.meridian = meridian
                point.data_changed_at = now
                point.save(update_fields=[*values, "meridian", "data_changed_at", "updated_at"])
                updated += 1
            else:
                report.unchanged += 1
        report.created += created
        report.updated += updated
        line = f"{record.code:<3} {record.name}: {len(channel.points)} points ({created} new, {updated} updated)"
        report.lines.append(line)
        if stdout is not None:
            stdout.write(line)
    _add_new(new_points)
    return report


def _add_new(points: list[Point]) -> None:
    """Insert new points in one statement, then index them in bulk: the search index and Wagtail's reference
    index as saving each would (409 saves with their signals took most of a fresh load's 13 s)."""
    if not points:
        return
    created = Point.objects.bulk_create(points)
    if any(p.pk is None for p in created):  # a database that does not return new keys
        created = list(Point.objects.filter(code__in=[p.code for p in points]))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Point, created)
    for point in created:
        ReferenceIndex.create_or_update_for_object(point)


def _atlas_rank(code: str) -> int:
    group, _prefix, number = sort_key(code)
    return group * 1000 + number
