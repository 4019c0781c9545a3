"""Every public page type in Chromium at desktop and phone widths: zero axe-core violations (light and dark),
no sideways scrolling down to 320 px, the header on one line at 1280 px, and a screenshot of each.

With ACUCLINIC_SCREENSHOTS=1 (`make screenshots`) a screenshot of each page is written to docs/screenshots/,
where the README links them; other runs take none.
"""

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from .axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

STATIC_PAGES = [
    ("home", "/"),
    ("team", "/team/"),
    ("practitioner", "/team/mei-lin-chen/"),
    ("services", "/services/"),
    ("service", "/services/initial-acupuncture/"),
    ("content-page", "/privacy-policy/"),
    ("conditions", "/conditions/"),
    ("atlas", "/acupoints/"),
    ("channel", "/acupoints/bl/"),
    ("point", "/acupoints/gb30/"),
    ("guide", "/acupoints/acupuncture-for-sciatica/"),
    ("search", "/search/?q=huantiao"),
    ("book-1-start", "/book/"),
    ("book-2-services", "/book/?patient=new"),
    ("book-3-practitioner", "/book/initial-acupuncture/?patient=new"),
    ("book-4-time", "/book/initial-acupuncture/mei-lin-chen/?patient=new"),
    ("not-found", "/no-such-page/"),
]


@pytest.fixture
def public_site(demo_site):
    from acuclinic.discussion import services
    from acuclinic.guides.models import ConditionGuidePage

    guide = ConditionGuidePage.objects.get(slug="acupuncture-for-sciatica")
    comment = services.post_comment(guide=guide, name="Sam R.", email="sam@example.org",
                                    text="Is a little more aching on the evening after a session usual?")  # fmt: skip
    services.approve([comment], by=None)
    return demo_site


def first_free_details_url():
    from acuclinic.booking import availability
    from acuclinic.booking.models import BookingRules, Practitioner, Service

    service = Service.objects.get(slug="initial-acupuncture")
    person = Practitioner.objects.get(slug="mei-lin-chen")
    today = timezone.localdate()
    offers = availability.free_offers(service=service, practitioner=person, first_day=today,
                                      last_day=today + dt.timedelta(days=14))  # fmt: skip
    # A time the patient can still change online, so the manage, cancel and reschedule pages show what
    # a patient normally sees rather than "too late to change".
    changeable = timezone.now() + dt.timedelta(hours=BookingRules.current().cancellation_notice_hours + 1)
    offer = next(o for o in offers if o.start > changeable)
    query = urlencode({"start": offer.start.isoformat(), "with": person.slug, "patient": "new"})
    return f"/book/initial-acupuncture/mei-lin-chen/details/?{query}"


def changeable_token():
    """The manage token of an appointment three days or more ahead, which the patient may still move."""
    from acuclinic.booking import availability, services
    from acuclinic.booking.models import Practitioner, Service

    service = Service.objects.get(slug="initial-acupuncture")
    person = Practitioner.objects.get(slug="mei-lin-chen")
    first = timezone.localdate() + dt.timedelta(days=3)
    offer = availability.free_offers(service=service, practitioner=person, first_day=first,
                                     last_day=first + dt.timedelta(days=14))[0]  # fmt: skip
    patient = services.Patient("Robin Patient", "robin@example.com", "+14165550155", new_patient=True)
    return services.book(service=service, practitioner=person, start=offer.start, patient=patient,
                         intake=services.Intake(), consent=True).manage_token  # fmt: skip


def check(page, axe, name, width, shots, problems, *, screenshot=True):
    # A click that navigates returns once the next page starts loading: axe on a page whose stylesheet has
    # not applied yet reports the bare list's links as too close (CI saw this once on reschedule-confirm).
    page.wait_for_load_state("load")
    found = violations(page, axe)
    if found:
        problems.append(f"{name} @ {width}px: " + "; ".join(f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found))
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"{name} @ {width}px scrolls sideways: {scroll}px wide")
    if screenshot and shots == DOCS:  # a full-page screenshot costs about a second; only `make screenshots` keeps them
        path = shots / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        keep_small(path)


def keep_small(path: Path) -> None:
    """A 256-colour palette: flat colours and text stay crisp, and the committed files are a quarter the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def book_in_the_browser(page):
    page.goto(first_free_details_url())
    page.get_by_label("Full name").fill("Alex Patient")
    page.get_by_label("Email").fill("alex@example.com")
    page.get_by_label("Phone").fill("416 555 0123")
    for question in ("pregnant", "blood thinners", "pacemaker", "bladder or bowel"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("No").check()
    page.get_by_label("I agree to the clinic's booking terms.").check()
    page.get_by_role("button", name="Book this appointment").click()
    page.wait_for_url("**/book/done/")


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "light"), (390, "dark")])
def test_every_public_page_type_passes_axe_and_fits_the_screen(
    browser, live_server, public_site, axe, serve_media, tmp_path, width, scheme
):
    from acuclinic.booking.models import Appointment

    keep = os.environ.get("ACUCLINIC_SCREENSHOTS") == "1" and scheme == "light"
    shots = DOCS if keep else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900},
                                  color_scheme=scheme)  # fmt: skip
    context.set_default_timeout(15_000)
    page = serve_media(context.new_page())
    problems: list[str] = []
    # As the shared page fixture does: nothing here may break the Content-Security-Policy.
    page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(f"CSP: {m.text}"))
    for name, path in [*STATIC_PAGES, ("book-5-details", first_free_details_url())]:
        response = page.goto(path)
        assert response.status == (404 if name == "not-found" else 200), path
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        page.wait_for_load_state("networkidle")
        check(page, axe, name, width, shots, problems)

    book_in_the_browser(page)
    check(page, axe, "book-6-booked", width, shots, problems)
    token = Appointment.objects.filter(patient_name="Alex Patient").latest("pk").manage_token
    page.goto(f"/book/manage/{token}/")
    assert page.get_by_role("link", name="Reschedule").is_visible()  # still changeable online
    check(page, axe, "manage", width, shots, problems)
    page.goto(f"/book/manage/{token}/?cancel=confirm")
    check(page, axe, "manage-cancel", width, shots, problems)
    # The first free time may be inside the cancellation notice (no reschedule then): move one days ahead.
    page.goto(f"/book/manage/{changeable_token()}/reschedule/")
    check(page, axe, "reschedule", width, shots, problems)
    with page.expect_navigation():
        page.locator("a.slot").first.click()  # a new time is confirmed on a page of its own, old → new
    check(page, axe, "reschedule-confirm", width, shots, problems)
    # A mobile menu that opens without JavaScript: <details>.
    if width < 1000:
        page.goto("/")
        page.get_by_text("Menu", exact=True).click()
        check(page, axe, "menu-open", width, shots, problems, screenshot=scheme == "light")
    context.close()
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_at_320_px_and_the_header_is_one_line_at_1280(
    browser, live_server, public_site, serve_media
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 700})
    page = serve_media(context.new_page())
    wide = []
    for name, path in STATIC_PAGES:
        page.goto(path)
        if (scroll := page.evaluate("document.documentElement.scrollWidth")) > 320:
            wide.append(f"{name}: {scroll}px")
    assert not wide
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    tops = page.evaluate(
        "['.brand', '.site-nav', '.site-header__actions'].map(s => document.querySelector(s).getBoundingClientRect())"
        ".map(r => [r.top, r.bottom])"
    )
    (brand, nav, actions) = tops
    assert nav[0] < brand[1] and actions[0] < brand[1] and actions[0] < nav[1]  # side by side, not stacked
    # Touch targets: every link and button in the header and the week view is at least 44 px high.
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/book/initial-acupuncture/mei-lin-chen/")
    small = page.evaluate(
        "[...document.querySelectorAll('.site-header a, .site-header summary, .slot, .day-strip a, .week__nav a')]"
        ".filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44).map(e => e.outerHTML)"
    )
    assert not small
    context.close()
