"""The demo clinic: a home page at the site root and the clinic's settings. Idempotent."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import ClinicSettings, HomePage, OpeningHours

DEMO_HOURS = {
    0: [("09:00", "13:00"), ("14:00", "19:00")],
    1: [("09:00", "19:00")],
    2: [("09:00", "13:00"), ("14:00", "19:00")],
    3: [("09:00", "19:00")],
    4: [("09:00", "17:00")],
    5: [("09:00", "13:00")],
}


def _create_tree_root() -> Page:
    # Wagtail's migrations create the tree root and default locale; a flushed database has neither.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return Page.add_root(instance=Page(title="Root", slug="root"))


@transaction.atomic
def ensure_home_page() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's placeholder page once."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or _create_tree_root()
        # Wagtail's first migration creates a plain "Welcome to your new Wagtail site!" page with the
        # slug "home"; move it aside so the clinic's home page can take the slug, then drop it below.
        for placeholder in root.get_children().exact_type(Page).filter(slug="home"):
            placeholder.slug = f"welcome-{placeholder.pk}"
            placeholder.save(update_fields=["slug"])
        home = HomePage(
            title="Riverside Acupuncture & Physiotherapy",
            slug="home",
            intro=(
                "Registered physiotherapists and acupuncturists in one clinic. Read about the points we use "
                "and the conditions we treat, then book a time that suits you."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="")
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.save()
        if placeholder.specific_class is Page and not Site.objects.filter(root_page=placeholder).exists():
            placeholder.delete()
    return home


@transaction.atomic
def ensure_clinic_settings(site: Site) -> ClinicSettings:
    clinic = ClinicSettings.for_site(site)
    if clinic.opening_hours.exists():
        return clinic  # The clinic has been set up already; never overwrite what staff changed.
    clinic.name = "Riverside Acupuncture & Physiotherapy"
    clinic.phone = "+14165550142"
    clinic.email = "hello@riverside-clinic.example"
    clinic.street_address = "123 Example Street, Suite 200"
    clinic.locality = "Toronto"
    clinic.region = "ON"
    clinic.postal_code = "M5V 2T6"
    clinic.country = "CA"
    clinic.save()
    for weekday, intervals in DEMO_HOURS.items():
        for opens, closes in intervals:
            OpeningHours.objects.create(
                clinic=clinic,
                weekday=weekday,
                opens=dt.time.fromisoformat(opens),
                closes=dt.time.fromisoformat(closes),
            )
    return clinic


def site_address(base_url: str) -> tuple[str, int]:
    """The Wagtail Site hostname and port that make its URLs (sitemap, full page URLs) start with ``base_url``."""
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def follow_base_url(site: Site) -> Site:
    """Point the demo's site at BASE_URL, so the sitemap and emailed links name the address it is served on."""
    hostname, port = site_address(settings.BASE_URL)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


def load(stdout) -> None:
    home = ensure_home_page()
    site = follow_base_url(Site.objects.get(root_page=home, is_default_site=True))
    clinic = ensure_clinic_settings(site)
    stdout.write(f"clinic: {clinic.name} (home page '{home.title}', served at {site.root_url})")
