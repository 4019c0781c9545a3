"""manage.py start_clinic on a freshly migrated database: the tree, the address, the drafts, the admin, no demo data."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from acuclinic import starting
from acuclinic.clinic.models import ClinicSettings, ContentPage, HomePage
from acuclinic.clinic.starter_pages import PLACEHOLDER

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long Clinic passphrase 7"
ARGS = {
    "name": "Harbour Acupuncture",
    "phone": "020 7946 0018",
    "country": "GB",
    "address": "1 Quay Street",
    "city": "London",
    "postal_code": "E1 6AN",
    "time_zone": "Europe/London",
    "url": "https://harbour-clinic.example",
    "admin_username": "owner",
    "admin_email": "owner@harbour-clinic.example",
}


@pytest.fixture
def fresh_install(clinic_site):
    """The database as `manage.py migrate` leaves it: the tree root, Wagtail's welcome page on localhost:80.

    The test database is loaded once with the demo's base site; it is taken away inside the test's own
    transaction, which is rolled back afterwards. The atlas's data rows stay (see ``empty_atlas``): loading
    them again is what start_clinic does on a re-run, and deleting 410 points costs each test seconds."""
    for top in Page.objects.filter(depth=2):
        top.delete()
    Site.objects.all().delete()
    ClinicSettings.objects.all().delete()
    root = Page.get_first_root_node()
    welcome = root.add_child(instance=Page(title=starting.WAGTAIL_WELCOME_TITLE, slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
    return welcome


@pytest.fixture
def empty_atlas(fresh_install):
    from acuclinic.atlas.models import Meridian, Point

    Point.objects.all().delete()
    Meridian.objects.all().delete()


def start(monkeypatch, password=PASSWORD, **changes):
    if password is None:
        monkeypatch.delenv(starting.PASSWORD_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(starting.PASSWORD_VARIABLE, password)
    options = {**ARGS, **changes}
    argv = ["--no-input"]
    for key, value in options.items():
        flag = f"--{key.replace('_', '-')}"
        if value is True:
            argv.append(flag)
        elif value is not None:
            argv.append(f"{flag}={value}")
    out = io.StringIO()
    call_command("start_clinic", *argv, stdout=out)
    return out.getvalue()


def snapshot():
    from acuclinic.atlas.models import Point

    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
        "sites": sorted(Site.objects.values_list("hostname", "port", "site_name", "root_page_id")),
        "clinic": sorted(ClinicSettings.objects.values_list("name", "phone", "street_address", "country")),
        "users": sorted(get_user_model().objects.values_list("username", "email", "password", "is_superuser")),
        "points": Point.objects.count(),
    }


def test_start_clinic_builds_the_tree_with_the_whole_atlas_and_no_demo_data(fresh_install, empty_atlas, monkeypatch):
    from acuclinic.atlas.models import AtlasIndexPage, Point
    from acuclinic.atlas.schema import read_all
    from acuclinic.booking.models import Appointment, Practitioner, Service
    from acuclinic.guides.models import ConditionGuidePage

    out = start(monkeypatch)
    assert "atlas loaded: " in out
    assert "Harbour Acupuncture is set up at https://harbour-clinic.example/" in out

    home = HomePage.objects.get()
    assert home.title == "Harbour Acupuncture" and home.live and len(home.body)
    assert not Page.objects.filter(title=starting.WAGTAIL_WELCOME_TITLE).exists()
    children = [(p.slug, p.specific_class.__name__, p.live) for p in home.get_children()]
    assert children == [
        ("services", "ServicesPage", True),
        ("team", "TeamPage", True),
        ("conditions", "ConditionsPage", True),
        ("acupoints", "AtlasIndexPage", True),
        ("about", "ContentPage", False),
        ("fees", "ContentPage", False),
        ("cancellation-policy", "ContentPage", False),
        ("privacy-policy", "ContentPage", False),
    ]
    assert AtlasIndexPage.objects.get().live
    in_files = sum(len(channel.points) for channel in read_all())
    assert Point.objects.count() == in_files and in_files > 400

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id, site.site_name) == (
        "harbour-clinic.example",
        443,
        home.pk,
        "Harbour Acupuncture",
    )
    clinic = ClinicSettings.for_site(site)
    assert (clinic.name, clinic.phone, clinic.street_address, clinic.locality, clinic.postal_code, clinic.country) == (
        "Harbour Acupuncture",
        "+442079460018",
        "1 Quay Street",
        "London",
        "E1 6AN",
        "GB",
    )
    from django.contrib.sites.models import Site as DjangoSite

    assert DjangoSite.objects.get_current().domain == "harbour-clinic.example"

    owner = get_user_model().objects.get(username="owner")
    assert owner.is_superuser and owner.is_staff and owner.is_active and owner.email == "owner@harbour-clinic.example"
    assert owner.check_password(PASSWORD)

    # No demo people, appointments, comments or guides; nothing published with a placeholder in it.
    from django_comments_xtd.models import XtdComment

    assert not Practitioner.objects.exists() and not Service.objects.exists() and not Appointment.objects.exists()
    assert not XtdComment.objects.exists() and not ConditionGuidePage.objects.exists()
    assert starting.existing_content() == [], "start_clinic's own tree is not 'content' for a re-run"
    assert PLACEHOLDER not in str(home.body.raw_data)


def test_the_standard_pages_are_drafts_with_marked_placeholders_and_the_privacy_text(fresh_install, monkeypatch):
    from acuclinic.clinic import demo_pages

    start(monkeypatch)
    drafts = {page.slug: page for page in ContentPage.objects.all()}
    assert set(drafts) == {"about", "fees", "cancellation-policy", "privacy-policy"}
    for page in drafts.values():
        assert not page.live and page.latest_revision is not None
        body = str(page.latest_revision.as_object().body.raw_data)
        assert PLACEHOLDER in body, page.slug
    # The privacy policy keeps the demo's statements, which tests/clinic/test_content_pages.py checks against the code.
    demo_privacy = next(page for page in demo_pages.CONTENT_PAGES if page[0] == "privacy-policy")[4][0][1]
    privacy = drafts["privacy-policy"].latest_revision.as_object()
    assert any(block.value.source == demo_privacy for block in privacy.body if block.block_type == "text")


def test_the_new_site_answers_on_its_own_address(fresh_install, monkeypatch, client, settings):
    start(monkeypatch)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "harbour-clinic.example"]
    visit = {"HTTP_HOST": "harbour-clinic.example", "secure": True}
    home = client.get("/", **visit)
    assert home.status_code == 200
    html = home.content.decode()
    assert "<h1" in html and "Harbour Acupuncture" in html and "tel:+442079460018" in html
    assert "Welcome to your new Wagtail site" not in html
    point = client.get("/acupoints/gb30/", **visit)
    assert point.status_code == 200 and "Huantiao" in point.content.decode().replace("à", "a").replace("á", "a")
    for path in ("/book/", "/services/", "/team/", "/conditions/", "/acupoints/"):
        assert client.get(path, **visit).status_code == 200, path
    assert client.get("/about/", **visit).status_code == 404  # a draft until the owner publishes it

    sitemap = client.get("/sitemap.xml", **visit)
    assert sitemap.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())
    assert "https://harbour-clinic.example/" in locations
    assert "https://harbour-clinic.example/acupoints/" in locations
    assert all(url.startswith("https://harbour-clinic.example/") for url in locations), locations[:3]
    assert not any("/about/" in url or "/privacy-policy/" in url for url in locations)


def test_a_port_in_the_address_becomes_the_sites_port(fresh_install, monkeypatch):
    out = start(monkeypatch, url="http://192.168.1.20:8615/")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("192.168.1.20", 8615, "http://192.168.1.20:8615")
    assert "BASE_URL=http://192.168.1.20:8615\n" in out


def test_a_second_run_changes_nothing_and_says_so(fresh_install, monkeypatch):
    start(monkeypatch)
    before = snapshot()
    out = start(monkeypatch)
    assert "Nothing to change: Harbour Acupuncture is already set up as asked." in out
    assert snapshot() == before


def test_it_tells_the_owner_the_environment_lines_and_recognises_them(fresh_install, monkeypatch, settings):
    out = start(monkeypatch)
    for line in ("BASE_URL=https://harbour-clinic.example", "TIME_ZONE=Europe/London",
                 "ALLOWED_HOSTS=harbour-clinic.example"):  # fmt: skip
        assert f"  {line}\n" in out
    settings.BASE_URL, settings.TIME_ZONE = "https://harbour-clinic.example", "Europe/London"
    settings.ALLOWED_HOSTS = ["harbour-clinic.example"]
    assert "The environment already has BASE_URL, TIME_ZONE and ALLOWED_HOSTS" in start(monkeypatch)


def test_new_values_on_a_later_run_are_applied_and_reported(fresh_install, monkeypatch):
    start(monkeypatch)
    out = start(monkeypatch, phone="+44 20 7946 0999", password="another long passphrase 8")
    assert "clinic settings set (phone)" in out and "admin user 'owner' updated (password)" in out
    assert ClinicSettings.objects.get().phone == "+442079460999"
    assert get_user_model().objects.get(username="owner").check_password("another long passphrase 8")


def test_it_refuses_to_run_over_the_demo_and_changes_nothing(fresh_install, monkeypatch):
    call_command("load_demo", stdout=io.StringIO())
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        start(monkeypatch)
    message = str(refused.value)
    assert "already has content" in message and "practitioners" in message and "load_demo" in message
    assert "--force" in message and "Nothing was changed" in message
    assert snapshot() == before


def test_it_refuses_over_a_page_the_clinic_added_after_starting(fresh_install, monkeypatch):
    start(monkeypatch)
    HomePage.objects.get().add_child(instance=ContentPage(title="Parking", slug="parking", body=[]))
    with pytest.raises(CommandError, match="1 other pages"):
        start(monkeypatch)


def test_force_runs_over_the_demo_without_deleting_or_overwriting_anything(fresh_install, monkeypatch):
    from acuclinic.booking.models import Practitioner

    call_command("load_demo", stdout=io.StringIO())
    about = ContentPage.objects.get(slug="about")
    pages_before = set(Page.objects.values_list("pk", flat=True))
    start(monkeypatch, force=True)
    assert set(Page.objects.values_list("pk", flat=True)) == pages_before  # the demo's tree was complete
    assert ContentPage.objects.get(pk=about.pk).live and Practitioner.objects.count() == 3
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "harbour-clinic.example"
    assert ClinicSettings.for_site(site).name == "Harbour Acupuncture"


BAD_INPUT = [
    ({"phone": "12"}, "'12' is not a valid phone number in GB"),
    ({"phone": "416 555 0142"}, "not a valid phone number in GB"),  # a Canadian number read in the UK
    ({"country": "XX"}, "not a two-letter country code"),
    ({"url": "ftp://harbour-clinic.example"}, "cannot be the site's address"),
    ({"url": "https://harbour-clinic.example/clinic/"}, "no path"),
    ({"url": "harbour-clinic.example"}, "it is not a web address"),
    ({"url": "https://user:pw@harbour-clinic.example"}, "no user name or password"),
    ({"url": "https://harbour-clinic.example:99999"}, "it is not a web address"),
    ({"time_zone": "Europe/Londn"}, "'Europe/Londn' is not a time zone name"),
    ({"time_zone": "../../etc/passwd"}, "is not a time zone name"),
    ({"name": "   "}, "The clinic's name is empty"),
    ({"admin_email": "owner-at-clinic"}, "is not an email address"),
    ({"admin_username": "bad name!"}, "admin user name"),
    ({"password": None}, "set ACUCLINIC_ADMIN_PASSWORD in the environment"),
    ({"password": "short"}, "password is too weak"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_INPUT, ids=[str(c) for c, _m in BAD_INPUT])
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_written(fresh_install, monkeypatch, changes, message):
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        start(monkeypatch, **changes)
    assert message in str(refused.value)
    assert snapshot() == before
    assert Page.objects.filter(title=starting.WAGTAIL_WELCOME_TITLE).exists()


def test_a_failure_half_way_leaves_nothing_behind(empty_atlas, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk filled up")

    before = snapshot()
    monkeypatch.setattr(starting, "_ensure_admin", broken)
    with pytest.raises(RuntimeError):
        start(monkeypatch)
    assert snapshot() == before and not HomePage.objects.exists()
    assert before["points"] == 0  # the atlas, loaded before the failure, went with the rest


def test_interactive_mode_asks_with_defaults_and_asks_again_after_a_bad_answer(fresh_install, monkeypatch):
    answers = iter([
        "", "Harbour Acupuncture", "gb", "12", "020 7946 0018", "1 Quay Street", "London", "", "E1 6AN",
        "Mars/Olympus", "Europe/London", "https://harbour-clinic.example", "", "owner@harbour-clinic.example",
    ])  # fmt: skip
    asked = []

    def fake_input(prompt):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", fake_input)
    passwords = iter(["short", "short", PASSWORD, "typo", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(passwords))
    monkeypatch.delenv(starting.PASSWORD_VARIABLE, raising=False)
    err = io.StringIO()
    call_command("start_clinic", stdout=io.StringIO(), stderr=err)
    for refusal in ("name is empty", "not a valid phone number", "not a time zone name", "password is too weak",
                    "The two passwords differ"):  # fmt: skip
        assert refusal in err.getvalue()
    assert "Admin user name [admin]: " in asked  # the default, taken by the empty answer
    owner = get_user_model().objects.get(username="admin")
    assert owner.is_superuser and owner.check_password(PASSWORD)
    assert ClinicSettings.objects.get().phone == "+442079460018"


def test_the_command_exits_non_zero_without_the_password_and_never_takes_it_as_an_option(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != starting.PASSWORD_VARIABLE}
    env.update(ACUCLINIC_VAR_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("DATABASE_URL", None)
    argv = [sys.executable, "manage.py", "start_clinic", "--no-input"]
    argv += [f"--{key.replace('_', '-')}={value}" for key, value in ARGS.items()]
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "set ACUCLINIC_ADMIN_PASSWORD in the environment" in result.stderr
    assert "--password" not in subprocess.run(
        [sys.executable, "manage.py", "start_clinic", "--help"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    ).stdout  # fmt: skip
