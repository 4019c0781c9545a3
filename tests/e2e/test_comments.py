"""Leave a Reply in a real browser: held, approved in the admin, then shown; a returning reader's comment
appears at once; a practitioner's answer from the admin carries the clinic's badge."""

import re

import pytest
from playwright.sync_api import expect

from acuclinic.booking.models import Practitioner

pytestmark = pytest.mark.django_db(transaction=True)
GUIDE = "/acupoints/acupuncture-for-sciatica/"


def leave_a_reply(page, text: str) -> None:
    page.goto(GUIDE)
    form = page.locator("form.comment-form")
    form.get_by_label("Comment").fill(text)
    form.get_by_label("Name").fill("Maya Chen")
    form.get_by_label("Email").fill("maya@example.org")
    form.get_by_role("button", name="Post Comment").click()


def test_comment_moderated_in_admin_then_replied_to_by_staff(
    browser, live_server, page, sciatica, settings, django_user_model
):
    settings.COMMENT_MIN_SECONDS = 0  # a script types faster than any reader; the rule has its own test
    moderator = django_user_model.objects.create_superuser("mod", "mod@clinic.example", "pw-for-browser")
    Practitioner.objects.create(name="Daniel Okafor", slug="daniel-okafor", credential="Registered PT", user=moderator)

    # 1. A first comment waits; its author sees it marked, a stranger does not.
    leave_a_reply(page, "Does GB30 treatment feel deep?")
    expect(page.locator(".comment--pending")).to_contain_text("Does GB30 treatment feel deep?")
    expect(page.locator(".comment--pending")).to_contain_text("awaiting moderation")
    stranger = browser.new_context(base_url=live_server.url).new_page()
    stranger.goto(GUIDE)
    expect(stranger.get_by_text("Does GB30 treatment feel deep?")).to_have_count(0)

    # 2. The moderator approves it in the Wagtail admin.
    admin = browser.new_context(base_url=live_server.url).new_page()
    admin.goto("/admin/login/")
    admin.get_by_label("Username").fill("mod")
    admin.get_by_label("Password").fill("pw-for-browser")
    admin.get_by_role("button", name=re.compile("Sign in")).click()
    expect(admin.get_by_text("1 comment waiting for approval")).to_be_visible()
    admin.goto("/admin/comments/")
    row = admin.locator("tr", has_text="Does GB30 treatment feel deep?")
    row.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text(re.compile("approved", re.I)).first).to_be_visible()

    stranger.goto(GUIDE)
    expect(stranger.locator(".comment")).to_contain_text(["Does GB30 treatment feel deep?"])
    expect(stranger.locator("#comments-heading")).to_have_text("1 comment")

    # 3. The same reader's next comment appears at once.
    leave_a_reply(page, "Thanks, booking now.")
    expect(page.locator(".comment", has_text="Thanks, booking now.")).not_to_have_class(re.compile("pending"))
    stranger.goto(GUIDE)
    expect(stranger.get_by_text("Thanks, booking now.")).to_be_visible()

    # 4. Staff answer the first comment from the queue; the answer carries the badge.
    admin.goto("/admin/comments/?status=approved")
    admin.locator("tr", has_text="Does GB30 treatment feel deep?").get_by_role("link", name="Reply").click()
    admin.get_by_label("Your reply").fill("It is a deep point; we go gently and check in with you.")
    admin.get_by_role("button", name="Publish reply").click()

    stranger.goto(GUIDE)
    reply = stranger.locator(".comment-replies .comment--staff")
    expect(reply).to_contain_text("It is a deep point")
    expect(reply.locator(".badge")).to_have_text("Clinic · Registered PT")
    html = stranger.content()
    assert "maya@example.org" not in html and "mod@clinic.example" not in html
