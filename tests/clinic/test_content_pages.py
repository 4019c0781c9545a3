"""Content pages (About, Fees, policies): StreamField text, questions and a call to action; in the footer."""

import re

from acuclinic.clinic.models import ContentPage


def test_the_demo_has_about_fees_cancellation_and_privacy_pages(client, demo_site):
    for slug, heading in [("about", "About us"), ("fees", "Fees and insurance receipts"),
                          ("cancellation-policy", "Cancellation policy"), ("privacy-policy", "Privacy policy")]:  # fmt: skip
        response = client.get(f"/{slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{heading}</h1>" in html
        assert '"@type": "BreadcrumbList"' in html
    assert (
        "Ready" in client.get("/about/").content.decode() or "Come and see us" in client.get("/about/").content.decode()
    )


def test_policies_are_linked_from_every_page_footer_and_about_from_the_menu(client, demo_site):
    html = client.get("/acupoints/gb30/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for title in ("Fees and insurance receipts", "Cancellation policy", "Privacy policy"):
        assert title in footer
    menu = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert re.findall(r">([^<]+)</a></li>", menu) == ["Services", "Team", "Conditions", "Acupoints", "About us"]


def test_the_privacy_policy_states_what_the_code_keeps_and_for_how_long(client, demo_site):
    """Each statement is checked against the code that makes it true."""
    from acuclinic.booking.models import Appointment
    from acuclinic.discussion import pending
    from acuclinic.discussion.management.commands.purge_comment_spam import Command

    text = re.sub(r"<[^>]+>", " ", client.get("/privacy-policy/").content.decode())
    stored = {f.name for f in Appointment._meta.get_fields()}
    assert {"patient_name", "patient_email", "patient_phone", "intake", "notes", "consent_at"} <= stored
    for words in ("name, email address and phone number", "screening questions", "notes box"):
        assert words in text
    assert pending.MAX_AGE == 30 * 24 * 3600 and "acuclinic_comments" in text and "30 days" in text
    parser = Command().create_parser("manage.py", "purge_comment_spam")
    assert parser.parse_args([]).days == 30 and "marked as spam are deleted" in text
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600 and "two weeks" in text
    assert "one hour" in text  # the rate limits' window (BOOKING_RATE_LIMIT, COMMENT_RATE_LIMIT per hour)


def test_a_content_page_can_be_made_under_home_with_every_block(client, demo_site):
    from wagtail.images import get_image_model

    home = demo_site["home"]
    image = get_image_model().objects.first()
    page = ContentPage(title="Parking", slug="parking", body=[
        ("text", "<p>Behind the building.</p>"),
        ("image", {"image": image, "caption": "The entrance"}),
        ("faq", {"heading": "Parking questions", "questions": [{"question": "Is it free?", "answer": "<p>No.</p>"}]}),
        ("cta", {"heading": "Book", "text": "Online or by phone."}),
    ])  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/parking/").content.decode()
    assert "Behind the building." in html and "<figcaption>The entrance</figcaption>" in html
    (img,) = re.findall(r'<figure class="figure"><picture>.*?(<img [^>]+>)', html)
    assert 'loading="lazy"' in img and re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "<summary>Is it free?</summary>" in html
    assert client.get("/parking/")["X-Cache"] == "hit"
