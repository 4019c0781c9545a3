"""The page cache: anonymous visitors get stored pages; edits show at once; private pages are never stored."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StaffFactory

GUIDE = "/acupoints/acupuncture-for-sciatica/"


def test_a_public_page_is_served_from_the_cache_without_queries(client, sciatica):
    first = client.get(GUIDE)
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(GUIDE)
    assert second["X-Cache"] == "hit" and second.content == first.content
    assert len(queries) == 0


def test_a_published_edit_shows_on_the_next_request(client, sciatica):
    client.get(GUIDE)
    sciatica.summary = "A newly published summary."
    sciatica.save_revision().publish()
    response = client.get(GUIDE)
    assert response["X-Cache"] == "miss" and b"A newly published summary." in response.content


def test_logged_in_visitors_and_forms_are_never_cached(client, sciatica, every_day, slot):
    client.force_login(StaffFactory())
    assert "X-Cache" not in client.get(GUIDE)
    client.logout()
    details = f"/book/treatment/ann/details/?start={slot.isoformat().replace('+', '%2B')}&with=ann"
    assert "X-Cache" not in client.get(details) and "X-Cache" not in client.get("/search/?q=gb30")


def test_errors_and_redirects_are_not_cached(client, sciatica):
    assert "X-Cache" not in client.get("/acupoints/huantiao/")  # 301
    assert "X-Cache" not in client.get("/acupoints/gb99/")  # 404


def test_moving_a_page_changes_its_route_at_once(client, sciatica):
    client.get(GUIDE)
    sciatica.slug = "sciatica"
    sciatica.save_revision().publish()
    assert client.get("/acupoints/sciatica/").status_code == 200
    assert client.get(GUIDE).status_code == 404


def test_unpublishing_removes_the_page_at_once(client, sciatica):
    client.get(GUIDE)
    sciatica.unpublish()
    assert client.get(GUIDE).status_code == 404


def test_view_restrictions_are_cached_but_a_new_one_applies_at_once(client, sciatica, settings, atlas_page):
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE = False  # Wagtail's restriction check runs on every uncached request
    client.get(GUIDE)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(GUIDE).status_code == 200
    assert not [q for q in warm if "pageviewrestriction" in q["sql"] or "alias_of" in q["sql"]]

    PageViewRestriction.objects.create(page=atlas_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(GUIDE)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert sciatica.get_view_restrictions().count() == 1  # still a queryset, as the admin expects
    client.force_login(StaffFactory())
    assert client.get(GUIDE).status_code == 200


def test_an_http_render_is_never_served_to_https_or_another_host(client, sciatica, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "clinic.example"]
    plain = client.get(GUIDE)
    assert plain["X-Cache"] == "miss" and b'href="http://' in plain.content
    secure = client.get(GUIDE, secure=True)
    assert secure["X-Cache"] == "miss"
    assert b'rel="canonical" href="https://' in secure.content and b'"http://' not in secure.content
    assert client.get(GUIDE, secure=True)["X-Cache"] == "hit"
    assert client.get(GUIDE, headers={"host": "clinic.example"})["X-Cache"] == "miss"
