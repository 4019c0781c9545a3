"""A hand-written hostile export: scripts, event handlers, javascript: links, paths out of the uploads."""

import pytest

from .conftest import FIXTURES, page_for

HOSTILE = FIXTURES / "hostile-export.xml"


@pytest.fixture
def hostile(run_import, tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    return run_import(HOSTILE, uploads=uploads, guides_category=None)


def test_the_page_comes_out_sanitised_with_its_words_kept(hostile, client):
    page = page_for(501)
    assert page.slug == "admin" and page.url.endswith("/admin/")
    assert page.summary == "Summary text"
    html = client.get(page.url).content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    for bad in ("<script", "onmouseover", "onerror", "onclick", "onstart", "javascript:", "<iframe", "evil.example",
                "<marquee", "Win a prize"):  # fmt: skip
        assert bad not in article, bad
    for words in ("Read this and", 'href="https://ok.example/"', "Plain words survive", "Plugin words", "cell",
                  '<a class="button" href="/book/">Book Online</a>'):  # fmt: skip
        assert words in article, words
    assert "&lt;script&gt;" in html  # the title's markup is shown as text, never run


def test_the_report_lists_what_was_removed_kept_as_text_or_left_out(hostile):
    text = hostile.render()
    assert "<script> removed (never imported, for safety)" in text
    assert "<iframe> removed" in text
    assert "unknown-plugin/widget" in text
    assert "shortcode [contact-form-7] kept as text" in text
    assert "1 item(s) of type “nav_menu_item”" in text
    assert "its parent page is not in the export" in text
    assert "comments: 1 created, 1 pingbacks left out" in text


def test_attachments_can_never_read_outside_the_uploads_folder(hostile):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    assert not Document.objects.filter(title__in=["passwd", "hostname"]).exists()
    assert not Image.objects.filter(title__in=["passwd", "hostname"]).exists()
    assert "attachment 601 “passwd”: ../../../../etc/passwd" in hostile.render()
    assert "attachment 602 “hostname”: /etc/hostname" in hostile.render()


def test_a_hostile_comment_is_cleaned_like_any_other(hostile):
    from django_comments_xtd.models import XtdComment

    comment = XtdComment.objects.get(object_pk=str(page_for(501).pk))
    assert comment.user_name == "Eveevil"  # the bidi override is gone
    assert comment.user_url == "" and comment.user_email == ""
    assert comment.comment == "Nice post" and "<" not in comment.comment
