"""Markdown import and export: round trips, malformed files, and checks on import."""

import io
import textwrap

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from acuclinic.guides.importing import export_guide, import_guide
from acuclinic.guides.markdown import GuideFileError, parse_guide
from acuclinic.guides.models import ConditionGuidePage

GOOD = textwrap.dedent("""\
    ---
    title: Acupuncture for Shoulder Pain
    slug: acupuncture-for-shoulder-pain
    condition: Shoulder pain
    summary: How we use acupuncture alongside exercise for shoulder pain.
    reviewed_by: {name: Daniel Okafor, credential: Registered PT}
    reviewed_on: 2026-09-01
    points:
      - {code: LI15, name: Jianyu, location: "at the front of the shoulder, below the bony tip", why: "local point"}
      - {code: Ashi, location: "tender spots around the shoulder", why: "local"}
    faq:
      - {q: "Will it hurt?", a: "Most people feel a dull ache."}
    red_flags: ["A hot, swollen joint with fever"]
    references:
      - {citation: "NICE. Shoulder pain.", url: "https://cks.nice.org.uk/topics/shoulder-pain/"}
    ---
    An introduction with **bold** text.

    ## What it is
    Shoulder pain has many causes:

    - the rotator cuff
    - a frozen shoulder

    > Acupuncture is an addition to exercise, not a replacement.

    ## See also
    Read about [LI15](/acupoints/li15/) in the atlas.
    """)


def shown(findings):
    """Errors and warnings; notes on wording the location checker could not read are left aside here."""
    return [f for f in findings if f.severity != "info"]


def write(tmp_path, text, name="guide.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_creates_a_published_guide_with_every_part(clinic_site, tmp_path):
    result = import_guide(write(tmp_path, GOOD), publish=True)
    assert (result.action, result.published, shown(result.findings)) == ("created", True, [])
    page = ConditionGuidePage.objects.get(slug="acupuncture-for-shoulder-pain")
    assert page.live and page.get_parent().specific_class.__name__ == "AtlasIndexPage"
    assert [b.block_type for b in page.body] == ["paragraph", "heading", "paragraph", "callout", "heading", "paragraph"]
    assert [b.value["point"].code for b in page.points] == ["LI15", "Ashi"]
    assert str(page.reviewer) == "Daniel Okafor, Registered PT"


def test_import_export_import_round_trips_without_changes(clinic_site, tmp_path):
    import_guide(write(tmp_path, GOOD), publish=True)
    first = export_guide(ConditionGuidePage.objects.get(slug="acupuncture-for-shoulder-pain"))
    result = import_guide(write(tmp_path, first, "exported.md"), publish=True)
    assert result.action == "updated"
    page = ConditionGuidePage.objects.get(slug="acupuncture-for-shoulder-pain")
    assert export_guide(page) == first
    assert "- the rotator cuff" in first and "> Acupuncture is an addition" in first and "## What it is" in first


@pytest.mark.parametrize("slug", ["acupuncture-for-sciatica", "acupuncture-for-knee-osteoarthritis"])
def test_every_demo_guide_round_trips(clinic_site, tmp_path, slug):
    exported = export_guide(ConditionGuidePage.objects.get(slug=slug))
    import_guide(write(tmp_path, exported), publish=True)
    assert export_guide(ConditionGuidePage.objects.get(slug=slug)) == exported


def test_reimporting_an_existing_guide_makes_a_draft_until_published(clinic_site, tmp_path):
    import_guide(write(tmp_path, GOOD), publish=True)
    result = import_guide(write(tmp_path, GOOD.replace("Shoulder pain has", "Shoulder pain often has")))
    page = ConditionGuidePage.objects.get(slug="acupuncture-for-shoulder-pain")
    assert (result.action, result.published) == ("updated", False)
    assert page.has_unpublished_changes
    assert "often has" not in str(page.body) and "often has" in str(page.get_latest_revision_as_object().body)


@pytest.mark.parametrize(
    ("change", "line", "field"),
    [(("slug: acupuncture-for-shoulder-pain", "slug: Not A Slug"), 3, "slug"),
     (("reviewed_on: 2026-09-01", "reviewed_on: 1st of September"), 7, "reviewed_on"),
     (("  - {code: Ashi, location: \"tender spots around the shoulder\", why: \"local\"}",
       "  - {code: Ashi, why: \"local\"}"), 10, "points.1.location"),
     (("  - {q: \"Will it hurt?\", a: \"Most people feel a dull ache.\"}", "  - {question: \"Will it hurt?\"}"), 12,
      "faq.0.q"),
     (("condition: Shoulder pain\n", ""), 2, "condition"),
     (("red_flags: [\"A hot, swollen joint with fever\"]", "red_flags: [\"unclosed"), 13, None)],
)  # fmt: skip
def test_a_malformed_file_names_file_line_and_field_and_writes_nothing(clinic_site, tmp_path, change, line, field):
    text = GOOD.replace(*change)
    assert text != GOOD
    before = ConditionGuidePage.objects.count()
    with pytest.raises(GuideFileError) as excinfo:
        import_guide(write(tmp_path, text, "broken.md"))
    error = excinfo.value
    assert (error.path.endswith("broken.md"), error.line, error.field) == (True, line, field)
    assert str(error).startswith(f"broken.md:{line}: ")
    assert ConditionGuidePage.objects.count() == before


def test_a_file_without_front_matter_is_refused():
    with pytest.raises(GuideFileError, match="must start with a '---' line"):
        parse_guide("# Just markdown\n", "plain.md")
    with pytest.raises(GuideFileError, match="no closing '---'"):
        parse_guide("---\ntitle: x\n", "open.md")


# The reference page's point list, as written there (its BL57 is on the thigh; BL57 is on the calf).
REFERENCE_PAGE_POINTS = textwrap.dedent("""\
    points:
      - {code: GB30, name: Huantiao, location: "Located on the buttocks, near the hip joint", why: "sciatica and hip pain"}
      - {code: GB34, name: Yanglingquan, location: "Situated on the outer side of the lower leg, below the knee", why: "pain"}
      - {code: BL57, name: Chengshan, location: "Found in the posterior thigh, just below the gluteal fold", why: "pain"}
      - {code: ST36, name: Zusanli, location: "Situated below the knee, on the outside of the leg", why: "energy"}
      - {code: Ashi, location: "localized tender points along the affected meridians", why: "local"}
    """)


def test_the_reference_pages_own_mistake_is_caught_on_import(clinic_site, tmp_path):
    text = GOOD.split("points:")[0] + REFERENCE_PAGE_POINTS + "faq:" + GOOD.split("faq:")[1]
    result = import_guide(write(tmp_path, text), publish=True)
    assert [(f.check, f.point) for f in shown(result.findings)] == [("location_region", "BL57")]
    assert not result.published
    assert not ConditionGuidePage.objects.get(slug="acupuncture-for-shoulder-pain").live


def test_an_unknown_point_writes_nothing(clinic_site, tmp_path):
    text = GOOD.replace("code: LI15, name: Jianyu", "code: LI21")
    result = import_guide(write(tmp_path, text), publish=True)
    assert result.action == "skipped" and shown(result.findings)[0].check == "unknown_point"
    assert not ConditionGuidePage.objects.filter(slug="acupuncture-for-shoulder-pain").exists()


def test_a_name_that_belongs_to_another_point_is_caught(clinic_site, tmp_path):
    text = GOOD.replace("code: LI15, name: Jianyu", "code: LI15, name: Jianliao")
    result = import_guide(write(tmp_path, text), publish=True)
    assert [(f.check, f.point) for f in shown(result.findings)] == [("name_mismatch", "LI15")]
    assert "TE14" in shown(result.findings)[0].message


def test_a_broken_internal_link_is_caught(clinic_site, tmp_path):
    text = GOOD.replace("(/acupoints/li15/)", "(/acupoints/li99/)")
    assert [f.check for f in shown(import_guide(write(tmp_path, text)).findings)] == ["broken_link"]


def test_commands_import_export_and_check(clinic_site, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    write(source, GOOD, "shoulder.md")
    out = io.StringIO()
    call_command("import_guides", str(source), "--publish", stdout=out)
    assert "shoulder.md: created acupuncture-for-shoulder-pain (published)" in out.getvalue()
    call_command("export_guides", str(tmp_path / "out"), stdout=io.StringIO())
    assert len(list((tmp_path / "out").glob("*.md"))) == 7

    write(source, GOOD.replace("reviewed_on: 2026-09-01", "reviewed_on: 2030-01-01"), "shoulder.md")
    with pytest.raises(CommandError):
        call_command("import_guides", str(source / "shoulder.md"), stdout=(out := io.StringIO()))
    assert "error: [review_future]" in out.getvalue()


def test_the_service_to_book_round_trips_and_an_unknown_one_is_a_warning(clinic_site, tmp_path):
    from acuclinic.booking.models import Service

    text = GOOD.replace("reviewed_on: 2026-09-01\n", "reviewed_on: 2026-09-01\nbook: shoulder-assessment\n")
    result = import_guide(write(tmp_path, text), publish=True)
    assert [(f.check, f.severity) for f in shown(result.findings)] == [("unknown_booking_service", "warning")]
    assert result.published
    Service.objects.create(slug="shoulder-assessment", name="Shoulder assessment", duration_minutes=45)
    import_guide(write(tmp_path, text), publish=True)
    exported = export_guide(ConditionGuidePage.objects.get(slug="acupuncture-for-shoulder-pain"))
    assert "\nbook: shoulder-assessment\n" in exported
