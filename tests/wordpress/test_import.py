"""import_wordpress on the real export: pages, posts, the guide, comments, media and old links."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from .conftest import (
    ABOUT,
    EXPORT,
    FEES_PDF,
    PRIVACY,
    ROOM_IMAGE,
    SCIATICA,
    SLEEP_DRAFT,
    STAFF_ROTA,
    UPLOADS,
    WINTER,
    counts,
    page_for,
    write_variant,
)


def test_pages_and_posts_keep_title_slug_date_status_summary_and_author(imported):
    from acuclinic.clinic.models import ArticleIndexPage, ContentPage

    about, winter, draft, rota = (page_for(i) for i in (ABOUT, WINTER, SLEEP_DRAFT, STAFF_ROTA))
    assert all(isinstance(p, ContentPage) for p in (about, winter, draft, rota))
    assert about.title == "About the clinic" and about.live and about.get_parent().specific_class.__name__ == "HomePage"
    news = winter.get_parent().specific
    assert isinstance(news, ArticleIndexPage) and draft.get_parent().pk == news.pk
    assert (winter.slug, winter.live) == ("winter-opening-hours", True)
    assert winter.summary == "Later opening on Mondays from 1 December, and what it means for your booking."
    assert winter.first_published_at == dt.datetime(2023, 11, 20, 8, 30, tzinfo=dt.UTC)
    assert winter.owner.username == "meilin" and winter.owner.get_full_name() == "Mei Lin Chen"
    assert not winter.owner.is_active and not winter.owner.has_usable_password()
    assert not draft.live and draft.slug == "acupuncture-and-sleep"
    assert page_for(PRIVACY).live is False  # WordPress's own draft privacy policy stays a draft


def test_a_private_page_is_published_behind_a_sign_in(imported, client):
    from wagtail.models import PageViewRestriction

    rota = page_for(STAFF_ROTA)
    assert rota.live
    assert PageViewRestriction.objects.get(page=rota).restriction_type == PageViewRestriction.LOGIN
    response = client.get(rota.url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_blocks_become_the_content_page_blocks(imported, client):
    about = page_for(ABOUT)
    kinds = [block.block_type for block in about.body]
    assert kinds == ["text", "quote", "image", "buttons", "text", "table", "text", "link_out", "faq", "text"]
    blocks = {block.block_type: block.value for block in about.body}
    assert blocks["image"]["image"].title == "Treatment room"
    assert blocks["image"]["image"].description == "A treatment couch beside a window in a quiet room"
    assert blocks["table"]["data"][1] == ["First visit", "60 minutes", "95"]
    assert blocks["link_out"]["url"] == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    assert [q["question"] for q in blocks["faq"]["questions"]] == [
        "Do I need a referral?",
        "How long is a first visit?",
    ]
    html = client.get(about.url).content.decode()
    assert "<h2>Who we are</h2>" in html and "<li>Single-use sterile needles</li>" in html
    assert '<a class="button" href="/book/">Book Online</a>' in html
    assert "youtube.com/embed" not in html and "<iframe" not in html  # nothing third-party is loaded
    assert "<p>Opening hours</p><p>Monday to Saturday, 9 to 6.</p>" in html  # unknown markup kept as text


def test_media_become_images_and_documents_and_references_point_at_them(imported, client):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from acuclinic.wordpress.models import ImportedItem

    image = Image.objects.get(pk=ImportedItem.objects.get(kind="image", wp_id=ROOM_IMAGE).object_id)
    assert (image.width, image.height) == (640, 400)
    assert image.file.read() == (UPLOADS / "2023/06/treatment-room.png").read_bytes()
    document = Document.objects.get(pk=ImportedItem.objects.get(kind="document", wp_id=FEES_PDF).object_id)
    assert document.file.name.endswith(".pdf")
    winter = page_for(WINTER)
    assert [b.value["image"].pk for b in winter.body if b.block_type == "image"] == [image.pk]
    html = client.get(page_for(ABOUT).url).content.decode()
    assert f'href="{document.url}"' in html
    assert imported.missing_media == []


def test_attachments_missing_from_the_uploads_are_listed(run_import, tmp_path):
    from wagtail.images.models import Image

    before = Image.objects.count()
    report = run_import(uploads=tmp_path)
    assert Image.objects.count() == before
    text = report.render()
    assert "attachment 5 “Treatment room”: 2023/06/treatment-room.png" in text
    assert "page 7 “About the clinic”: /wp-content/uploads/2023/06/treatment-room.png" in text


def test_the_reference_page_becomes_a_draft_guide_whose_report_names_its_bl57_error(imported):
    from acuclinic.guides.models import ConditionGuidePage

    guide = page_for(SCIATICA)
    assert isinstance(guide, ConditionGuidePage) and not guide.live
    latest = guide.get_latest_revision_as_object()
    assert latest.condition == "Sciatica"
    points = [(b.value["point"].code, b.value["name"], b.value["location"]) for b in latest.points]
    assert points[:4] == [
        ("GB30", "Huantiao", "Located on the buttocks, near the hip joint"),
        ("GB34", "Yanglingquan", "Situated on the outer side of the lower leg, below the knee"),
        ("BL57", "Chengshan", "Found in the posterior thigh, just below the gluteal fold"),
        ("ST36", "Zusanli", "Situated below the knee, on the outside of the leg"),
    ]
    assert str(latest.reviewer) == "Ahmad Rezvani, Registered PT" and latest.reviewed_on == dt.date(2023, 5, 31)
    assert latest.faq[0].value["question"] == "Can acupuncture provide relief for sciatica pain?"
    assert "Understanding Sciatica:" in [b.value for b in latest.body if b.block_type == "heading"]
    text = imported.render()
    assert "(created, draft: it has errors)" in text
    bl57 = [line for line in imported.findings if "error" in line and "BL57" in line]
    assert bl57 and "lower leg" in bl57[0]


def test_points_are_found_by_code_name_or_both():
    from acuclinic.wordpress.guides import find_points

    points = find_points(
        ["Needling GB30 in the buttock helps.", "Yanglingquan lies on the outer side of the lower leg."]
    )
    assert [(p["code"], p["name"]) for p in points] == [("GB30", ""), ("GB34", "Yanglingquan")]
    assert points[1]["location"] == "Yanglingquan lies on the outer side of the lower leg"


def test_comments_keep_author_email_website_date_text_thread_and_state(imported):
    from django_comments_xtd.models import XtdComment

    from acuclinic.discussion.models import GuideComment

    guide = page_for(SCIATICA)
    comments = {c.user_name + ":" + c.comment[:12]: c for c in GuideComment.objects.on(guide)}
    question = comments["Sam Rivera:Does the nee"]
    assert question.user_email == "sam@reader.example" and question.user_url == "https://sam.example/"
    assert question.submit_date == dt.datetime(2023, 6, 3, 18, 12, tzinfo=dt.UTC)
    assert question.comment == "Does the needling at GB30 hurt?\nI am nervous about the first session."
    answer, thanks = comments["Mei Lin Chen:Most people "], comments["Sam Rivera:Thank you, t"]
    assert (answer.parent_id, answer.level) == (question.pk, 1)
    assert (thanks.thread_id, thanks.level) == (question.thread_id, 1)  # a reply to a reply joins the thread
    assert [question.order, answer.order, thanks.order] == [1, 2, 3]
    assert XtdComment.objects.get(pk=question.pk).nested_count == 2
    assert [c.status for c in (question, answer, thanks)] == ["approved"] * 3
    assert comments["Jordan:Do you see p"].status == "pending"
    assert comments["Alex:Posted twice"].status == "spam"  # WordPress's trash
    assert XtdComment.objects.filter(user_name="Priya").get().object_pk == str(page_for(WINTER).pk)


def test_spam_carries_over_as_spam(run_import, tmp_path):
    """WordPress's exporter leaves spam out; an export from a plugin or an older WordPress may hold it."""
    from acuclinic.discussion.models import GuideComment

    path = write_variant(
        tmp_path, "spam.xml", {"<wp:comment_approved><![CDATA[0]]>": "<wp:comment_approved><![CDATA[spam]]>"}
    )
    run_import(path)
    assert GuideComment.objects.on(page_for(SCIATICA)).get(user_name="Jordan").status == "spam"


def test_every_old_address_answers_301_to_the_new_page(imported, client):
    winter, about = page_for(WINTER), page_for(ABOUT)
    for old, new in [
        ("/winter-opening-hours/", winter.url),
        ("/2023/11/winter-opening-hours/", winter.url),
        (f"/?p={WINTER}", winter.url),
        (f"/?page_id={ABOUT}", about.url),
        ("/category/news/", winter.get_parent().url),
        ("/category/acupoints/", "/acupoints/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    assert client.get("/?p=999999").status_code == 200  # an unknown id is just the home page
    assert client.get("/?s=needles").status_code in (200, 404)  # other queries are left alone


def test_the_old_address_of_a_draft_guide_leads_to_it_once_published(imported, client):
    guide = page_for(SCIATICA)
    response = client.get("/acupuncture-for-sciatica/")
    if guide.url == "/acupuncture-for-sciatica/":  # after start_clinic (no demo guide) it keeps its address
        return
    assert (response.status_code, response["Location"]) == (301, guide.url)


def test_a_second_run_duplicates_nothing_and_updates_what_changed(run_import, tmp_path):
    first = run_import()
    after_first = counts()
    second = run_import()
    assert counts() == after_first
    assert second.counts[("pages", "unchanged")] == first.counts[("pages", "created")] - 1  # the news index
    assert second.counts[("comments", "unchanged")] == 6 and not second.counts[("comments", "created")]
    changed = write_variant(tmp_path, "changed.xml", {
        "Later opening on Mondays from 1 December": "Later opening on Mondays from 4 December",
        "Thanks for the notice.": "Thanks for the notice, see you Monday.",
    })  # fmt: skip
    third = run_import(changed)
    assert third.counts[("pages", "updated")] == 1 and third.counts[("comments", "updated")] == 1
    assert counts()["Page"] == after_first["Page"]
    assert page_for(WINTER).summary.startswith("Later opening on Mondays from 4 December")


def test_a_dry_run_writes_nothing_and_reports_the_same(run_import, media):
    before = counts()
    dry = run_import(dry_run=True)
    assert counts() == before
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    real = run_import()
    assert (
        dry.render().replace("Dry run: nothing was written. This is what the import would do.", "Imported.")
        == real.render()
    )


def test_a_malformed_file_writes_nothing(run_import, tmp_path, media):
    before = counts()
    broken = write_variant(
        tmp_path,
        "broken.xml",
        {
            "<wp:post_type><![CDATA[page]]></wp:post_type>\n\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t<wp:postmeta>\n\t\t<wp:meta_key><![CDATA[_wp_page_template]]></wp:meta_key>": "<wp:post_type>"
        },
    )
    with pytest.raises(
        CommandError, match=r"broken.xml: line \d+: the file is not well-formed XML.*Nothing was imported"
    ):
        call_command("import_wordpress", str(broken), "--uploads", str(UPLOADS))
    assert counts() == before
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_failure_part_way_rolls_back_and_removes_copied_files(run_import, media, monkeypatch):
    from acuclinic.wordpress import services

    before = counts()

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "import_comments", fail)
    with pytest.raises(RuntimeError):
        run_import()
    assert counts() == before
    assert not any(p.is_file() for p in media.rglob("*"))


def test_the_command_prints_the_report_and_no_progress_bar_when_not_on_a_terminal(clinic_site, media, capsys):
    call_command(
        "import_wordpress", str(EXPORT), "--uploads", str(UPLOADS), "--guides-category", "acupoints", "--dry-run"
    )
    out = capsys.readouterr().out
    assert out.startswith("Dry run: nothing was written.")
    assert "BL57" in out and "items" not in out.split("\n")[0] and "\r" not in out


def test_without_a_home_page_it_asks_for_start_clinic(clinic_site, media):
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(depth=1)
    site.save()
    before = counts()
    with pytest.raises(CommandError, match="start_clinic"):
        call_command("import_wordpress", str(EXPORT))
    assert counts() == before


def test_an_unknown_guides_category_is_refused(clinic_site, media):
    with pytest.raises(CommandError, match=r"no category “Guides”\. Its categories: Acupoints, News, Uncategorized"):
        call_command("import_wordpress", str(EXPORT), "--guides-category", "Guides")


def test_without_a_guides_category_every_post_is_an_article(run_import):
    from acuclinic.clinic.models import ContentPage

    run_import(guides_category=None)
    assert isinstance(page_for(SCIATICA), ContentPage) and page_for(SCIATICA).live


def test_on_a_terminal_a_progress_bar_counts_the_items(clinic_site, media):
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    call_command("import_wordpress", str(EXPORT), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "\r[" in text and "] 8/8 items" in text


def test_the_news_index_lists_the_published_posts_only(imported, client):
    news = page_for(WINTER).get_parent()
    html = client.get(news.url).content.decode()
    assert "Winter opening hours" in html and "Later opening on Mondays" in html
    assert "Acupuncture and sleep" not in html  # a draft
    assert '<time datetime="2023-11-20T' in html


def test_another_wordpress_site_with_the_same_ids_is_imported_beside_not_over(run_import, tmp_path):
    run_import()
    before = page_for(ABOUT).pk
    other = write_variant(tmp_path, "other-site.xml", {"http://localhost:8083": "https://second-clinic.example"})
    report = run_import(other)
    assert report.counts[("pages", "created")] >= 5 and not report.counts[("pages", "updated")]
    from acuclinic.wordpress.models import ImportedItem

    assert ImportedItem.objects.filter(kind="page", wp_id=ABOUT).count() == 2
    assert ImportedItem.objects.get(kind="page", wp_id=ABOUT, source="http://localhost:8083").object_id == before


def test_a_guide_without_errors_is_published_at_its_wordpress_date(run_import, tmp_path, client):
    fixed = write_variant(tmp_path, "fixed.xml", {
        "Found in the posterior thigh, just below the gluteal fold": "Found on the back of the lower leg, in the hollow below the calf muscle",
    })  # fmt: skip
    report = run_import(fixed)
    guide = page_for(SCIATICA)
    assert guide.live, report.render()
    assert guide.first_published_at == dt.datetime(2023, 5, 31, 9, tzinfo=dt.UTC)
    assert "(created, published)" in report.render()
    html = client.get(guide.url).content.decode()
    assert "Ahmad Rezvani" in html and "Does the needling at GB30 hurt?" in html  # the review stamp and comments
    assert "Do you see patients on Saturdays?" not in html  # pending: not shown
