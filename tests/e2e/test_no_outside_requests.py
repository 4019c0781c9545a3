"""No page, public or admin, asks another host for anything, and none breaks its Content-Security-Policy.

Every request the browser makes is checked: one to a host other than the live server's fails the test
(and is aborted, so a test machine offline behaves like one online). Every CSP violation the page
reports (the ``securitypolicyviolation`` event, and Chromium's console line) fails it too.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Watch:
    def __init__(self, page, live_server):
        self.page = page
        self.own = urlsplit(live_server.url).netloc
        self.outside: list[str] = []
        self.console: list[str] = []
        self.violations: list[str] = []
        page.context.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))
        page.add_init_script(WATCH_VIOLATIONS)

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == self.own:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _console(self, message):
        if "Content Security Policy" in message.text or message.type == "error":
            self.console.append(f"{message.type}: {message.text}")

    def visit(self, path: str):
        response = self.page.goto(path)
        assert response is not None and response.status < 400, (path, response and response.status)
        assert response.headers.get("content-security-policy"), path
        self.page.wait_for_load_state("networkidle")
        self.collect(path)
        return response

    def collect(self, where: str):
        self.violations += [f"{where}: {text}" for text in self.page.evaluate("window.__cspViolations || []")]

    def assert_clean(self):
        assert not self.outside, f"requests to other hosts: {self.outside}"
        assert not self.violations, f"CSP violations: {self.violations}"
        assert not self.console, f"console errors: {self.console}"


@pytest.fixture
def watch(page, live_server):
    return Watch(page, live_server)


def test_public_pages_ask_no_other_host_and_keep_their_policy(watch, sciatica, every_day, slot):
    service = every_day["service"].slug
    day = slot.date().isoformat()
    start = slot.isoformat().replace("+", "%2B")
    for path in [
        "/",
        "/acupoints/",
        "/acupoints/gb30/",
        "/acupoints/acupuncture-for-sciatica/",
        "/book/",
        f"/book/{service}/",
        f"/book/{service}/ann/?from={day}",
        f"/book/{service}/any/details/?start={start}&with=ann",
        "/search/?q=gb30",
        "/robots.txt",
    ]:
        watch.visit(path)
    watch.assert_clean()


def test_the_admin_asks_no_other_host_and_keeps_its_policy(watch, page, sciatica):
    from acuclinic.atlas.models import Point
    from tests.factories import StaffFactory

    StaffFactory(username="editor")
    watch.visit("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    watch.collect("after sign-in")

    point = Point.objects.get(code="GB30")
    for path in [
        "/admin/",
        f"/admin/pages/{sciatica.get_parent().pk}/",
        f"/admin/pages/{sciatica.pk}/edit/",
        reverse(Point.snippet_viewset.get_url_name("edit"), args=[point.pk]),
    ]:
        watch.visit(path)
    watch.assert_clean()


def test_the_api_docs_load_swagger_ui_from_the_site_itself(watch, page, clinic_site):
    watch.visit("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("acuclinic API")
    watch.assert_clean()
