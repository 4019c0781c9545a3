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
    assert run("--format", "json") == (0, "[]\n")


def test_errors_exit_1_and_json_lists_each_finding(sciatica):
    points = list(sciatica.points)
    value = points[2].value  # BL57
    value["location"] = "Found in the posterior thigh, just below the gluteal fold"
    sciatica.reviewer = None
    sciatica.save_revision()
    code, output = run("--format", "json")
    assert code == 1
    findings = json.loads(output)
    assert {"guide": "acupuncture-for-sciatica", "severity": "error", "check": "location_region", "point": "BL57",
            "message": findings[0]["message"]} in findings  # fmt: skip
    assert {(f["check"], f["point"]) for f in findings} == {("location_region", "BL57"), ("review_missing", None)}
    assert set(findings[0]) == {"guide", "severity", "check", "point", "message"}


def test_stale_reviews_are_warnings_and_the_interval_is_a_site_setting(sciatica, clinic_site):
    from acuclinic.guides.models import GuideSettings

    settings = GuideSettings.for_site(clinic_site["site"])
    settings.review_interval_months = 1
    settings.save()
    code, output = run("--format", "json")
    stale = [f for f in json.loads(output) if f["check"] == "review_stale"]
    assert code == 0 and stale and all(f["severity"] == "warning" for f in stale)
