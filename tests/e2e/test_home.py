import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_shows_book_online_and_a_working_call_us_link(page, clinic_site):
    page.goto("/")
    expect(page.get_by_role("link", name="Book Online").first).to_be_visible()
    call_us = page.get_by_role("link", name=re.compile(r"^Call Us")).first
    expect(call_us).to_be_visible()
    expect(call_us).to_have_attribute("href", "tel:+14165550142")
    # Reachable from the keyboard: tabbing through the header lands on it.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "tel:+14165550142":
            break
    else:
        pytest.fail("the Call Us link is not reachable with the keyboard")
