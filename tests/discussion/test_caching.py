"""Guide pages stay in the page cache with a comment form whose stamp is new on every response."""

import re

import pytest
from django.test import Client

from acuclinic.clinic.content_cache import content_version
from acuclinic.discussion import services
from acuclinic.discussion.models import GuideComment

pytestmark = pytest.mark.django_db


def stamp_of(html: str) -> tuple[str, str]:
    return (
        re.search(r'name="timestamp" value="(\d+)"', html)[1],
        re.search(r'name="security_hash" value="([0-9a-f]{40})"', html)[1],
    )


class Clock:
    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now


def test_cached_guide_pages_get_a_fresh_signed_stamp_each_time(sciatica, monkeypatch):
    import acuclinic.discussion.forms as forms

    clock = Clock(1_900_000_000.0)
    monkeypatch.setattr(forms, "time", clock)
    reader = Client()
    first = reader.get(sciatica.url)
    clock.now += 42
    second = reader.get(sciatica.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert stamp_of(first.content.decode())[0] == "1900000000"
    assert stamp_of(second.content.decode())[0] == "1900000042"
    assert stamp_of(first.content.decode())[1] != stamp_of(second.content.decode())[1]
    assert "<!--fresh:" not in second.content.decode()


def test_a_held_comment_leaves_the_caches_alone_and_approval_renews_them(sciatica, post_comment):
    Client().get(sciatica.url)
    version = content_version()
    post_comment(sciatica)
    assert content_version() == version
    assert Client().get(sciatica.url)["X-Cache"] == "hit"

    services.approve(GuideComment.objects.all())
    assert content_version() != version
    page = Client().get(sciatica.url)
    assert page["X-Cache"] == "miss"
    assert "Does the needling hurt more" in page.content.decode()
    assert "1 comment" in page.content.decode()


def test_a_reader_with_a_held_comment_never_gets_or_fills_the_cache(client, sciatica, post_comment):
    post_comment(sciatica)
    own = client.get(sciatica.url)
    assert "X-Cache" not in own and "awaiting moderation" in own.content.decode()
    stranger = Client().get(sciatica.url)
    assert "awaiting moderation" not in stranger.content.decode()


def test_a_forged_pending_cookie_shows_nothing(sciatica, post_comment):
    post_comment(sciatica)
    comment = GuideComment.objects.get()
    forger = Client()
    forger.cookies["acuclinic_comments"] = str(comment.pk)
    assert "awaiting moderation" not in forger.get(sciatica.url).content.decode()


def test_spam_and_deleted_comments_disappear_from_cached_pages(sciatica, approved_reader):
    assert "Thank you." in Client().get(sciatica.url).content.decode()
    services.mark_spam([approved_reader])
    assert "Thank you." not in Client().get(sciatica.url).content.decode()
    services.approve([approved_reader])
    assert "Thank you." in Client().get(sciatica.url).content.decode()
    services.delete([approved_reader])
    assert "Thank you." not in Client().get(sciatica.url).content.decode()
    assert not GuideComment.objects.exists()


def test_deleting_a_thread_deletes_its_replies_and_counts_comments(sciatica, approved_reader, django_user_model):
    staff = django_user_model.objects.create_superuser("staff", "s@clinic.example", "x")
    services.reply_as_staff(approved_reader, user=staff, text="An answer.")
    assert services.delete([approved_reader]) == 2
    assert not GuideComment.objects.exists()


def test_the_shared_comments_section_never_carries_personal_parts(sciatica, post_comment, settings, django_user_model):
    settings.PAGE_CACHE = False  # the section's own cache, under the page cache
    assert "csrfmiddlewaretoken" not in Client().get(sciatica.url).content.decode()  # shared copy made

    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("ed", "ed@clinic.example", "x"))
    staff_page = staff.get(sciatica.url).content.decode()
    assert "csrfmiddlewaretoken" in staff_page and 'value="ed@clinic.example"' in staff_page

    rejected = post_comment(sciatica, email="not-an-email", comment="Private draft text")
    assert "Private draft text" in rejected.content.decode()
    post_comment(sciatica, comment="Held for its author")

    anonymous = Client().get(sciatica.url).content.decode()
    for personal in ("csrfmiddlewaretoken", "ed@clinic.example", "Private draft text", "Held for its author"):
        assert personal not in anonymous


def test_old_spam_is_purged_with_its_addresses(sciatica, approved_reader):
    import datetime as dt
    import io

    from django.core.management import call_command
    from django.utils import timezone

    old = services.post_comment(guide=sciatica, name="Bot", email="bot@spam.example", text="Buy now")
    recent = services.post_comment(guide=sciatica, name="Bot", email="bot@spam.example", text="Buy again")
    services.mark_spam([old, recent])
    GuideComment.objects.filter(pk=old.pk).update(submit_date=timezone.now() - dt.timedelta(days=31))
    out = io.StringIO()
    call_command("purge_comment_spam", "--days", "30", stdout=out)
    assert out.getvalue().strip() == "deleted 1 spam comments"
    assert set(GuideComment.objects.values_list("pk", flat=True)) == {approved_reader.pk, recent.pk}
