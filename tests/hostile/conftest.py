import datetime as dt
from dataclasses import dataclass

import pytest

from .probe import Probe
from .values import JSON, TEXT

TOTALS = {"sent": 0, "failed": 0}


@dataclass
class Known:
    """Working values for every slot, so that each hostile value is tried with everything else valid."""

    segments: dict[str, str]
    query: dict[str, str]
    body: dict[str, object]
    reschedule_to: str
    calendar_token: str


@pytest.fixture
def known(clinic_site, sciatica, every_day, slot, patient, intake, settings):
    from acuclinic.booking import services as booking
    from acuclinic.discussion import services as discussion

    # Limits would turn most of the table into 429s before it reaches the code under test.
    settings.BOOKING_RATE_LIMIT = 0
    settings.BOOKING_ATTEMPT_LIMIT = 0
    settings.COMMENT_RATE_LIMIT = 0
    settings.COMMENT_MIN_SECONDS = 0
    appointment = booking.book(
        service=every_day["service"],
        practitioner=every_day["ann"],
        start=slot + dt.timedelta(days=1),
        patient=patient,
        intake=intake,
        consent=True,
    )
    comment = discussion.post_comment(guide=sciatica, name="Maya Chen", email="maya@example.org", text="Thanks.")
    discussion.approve([comment])
    day = slot.date()
    return Known(
        segments={
            "token": appointment.manage_token,
            "service": every_day["service"].slug,
            "who": "any",
            "code": "gb30",
            "guide_id": str(sciatica.pk),
            "page_id": str(clinic_site["home"].pk),
            "page_view_restriction_id": "1",
            "restriction_id": "1",
            "group0": "1",
            "group1": "leaflet.pdf",
        },
        query={
            "service": every_day["service"].slug,
            "practitioner": "any",
            "start": day.isoformat(),
            "end": (day + dt.timedelta(days=6)).isoformat(),
            "q": "huantiao",
            "meridian": "gb",
            "region": "buttock",
            "limit": "5",
            "offset": "0",
            "page": "1",
            "from": day.isoformat(),
            "with": every_day["ann"].slug,
            "cpage": "1",
            "replytocom": str(comment.pk),
        },
        body={
            "service": every_day["service"].slug,
            "practitioner": every_day["bob"].slug,
            "start": slot.isoformat(),
            "name": "Alex Patient",
            "email": "alex@example.com",
            "phone": "+14165550123",
            "new_patient": True,
            "pregnant": False,
            "anticoagulants": False,
            "implanted_device": False,
            "red_flags": False,
            "consent": True,
            "notes": "",
        },
        reschedule_to=(slot + dt.timedelta(days=2, hours=1)).isoformat(),
        calendar_token=every_day["ann"].calendar_token,
    )


@pytest.fixture
def probe(known, django_capture_on_commit_callbacks, monkeypatch):
    probe = Probe(django_capture_on_commit_callbacks)
    probe.start_logging_capture(monkeypatch)
    yield probe
    TOTALS["sent"] += probe.sent
    TOTALS["failed"] += len(probe.failures)


def pytest_terminal_summary(terminalreporter):
    if TOTALS["sent"]:
        terminalreporter.write_line(
            f"hostile-input table: {len(TEXT)} text values (+{len(JSON)} JSON values in API bodies), "
            f"{TOTALS['sent']} hostile requests, {TOTALS['failed']} failed"
        )
