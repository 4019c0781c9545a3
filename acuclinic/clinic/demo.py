"""The demo clinic: a home page at the site root and the clinic's settings. Idempotent."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from . import demo_pages, illustrations
from .models import ClinicSettings, ContentPage, HomePage, OpeningHours

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


DEMO_NAME = "Riverside Acupuncture & Physiotherapy"
DEMO_INTRO = (
    "Registered physiotherapists and acupuncturists in one clinic. Read about the points we use "
    "and the conditions we treat, then book a time that suits you."
)


@transaction.atomic
def ensure_home_page(title: str = DEMO_NAME, intro: str = DEMO_INTRO) -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's placeholder page once.

    ``title`` and ``intro`` are used only when the home page is created; an existing one is left alone.
    start_clinic calls this with the clinic's own name."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or _create_tree_root()
        # Wagtail's first migration creates a plain "Welcome to your new Wagtail site!" page with the
        # slug "home"; move it aside so the clinic's home page can take the slug, then drop it below.
        for placeholder in root.get_children().exact_type(Page).filter(slug="home"):
            placeholder.slug = f"welcome-{placeholder.pk}"
            placeholder.save(update_fields=["slug"])
        home = HomePage(title=title, slug="home", intro=intro)
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
    clinic.name = DEMO_NAME
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


def demo_image(title: str, alt: str, png: bytes):
    """A Wagtail image drawn by the demo (illustrations.py), found again by its title on later runs."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    Image = get_image_model()
    found = Image.objects.filter(title=title).first()
    if found is None:
        import io

        # Wagtail's migrations create the root collection; a flushed database (browser tests) has none.
        Collection.get_first_root_node() or Collection.add_root(name="Root")

        from django.utils.text import slugify

        slug = slugify(title)
        found = Image(title=title, description=alt)
        found.file = ImageFile(io.BytesIO(png), name=f"{slug}.png")
        found.save()
    return found


@transaction.atomic
def compose_home_page(home: HomePage) -> bool:
    """Fill an empty home page with every section; a page staff have composed is left alone."""
    if len(home.body):
        return False
    hero = demo_image(
        "Demo: calm hills",
        "An illustration of green hills under a low sun, with a sprig of leaves in front",
        illustrations.landscape(),
    )
    sections = []
    for kind, value in demo_pages.HOME_SECTIONS:
        value = dict(value)
        if kind == "hero":
            value["image"] = hero
        sections.append((kind, value))
    home.body = sections
    home.search_description = "Acupuncture and physiotherapy in Toronto: registered practitioners, online booking."
    home.save_revision().publish()
    return True


@transaction.atomic
def ensure_content_pages(home: HomePage) -> list[ContentPage]:
    made = []
    for slug, title, in_menu, summary, body in demo_pages.CONTENT_PAGES:
        if ContentPage.objects.filter(slug=slug).exists() or home.get_children().filter(slug=slug).exists():
            continue
        page = ContentPage(title=title, slug=slug, show_in_menus=in_menu, summary=summary, body=body)
        home.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    return made


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
    composed = compose_home_page(HomePage.objects.get(pk=home.pk))
    pages = ensure_content_pages(home)
    stdout.write(
        f"clinic: {clinic.name} (home page '{home.title}', served at {site.root_url}"
        f"{'; sections added' if composed else ''}; {len(pages)} new content pages)"
    )
