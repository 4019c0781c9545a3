"""The composed home page: sections staff arrange, filled from the clinic's own records, cached and at a
constant number of queries whatever the number of services, practitioners or guides."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acuclinic.booking.models import Practitioner, Service
from acuclinic.clinic.models import HomePage


def test_the_demo_home_page_fills_every_section(client, demo_site):
    html = client.get("/").content.decode()
    kinds = [block.block_type for block in HomePage.objects.get().body]
    assert kinds == ["hero", "services", "team", "conditions", "first_visit", "location", "faq", "cta"]
    assert re.search(r"<h1[^>]*>Acupuncture and physiotherapy that fits around your life</h1>", html)
    assert "<picture>" in html and 'type="image/avif"' in html and 'type="image/webp"' in html
    assert 'alt="An illustration of green hills' in html
    for service in Service.objects.bookable():
        assert service.name in html
    assert "$120" in html and 'href="/services/initial-acupuncture/"' in html
    for person in Practitioner.objects.all():
        assert person.name in html and f'href="/team/{person.slug}/"' in html
    assert "Speaks English, Mandarin" in html
    assert "Acupuncture for Sciatica" in html and 'href="/acupoints/acupuncture-for-sciatica/"' in html
    assert "What to bring" in html and "Your first visit" in html
    assert 'href="https://www.google.com/maps/search/?api=1&amp;query=' in html and "Get directions" in html
    assert '<details class="faq__item"><summary>Do I need a referral?</summary>' in html
    assert "Ready when you are" in html


def test_sections_are_optional_and_keep_the_order_staff_chose(client, demo_site):
    home = HomePage.objects.get()
    home.body = [("cta", {"heading": "Call first", "text": ""}), ("team", {"heading": "Who we are", "intro": ""})]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert html.index("Call first") < html.index("Who we are")
    assert "What we offer" not in html and "Questions patients ask" not in html
    # Without a hero, the page title is the heading and Book Online is still there.
    assert re.search(r"<h1>Riverside Acupuncture &amp; Physiotherapy</h1>", html)


def test_a_records_section_with_a_limit_shows_that_many(client, demo_site):
    home = HomePage.objects.get()
    home.body = [("conditions", {"heading": "Conditions", "intro": "", "limit": 2})]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert html.count('class="card"><h3 class="card__title"><a href="/acupoints/') == 2


def test_a_new_price_shows_at_once_although_the_page_is_cached(client, demo_site):
    assert "$120" in client.get("/").content.decode()
    assert client.get("/")["X-Cache"] == "hit"
    Service.objects.filter(slug="initial-acupuncture").update(price=125)  # no signal: the admin saves instead
    service = Service.objects.get(slug="initial-acupuncture")
    service.save()
    assert "$125" in client.get("/").content.decode()


@pytest.mark.parametrize("page_cache", [False, True])
def test_home_page_queries_do_not_grow_with_the_records(client, demo_site, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    client.get("/")  # renditions and per-process caches warm
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    service = Service.objects.create(slug="cupping", name="Cupping", duration_minutes=30, price=60)
    for n in range(3):
        person = Practitioner.objects.create(slug=f"extra-{n}", name=f"Extra {n}", credential="RMT")
        person.services.add(service)
    client.get("/")  # the change starts a new content version; the first render after it fills the caches
    with CaptureQueriesContext(connection) as second:
        html = client.get("/").content.decode()
    assert "Extra 2" in html and "Cupping" in html
    assert len(second) == len(first)
    assert len(first) == 0 if page_cache else len(first) <= 3


def test_the_logo_shows_in_the_header_with_its_size(client, demo_site):
    from wagtail.images import get_image_model

    clinic = demo_site["clinic"]
    clinic.logo = get_image_model().objects.first()
    clinic.save()
    html = client.get("/").content.decode()
    assert re.search(r'<img class="brand__logo" src="[^"]+" width="\d+" height="48" alt="">', html)
