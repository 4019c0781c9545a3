"""Atlas pages: index, meridian and point pages, redirects for every spelling, 404 with suggestions."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acuclinic.atlas.models import Point


def json_ld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_index_lists_the_channels_with_counts_and_a_search_box(client, atlas_page):
    html = client.get("/acupoints/").content.decode()
    assert "361 classical points on the 14 channels, 48 extra points" in html
    assert '<a href="/acupoints/gb/">Gallbladder</a>' in html
    assert "<td>67</td>" in html  # Bladder
    assert 'action="/search/"' in html and 'name="q"' in html
    assert '<a href="/acupoints/" aria-current="page">Acupoints</a>' in html  # in the main navigation


def test_meridian_page_lists_its_points_in_order(client, atlas_page):
    html = client.get("/acupoints/gb/").content.decode()
    table = html.split('<table class="data-table">', 1)[1]  # the figures above link the points too
    codes = re.findall(r'<a href="/acupoints/(gb\d+)/">', table)
    assert codes == [f"gb{n}" for n in range(1, 45)]
    assert "Huántiào" in html and "环跳" in html and "Buttock" in html


def test_point_page_shows_every_field_cautions_first_and_neighbours(client, atlas_page):
    point = Point.objects.get(code="GB30")
    html = client.get("/acupoints/gb30/").content.decode()
    for value in (point.pinyin, point.hanzi, point.hanzi_traditional, point.english, point.location, point.needling):
        assert str(value).replace("'", "&#x27;") in html
    assert html.index('class="caution"') < html.index("<dt>Location</dt>")
    assert 'rel="prev" href="/acupoints/gb29/"' in html and 'rel="next" href="/acupoints/gb31/"' in html
    assert '<link rel="canonical" href="http://testserver/acupoints/gb30/">' in html


def test_point_page_breadcrumbs_and_json_ld(client, atlas_page):
    html = client.get("/acupoints/gb30/").content.decode()
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", trail) == ["Home", "Acupoints", "Gallbladder", "GB30 Huántiào"]
    blocks = {b["@type"]: b for b in json_ld(html)}
    assert blocks["MedicalWebPage"]["url"] == "http://testserver/acupoints/gb30/"
    assert "greater trochanter" in blocks["MedicalWebPage"]["about"]["bodyLocation"]
    names = [item["name"] for item in blocks["BreadcrumbList"]["itemListElement"]]
    assert names == ["Home", "Acupoints", "Gallbladder", "GB30 Huántiào"]


def test_clinic_note_is_shown_when_an_editor_adds_one(client, atlas_page):
    Point.objects.filter(code="ST36").update(clinic_note="<p>Our physios use this point for knee rehab.</p>")
    assert b"Our physios use this point for knee rehab." in client.get("/acupoints/st36/").content


@pytest.mark.parametrize(
    ("spelling", "target"),
    [("GB-30", "gb30"), ("GB30", "gb30"), ("gb%2030", "gb30"), ("Gallbladder%2030", "gb30"), ("huantiao", "gb30"),
     ("Hu%C3%A1nti%C3%A0o", "gb30"), ("%E7%8E%AF%E8%B7%B3", "gb30"), ("%E7%92%B0%E8%B7%B3", "gb30"), ("UB40", "bl40"),
     ("SJ5", "te5"), ("Du20", "gv20"), ("Ren12", "cv12"), ("Liv3", "lr3"), ("EX-HN3", "ex-hn3"), ("yintang", "ex-hn3"),
     ("ub", "bl"), ("sj", "te"), ("ren", "cv"), ("Liver", "lr")],
)  # fmt: skip
def test_any_spelling_redirects_permanently_to_the_canonical_page(client, atlas_page, spelling, target):
    response = client.get(f"/acupoints/{spelling}/")
    assert response.status_code == 301
    assert response["Location"] == f"/acupoints/{target}/"


def test_an_unknown_code_is_a_404_page_with_close_matches(client, atlas_page):
    response = client.get("/acupoints/huantiau/")
    assert response.status_code == 404
    assert b'href="/acupoints/gb30/"' in response.content
    assert client.get("/acupoints/gb45/").status_code == 404


def test_a_name_of_two_points_offers_both(client, atlas_page):
    response = client.get("/acupoints/futu/")
    assert response.status_code == 300
    assert b'href="/acupoints/li18/"' in response.content and b'href="/acupoints/st32/"' in response.content


def cold_and_warm(client, url) -> tuple[int, int]:
    from django.core.cache import cache

    cache.clear()
    client.get("/")  # Wagtail's own per-site caches
    return queries_for(client, url), queries_for(client, url)


def test_pages_render_with_a_constant_number_of_queries(client, atlas_page):
    index_cold, index_warm = cold_and_warm(client, "/acupoints/")
    assert cold_and_warm(client, "/acupoints/ht/") == cold_and_warm(client, "/acupoints/bl/")  # 9 vs 67 points
    points = {cold_and_warm(client, f"/acupoints/{code}/") for code in ("gb30", "lu1", "bl67", "ex-hn3", "ex-le12")}
    assert len(points) == 1  # whether or not guides use the point, whatever its channel
    (cold, warm), (ashi_cold, _) = points.pop(), cold_and_warm(client, "/acupoints/ashi/")
    assert ashi_cold <= cold  # no neighbours to look up
    assert cold <= 16 and index_cold <= 16
    assert warm < cold and index_warm < index_cold  # content is cached per content version
    assert warm <= 8


def test_sitemap_lists_atlas_pages_with_lastmod(client, atlas_page):
    xml = client.get("/sitemap.xml").content.decode()
    entry = re.search(r"<url><loc>http://[^<]+/acupoints/gb30/</loc><lastmod>[^<]+</lastmod>", xml.replace("\n", ""))
    assert entry, "GB30 is missing from the sitemap"
    assert "/acupoints/gb/</loc>" in xml
    assert xml.count("<url>") >= 410 + 15
