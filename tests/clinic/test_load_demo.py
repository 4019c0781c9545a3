import io

from django.core.management import call_command
from wagtail.models import Page, Site

from acuclinic.accounts.models import User
from acuclinic.clinic.models import ClinicSettings, HomePage, OpeningHours


def counts():
    return (Page.objects.count(), Site.objects.count(), ClinicSettings.objects.count(), OpeningHours.objects.count())


def test_load_demo_twice_neither_fails_nor_duplicates(db):
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_load_demo_keeps_what_staff_changed(db):
    call_command("load_demo", stdout=io.StringIO())
    clinic = ClinicSettings.objects.get()
    clinic.name = "Harbour Physio"
    clinic.save()
    call_command("load_demo", stdout=io.StringIO())
    assert ClinicSettings.objects.get().name == "Harbour Physio"


def test_demo_admin_creates_then_resets_the_admin_and_prints_a_working_login(db, client):
    out = io.StringIO()
    call_command("demo_admin", stdout=out)
    call_command("demo_admin", stdout=(out2 := io.StringIO()))
    assert User.objects.filter(username="admin").count() == 1
    password = out2.getvalue().split("password: ")[1].split()[0]
    assert password != out.getvalue().split("password: ")[1].split()[0]
    assert client.login(username="admin", password=password)
    assert User.objects.get(username="admin").is_superuser


def test_demo_comments_show_a_staff_answer_and_wait_for_moderation(db, client):
    from acuclinic.discussion.models import GuideComment

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert GuideComment.objects.approved().count() == 3
    assert GuideComment.objects.pending().count() == 1
    html = client.get("/acupoints/acupuncture-for-sciatica/").content.decode()
    assert "3 comments" in html
    assert "Clinic · Registered Acupuncturist" in html
    assert "Saturdays" not in html  # waiting in the moderation queue
