"""Bad posts are refused with a message beside the field, the reader's text kept, and nothing saved."""

import re
import time

import pytest
from django.test import Client

from acuclinic.discussion.models import GuideComment

pytestmark = pytest.mark.django_db
TEXT = "My sciatica is worse when sitting; would GB30 help?"


def errors_beside(html: str, field: str) -> list[str]:
    block = re.search(rf'<label for="id_{field}">.*?</p>', html, re.S)
    assert block, f"no {field} field"
    return re.findall(r'<ul class="errorlist"[^>]*><li>(.*?)</li>', block[0])


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"comment": ""}, "comment", "This field is required."),
        ({"comment": "   \n  "}, "comment", "This field is required."),
        ({"name": ""}, "name", "This field is required."),
        ({"email": ""}, "email", "This field is required."),
        ({"email": "maya-at-example.org"}, "email", "Enter a valid email address."),
        ({"url": "javascript:alert(1)"}, "url", "Enter a valid URL."),
        ({"url": "ftp://files.example.org/"}, "url", "Enter a valid URL."),
        ({"comment": "x" * 3001}, "comment", "Ensure this value has at most 3000 characters (it has 3001)."),
        ({"name": "n" * 51}, "name", "Ensure this value has at most 50 characters (it has 51)."),
    ],
)
def test_field_errors_show_beside_the_field_and_keep_the_text(sciatica, post_comment, changes, field, message):
    fields = {"comment": TEXT, **changes}
    response = post_comment(sciatica, **fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert errors_beside(html, field) == [message]
    assert "Please correct the marked fields" in html
    if field != "comment":
        assert TEXT in html  # what the reader wrote is still in the form
    assert not GuideComment.objects.exists()


def test_required_fields_are_marked(client, sciatica):
    html = client.get(sciatica.url).content.decode()
    for field in ("comment", "name", "email"):
        label = re.search(rf'<label for="id_{field}">(.*?)</label>', html, re.S)[1]
        assert '<span class="required-mark" aria-hidden="true">*</span>' in label
        assert re.search(rf'<(input|textarea)[^>]*name="{field}"[^>]*required', html)
    assert "(optional)" in re.search(r'<label for="id_url">(.*?)</label>', html, re.S)[1]
    assert "We never publish your email address." in html
    assert "Leave a Reply" in html


def test_a_bot_filling_the_honeypot_is_refused(sciatica, post_comment):
    response = post_comment(sciatica, honeypot="http://spam.example")
    assert response.status_code == 400
    assert "looks automated" in response.content.decode()
    assert not GuideComment.objects.exists()


def test_a_post_faster_than_a_person_can_type_is_refused_with_the_text_kept(sciatica, post_comment, settings):
    settings.COMMENT_MIN_SECONDS = 5
    response = post_comment(sciatica, age=1, comment=TEXT)
    html = response.content.decode()
    assert response.status_code == 400
    assert "That was quick" in html and TEXT in html
    assert not GuideComment.objects.exists()
    assert post_comment(sciatica, age=6, comment=TEXT).status_code == 303


@pytest.mark.parametrize(
    "changes",
    [
        {"security_hash": "0" * 40},
        {"timestamp": "1"},  # hash no longer matches
        {"object_pk": "1"},  # stamp issued for another page
    ],
)
def test_a_tampered_stamp_is_refused(sciatica, post_comment, changes):
    response = post_comment(sciatica, **changes)
    assert response.status_code == 400
    assert not GuideComment.objects.exists()


def test_an_expired_form_asks_to_send_again_with_a_fresh_stamp(sciatica, post_comment, settings):
    response = post_comment(sciatica, age=settings.COMMENTS_TIMEOUT + 60, comment=TEXT)
    html = response.content.decode()
    assert response.status_code == 400
    assert "expired" in html and TEXT in html
    # The form shown again carries a new stamp, so sending it again works.
    fresh = int(re.search(r'name="timestamp" value="(\d+)"', html)[1])
    assert abs(fresh - time.time()) < 5
    assert not GuideComment.objects.exists()


def test_a_flood_from_one_address_is_rate_limited(sciatica, post_comment, settings):
    settings.COMMENT_RATE_LIMIT = 3
    for n in range(3):
        assert post_comment(sciatica, comment=f"Comment number {n}").status_code == 303
    response = post_comment(sciatica, comment="One too many")
    assert response.status_code == 429
    assert "many comments from your connection" in response.content.decode()
    assert "One too many" in response.content.decode()
    assert GuideComment.objects.count() == 3
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert post_comment(sciatica, client=other, comment="From elsewhere").status_code == 303


def test_signed_in_users_must_send_the_csrf_token(sciatica, django_user_model):
    from tests.discussion.conftest import stamped

    user = django_user_model.objects.create_superuser("editor", "editor@clinic.example", "x")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.post("/comments/post/", stamped(sciatica)).status_code == 403
    page = browser.get(sciatica.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = browser.post("/comments/post/", {**stamped(sciatica), "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    comment = GuideComment.objects.get()
    assert comment.user == user and comment.status == "approved"


def test_anonymous_pages_carry_no_csrf_token_or_cookie(client, sciatica):
    response = client.get(sciatica.url)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_a_refused_post_lands_on_the_comment_section_with_its_notice(client, sciatica, post_comment):
    assert 'action="/comments/post/#comments"' in client.get(sciatica.url).content.decode()
    response = post_comment(sciatica, comment="")
    html = response.content.decode()
    assert response.status_code == 400
    # The form posts to its own section, so the browser scrolls there: the notice and the form are inside it.
    section = html[html.index('id="comments"') :]
    assert "Please correct the marked fields" in section
    assert 'action="/comments/post/#comments"' in section
