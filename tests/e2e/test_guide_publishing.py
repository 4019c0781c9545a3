"""Issue 10, fault 0 (a) in a real browser: Pages › Acupoints › tick the guide › Publish › "Yes, publish"
with a draft that places BL57 on the thigh. The admin names the guide and its error; the site is unchanged."""

import re

import pytest
from playwright.sync_api import expect

from tests.guides.test_publishing import WRONG, save_draft

pytestmark = pytest.mark.django_db(transaction=True)
GUIDE = "/acupoints/acupuncture-for-sciatica/"


def sign_in(page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@clinic.example", "pw-for-browser")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-for-browser")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_bulk_publishing_a_guide_with_a_wrong_location_is_refused_in_the_admin(
    page, live_server, sciatica, atlas_page, django_user_model, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    save_draft(sciatica, WRONG)
    sign_in(page, django_user_model)
    page.goto(f"/admin/pages/{atlas_page.pk}/")
    row = page.locator("tr", has_text="Acupuncture for Sciatica")
    row.get_by_role("checkbox").check()
    page.locator("[data-bulk-action-footer]").get_by_role("link", name="Publish selected pages", exact=True).click()
    page.get_by_role("button", name="Yes, publish").click()
    expect(
        page.get_by_text(
            re.compile("“Acupuncture for Sciatica” was not published: it does not pass the atlas checks. BL57")
        )
    ).to_be_visible()
    expect(page.get_by_text("Nothing was published.")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / f"refused-{width}.png"))
    page.goto(GUIDE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acupuncture for Sciatica")
    assert WRONG not in page.content()
