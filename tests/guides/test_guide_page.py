"""The Sciatica guide renders every part, links its points to the atlas, and describes itself in JSON-LD."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from acuclinic.atlas.models import Point

URL = "/acupoints/acupuncture-for-sciatica/"


def json_ld(html: str) -> dict:
    blocks = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    return {b["@type"]: b for b in blocks}


def test_the_guide_has_every_part(client, sciatica):
    html = client.get(URL).content.decode()
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", trail) == ["Home", "Acupoints", "Acupuncture for Sciatica"]
    for heading in (
        "Points used",
        "When to seek urgent or emergency care instead",
        "Frequently asked questions",
        "References",
    ):
        assert f">{heading}</h2>" in html
    assert [f"/acupoints/{c}/" for c in ("gb30", "gb34", "bl57", "st36", "ashi")] == re.findall(
        r'<h3><a href="(/acupoints/[^"]+)">', html
    )
    assert 'Last reviewed on <time datetime="2026-10-12">12 October 2026</time> by Daniel Okafor, Registered PT' in html
    assert '<a class="button" href="/book/">Book Online</a>' in html and 'href="tel:+14165550142"' in html
    assert "saddle area" in html  # a red flag
    assert '<meta name="description" content="How our clinic uses acupuncture' in html
    assert '<link rel="canonical" href="http://testserver/acupoints/acupuncture-for-sciatica/">' in html
    assert '<meta property="og:title" content="Acupuncture for Sciatica">' in html


def test_json_ld_describes_the_page_the_condition_the_review_and_the_faq(client, sciatica):
    data = json_ld(client.get(URL).content.decode())
    page = data["MedicalWebPage"]
    assert page["about"] == {"@type": "MedicalCondition", "name": "Sciatica"}
    assert page["lastReviewed"] == "2026-10-12"
    assert page["reviewedBy"] == {"@type": "Person", "name": "Daniel Okafor", "jobTitle": "Registered PT"}
    assert any(c["sameAs"] == "https://doi.org/10.1001/jamainternmed.2024.5463" for c in page["citation"])
    questions = [q["name"] for q in data["FAQPage"]["mainEntity"]]
    assert "Can acupuncture relieve sciatica pain?" in questions
    assert all(q["acceptedAnswer"]["text"] for q in data["FAQPage"]["mainEntity"])
    assert [i["name"] for i in data["BreadcrumbList"]["itemListElement"]] == [
        "Home",
        "Acupoints",
        "Acupuncture for Sciatica",
    ]


def test_point_pages_list_the_guides_that_use_them(client, sciatica):
    html = client.get("/acupoints/bl57/").content.decode()
    section = re.search(r'<h2 id="guides-heading">.*?</section>', html, re.S).group(0)
    assert 'href="/acupoints/acupuncture-for-sciatica/">Acupuncture for Sciatica</a>' in section
    assert 'href="/acupoints/acupuncture-for-plantar-heel-pain/"' in section
    assert "guides-heading" not in client.get("/acupoints/lu1/").content.decode()


def test_an_unpublished_guide_is_not_listed_on_point_pages(client, sciatica):
    sciatica.unpublish()
    assert "Acupuncture for Sciatica" not in client.get("/acupoints/gb30/").content.decode()


def test_rendering_takes_a_constant_number_of_queries_whatever_the_number_of_points(client, sciatica):
    from django.core.cache import cache

    def cold_then_warm():
        cache.clear()
        client.get("/")
        with CaptureQueriesContext(connection) as cold:
            response = client.get(URL)
        with CaptureQueriesContext(connection) as warm:
            assert client.get(URL).content == response.content
        return len(cold), len(warm), response.content.decode()

    five = cold_then_warm()
    extra = [("point", {"point": p, "name": "", "location": "on the back", "why": "test"})
             for p in Point.objects.filter(meridian__code="BL", number__range=(11, 30))]  # fmt: skip
    sciatica.points = [*[(b.block_type, b.value) for b in sciatica.points], *extra]
    sciatica.save_revision().publish()
    twenty_five = cold_then_warm()
    assert twenty_five[2].count('<li>\n      <h3><a href="/acupoints/') == 25
    assert five[:2] == twenty_five[:2]
    assert five[0] <= 15 and five[1] <= 8


def test_a_published_change_shows_at_once_despite_the_cache(client, sciatica):
    assert b"Sciatica is pain" in client.get(URL).content
    body = [(b.block_type, b.value) for b in sciatica.body]
    sciatica.body = [("paragraph", body[0][1].__class__("<p>Freshly revised introduction.</p>")), *body[1:]]
    sciatica.save_revision().publish()
    assert b"Freshly revised introduction." in client.get(URL).content


def test_previews_are_never_served_from_the_cache(client, sciatica):
    from django.urls import reverse

    from tests.factories import StaffFactory

    client.get(URL)  # cache the live article
    client.force_login(StaffFactory())
    draft = sciatica.get_latest_revision_as_object()
    draft.summary = "An unpublished summary in preview."
    draft.save_revision()
    revision = sciatica.get_latest_revision()
    preview = client.get(reverse("wagtailadmin_pages:revisions_view", args=[sciatica.pk, revision.pk]))
    assert b"An unpublished summary in preview." in preview.content
    assert b"An unpublished summary in preview." not in client.get(URL).content


def test_the_atlas_index_lists_the_guides(client, sciatica):
    html = client.get("/acupoints/").content.decode()
    assert '<a href="/acupoints/acupuncture-for-sciatica/">Acupuncture for Sciatica</a>' in html


def test_sitemap_and_feed_list_every_guide(client, sciatica):
    xml = client.get("/sitemap.xml").content.decode().replace("\n", "")
    for slug in ("acupuncture-for-sciatica", "acupuncture-for-low-back-pain", "acupuncture-for-plantar-heel-pain"):
        assert re.search(rf"<loc>http://[^<]+/acupoints/{slug}/</loc><lastmod>\d{{4}}-\d\d-\d\d", xml), slug
    feed = client.get("/feeds/guides.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert body.count("<entry>") == 6
    assert "<title>Acupuncture for Sciatica</title>" in body
    assert "http://testserver/acupoints/acupuncture-for-sciatica/" in body
    assert '<link href="http://testserver/feeds/guides.atom" rel="self"/>' in body
    assert "example.com" not in body  # not the domain of django.contrib.sites' placeholder Site


def test_book_online_can_open_the_guides_service(client, sciatica):
    from acuclinic.booking.models import Service

    sciatica.booking_service = Service.objects.create(slug="initial-acupuncture", name="Initial", duration_minutes=60)
    sciatica.save_revision().publish()
    html = client.get(URL).content.decode()
    assert '<a class="button" href="/book/initial-acupuncture/">Book Online</a>' in html
