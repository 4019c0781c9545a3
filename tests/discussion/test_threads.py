"""Threads on the page: replies one level deep, the staff badge, the count, pages of 50, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from acuclinic.discussion import services
from acuclinic.discussion.models import GuideComment

pytestmark = pytest.mark.django_db


def approved_comments(guide, count: int, *, start: int = 0) -> list[GuideComment]:
    made = []
    for n in range(start, start + count):
        comment = GuideComment(
            content_object=guide,
            site_id=1,
            user_name=f"Reader {n}",
            user_email=f"reader{n}@example.org",
            comment=f"Comment body number {n}.",
            submit_date=timezone.now() - dt.timedelta(minutes=1000 - n),
            is_public=True,
        )
        comment.save()
        made.append(comment)
    return made


@pytest.fixture
def practitioner_user(django_user_model):
    from acuclinic.booking.models import Practitioner

    user = django_user_model.objects.create_superuser("dokafor", "daniel@clinic.example", "x")
    Practitioner.objects.create(name="Daniel Okafor", slug="daniel-okafor", credential="Registered PT", user=user)
    return user


def test_staff_reply_carries_the_clinic_badge_with_credential(client, sciatica, approved_reader, practitioner_user):
    reply = services.reply_as_staff(approved_reader, user=practitioner_user, text="GB30 is often used; ask us.")
    assert (reply.level, reply.parent_id, reply.user_name, reply.status) == (
        1,
        approved_reader.pk,
        "Daniel Okafor",
        "approved",
    )
    html = client.get(sciatica.url).content.decode()
    thread = html[html.index(f'id="comment-{approved_reader.pk}"') :]
    replies = thread[thread.index('<ol class="comment-replies">') :]
    assert "Daniel Okafor" in replies
    assert '<span class="badge">Clinic · Registered PT</span>' in replies
    assert "2 comments" in html
    assert '"commentCount": 2' in html  # in the page's MedicalWebPage JSON-LD
    assert "daniel@clinic.example" not in html


def test_replying_to_a_pending_comment_approves_it(sciatica, post_comment, practitioner_user):
    post_comment(sciatica)
    held = GuideComment.objects.get()
    services.reply_as_staff(held, user=practitioner_user, text="Welcome!")
    held.refresh_from_db()
    assert held.status == "approved"


def test_comments_paginate_past_fifty_threads(client, sciatica):
    approved_comments(sciatica, 52)
    first = client.get(sciatica.url).content.decode()
    assert "52 comments" in first
    assert "Comment body number 0." in first and "Comment body number 49." in first
    assert "Comment body number 50." not in first
    assert f'href="{sciatica.url}?cpage=2#comments"' in first
    second = client.get(f"{sciatica.url}?cpage=2").content.decode()
    assert "Comment body number 50." in second and "Comment body number 51." in second
    assert "Comment body number 0." not in second
    assert "Page 2 of 2" in second
    # Nonsense page numbers show the first page instead of failing.
    assert client.get(f"{sciatica.url}?cpage=abc").status_code == 200
    assert client.get(f"{sciatica.url}?cpage=99").status_code == 200


def cold_queries(guide, settings) -> int:
    from django.core.cache import cache

    settings.PAGE_CACHE = False
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(guide.url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_comments(sciatica, settings, practitioner_user):
    threads = approved_comments(sciatica, 3)
    services.reply_as_staff(threads[0], user=practitioner_user, text="A staff answer.")
    few = cold_queries(sciatica, settings)
    more = approved_comments(sciatica, 40, start=3)
    for parent in more[:10]:
        services.reply_as_staff(parent, user=practitioner_user, text="Another staff answer.")
    assert cold_queries(sciatica, settings) == few


def test_warm_guide_page_adds_no_comment_queries(sciatica, settings):
    approved_comments(sciatica, 5)
    settings.PAGE_CACHE = False
    Client().get(sciatica.url)
    with CaptureQueriesContext(connection) as queries:
        Client().get(sciatica.url)
    assert not [q for q in queries if "django_comments" in q["sql"]]


def test_replies_under_a_hidden_comment_are_hidden_and_not_counted(client, sciatica, practitioner_user):
    [parent, _other] = approved_comments(sciatica, 2)
    services.reply_as_staff(parent, user=practitioner_user, text="An answer under the first comment.")
    services.mark_spam([parent])
    html = client.get(sciatica.url).content.decode()
    assert "An answer under the first comment." not in html
    assert "1 comment" in html and "Comment body number 1." in html
