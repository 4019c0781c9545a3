"""A reader posts a comment: what is saved, what is shown, and to whom."""

import pytest
from django.core import mail

from acuclinic.discussion.models import CommentSettings, GuideComment, Moderation
from acuclinic.discussion.pending import COOKIE

pytestmark = pytest.mark.django_db


def shown_to(client, guide) -> str:
    return client.get(guide.url).content.decode()


def test_a_first_comment_waits_and_only_its_author_sees_it(client, sciatica, post_comment, django_user_model):
    django_user_model.objects.create_superuser("mod", "mod@clinic.example", "x")
    response = post_comment(sciatica)
    comment = GuideComment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{sciatica.url}#comment-{comment.pk}"
    assert comment.status == "pending" and comment.level == 0
    assert comment.user_name == "Maya Chen" and comment.user_email == "maya@example.org"
    assert COOKIE in response.cookies and response.cookies[COOKIE]["httponly"]

    page = shown_to(client, sciatica)
    assert "Does the needling hurt more on the calf" in page
    assert "awaiting moderation" in page

    from django.test import Client

    stranger = shown_to(Client(), sciatica)
    assert "Does the needling hurt more on the calf" not in stranger
    assert "awaiting moderation" not in stranger
    # The moderator heard about it.
    assert [m.to for m in mail.outbox] == [["mod@clinic.example"]]
    assert "Does the needling hurt" in mail.outbox[0].body and "maya@example.org" not in mail.outbox[0].body


def test_later_comments_from_an_approved_address_appear_at_once(client, sciatica, post_comment, approved_reader):
    post_comment(sciatica, email="MAYA@example.org", comment="A second question: how many sessions?")
    second = GuideComment.objects.latest("pk")
    assert second.status == "approved"
    from django.test import Client

    assert "A second question: how many sessions?" in shown_to(Client(), sciatica)


def test_more_than_two_links_are_held_even_for_an_approved_address(sciatica, post_comment, approved_reader):
    post_comment(sciatica, comment="See https://a.example, https://b.example and https://c.example")
    assert GuideComment.objects.latest("pk").status == "pending"
    post_comment(sciatica, comment="Only https://a.example and https://b.example")
    assert GuideComment.objects.latest("pk").status == "approved"


def test_blocklisted_words_mark_the_comment_as_spam(sciatica, post_comment, approved_reader):
    from acuclinic.discussion.models import BlockedTerm

    BlockedTerm.objects.create(term="  Cheap-Pills.example ")
    response = post_comment(sciatica, comment="Great article! Visit cheap-pills.EXAMPLE today")
    spam = GuideComment.objects.latest("pk")
    assert spam.status == "spam"
    assert response.status_code == 303  # the sender is not told (spammers learn nothing)


@pytest.mark.parametrize(("mode", "status"), [(Moderation.ALL, "pending"), (Moderation.NONE, "approved")])
def test_moderation_mode_is_a_site_setting(sciatica, clinic_site, post_comment, approved_reader, mode, status):
    rules = CommentSettings.for_site(clinic_site["site"])
    rules.moderation = mode
    rules.save()
    post_comment(sciatica, email="someone-new@example.org" if mode == Moderation.NONE else "maya@example.org")
    assert GuideComment.objects.latest("pk").status == status


def test_closed_comments_refuse_posts_and_hide_the_form(client, sciatica, clinic_site, post_comment):
    rules = CommentSettings.for_site(clinic_site["site"])
    rules.comments_open = False
    rules.save()
    assert "Comments are closed." in shown_to(client, sciatica)
    assert 'action="/comments/post/#comments"' not in shown_to(client, sciatica)
    response = post_comment(sciatica)
    assert response.status_code == 403
    assert "Comments on this guide are closed." in response.content.decode()
    assert not GuideComment.objects.exists()


def test_comments_close_after_the_configured_days(client, sciatica, clinic_site, post_comment):
    import datetime as dt

    from django.utils import timezone

    type(sciatica).objects.filter(pk=sciatica.pk).update(first_published_at=timezone.now() - dt.timedelta(days=40))
    sciatica.refresh_from_db()
    rules = CommentSettings.for_site(clinic_site["site"])
    rules.close_after_days = 30
    rules.save()
    assert post_comment(sciatica).status_code == 403
    rules.close_after_days = 60
    rules.save()
    assert post_comment(sciatica).status_code == 303


def test_a_double_submit_saves_one_comment(sciatica, post_comment):
    first = post_comment(sciatica)
    second = post_comment(sciatica)
    assert GuideComment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_replies_nest_one_level(sciatica, post_comment, approved_reader):
    post_comment(sciatica, reply_to=str(approved_reader.pk), comment="A reply to the first comment.")
    reply = GuideComment.objects.latest("pk")
    assert (reply.level, reply.parent_id, reply.thread_id) == (1, approved_reader.pk, approved_reader.pk)
    # Answering a reply answers its thread: still one level deep.
    post_comment(sciatica, reply_to=str(reply.pk), comment="A reply to the reply.")
    deeper = GuideComment.objects.latest("pk")
    assert (deeper.level, deeper.parent_id) == (1, approved_reader.pk)


def test_replying_to_a_hidden_or_foreign_comment_is_refused(sciatica, post_comment):
    from acuclinic.guides.models import ConditionGuidePage

    post_comment(sciatica, comment="Held comment")
    held = GuideComment.objects.get()
    response = post_comment(sciatica, reply_to=str(held.pk), comment="Reply to held", email="other@example.org")
    assert response.status_code == 400
    assert "no longer shown" in response.content.decode()
    other = ConditionGuidePage.objects.live().exclude(pk=sciatica.pk).first()
    GuideComment.objects.filter(pk=held.pk).update(is_public=True)
    response = post_comment(other, reply_to=str(held.pk), comment="Cross-guide reply", email="other@example.org")
    assert response.status_code == 400
    assert GuideComment.objects.count() == 1


def test_a_form_for_no_live_guide_is_a_bad_request(client, sciatica, post_comment):
    assert post_comment(sciatica, object_pk="999999").status_code == 400
    assert post_comment(sciatica, content_type="auth.user", object_pk="1").status_code == 400
    assert client.get("/comments/post/").status_code == 405
    assert not GuideComment.objects.exists()


def test_the_address_is_kept_for_moderators_and_a_bogus_proxy_header_is_ignored(sciatica, post_comment, settings):
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 1
    post_comment(sciatica, client=Client(HTTP_X_FORWARDED_FOR="198.51.100.7"))
    assert GuideComment.objects.get().ip_address == "198.51.100.7"
    response = post_comment(sciatica, client=Client(HTTP_X_FORWARDED_FOR="not-an-address"), comment="Second one")
    assert response.status_code == 303
    assert GuideComment.objects.latest("pk").ip_address is None
