"""One manage-link lookup (signature, kind, expiry) for the pages and the API (issue 10, fault 4):
once the appointment is over, the link opens nothing anywhere (410), and changes nothing."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from acuclinic.booking import services
from acuclinic.booking.models import Appointment


@pytest.fixture
def over(every_day, slot, patient, intake):
    """An appointment that ended two hours ago (booked in the future, then moved into the past)."""
    appointment = services.book(service=every_day["service"], practitioner=every_day["ann"], start=slot,
                                patient=patient, intake=intake, consent=True)  # fmt: skip
    start = timezone.now() - dt.timedelta(hours=3)
    Appointment.objects.filter(pk=appointment.pk).update(
        start=start, end=start + dt.timedelta(hours=1), buffer_end=start + dt.timedelta(hours=1)
    )
    return appointment


def error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] and body["detail"] and body["errors"] == []
    return body


def test_the_api_says_gone_for_an_appointment_that_is_over(client, over):
    body = error(client.get(f"/api/v1/appointments/{over.manage_token}"), 410)
    assert body["code"] == "expired" and "Alex" not in json.dumps(body)


def test_cancel_and_reschedule_through_the_api_are_gone_too(client, over, slot):
    token = over.manage_token
    error(client.post(f"/api/v1/appointments/{token}/cancel", content_type="application/json"), 410)
    moved = client.post(f"/api/v1/appointments/{token}/reschedule", json.dumps({"start": slot.isoformat()}),
                        content_type="application/json")  # fmt: skip
    error(moved, 410)
    over.refresh_from_db()
    assert over.status == "booked" and over.start < timezone.now()


def test_the_pages_say_gone_too_and_show_no_patient_data(client, over):
    token = over.manage_token
    for response in (
        client.get(f"/book/manage/{token}/"),
        client.get(f"/book/manage/{token}/reschedule/"),
        client.post(f"/book/manage/{token}/cancel/"),
    ):
        assert response.status_code == 410
        assert b"Alex" not in response.content and b"Ann" not in response.content
    over.refresh_from_db()
    assert over.status == "booked"


def test_a_link_works_until_an_hour_after_the_end(over):
    from acuclinic.booking.links import LinkExpired, open_manage_link

    token = over.manage_token
    over.refresh_from_db()
    assert open_manage_link(token, now=over.end + dt.timedelta(minutes=59)) == over
    with pytest.raises(LinkExpired):
        open_manage_link(token, now=over.end + dt.timedelta(minutes=61))


def test_a_blocked_time_has_no_manage_link(every_day, slot):
    from acuclinic.booking.links import LinkNotFound, open_manage_link

    block = services.block_time(practitioner=every_day["ann"], start=slot, end=slot + dt.timedelta(hours=1))
    with pytest.raises(LinkNotFound):
        open_manage_link(block.manage_token)


@pytest.mark.parametrize("token", ["", ".", "abc.é", "é.é", "abc.\x00", "a" * 101, "abc.😀", "\ud800.x"])
def test_malformed_tokens_are_not_found(db, token):
    from acuclinic.booking.links import LinkNotFound, open_manage_link

    with pytest.raises(LinkNotFound):
        open_manage_link(token)
