import io
import json

from django.core.management import call_command


def run(*args):
    out = io.StringIO()
    try:
        call_command("check_guides", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_all_demo_guides_pass(clinic_site):
    code, output = run()
    assert code == 0
    assert output.strip().endswith("0 errors, 0 warnings")
    code, output = run("--format", "json")
    # Only notes remain: wording the location checker could not read, each with the share it did check.
    notes = json.loads(output)
    assert code == 0 and all(f["severity"] == "info" and f["check"] == "location_unchecked" for f in notes)
    assert all(0 <= f["checked"] < 1 and f["link"].startswith("/acupoints/") for f in notes)


def test_errors_exit_1_and_json_lists_each_finding(sciatica):
    points = list(sciatica.points)
    value = points[2].value  # BL57
    value["location"] = "Found in the posterior thigh, just below the gluteal fold"
    sciatica.reviewer = None
    sciatica.save_revision()
    code, output = run("--format", "json")
    assert code == 1
    findings = [f for f in json.loads(output) if f["severity"] != "info"]
    bl57 = {"guide": "acupuncture-for-sciatica", "severity": "error", "check": "location_region", "point": "BL57"}
    assert any(bl57.items() <= f.items() for f in findings)
    blocking = {(f["check"], f["point"]) for f in findings if f["severity"] != "info"}
    assert blocking == {("location_region", "BL57"), ("review_missing", None)}
    location = next(f for f in findings if f["check"] == "location_region")
    assert set(location) == {"guide", "severity", "check", "point", "message", "checked", "link"}
    assert location["link"] == "/acupoints/bl57/" and "back of the lower leg" in location["message"]


def test_stale_reviews_are_warnings_and_the_interval_is_a_site_setting(sciatica, clinic_site):
    from acuclinic.guides.models import GuideSettings

    settings = GuideSettings.for_site(clinic_site["site"])
    settings.review_interval_months = 1
    settings.save()
    code, output = run("--format", "json")
    stale = [f for f in json.loads(output) if f["check"] == "review_stale"]
    assert code == 0 and stale and all(f["severity"] == "warning" for f in stale)
