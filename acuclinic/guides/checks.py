"""Content checks of a condition guide against the atlas and the clinic's review policy.

One checker for every way a guide changes: the Wagtail editor (errors block publishing), Markdown
import, and ``manage.py check_guides``. It reads a plain description of the guide (:class:`GuideDraft`)
and the atlas facts from the data files, so it runs without a database. Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from acuclinic.atlas.codes import ASHI, CodeIndex, default_index
from acuclinic.atlas.figures.positions import default_atlas
from acuclinic.atlas.regions import REGIONS
from acuclinic.atlas.schema import read_all

from .anatomy import contradiction
from .figure_placement import FigurePlacements
from .judge import judge
from .placement import AtlasTextPlacements, PointText, PositionSource

ERROR, WARNING, INFO = "error", "warning", "info"
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_RE = re.compile(r"^\d{1,9}$")


@dataclass(frozen=True, slots=True)
class PointEntry:
    code: str
    name: str = ""
    location: str = ""
    why: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    citation: str
    doi: str = ""
    pmid: str = ""
    url: str = ""


@dataclass
class GuideDraft:
    """What the checks need to know about a guide, however it was written."""

    slug: str
    points: list[PointEntry] = field(default_factory=list)
    faq: list[tuple[str, str]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    reviewer: str = ""
    reviewed_on: dt.date | None = None
    links: list[str] = field(default_factory=list)  # internal links: "page:<id>" or a site path "/acupoints/gb30/"


@dataclass(frozen=True, slots=True)
class Finding:
    guide: str
    severity: str
    check: str
    point: str | None
    message: str
    field: str | None = None  # where the editor sees it: "points", "faq", "references", "reviewer", ...
    index: int | None = None  # which block of that field
    checked: float | None = None  # for a location: the share of its clauses the checker could judge
    link: str | None = None  # the point's atlas page, where its figure shows where it is

    def as_json(self) -> dict:
        data = asdict(self)
        keys = ["guide", "severity", "check", "point", "message"]
        keys += [key for key in ("checked", "link") if data[key] is not None]
        return {key: data[key] for key in keys}


@dataclass(frozen=True)
class AtlasFacts:
    index: CodeIndex
    regions: dict[str, str]
    pinyin: dict[str, str]
    locations: dict[str, str] = field(default_factory=dict)
    placements: PositionSource | None = None

    @classmethod
    def from_files(cls) -> AtlasFacts:
        points = [p for f in read_all() for p in f.points]
        texts = {
            p.code: PointText(p.code, p.location, REGIONS[p.region].part, REGIONS[p.region].aspect) for p in points
        }
        regions = {p.code: p.region for p in points}
        return cls(
            default_index(),
            regions,
            {p.code: p.pinyin for p in points},
            {p.code: p.location for p in points},
            FigurePlacements(AtlasTextPlacements(texts, regions), default_atlas()),
        )


@lru_cache(maxsize=1)
def atlas_facts() -> AtlasFacts:
    return AtlasFacts.from_files()


def check_guide(
    draft: GuideDraft,
    *,
    today: dt.date,
    review_interval_months: int = 12,
    link_exists: Callable[[str], bool] | None = None,
    atlas: AtlasFacts | None = None,
) -> list[Finding]:
    """Every finding for ``draft``; any ``error`` blocks publishing."""
    atlas = atlas or atlas_facts()
    findings: list[Finding] = []

    def add(severity, check, message, *, point=None, field=None, index=None, checked=None, link=None):
        findings.append(Finding(draft.slug, severity, check, point, message, field, index, checked, link))

    if not draft.points:
        add(WARNING, "no_points", "The guide lists no points.", field="points")
    for i, entry in enumerate(draft.points):
        _check_point(entry, i, atlas, add)

    _check_review(draft, today, review_interval_months, add)
    for i, (question, answer) in enumerate(draft.faq):
        if question.strip() and not answer.strip():
            add(ERROR, "faq_unanswered", f"The question “{question.strip()}” has no answer.", field="faq", index=i)
        elif answer.strip() and not question.strip():
            add(ERROR, "faq_unanswered", "An FAQ answer has no question.", field="faq", index=i)
    for i, reference in enumerate(draft.references):
        _check_reference(reference, i, add)
    if link_exists is not None:
        for link in dict.fromkeys(draft.links):
            if not link_exists(link):
                add(
                    ERROR, "broken_link", f"The internal link {link} leads to a page that does not exist.", field="body"
                )
    return findings


def _check_point(entry: PointEntry, i: int, atlas: AtlasFacts, add) -> None:
    resolution = atlas.index.resolve(entry.code)
    code = resolution.code
    if code is None or (code == ASHI and entry.code.strip().lower() not in {"ashi", "ashi point", "ashi points"}):
        add(
            ERROR,
            "unknown_point",
            f"“{entry.code}” is not a point in the atlas.",
            point=entry.code,
            field="points",
            index=i,
        )
        return
    if entry.name.strip() and code != ASHI:
        named = atlas.index.resolve(entry.name).codes
        if code not in named:
            actual = atlas.pinyin[code]
            if named:
                others = ", ".join(named)
                message = f"“{entry.name}” is the name of {others}, not of {code} (which is {actual})."
            else:
                message = f"“{entry.name}” is not a name of {code} (which is {actual})."
            add(ERROR, "name_mismatch", message, point=code, field="points", index=i)
    if entry.location.strip():
        _check_location(entry, code, i, atlas, add)


def _check_location(entry: PointEntry, code: str, i: int, atlas: AtlasFacts, add) -> None:
    """Judge the stated location clause by clause against where the point is (judge.py)."""
    region = REGIONS[atlas.regions[code]]
    link = f"/acupoints/{code.lower()}/"
    placement = atlas.placements.place(code) if atlas.placements else None
    if placement is None:
        found = contradiction(entry.location, part=region.part, aspect=region.aspect, region_label=region.label)
        if found is not None:
            add(ERROR, "location_region", f"{code}: {found.message}.", point=code, field="points", index=i, link=link)
        return
    verdict = judge(entry.location, placement, atlas.placements.place)
    where = _where(atlas.locations.get(code, ""), region.label)
    if verdict.errors:
        said = "; ".join(verdict.errors)
        add(
            ERROR,
            "location_region",
            f"{code}: {said}. {code} is {where} (see its figure at {link}).",
            point=code, field="points", index=i, checked=round(verdict.share_checked, 2), link=link,
        )  # fmt: skip
    elif verdict.unchecked:
        words = "; ".join(f"“{w}”" for w in verdict.unchecked)
        add(
            INFO,
            "location_unchecked",
            f"{code}: could not check this wording: {words} ({verdict.checked} of {verdict.clauses} parts checked).",
            point=code, field="points", index=i, checked=round(verdict.share_checked, 2), link=link,
        )  # fmt: skip


def _where(location: str, label: str) -> str:
    """Where the point is, in the atlas's words: its first clause ("on the back of the lower leg (calf)")."""
    first = re.split(r"[;,.]\s", location.strip(), maxsplit=1)[0].strip()
    if not first:
        return f"on the {label.lower()}"
    first = first[0].lower() + first[1:]
    if not re.match(r"^(?:on|in|at|over|along|a|the|between|just|directly|behind|below|above)\b", first):
        first = f"on the {label.lower()}: {first}"
    return first


def _check_review(draft: GuideDraft, today: dt.date, months: int, add) -> None:
    if not draft.reviewer.strip():
        add(ERROR, "review_missing", "The guide has no reviewer.", field="reviewer")
    if draft.reviewed_on is None:
        add(ERROR, "review_missing", "The guide has no review date.", field="reviewed_on")
    elif draft.reviewed_on > today:
        add(ERROR, "review_future", f"The review date {draft.reviewed_on} is in the future.", field="reviewed_on")
    elif draft.reviewed_on < months_before(today, months):
        add(
            WARNING,
            "review_stale",
            f"Last reviewed on {draft.reviewed_on}, more than {months} months ago: due for review.",
            field="reviewed_on",
        )


def _check_reference(reference: Reference, i: int, add) -> None:
    doi, pmid, url = reference.doi.strip(), reference.pmid.strip(), reference.url.strip()
    label = reference.citation.strip()[:60] or f"reference {i + 1}"
    if not reference.citation.strip():
        add(ERROR, "reference_citation", f"Reference {i + 1} has no citation text.", field="references", index=i)
    if not (doi or pmid or url):
        add(ERROR, "reference_source", f"“{label}” has no DOI, PMID or URL.", field="references", index=i)
    if doi and not DOI_RE.match(doi):
        add(ERROR, "reference_source", f"“{doi}” is not a DOI (10.NNNN/…).", field="references", index=i)
    if pmid and not PMID_RE.match(pmid):
        add(ERROR, "reference_source", f"“{pmid}” is not a PubMed ID (digits only).", field="references", index=i)
    if url and not url.startswith(("https://", "http://")):
        add(ERROR, "reference_source", f"“{url}” is not a web address.", field="references", index=i)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
