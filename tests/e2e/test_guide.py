import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_follows_a_point_link_to_the_atlas_and_back(page, live_server, sciatica):
    page.goto("/acupoints/acupuncture-for-sciatica/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acupuncture for Sciatica")
    expect(page.get_by_text("Last reviewed on 12 October 2026 by Daniel Okafor, Registered PT")).to_be_visible()
    page.get_by_role("link", name="Chéngshān (BL57)").click()
    expect(page).to_have_url(f"{live_server.url}/acupoints/bl57/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("BL57")
    expect(page.get_by_text("On the back of the lower leg (calf)")).to_be_visible()
    page.get_by_role("link", name="Acupuncture for Sciatica").click()
    expect(page).to_have_url(f"{live_server.url}/acupoints/acupuncture-for-sciatica/")
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/acupoints/bl57/")
