import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_typing_huantiao_into_the_atlas_search_finds_gb30(page, live_server, atlas_page):
    page.goto("/acupoints/")
    page.get_by_role("searchbox").fill("huantiao")
    page.keyboard.press("Enter")
    first = page.locator(".search-results li").first
    expect(first).to_contain_text("GB30")
    expect(first).to_contain_text("exact match")
    first.get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/acupoints/gb30/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("GB30 Huántiào")
    expect(page.get_by_role("heading", name="Cautions")).to_be_visible()
