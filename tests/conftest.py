import os

import pytest

# Playwright's sync API runs an asyncio loop in the test thread; Django's ORM refuses to run
# inside one unless told that this (single-threaded test) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clinic_site(db):
    """The demo clinic's home page, site and settings, as `make demo` creates them."""
    from wagtail.models import Site

    from acuclinic.clinic.demo import ensure_clinic_settings, ensure_home_page

    home = ensure_home_page()
    site = Site.objects.get(root_page=home)
    clinic = ensure_clinic_settings(site)
    return {"home": home, "site": site, "clinic": clinic}
