"""check_guide: each kind of mistake is caught with the right severity, check name and place."""

import datetime as dt

import pytest

from acuclinic.guides.checks import GuideDraft, PointEntry, Reference, check_guide, errors, months_before

TODAY = dt.date(2026, 11, 24)


def sound(**changes) -> GuideDraft:
    draft = GuideDraft(
        slug="acupuncture-for-sciatica",
        points=[
            PointEntry("GB30", "Huantiao", "on the buttock, near the hip joint", "local point"),
            PointEntry("GB34", "Yanglingquan", "outer side of the lower leg, below the knee", "distal point"),
            PointEntry("BL57", "Chengshan", "on the back of the lower leg, below the calf muscle bellies", "calf"),
            PointEntry("ST36", "Zusanli", "below the knee, on the front of the leg", "general"),
            PointEntry("Ashi", "", "tender spots along the path of the pain", "local"),
        ],
        faq=[("Does it hurt?", "Most people feel a dull ache.")],
        references=[Reference("NICE NG59.", url="https://www.nice.org.uk/guidance/ng59")],
        reviewer="Daniel Okafor, Registered PT",
        reviewed_on=dt.date(2026, 10, 1),
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


def blocking(draft, **kwargs):
    """Errors and warnings: notes on wording the location checker could not read are tested in test_location.py."""
    return [f for f in check_guide(draft, **kwargs) if f.severity != "info"]


def checks_of(draft, **kwargs):
    found = blocking(draft, today=TODAY, **kwargs)
    return {(f.check, f.severity, f.point, f.index) for f in found if f.severity != "info"}


def test_a_sound_guide_has_no_findings():
    assert [f for f in blocking(sound(), today=TODAY) if f.severity != "info"] == []


def test_the_reference_pages_own_mistake_is_caught():
    draft = sound()
    draft.points[2] = PointEntry("BL57", "Chengshan", "Found in the posterior thigh, just below the gluteal fold.")
    (finding,) = blocking(draft, today=TODAY)
    assert (finding.check, finding.severity, finding.point, finding.field, finding.index) == (
        "location_region", "error", "BL57", "points", 2,
    )  # fmt: skip
    assert "back of the lower leg" in finding.message


def test_unknown_code_and_name_mismatch():
    draft = sound(
        points=[PointEntry("GB45", "Zuqiaoyin"), PointEntry("BL57", "Chengfu"), PointEntry("UB57", "Chengshan")]
    )
    found = blocking(draft, today=TODAY)
    assert [(f.check, f.point) for f in found] == [("unknown_point", "GB45"), ("name_mismatch", "BL57")]
    assert "“Chengfu” is the name of BL36, not of BL57" in found[1].message


@pytest.mark.parametrize(
    ("changes", "expected"),
    [({"reviewer": ""}, ("review_missing", "error")), ({"reviewed_on": None}, ("review_missing", "error")),
     ({"reviewed_on": dt.date(2027, 1, 1)}, ("review_future", "error")),
     ({"reviewed_on": dt.date(2025, 11, 23)}, ("review_stale", "warning"))],
)  # fmt: skip
def test_review_stamp(changes, expected):
    assert [(f.check, f.severity) for f in blocking(sound(**changes), today=TODAY)] == [expected]


def test_review_interval_is_the_clinics_setting():
    draft = sound(reviewed_on=dt.date(2026, 4, 1))
    assert blocking(draft, today=TODAY) == []
    assert [f.check for f in blocking(draft, today=TODAY, review_interval_months=6)] == ["review_stale"]


def test_faq_and_references():
    draft = sound(
        faq=[("Is it safe?", ""), ("", "An orphan answer."), ("Fine?", "Yes.")],
        references=[Reference("No source."), Reference("Bad DOI.", doi="doi:10.1/x"), Reference("PMID.", pmid="PMC123"),
                    Reference("Good.", doi="10.1002/14651858.CD001351.pub2"), Reference("", pmid="12345")],
    )  # fmt: skip
    assert checks_of(draft) == {
        ("faq_unanswered", "error", None, 0), ("faq_unanswered", "error", None, 1),
        ("reference_source", "error", None, 0), ("reference_source", "error", None, 1),
        ("reference_source", "error", None, 2), ("reference_citation", "error", None, 4),
    }  # fmt: skip


def test_internal_links_must_exist():
    draft = sound(links=["/acupoints/gb30/", "page:999", "/acupoints/gb30/"])
    found = blocking(draft, today=TODAY, link_exists=lambda link: link != "page:999")
    assert [(f.check, f.message) for f in found] == [
        ("broken_link", "The internal link page:999 leads to a page that does not exist.")
    ]


def test_errors_filters_warnings():
    found = blocking(sound(reviewed_on=dt.date(2020, 1, 1), reviewer=""), today=TODAY)
    assert [f.check for f in errors(found)] == ["review_missing"]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(dt.date(2026, 11, 24), 12, dt.date(2025, 11, 24)), (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
     (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)), (dt.date(2026, 1, 15), 13, dt.date(2024, 12, 15))],
)  # fmt: skip
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected
