"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's live server.

Without Chromium the browser tests are skipped with one visible line, unless
ACUCLINIC_REQUIRE_BROWSER=1 (set by .ci/run), which turns a missing browser into a failure.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
REQUIRE = os.environ.get("ACUCLINIC_REQUIRE_BROWSER", "") not in ("", "0")
MISSING = f"browser tests skipped: no Chromium at {CHROMIUM} (install it with: apt-get install chromium)"


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "e2e" in item.path.parts]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if browser_items and not HAVE_CHROMIUM:
        if REQUIRE:
            raise pytest.UsageError(f"ACUCLINIC_REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
        config.get_terminal_writer().line(MISSING, yellow=True, bold=True)
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=MISSING))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Every browser test also checks that what it did kept within the Content-Security-Policy.
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"
