"""/team/ and /services/: pages generated from the booking's Practitioner and Service records, with
JSON-LD, prices in the clinic's currency and next free times from the slot engine."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acuclinic.booking.models import Practitioner, Service


def json_ld(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_team_page_lists_the_practitioners_taking_bookings(client, demo_site):
    Practitioner.objects.filter(slug="daniel-okafor").update(active=False)
    Practitioner.objects.get(slug="daniel-okafor").save()
    html = client.get("/team/").content.decode()
    assert "Dr. Mei Lin Chen" in html and "Priya Raman" in html and "Daniel Okafor" not in html
    assert client.get("/team/daniel-okafor/").status_code == 404
    assert client.get("/team/nobody/").status_code == 404


def test_a_practitioner_page_shows_who_they_are_what_they_offer_and_how_to_book(client, demo_site):
    html = client.get("/team/priya-raman/").content.decode()
    assert "<h1>Priya Raman</h1>" in html
    assert "Registered Physiotherapist and Acupuncture Provider" in html
    assert "PT 11452 · R.Ac 5190" in html and "English, Tamil" in html
    assert "knee osteoarthritis" in html  # the bio
    for name, price in [("Physiotherapy assessment", "$130"), ("Acupuncture follow-up", "$90")]:
        assert name in html and price in html
    # She offers three services, so "Book with" lists hers; each service links to her own times.
    assert 'href="/book/?with=priya-raman">Book with Priya Raman</a>' in html
    assert 'href="/book/physiotherapy-assessment/priya-raman/"' in html
    assert 'alt="Illustrated portrait of Priya Raman"' in html
    (person,) = [d for d in json_ld(html) if d["@type"] == "Person"]
    assert person["jobTitle"] == "Registered Physiotherapist and Acupuncture Provider"
    assert person["hasCredential"]["identifier"] == "PT 11452 · R.Ac 5190"
    assert person["knowsLanguage"] == ["English", "Tamil"]
    assert person["worksFor"]["@type"] == "MedicalClinic"


def test_book_with_a_single_service_practitioner_goes_straight_to_their_times(client, every_day, demo_site):
    person = Practitioner.objects.create(slug="solo", name="Sam Solo", credential="RMT")
    person.services.add(every_day["service"])
    html = client.get("/team/solo/").content.decode()
    assert 'href="/book/treatment/solo/">Book with Sam Solo</a>' in html


def test_next_free_times_come_from_the_slot_engine_and_link_to_the_details_step(client, every_day, demo_site):
    from acuclinic.booking import availability

    html = client.get("/team/ann/").content.decode()
    (box,) = re.findall(r'<section class="card" aria-labelledby="next-times-heading">(.*?)</section>', html, re.S)
    links = re.findall(r'<a class="slot" href="([^"]+)"><time datetime="([^"]+)"', box)
    assert len(links) == 4
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    expected = availability.free_offers(service=every_day["service"], practitioner=every_day["ann"], first_day=today,
                                    last_day=today + dt.timedelta(days=14))[:4]  # fmt: skip
    assert [dt.datetime.fromisoformat(start) for _, start in links] == [o.start for o in expected]
    assert all(url.startswith("/book/treatment/ann/details/?start=") for url, _ in links)
    assert client.get(links[0][0].replace("&amp;", "&")).status_code == 200


def test_next_free_times_are_filled_into_cached_pages_too(client, every_day, demo_site):
    from django.core.cache import cache

    first = client.get("/team/ann/")
    assert first["X-Cache"] == "miss" and "<!--fresh:" not in first.content.decode()
    cache.delete(f"acuclinic:next-times:{every_day['service'].pk}-{every_day['ann'].pk}")
    every_day["ann"].weekly_hours.all().update(start="16:00")  # no signal: only the times box may change
    again = client.get("/team/ann/")
    assert again["X-Cache"] == "hit"
    times = re.findall(r'<time datetime="[^"]+T(\d\d:\d\d)', again.content.decode())
    assert times and all(t >= "16:00" for t in times)


def test_a_forged_fresh_marker_argument_renders_nothing():
    from acuclinic.practice.next_times import render_next_times

    assert render_next_times("1-<script>") == ""
    assert render_next_times("x-any") == ""


def test_services_page_and_a_service_page_with_its_offer(client, demo_site):
    index = client.get("/services/").content.decode()
    for service in Service.objects.bookable():
        assert f'href="/services/{service.slug}/"' in index
    html = client.get("/services/physiotherapy-assessment/").content.decode()
    assert "<h1>Physiotherapy assessment</h1>" in html and "60 minutes" in html and "$130" in html
    assert "New patients" in html
    assert "Daniel Okafor" in html and "Priya Raman" in html and "Dr. Mei Lin Chen" not in html
    assert 'href="/book/physiotherapy-assessment/daniel-okafor/">Book with Daniel Okafor</a>' in html
    (service,) = [d for d in json_ld(html) if d["@type"] == "Service"]
    assert service["offers"] == {"@type": "Offer", "price": "130.00", "priceCurrency": "CAD",
                                 "url": "http://testserver/book/physiotherapy-assessment/"}  # fmt: skip
    assert client.get("/services/no-such-thing/").status_code == 404


def test_prices_follow_the_clinics_currency(client, demo_site):
    clinic = demo_site["clinic"]
    clinic.currency, clinic.country = "GBP", "GB"
    clinic.save()
    html = client.get("/services/physiotherapy-assessment/").content.decode()
    assert "£130" in html
    (service,) = [d for d in json_ld(html) if d["@type"] == "Service"]
    assert service["offers"]["priceCurrency"] == "GBP"


def test_a_renamed_service_shows_at_once_on_cached_pages(client, demo_site):
    assert client.get("/services/")["X-Cache"] == "miss"
    assert client.get("/services/")["X-Cache"] == "hit"
    service = Service.objects.get(slug="physiotherapy-assessment")
    service.name = "Physio assessment"
    service.save()
    assert "Physio assessment" in client.get("/services/").content.decode()


def test_conditions_page_lists_the_guides_and_guides_keep_their_atlas_breadcrumb(client, demo_site):
    html = client.get("/conditions/").content.decode()
    assert 'href="/acupoints/acupuncture-for-sciatica/"' in html and "Acupuncture for Sciatica" in html
    guide = client.get("/acupoints/acupuncture-for-sciatica/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', guide, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["Home", "Acupoints", "Acupuncture for Sciatica"]


@pytest.mark.parametrize("path", ["/team/", "/team/mei-lin-chen/", "/services/", "/services/initial-acupuncture/",
                                  "/conditions/"])  # fmt: skip
def test_new_pages_are_cached_and_their_queries_do_not_grow(client, demo_site, settings, path):
    settings.PAGE_CACHE = False
    client.get(path)
    with CaptureQueriesContext(connection) as first:
        assert client.get(path).status_code == 200
    service = Service.objects.get(slug="initial-acupuncture")
    for n in range(4):
        person = Practitioner.objects.create(slug=f"extra-{n}", name=f"Extra {n}", credential="RMT")
        person.services.add(service)
    client.get(path)
    with CaptureQueriesContext(connection) as second:
        client.get(path)
    assert len(second) == len(first) <= 4
    settings.PAGE_CACHE = True
    client.get(path)
    with CaptureQueriesContext(connection) as cached:
        response = client.get(path)
    assert response["X-Cache"] == "hit" and len(cached) == 0
