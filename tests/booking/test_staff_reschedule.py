"""Staff move an appointment from its admin page: pick a free time (the public slot engine, with the staff
override for notice and the change window), confirm, and the patient is emailed with the same manage link."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from acuclinic.booking import services
from acuclinic.booking.errors import BookingError, SlotTaken
from acuclinic.booking.models import Appointment
from acuclinic.clinic.clock import local
from tests.booking.test_admin import PATIENT, admin_user, at, make_practitioner

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(alice, service, django_capture_on_commit_callbacks):
    """Booked online three days ahead at 10:00 (the confirmation email is sent, then cleared)."""
    day = timezone.localdate() + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = services.book(
            service=service, practitioner=alice, start=at(day, 10), patient=PATIENT, intake=services.Intake(),
            consent=True,
        )  # fmt: skip
    mail.outbox.clear()
    return appointment


def reschedule_url(appointment, **params):
    return reverse("booking_admin:reschedule", args=[appointment.pk]), params


def manage_link(message):
    return re.search(r"https?://\S+/book/manage/\S+/", message.body).group(0)


def test_the_appointment_page_links_to_reschedule(staff, booked):
    page = staff.get(reverse("booking_admin:appointment", args=[booked.pk])).content.decode()
    assert reverse("booking_admin:reschedule", args=[booked.pk]) in page


def test_the_picker_lists_free_times_of_the_same_engine_and_says_staff_may_override(staff, booked, bob):
    day = local(booked.start).date()
    page = staff.get(*reschedule_url(booked, date=day.isoformat(), practitioner="")).content.decode()
    assert "Staff override" in page
    assert ">09:00<" in page  # before the appointment's own time: free
    assert ">10:15<" in page  # overlapping its own current time: free once it moves
    assert f'id="times-{bob.pk}"' in page  # anyone who offers the service
    assert page.count(">10:00<span") == 1  # Bob's 10:00; Alice's own current time is not offered
    # The default is the current practitioner only.
    default = staff.get(reverse("booking_admin:reschedule", args=[booked.pk])).content.decode()
    assert f'id="times-{booked.practitioner_id}"' in default and f'id="times-{bob.pk}"' not in default
    assert ">10:00<span" not in default


def test_picking_a_time_asks_for_confirmation_and_changes_nothing(staff, booked):
    new_start = booked.start + dt.timedelta(hours=4)
    page = staff.get(*reschedule_url(booked, start=new_start.isoformat(), to=booked.practitioner_id))
    assert page.status_code == 200
    assert "Confirm the new time" in page.content.decode()
    assert "14:00" in page.content.decode()
    booked.refresh_from_db()
    assert booked.start == at(new_start.date(), 10)
    assert not mail.outbox


def test_staff_move_an_appointment_and_the_patient_gets_the_same_link(
    staff, booked, bob, django_capture_on_commit_callbacks
):
    token = booked.manage_token
    new_start = booked.start + dt.timedelta(days=1, hours=4)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("booking_admin:reschedule", args=[booked.pk]),
            {"start": new_start.isoformat(), "practitioner": bob.pk},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("booking_admin:appointment", args=[booked.pk])
    booked.refresh_from_db()
    assert (booked.start, booked.end, booked.practitioner) == (new_start, new_start + booked.service.duration, bob)
    assert booked.manage_token == token  # no new link
    (message,) = mail.outbox
    assert message.subject.startswith("The clinic has moved your appointment")
    assert "The clinic has moved your appointment to the time below" in message.body
    assert "Bob Singh" in message.body
    assert manage_link(message).endswith(reverse("booking:manage", args=[token]))
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == new_start  # the calendar file has the new time


def test_staff_may_move_inside_the_notice_and_the_change_window(
    staff, alice, service, monkeypatch, django_capture_on_commit_callbacks
):
    # The clinic's clock at 09:00 on a working day; the appointment is at 10:00: inside the 24 h change
    # window, and every new time before 11:00 is inside the 2 h minimum notice.
    today = timezone.localdate() + dt.timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: at(today, 9))
    soon = at(today, 10)
    appointment = Appointment.objects.create(
        practitioner=alice, service=service, start=soon, end=soon + service.duration, buffer_end=soon + service.duration,
        patient_name="Late Larry", patient_email="larry@example.com",
    )  # fmt: skip
    assert not services.can_change(appointment)
    later = at(today, 10, 45)
    page = staff.get(reverse("booking_admin:reschedule", args=[appointment.pk])).content.decode()
    assert f">{later:%H:%M}<" in page  # listed although within the 2 h notice
    assert "the patient can no longer change it online" in page
    with pytest.raises(BookingError):  # what a patient would be told
        services.reschedule(appointment=appointment, start=later)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("booking_admin:reschedule", args=[appointment.pk]),
            {"start": later.isoformat(), "practitioner": alice.pk},
        )
    appointment.refresh_from_db()
    assert appointment.start == later
    assert len(mail.outbox) == 1


def test_an_overlapping_time_is_refused_on_the_form_and_nothing_changes(staff, booked, alice, service):
    other_start = booked.start + dt.timedelta(hours=3)
    Appointment.objects.create(
        practitioner=alice, service=service, start=other_start, end=other_start + service.duration,
        buffer_end=other_start + service.duration, patient_name="Other Olga",
    )  # fmt: skip
    before = (booked.start, booked.end, booked.practitioner_id, booked.manage_nonce)
    response = staff.post(
        reverse("booking_admin:reschedule", args=[booked.pk]),
        {"start": (other_start + dt.timedelta(minutes=15)).isoformat(), "practitioner": alice.pk},
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "That time has just been taken" in content
    assert "Confirm the new time" in content  # the chosen time is still shown with its error
    booked.refresh_from_db()
    assert (booked.start, booked.end, booked.practitioner_id, booked.manage_nonce) == before
    assert not mail.outbox


def test_a_practitioner_who_does_not_offer_the_service_is_refused(staff, booked, clinic_site):
    from acuclinic.booking.models import Service

    other = make_practitioner("Cara Other", Service.objects.create(name="Cupping", slug="cupping", duration_minutes=30))
    response = staff.post(
        reverse("booking_admin:reschedule", args=[booked.pk]),
        {"start": (booked.start + dt.timedelta(hours=2)).isoformat(), "practitioner": other.pk},
    )
    assert response.status_code == 422
    assert "does not offer" in response.content.decode()
    booked.refresh_from_db()
    assert booked.practitioner.name == "Alice Chen"


def test_rescheduling_needs_the_change_permission(client, booked):
    client.force_login(admin_user("view_appointment"))
    url = reverse("booking_admin:reschedule", args=[booked.pk])
    assert client.get(url).status_code == 302
    start = booked.start
    client.post(url, {"start": (start + dt.timedelta(hours=2)).isoformat(), "practitioner": booked.practitioner_id})
    booked.refresh_from_db()
    assert booked.start == start
    page = client.get(reverse("booking_admin:appointment", args=[booked.pk])).content.decode()
    assert url not in page


def test_a_cancelled_appointment_cannot_be_moved(staff, booked):
    services.cancel(appointment=booked, by_staff=True)
    response = staff.post(
        reverse("booking_admin:reschedule", args=[booked.pk]),
        {"start": (booked.start + dt.timedelta(hours=2)).isoformat(), "practitioner": booked.practitioner_id},
    )
    assert response.status_code == 409
    booked.refresh_from_db()
    assert booked.status == Appointment.Status.CANCELLED


def test_a_staff_cancel_sends_the_clinic_cancelled_email(staff, booked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("booking_admin:appointment", args=[booked.pk]), {"action": "cancelled"})
    (message,) = mail.outbox
    assert message.subject.startswith("The clinic has cancelled your appointment")
    assert "the clinic has had to cancel your appointment" in message.body
    assert "/book/manage/" not in message.body  # nothing left to manage


# The write path itself: every caller gets the same rules (the admin view above is one of them).


def test_the_staff_override_is_only_for_staff(alice, service, monkeypatch):
    day = timezone.localdate() + dt.timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: at(day, 9))
    appointment = services.book(
        service=service, practitioner=alice, start=at(day, 14), patient=PATIENT, intake=services.Intake(),
        consent=True,
    )  # fmt: skip
    inside_notice = at(day, 10)
    with pytest.raises(BookingError, match="too late"):
        services.reschedule(appointment=appointment, start=inside_notice)  # the patient, inside the change window
    with pytest.raises(BookingError, match="notice"):
        services.book(service=service, practitioner=alice, start=inside_notice, patient=PATIENT,
                      intake=services.Intake(), consent=True)  # fmt: skip
    with pytest.raises(BookingError, match="Only the clinic"):
        services.book(service=service, practitioner=alice, start=at(day, 18, 30), patient=PATIENT,
                      intake=services.Intake(), consent=True, any_time=True)  # fmt: skip
    moved = services.reschedule(appointment=appointment, start=inside_notice, by_staff=True)
    assert moved.start == inside_notice


def test_no_override_lifts_the_overlap_refusal(alice, bob, service):
    day = timezone.localdate() + dt.timedelta(days=3)
    first = services.book(service=service, practitioner=alice, start=at(day, 10), patient=PATIENT,
                          intake=services.Intake(), consent=True)  # fmt: skip
    second = services.book(service=service, practitioner=bob, start=at(day, 10), patient=PATIENT,
                           intake=services.Intake(), consent=True)  # fmt: skip
    with pytest.raises(SlotTaken):
        services.reschedule(appointment=second, start=at(day, 10, 30), practitioner=alice, by_staff=True)
    with pytest.raises(BookingError, match="taken"):
        services.book(service=service, practitioner=alice, start=at(day, 10, 20), patient=PATIENT,
                      intake=services.Intake(), consent=True, by_staff=True, any_time=True)  # fmt: skip
    second.refresh_from_db()
    assert (second.practitioner, second.start) == (bob, at(day, 10))
    assert Appointment.objects.filter(practitioner=alice).get() == first
