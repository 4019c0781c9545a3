"""Book Online without JavaScript: every step is a plain page or form; mistakes keep what was typed."""

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.core import mail

from acuclinic.booking.models import Appointment
from acuclinic.booking.views import SESSION_KEY

FORM = {"name": "Alex Patient", "email": "alex@example.com", "phone": "(416) 555-0123", "new_patient": "yes",
        "pregnant": "no", "anticoagulants": "no", "implanted_device": "no", "red_flags": "no", "consent": "on",
        "notes": "Left side worse."}  # fmt: skip


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    from acuclinic.booking import tasks

    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


def details_url(every_day, slot, who="any", with_="ann"):
    return f"/book/treatment/{who}/details/?" + urlencode({"start": slot.isoformat(), "with": with_})


def test_the_steps_lead_from_service_to_time(client, every_day, slot):
    assert 'href="/book/treatment/"' in client.get("/book/").content.decode()
    assert client.get("/book/?service=treatment")["Location"] == "/book/treatment/"
    practitioners = client.get("/book/treatment/").content.decode()
    assert 'href="/book/treatment/any/"' in practitioners and 'href="/book/treatment/ann/"' in practitioners
    times = client.get("/book/treatment/ann/", {"from": slot.date().isoformat()}).content.decode()
    assert "Times are in the clinic's time zone (Eastern Time)" in times  # by its name, not its key
    links = re.findall(r'<a class="slot" href="([^"]+)">10:00', times)
    assert links and "start=" in links[0]
    assert client.get(links[0].replace("&amp;", "&")).status_code == 200


def test_booking_through_the_form_confirms_and_emails(client, every_day, slot):
    response = client.post(details_url(every_day, slot), FORM)
    assert response.status_code == 302 and response["Location"] == "/book/done/"
    appointment = Appointment.objects.get()
    assert (appointment.practitioner, appointment.patient_phone, appointment.notes) == (
        every_day["ann"],
        "+14165550123",
        "Left side worse.",
    )
    done = client.get("/book/done/").content.decode()
    assert "You're booked" in done and "Treatment with Ann" in done
    assert len(mail.outbox) == 1
    # Patient data never goes into a URL.
    assert "alex" not in response["Location"] and client.session[SESSION_KEY] == appointment.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [({"email": "nope"}, "email"), ({"phone": "12"}, "phone"), ({"name": ""}, "name"), ({"consent": None}, "consent"),
     ({"pregnant": None}, "pregnant"), ({"notes": "x" * 1001}, "notes")],
)  # fmt: skip
def test_form_errors_are_shown_beside_the_field_and_keep_what_was_typed(client, every_day, slot, change, field):
    data = {k: v for k, v in (FORM | change).items() if v is not None}
    response = client.post(details_url(every_day, slot), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert data["notes"] in html and (field == "name" or 'value="Alex Patient"' in html)  # nothing typed is lost
    assert not Appointment.objects.exists()


def test_red_flags_stop_the_booking_and_say_where_to_go(client, every_day, slot):
    response = client.post(details_url(every_day, slot), FORM | {"red_flags": "yes"})
    html = response.content.decode()
    assert "Please seek urgent care now" in html and "emergency" in html
    assert not Appointment.objects.exists() and not mail.outbox


def test_a_slot_taken_meanwhile_says_so_and_offers_other_times(client, every_day, slot):
    client.post(details_url(every_day, slot, who="ann"), FORM)
    response = client.post(details_url(every_day, slot, who="ann"), FORM)
    assert response.status_code == 409
    html = response.content.decode()
    assert "just been taken" in html and 'href="/book/treatment/ann/"' in html
    assert 'value="Alex Patient"' in html


def test_manage_page_cancels_and_reschedules(client, every_day, slot):
    client.post(details_url(every_day, slot), FORM)
    token = Appointment.objects.get().manage_token
    page = client.get(f"/book/manage/{token}/").content.decode()
    assert "Cancel this appointment" in page and "Reschedule" in page
    new_start = slot + dt.timedelta(hours=2)
    response = client.post(f"/book/manage/{token}/reschedule/", {"start": new_start.isoformat(), "confirm": "yes"})
    assert response.status_code == 302
    assert Appointment.objects.get().start == new_start
    client.post(f"/book/manage/{token}/cancel/")
    assert Appointment.objects.get().status == "cancelled"
    assert "Book a new appointment" in client.get(f"/book/manage/{token}/").content.decode()


def test_after_the_cancellation_notice_the_page_says_to_call(client, every_day, tz):
    soon = (dt.datetime.now(tz) + dt.timedelta(hours=5)).replace(minute=0, second=0, microsecond=0)
    appointment = Appointment.objects.create(
        practitioner=every_day["ann"], service=every_day["service"], start=soon, end=soon + dt.timedelta(minutes=45),
        buffer_end=soon + dt.timedelta(hours=1), patient_name="Late Larry", patient_email="l@example.com",
    )  # fmt: skip
    page = client.get(f"/book/manage/{appointment.manage_token}/").content.decode()
    assert "too late to change this appointment online" in page
    assert 'href="tel:+14165550142"' in page
    client.post(f"/book/manage/{appointment.manage_token}/cancel/")
    assert Appointment.objects.get().status == "booked"


def test_manage_links_expire_after_the_appointment(client, every_day, tz):
    past = dt.datetime.now(tz) - dt.timedelta(days=2)
    appointment = Appointment.objects.create(
        practitioner=every_day["ann"], service=every_day["service"], start=past, end=past + dt.timedelta(minutes=45),
        buffer_end=past + dt.timedelta(hours=1), patient_name="Past Pat", patient_email="p@example.com",
    )  # fmt: skip
    response = client.get(f"/book/manage/{appointment.manage_token}/")
    assert response.status_code == 410
    assert "Past Pat" not in response.content.decode()


def test_unknown_links_are_404_and_reveal_nothing(client, every_day):
    assert client.get("/book/manage/forged.token/").status_code == 404


def test_the_booking_form_is_rate_limited(client, every_day, slot, settings):
    settings.BOOKING_RATE_LIMIT = 2
    codes = [client.post(details_url(every_day, slot + dt.timedelta(hours=i)), FORM).status_code for i in range(3)]
    assert codes == [302, 302, 429]


def test_guides_book_online_button_can_preselect_a_service(client, every_day, sciatica):
    assert client.get("/book/?service=treatment").status_code == 302
