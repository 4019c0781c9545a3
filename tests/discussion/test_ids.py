"""Ids in the comment form and the guide's comment links: anything that is not a plain id of a shown
comment or guide is refused (a 400 with a message, or ignored in a link), never a server error."""

import pytest

from acuclinic.discussion.models import GuideComment

pytestmark = pytest.mark.django_db
NOT_IDS = ["99999999999999999999999", "9223372036854775808", "-1", "²", "١٢", "1e3", "1_0", " 1", "0x1", "", "a.b"]


@pytest.mark.parametrize("value", NOT_IDS)
def test_an_object_pk_that_is_no_guide_is_a_bad_request(sciatica, post_comment, value):
    response = post_comment(sciatica, object_pk=value)
    assert response.status_code == 400
    assert "does not belong to a published guide" in response.content.decode()
    assert not GuideComment.objects.exists()


@pytest.mark.parametrize("value", [v for v in NOT_IDS if v not in ("", " 1")])
def test_a_reply_to_that_is_no_comment_is_refused_with_the_text_kept(sciatica, post_comment, approved_reader, value):
    response = post_comment(sciatica, reply_to=value, comment="My reply, kept.", email="new@example.org")
    html = response.content.decode()
    assert response.status_code == 400
    assert "The comment you replied to is no longer shown" in html
    assert "My reply, kept." in html
    assert GuideComment.objects.count() == 1


@pytest.mark.parametrize("param", ["cpage", "replytocom"])
@pytest.mark.parametrize("value", [*NOT_IDS, "100001", "0"])
def test_comment_links_with_no_usable_id_show_the_guide(client, sciatica, approved_reader, param, value):
    response = client.get(sciatica.url, {param: value})
    assert response.status_code == 200
    assert "Leave a Reply" in response.content.decode()


def test_a_reply_link_to_a_large_id_does_not_answer_another_comment(client, sciatica, approved_reader):
    # An id past the page-number limit is still an id: it must not fall back to comment 1.
    html = client.get(sciatica.url, {"replytocom": str(approved_reader.pk + 100_000)}).content.decode()
    heading = '<h2 id="reply-title">Reply to Maya Chen</h2>'
    assert '<h2 id="reply-title">Leave a Reply</h2>' in html and heading not in html
    assert heading in client.get(sciatica.url, {"replytocom": approved_reader.pk}).content.decode()


@pytest.mark.parametrize("value", ["99999999999999999999999", "9223372036854775808", "-99999999999999999999999", "0"])
def test_the_comments_api_refuses_an_id_no_guide_can_have(client, sciatica, value):
    # The API's error model (h10-api) answers an id outside 1..2**63-1 with a validation error.
    response = client.get(f"/api/v1/guides/{value}/comments")
    assert response.status_code in (404, 422)
    assert response.json()["detail"]
