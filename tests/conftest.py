import datetime as dt
import io
import os
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests draw the same examples on every run (and every machine), so CI is repeatable and a
# failure found once is found again; each test's @settings keeps its own example budget. No deadline: a test
# asserts behaviour, not speed (bench/ measures speed), and a worker sharing the machine with a browser can
# stall for a moment (CI once saw one example take 364 ms against hypothesis's default 200 ms).
hypothesis_settings.register_profile("acuclinic", derandomize=True, database=None, print_blob=True, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "acuclinic"))

# Playwright's sync API runs an asyncio loop in the test thread; Django's ORM refuses to run
# inside one unless told that this (single-threaded test) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def load_base_site():
    """What `make demo` loads: home page, clinic settings, the atlas, the Acupoints page and the guides."""
    from wagtail.models import Collection, Site

    from acuclinic.atlas.demo import ensure_atlas_page
    from acuclinic.atlas.loading import load_atlas
    from acuclinic.atlas.models import Point
    from acuclinic.clinic.demo import ensure_clinic_settings, ensure_home_page
    from acuclinic.discussion.models import CommentSettings
    from acuclinic.guides import demo as guides_demo

    if Collection.get_first_root_node() is None:
        # A browser test's flush took the collection tree's root with it (images and documents need one).
        Collection.add_root(name="Root")
    home = ensure_home_page()
    site = Site.objects.get(root_page=home)
    clinic = ensure_clinic_settings(site)
    CommentSettings.for_site(site)  # created with its defaults, as the first guide page view would
    if not Point.objects.exists():
        load_atlas(stdout=io.StringIO())
    atlas = ensure_atlas_page()
    guides_demo.load(io.StringIO())
    return {"home": home, "site": site, "clinic": clinic, "atlas": atlas}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Loaded once per test database; each test's transaction is rolled back over it. Browser tests
    # (transactional, run last) flush the tables, so the fixtures below reload whatever is missing.
    with django_db_blocker.unblock():
        load_base_site()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test's database changes are rolled back, but the cache is not: start every test empty.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clinic_site(db):
    """The demo clinic's home page, site, settings and atlas, as `make demo` creates them."""
    return load_base_site()


@pytest.fixture
def atlas_page(clinic_site):
    return clinic_site["atlas"]


@pytest.fixture
def sciatica(clinic_site):
    from acuclinic.guides.models import ConditionGuidePage

    return ConditionGuidePage.objects.get(slug="acupuncture-for-sciatica")


# Booking: a schedule that does not depend on the weekday the tests run on.


@pytest.fixture
def tz():
    from django.conf import settings

    return ZoneInfo(settings.TIME_ZONE)


@pytest.fixture
def every_day(clinic_site):
    """A service offered by two practitioners who both work 09:00–17:00 every day."""
    from acuclinic.booking.models import Practitioner, Service, WeeklyHours

    service = Service.objects.create(slug="treatment", name="Treatment", duration_minutes=45, buffer_minutes=15)
    people = []
    for slug in ("ann", "bob"):
        person = Practitioner.objects.create(slug=slug, name=slug.title(), credential="Registered PT")
        person.services.add(service)
        for weekday in range(7):
            WeeklyHours.objects.create(practitioner=person, weekday=weekday, start=dt.time(9), end=dt.time(17))
        people.append(person)
    return {"service": service, "ann": people[0], "bob": people[1]}


@pytest.fixture
def slot(tz):
    """An aware start time three days ahead at 10:00 local: inside hours, past notice, within the horizon."""
    from django.utils import timezone

    day = timezone.localdate() + dt.timedelta(days=3)
    return dt.datetime.combine(day, dt.time(10), tzinfo=tz)


@pytest.fixture
def patient():
    from acuclinic.booking.services import Patient

    return Patient(name="Alex Patient", email="alex@example.com", phone="+14165550123", new_patient=True)


@pytest.fixture
def intake():
    from acuclinic.booking.services import Intake

    return Intake(pregnant=False, anticoagulants=True, implanted_device=False, red_flags=False)


# The public site as `make demo` composes it (home sections, content pages, team, services).


@pytest.fixture
def demo_site(clinic_site):
    """Everything `make demo` shows on the public side: composed home page, content pages, booking records
    with profiles and portraits, and the Services, Team and Conditions pages."""
    from acuclinic.booking import demo as booking_demo
    from acuclinic.clinic import demo as clinic_demo
    from acuclinic.practice import demo as practice_demo

    clinic_demo.load(io.StringIO())
    booking_demo.load(io.StringIO())
    practice_demo.load(io.StringIO())
    return clinic_site
