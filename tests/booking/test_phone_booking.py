"""Phone bookings at the front desk: find a patient seen before (by name, email or phone, staff only), pick a
free time from the same slot engine as the public site, or type another time in as the staff override."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from acuclinic.booking.models import Appointment, DateOverride
from acuclinic.booking.patients import find_patients
from acuclinic.clinic.clock import clinic_today
from tests.booking.test_admin import add_appointment, admin_user, at

pytestmark = pytest.mark.django_db
URL = reverse("booking_admin:phone_booking")


@pytest.fixture
def day():
    return clinic_today() + dt.timedelta(days=7)


@pytest.fixture
def seen_before(alice, service):
    """Two earlier visits of one patient, one of another."""
    past = clinic_today() - dt.timedelta(days=30)
    for days in (0, 14):
        start = at(past + dt.timedelta(days=days), 10)
        Appointment.objects.create(
            practitioner=alice, service=service, start=start, end=start + service.duration,
            buffer_end=start + service.duration, patient_name="Grace Hopper", patient_email="grace@example.com",
            patient_phone="+14165550142",
        )  # fmt: skip
    add_appointment(alice, service, at(past, 12), "Alan Turing", patient_email="alan@example.org")
    return Appointment.objects.filter(patient_name="Grace Hopper").latest("start")


def details(**changes):
    data = {
        "name": "Grace Hopper", "phone": "416 555 0142", "email": "grace@example.com", "notes": "", "terms": "on",
    }  # fmt: skip
    return data | changes


@pytest.mark.parametrize("query", ["grace hop", "GRACE@example", "(416) 555-0142", "555 0142", "+1 416 555 0142"])
def test_a_patient_is_found_by_name_email_or_phone(seen_before, query):
    (found,) = find_patients(query)
    assert (found.name, found.email, found.phone, found.visits) == ("Grace Hopper", "grace@example.com",
                                                                    "+14165550142", 2)  # fmt: skip
    assert found.appointment_id == seen_before.pk  # the latest: the form is filled from it


def test_a_short_or_unmatched_query_finds_nobody(seen_before):
    assert find_patients("g") == []
    assert find_patients("Ada Lovelace") == []
    assert [p.name for p in find_patients("example")] == ["Grace Hopper", "Alan Turing"]  # most recent first


def test_the_search_is_a_post_and_its_results_fill_the_form(staff, seen_before, service, day):
    query = {"service": service.pk, "date": day.isoformat()}
    response = staff.post(f"{URL}?service={service.pk}&date={day.isoformat()}", {"find": "Hopper"})
    assert response.status_code == 200
    html = response.content.decode()
    results = html[html.index("Patients found") : html.index("</table>", html.index("Patients found"))]
    assert "Grace Hopper" in results and "grace@example.com" in results and "(416) 555-0142" in results
    assert "Alan Turing" not in results
    link = re.search(r'href="\?([^"]*patient=(\d+))#details-heading"', results)
    assert int(link.group(2)) == seen_before.pk
    assert "Grace" not in link.group(1)  # no patient data in the URL, only an appointment id
    assert f"service={service.pk}" in link.group(1)  # the chosen service and day are kept

    filled = staff.get(URL, {**query, "patient": seen_before.pk}).content.decode()
    assert 'value="Grace Hopper"' in filled
    assert 'value="grace@example.com"' in filled
    assert 'value="(416) 555-0142"' in filled
    assert re.search(r'<input type="checkbox" name="new_patient"(?![^>]*checked)[^>]*>', filled)


def test_no_match_says_so(staff, seen_before):
    html = staff.post(URL, {"find": "Nobody Atall"}).content.decode()
    assert "No patient found" in html


def test_the_search_needs_permission_to_see_appointments(client, seen_before):
    client.force_login(admin_user("add_appointment"))  # may book, may not see who the clinic's patients are
    assert client.get(URL).status_code == 200
    assert "Find a patient" not in client.get(URL).content.decode()
    refused = client.post(URL, {"find": "Hopper"})
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))  # the admin's 403
    prefilled = client.get(URL, {"patient": seen_before.pk}).content.decode()
    assert "Grace Hopper" not in prefilled and "grace@example.com" not in prefilled

    client.force_login(admin_user("add_appointment", "view_appointment"))
    assert "Grace Hopper" in client.post(URL, {"find": "Hopper"}).content.decode()


def test_the_search_is_refused_to_non_staff(client, seen_before):
    response = client.post(URL, {"find": "Hopper"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_free_times_are_listed_and_a_picked_one_is_booked(
    staff, alice, bob, service, day, django_capture_on_commit_callbacks
):
    add_appointment(alice, service, at(day, 10), "Dana Day")
    html = staff.get(URL, {"service": service.pk, "date": day.isoformat()}).content.decode()
    alice_times = re.search(rf'aria-labelledby="times-{alice.pk}">(.*?)</ul>', html, re.S).group(1)
    assert ">09:15<" in alice_times and ">10:00<" not in alice_times and ">10:30<" not in alice_times
    assert f'aria-labelledby="times-{bob.pk}"' in html  # "Anyone": every practitioner who offers it
    link = re.search(rf'href="(\?[^"]*to={bob.pk}[^"]*)#details-heading"[^>]*>10:00<', html).group(1)

    picked = staff.get(URL + link.replace("&amp;", "&")).content.decode()
    assert "Time: " in picked and "Bob Singh" in picked
    start = re.search(r'<input type="hidden" name="start" value="([^"]+)"', picked).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            URL + link.replace("&amp;", "&"),
            details(service=service.pk, practitioner=bob.pk, start=start),
        )
    assert response.status_code == 302
    booked = Appointment.objects.get(patient_name="Grace Hopper")
    assert (booked.practitioner, booked.start, booked.source) == (bob, at(day, 10), "staff")
    assert mail.outbox[0].subject.startswith("Your appointment is booked")


def test_a_picked_time_taken_meanwhile_is_refused_and_keeps_what_was_typed(staff, alice, service, day):
    add_appointment(alice, service, at(day, 10), "Dana Day")
    response = staff.post(
        URL, details(service=service.pk, practitioner=alice.pk, start=at(day, 10).isoformat(), notes="Left knee")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "That time has just been taken" in html
    assert 'value="Grace Hopper"' in html and "Left knee" in html
    assert Appointment.objects.count() == 1


def test_without_a_time_the_form_asks_for_one(staff, alice, service):
    response = staff.post(URL, details(service=service.pk, practitioner=alice.pk))
    assert response.status_code == 200
    assert "Choose a time from the list of free times, or type another time in." in response.content.decode()
    assert not Appointment.objects.exists()


def test_staff_may_book_a_time_the_list_does_not_offer_but_never_an_overlap(staff, alice, service, day):
    DateOverride.objects.create(practitioner=alice, date=day, start=dt.time(9), end=dt.time(12))
    # 07:30, before the practitioner's hours that day: the staff override.
    response = staff.post(URL, details(service=service.pk, practitioner=alice.pk, date=day.isoformat(), time="07:30"))
    assert response.status_code == 302
    assert Appointment.objects.get().start == at(day, 7, 30)
    # Overlapping it (buffers included) is refused, on the form, whatever the override.
    clash = staff.post(
        URL, details(service=service.pk, practitioner=alice.pk, date=day.isoformat(), time="08:00", name="Other Otto")
    )
    assert clash.status_code == 409
    assert "That time has just been taken" in clash.content.decode()
    assert Appointment.objects.count() == 1


def test_a_typed_time_needs_the_practitioner_and_both_parts(staff, service, day):
    no_one = staff.post(URL, details(service=service.pk, date=day.isoformat(), time="07:30")).content.decode()
    assert "Choose the practitioner for a time outside the list." in no_one
    half = staff.post(URL, details(service=service.pk, date=day.isoformat())).content.decode()
    assert "Enter both the date and the time." in half
    assert not Appointment.objects.exists()
