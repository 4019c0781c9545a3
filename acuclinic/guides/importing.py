"""Create or update guide pages from Markdown files, and export them back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Site

from acuclinic.atlas.codes import normalise_code
from acuclinic.atlas.models import AtlasIndexPage, Point
from acuclinic.booking.models import Service
from acuclinic.clinic.clock import clinic_today

from .checks import ERROR, WARNING, Finding, check_guide
from .drafts import draft_from_page
from .links import link_exists
from .markdown import GuideFile, GuideFileError, Section, read_guide_file, render_guide
from .models import ConditionGuidePage, GuideSettings, Reviewer
from .publishing import GuideNotPublishable


@dataclass
class ImportResult:
    slug: str
    action: str  # "created", "updated" or "skipped"
    published: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)


def guide_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files += sorted(path.glob("*.md")) if path.is_dir() else [path]
    return files


def review_interval() -> int:
    site = Site.objects.filter(is_default_site=True).first()
    return GuideSettings.for_site(site).review_interval_months if site else 12


def import_guide(path: Path, *, publish: bool = False) -> ImportResult:
    """Import one file: malformed files and unknown points write nothing; other errors keep it a draft."""
    guide = read_guide_file(path)
    findings = check_guide(
        guide.draft(), today=clinic_today(), review_interval_months=review_interval(), link_exists=link_exists
    )
    if guide.meta.book and not Service.objects.filter(slug=guide.meta.book).exists():
        message = f"There is no service “{guide.meta.book}”; the Book Online button will open the service list."
        findings.append(Finding(guide.meta.slug, WARNING, "unknown_booking_service", None, message, "booking_service"))
    codes = [normalise_code(p.code) for p in guide.meta.points]
    if any(f.check == "unknown_point" for f in findings):
        return ImportResult(guide.meta.slug, "skipped", False, findings)
    points = Point.objects.in_bulk([c for c in codes if c], field_name="code")
    atlas = AtlasIndexPage.objects.first()
    if atlas is None:
        raise GuideFileError(path, None, None, "there is no Acupoints page to put the guide under")
    with transaction.atomic():
        existing = ConditionGuidePage.objects.child_of(atlas).filter(slug=guide.meta.slug).first()
        page = existing.get_latest_revision_as_object() if existing else ConditionGuidePage(live=False)
        _fill(page, guide, [points[c] for c in codes])
        if existing is None:
            atlas.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        published = publish and not any(f.severity == ERROR for f in findings)
        if published:
            try:
                revision.publish()
            except GuideNotPublishable as refusal:  # the page's own check, should it see more than the file's
                published = False
                findings += [f for f in refusal.findings if f not in findings]
    return ImportResult(guide.meta.slug, "updated" if existing else "created", published, findings)


def _fill(page: ConditionGuidePage, guide: GuideFile, points: list[Point]) -> None:
    meta = guide.meta
    page.title, page.slug, page.condition, page.summary = meta.title, meta.slug, meta.condition, meta.summary
    page.search_description = meta.summary
    page.body = [(s.kind, s.value) for s in guide.body]
    page.points = [
        ("point", {"point": point, "name": p.name, "location": p.location, "why": p.why})
        for p, point in zip(meta.points, points, strict=True)
    ]
    page.faq = [("qa", {"question": f.q, "answer": f.a}) for f in meta.faq]
    page.red_flags = [("flag", flag) for flag in meta.red_flags]
    page.references = [
        ("reference", {"citation": r.citation, "doi": r.doi, "pmid": r.pmid, "url": r.url}) for r in meta.references
    ]
    page.reviewer = (
        Reviewer.objects.get_or_create(name=meta.reviewed_by.name, credential=meta.reviewed_by.credential)[0]
        if meta.reviewed_by
        else None
    )
    page.reviewed_on = meta.reviewed_on
    page.booking_service = Service.objects.filter(slug=meta.book).first() if meta.book else None


def export_guide(page: ConditionGuidePage) -> str:
    """The guide (its latest revision) as a Markdown file that imports back to the same content."""
    page = page.get_latest_revision_as_object()
    meta: dict = {"title": page.title, "slug": page.slug, "condition": page.condition, "summary": page.summary}
    if page.reviewer:
        meta["reviewed_by"] = {"name": page.reviewer.name, "credential": page.reviewer.credential}
    if page.reviewed_on:
        meta["reviewed_on"] = page.reviewed_on
    if page.booking_service:
        meta["book"] = page.booking_service.slug
    meta["points"] = [
        _without_empty(
            {
                "code": b.value["point"].code,
                "name": b.value["name"],
                "location": b.value["location"],
                "why": b.value["why"],
            }
        )
        for b in page.points
        if b.value["point"] is not None
    ]
    meta["faq"] = [_without_empty({"q": b.value["question"], "a": b.value["answer"]}) for b in page.faq]
    meta["red_flags"] = [b.value for b in page.red_flags]
    meta["references"] = [
        _without_empty(
            {"citation": b.value["citation"], "doi": b.value["doi"], "pmid": b.value["pmid"], "url": b.value["url"]}
        )
        for b in page.references
    ]
    body = [Section(b.block_type, b.value if b.block_type == "heading" else b.value.source) for b in page.body]
    return render_guide(meta, body)


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None)}


def check_all_guides() -> list[Finding]:
    """Findings for every guide's latest revision, in slug order."""
    interval, today = review_interval(), clinic_today()
    findings: list[Finding] = []
    for page in ConditionGuidePage.objects.order_by("slug"):
        latest = page.get_latest_revision_as_object()
        findings += check_guide(
            draft_from_page(latest), today=today, review_interval_months=interval, link_exists=link_exists
        )
    return findings
