"""After booking: the end time, the clinic's time zone by name, an .ics to add to a calendar and the manage
link; on the manage page, cancelling asks first and is not the primary button."""

import re
from urllib.parse import urlencode

import pytest
from icalendar import Calendar

from acuclinic.booking.models import Appointment

FORM = {"name": "Alex Patient", "email": "alex@example.com", "phone": "(416) 555-0123", "new_patient": "yes",
        "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "consent": "on"}  # fmt: skip


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    from acuclinic.booking import tasks

    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


@pytest.fixture
def booked(client, every_day, slot):
    client.post("/book/treatment/ann/details/?" + urlencode({"start": slot.isoformat(), "with": "ann"}), FORM)
    return Appointment.objects.get()


def test_the_confirmation_shows_the_end_time_zone_calendar_file_and_manage_link(client, booked, slot):
    html = client.get("/book/done/").content.decode()
    assert "10:00</time>–<time" in html and ">10:45</time>" in html  # 45 minutes
    assert "(Eastern Time)" in html and "America/Toronto" not in html
    token = booked.manage_token
    assert f'href="/book/manage/{token}/"' in html
    assert f'href="/book/manage/{token}/appointment.ics" download>Add to calendar (.ics)</a>' in html
    ics = client.get(f"/book/manage/{token}/appointment.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == slot


def test_the_calendar_file_needs_a_valid_link_and_a_booked_appointment(client, booked):
    assert client.get("/book/manage/forged.token/appointment.ics").status_code == 404
    booked.status = Appointment.Status.CANCELLED
    booked.save()
    assert client.get(f"/book/manage/{booked.manage_token}/appointment.ics").status_code == 404


def test_cancel_asks_for_confirmation_and_is_not_the_primary_button(client, booked):
    url = f"/book/manage/{booked.manage_token}/"
    html = client.get(url).content.decode()
    assert "Yes, cancel" not in html and 'action="/book/manage/' not in html  # no one-click cancel form
    assert '<a class="link-danger" href="?cancel=confirm">Cancel this appointment…</a>' in html
    assert re.search(r'<a class="button" href="[^"]+/reschedule/">Reschedule</a>', html)
    confirm = client.get(url, {"cancel": "confirm"}).content.decode()
    assert "Cancel this appointment?" in confirm
    assert '<button class="button button--danger" type="submit">Yes, cancel this appointment</button>' in confirm
    assert ">No, keep it</a>" in confirm
    assert Appointment.objects.get().status == "booked"  # looking at the question changes nothing
