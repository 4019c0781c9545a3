import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def json_ld_blocks(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_home_page_shows_the_clinic_booking_and_call_us(client, clinic_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverside Acupuncture &amp; Physiotherapy" in html
    assert '<a class="button" href="/book/">Book Online</a>' in html
    assert 'href="tel:+14165550142"' in html
    assert "(416) 555-0142" in html  # displayed in national format
    assert "123 Example Street, Suite 200" in html
    assert '<th scope="row">Sunday</th><td>Closed</td>' in html


def test_home_page_describes_the_clinic_in_json_ld(client, clinic_site):
    (clinic,) = [b for b in json_ld_blocks(client.get("/").content.decode()) if b["@type"] == "MedicalClinic"]
    assert clinic["telephone"] == "+14165550142"
    assert clinic["address"]["addressLocality"] == "Toronto"
    assert {"@type": "OpeningHoursSpecification", "dayOfWeek": "Saturday", "opens": "09:00", "closes": "13:00"} in (
        clinic["openingHoursSpecification"]
    )


def test_settings_text_is_escaped_in_html_and_json_ld(client, clinic_site):
    clinic = clinic_site["clinic"]
    clinic.name = '</script><script>alert("x")</script>'
    clinic.save()
    html = client.get("/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert any(b.get("name") == clinic.name for b in json_ld_blocks(html))


def test_home_page_query_count_is_constant(client, clinic_site):
    client.get("/")  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    clinic = clinic_site["clinic"]
    for weekday in range(7):
        clinic.opening_hours.create(weekday=weekday, opens="19:30", closes="20:30")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(second) == len(first)
    assert len(first) <= 8


def test_unknown_path_is_a_404_page_in_the_site_layout(client, clinic_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'href="tel:+14165550142"' in response.content
