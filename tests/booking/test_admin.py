"""The clinic's booking admin: the Booking menu, the appointments pages, phone bookings, blocked time, outcomes
and the practitioner's calendar link. Screening answers are shown to staff with the permission, and to no one else."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu
from wagtail.users.models import UserProfile

from acuclinic.booking import errors, services
from acuclinic.booking.models import Appointment, DateOverride, Holiday, Location, Practitioner, Service, WeeklyHours
from acuclinic.clinic.clock import clinic_today, clinic_tz
from tests.factories import StaffFactory, UserFactory

TZ = clinic_tz()
PATIENT = services.Patient("Ada Lovelace", "ada@example.com", "+14165550123", new_patient=True)


def make_service(slug="acupuncture", minutes=45):
    return Service.objects.create(name=slug.title(), slug=slug, duration_minutes=minutes)


def make_practitioner(name, *offered):
    """Works 08:00-18:00 every day of the week, so any test date is a working day."""
    practitioner = Practitioner.objects.create(name=name, slug=name.lower().replace(" ", "-"), credential="R.Ac.")
    practitioner.services.set(offered)
    WeeklyHours.objects.bulk_create(
        WeeklyHours(practitioner=practitioner, weekday=day, start=dt.time(8), end=dt.time(18)) for day in range(7)
    )
    return practitioner


def at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def add_appointment(practitioner, service, start, name, **fields):
    """Written directly, so that past or rule-breaking times can be set up; real bookings go through services."""
    return Appointment.objects.create(
        practitioner=practitioner, service=service, start=start, end=start + service.duration,
        buffer_end=start + service.duration, patient_name=name, patient_phone="+14165550199", **fields,
    )  # fmt: skip


# The service, alice, bob and staff fixtures are in conftest.py, shared with the front-desk tests.


@pytest.fixture
def next_week():
    """A day inside the booking window (past the notice, before the horizon)."""
    return clinic_today() + dt.timedelta(days=7)


def phone_booking_data(practitioner, service, day, **changes):
    data = {
        "practitioner": practitioner.pk, "service": service.pk, "date": day.isoformat(), "time": "10:00",
        "name": "Grace Hopper", "phone": "416 555 0142", "email": "", "new_patient": "on", "pregnant": "on",
        "notes": "Prefers the ground-floor room.", "terms": "on",
    }  # fmt: skip
    return data | changes


# The Booking menu and its viewsets --------------------------------------------------------------------


def test_booking_menu_groups_the_booking_pages(clinic_site):
    request = RequestFactory().get("/admin/")
    request.user = StaffFactory()
    booking = next(item for item in admin_menu.menu_items_for_request(request) if item.name == "booking")
    items = sorted(booking.menu.menu_items_for_request(request), key=lambda item: item.order)
    names = [item.name for item in items]
    assert names[0] == "appointments"
    assert set(names) >= {"services", "practitioners", "locations", "clinic-holidays", "date-overrides"}


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Service, lambda: make_service("cupping")),
        (Practitioner, lambda: make_practitioner("Dana Park", make_service("cupping"))),
        (Location, lambda: Location.objects.create(name="Room 2")),
        (Holiday, lambda: Holiday.objects.create(date=dt.date(2030, 12, 25), name="Christmas Day")),
        (
            DateOverride,
            lambda: DateOverride.objects.create(practitioner=make_practitioner("Eve Moss"), date=dt.date(2030, 1, 2)),
        ),
    ],
)
def test_viewset_pages_load_for_staff(staff, model, make):
    instance = make()
    namespace = f"wagtailsnippets_booking_{model._meta.model_name}"
    for url in (
        reverse(f"{namespace}:list"),
        reverse(f"{namespace}:add"),
        reverse(f"{namespace}:edit", args=[instance.pk]),
    ):
        response = staff.get(url)
        assert response.status_code == 200, url
    assert str(instance) in staff.get(reverse(f"{namespace}:list")).content.decode()


def test_practitioner_list_shows_credential_and_active(staff, alice):
    page = staff.get(reverse("wagtailsnippets_booking_practitioner:list")).content.decode()
    assert "Alice Chen" in page
    assert "R.Ac." in page
    assert "Taking bookings" in page


def test_service_can_be_added_through_its_panels(staff):
    response = staff.post(
        reverse("wagtailsnippets_booking_service:add"),
        {"name": "Cupping", "slug": "cupping", "description": "", "duration_minutes": 30, "buffer_minutes": 5,
         "price": "", "audience": "any", "active": "on", "sort_order": 0},
    )  # fmt: skip
    assert response.status_code == 302
    assert Service.objects.get(slug="cupping").buffer_minutes == 5


# Day and week -----------------------------------------------------------------------------------------


def test_day_view_lists_that_days_entries_only(staff, alice, bob, service, next_week):
    add_appointment(alice, service, at(next_week, 10), "Dana Day")
    add_appointment(bob, service, at(next_week, 11, 30), "Bea Bob")
    add_appointment(alice, service, at(next_week + dt.timedelta(days=1), 10), "Nora Nextday")
    services.block_time(practitioner=alice, start=at(next_week, 13), end=at(next_week, 14), note="Team meeting")

    page = staff.get(reverse("booking_admin:day"), {"date": next_week.isoformat()}).content.decode()
    assert "Dana Day" in page and "Bea Bob" in page and "Team meeting" in page
    assert "Nora Nextday" not in page
    assert "10:00" in page and "11:30" in page  # clinic time
    assert "(416) 555-0199" in page  # phone shown as written locally
    assert "Booked" in page

    alice_only = staff.get(reverse("booking_admin:day"), {"date": next_week.isoformat(), "practitioner": alice.pk})
    assert "Dana Day" in alice_only.content.decode()
    assert "Bea Bob" not in alice_only.content.decode()


def test_day_view_defaults_to_today_for_everyone(staff, alice, bob, service):
    today = clinic_today()
    add_appointment(bob, service, at(today, 12), "Toby Today")
    add_appointment(alice, service, at(today - dt.timedelta(days=1), 12), "Yuri Yesterday")
    page = staff.get(reverse("booking_admin:day")).content.decode()
    assert "Toby Today" in page
    assert "Yuri Yesterday" not in page


def test_times_are_clinic_time_whatever_the_users_time_zone(staff, alice, service, next_week, settings):
    settings.WAGTAIL_USER_TIME_ZONES = ["Asia/Tokyo"]
    user = StaffFactory(username="tokyo")
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    staff.force_login(user)
    add_appointment(alice, service, at(next_week, 10), "Dana Day")
    page = staff.get(reverse("booking_admin:day"), {"date": next_week.isoformat()}).content.decode()
    assert "10:00" in page


def test_week_view_shows_one_practitioners_week(staff, alice, bob, service, next_week):
    monday = next_week - dt.timedelta(days=next_week.weekday())
    add_appointment(alice, service, at(monday, 9), "Monday Mo")
    add_appointment(alice, service, at(monday + dt.timedelta(days=6), 16), "Sunday Su")
    add_appointment(alice, service, at(monday + dt.timedelta(days=7), 9), "Following Fi")
    add_appointment(bob, service, at(monday + dt.timedelta(days=2), 9), "Other Olga")

    page = staff.get(reverse("booking_admin:week"), {"date": next_week.isoformat(), "practitioner": alice.pk})
    content = page.content.decode()
    assert page.status_code == 200
    assert "Monday Mo" in content and "Sunday Su" in content
    assert "Following Fi" not in content
    assert "Other Olga" not in content


# An appointment's page ---------------------------------------------------------------------------------


@pytest.fixture
def screened(alice, service, next_week):
    return add_appointment(
        alice, service, at(next_week, 10), "Dana Day",
        intake={"pregnant": True, "anticoagulants": False, "implanted_device": False, "red_flags": False},
    )  # fmt: skip


def test_detail_page_shows_intake_to_staff(staff, screened):
    response = staff.get(reverse("booking_admin:appointment", args=[screened.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Intake screening" in content
    assert "Pregnant, or could be" in content
    assert "<strong>Yes</strong>" in content


def test_detail_page_is_refused_to_anonymous_visitors(client, screened):
    response = client.get(reverse("booking_admin:appointment", args=[screened.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_detail_page_is_refused_to_a_non_staff_user(client, screened):
    client.force_login(UserFactory())
    response = client.get(reverse("booking_admin:appointment", args=[screened.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def admin_user(*codenames):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="booking", codename__in=codenames),
    )
    return user


def test_detail_page_needs_the_view_appointment_permission(client, screened):
    client.force_login(admin_user())  # an editor: may use the admin, not see appointments
    refused = client.get(reverse("booking_admin:appointment", args=[screened.pk]))
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("booking_admin:day")).status_code == 302

    client.force_login(admin_user("view_appointment"))
    allowed = client.get(reverse("booking_admin:appointment", args=[screened.pk]))
    assert allowed.status_code == 200
    assert "Pregnant, or could be" in allowed.content.decode()
    assert "Mark completed" not in allowed.content.decode()  # seeing is not changing
    post = client.post(reverse("booking_admin:appointment", args=[screened.pk]), {"action": "cancelled"})
    assert post.status_code == 302
    screened.refresh_from_db()
    assert screened.status == Appointment.Status.BOOKED


# Outcomes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Appointment.Status.COMPLETED, Appointment.Status.NO_SHOW])
def test_staff_record_what_happened(staff, alice, service, status):
    started = add_appointment(alice, service, timezone.now() - dt.timedelta(hours=2), "Past Pat")
    response = staff.post(reverse("booking_admin:appointment", args=[started.pk]), {"action": status})
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.status == status


def test_a_future_appointment_cannot_be_marked_completed(staff, screened):
    staff.post(reverse("booking_admin:appointment", args=[screened.pk]), {"action": "completed"})
    screened.refresh_from_db()
    assert screened.status == Appointment.Status.BOOKED


def test_staff_cancel_through_the_service(staff, screened):
    staff.post(reverse("booking_admin:appointment", args=[screened.pk]), {"action": "cancelled"})
    screened.refresh_from_db()
    assert screened.status == Appointment.Status.CANCELLED
    assert screened.cancelled_at is not None
    # Once cancelled it has no outcome to record.
    staff.post(reverse("booking_admin:appointment", args=[screened.pk]), {"action": "completed"})
    screened.refresh_from_db()
    assert screened.status == Appointment.Status.CANCELLED


# Phone bookings and blocked time ------------------------------------------------------------------------


def test_phone_booking_creates_a_staff_appointment(staff, alice, service, next_week):
    form = staff.get(reverse("booking_admin:phone_booking"), {"date": next_week.isoformat(), "practitioner": alice.pk})
    assert form.status_code == 200
    assert 'for="id_phone"' in form.content.decode()  # every field has its label

    response = staff.post(reverse("booking_admin:phone_booking"), phone_booking_data(alice, service, next_week))
    appointment = Appointment.objects.get(patient_name="Grace Hopper")
    assert response.status_code == 302
    assert response["Location"] == reverse("booking_admin:appointment", args=[appointment.pk])
    assert appointment.source == "staff"
    assert appointment.practitioner == alice
    assert appointment.start == at(next_week, 10)
    assert appointment.patient_phone == "+14165550142"
    assert appointment.intake["pregnant"] is True
    assert appointment.consent_at is not None


def test_a_clashing_phone_booking_shows_the_conflict_and_writes_nothing(staff, alice, service, next_week):
    services.book(service=service, practitioner=alice, start=at(next_week, 10), patient=PATIENT,
                  intake=services.Intake(), consent=True)  # fmt: skip
    before = Appointment.objects.count()

    response = staff.post(reverse("booking_admin:phone_booking"), phone_booking_data(alice, service, next_week))
    content = response.content.decode()
    assert response.status_code == 409
    assert "That time has just been taken" in content
    assert 'value="Grace Hopper"' in content  # nothing the caller said is lost
    assert "Prefers the ground-floor room." in content
    assert Appointment.objects.count() == before


def test_phone_booking_refuses_red_flags_on_the_form(staff, alice, service, next_week):
    response = staff.post(
        reverse("booking_admin:phone_booking"), phone_booking_data(alice, service, next_week, red_flags="on")
    )
    assert response.status_code == 422
    assert "emergency" in response.content.decode()
    assert not Appointment.objects.filter(patient_name="Grace Hopper").exists()


def test_phone_booking_needs_the_patients_agreement(staff, alice, service, next_week):
    data = phone_booking_data(alice, service, next_week)
    del data["terms"]
    response = staff.post(reverse("booking_admin:phone_booking"), data)
    assert response.status_code == 200
    assert not Appointment.objects.exists()


def test_blocked_time_blocks_bookings(staff, alice, service, next_week):
    response = staff.post(
        reverse("booking_admin:block_time"),
        {"practitioner": alice.pk, "date": next_week.isoformat(), "start_time": "14:00", "end_time": "15:00",
         "note": "Team meeting"},
    )  # fmt: skip
    assert response.status_code == 302
    block = Appointment.objects.get(kind=Appointment.Kind.BLOCK)
    assert (block.start, block.end, block.notes) == (at(next_week, 14), at(next_week, 15), "Team meeting")

    with pytest.raises(errors.SlotTaken):
        services.book(service=service, practitioner=alice, start=at(next_week, 14), patient=PATIENT,
                      intake=services.Intake(), consent=True)  # fmt: skip


def test_blocking_booked_time_is_refused_on_the_form(staff, alice, service, next_week):
    add_appointment(alice, service, at(next_week, 14), "Dana Day")
    response = staff.post(
        reverse("booking_admin:block_time"),
        {"practitioner": alice.pk, "date": next_week.isoformat(), "start_time": "14:30", "end_time": "15:00"},
    )
    assert response.status_code == 409
    assert "overlaps an appointment" in response.content.decode()
    assert not Appointment.objects.filter(kind=Appointment.Kind.BLOCK).exists()


def test_blocked_time_must_end_after_it_starts(staff, alice, next_week):
    response = staff.post(
        reverse("booking_admin:block_time"),
        {"practitioner": alice.pk, "date": next_week.isoformat(), "start_time": "15:00", "end_time": "14:00"},
    )
    assert response.status_code == 422
    assert "must end after it starts" in response.content.decode()


# The calendar link -------------------------------------------------------------------------------------


def test_practitioner_pages_show_the_calendar_subscription_url(staff, alice, settings):
    url = settings.BASE_URL + reverse("booking:calendar", args=[alice.calendar_token])
    for view in ("edit", "inspect"):
        page = staff.get(reverse(f"wagtailsnippets_booking_practitioner:{view}", args=[alice.pk]))
        assert url in page.content.decode(), view


def test_calendar_url_is_hidden_from_editors_who_may_not_see_appointments(client, alice):
    editor = admin_user()
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["change_practitioner", "view_practitioner"]))
    client.force_login(editor)
    page = client.get(reverse("wagtailsnippets_booking_practitioner:edit", args=[alice.pk]))
    assert page.status_code == 200
    assert alice.calendar_token not in page.content.decode()


def test_reset_calendar_link_makes_the_old_url_404(staff, alice):
    old_url = reverse("booking:calendar", args=[alice.calendar_token])
    assert staff.get(old_url).status_code == 200

    reset = reverse("wagtailsnippets_booking_practitioner:reset_calendar", args=[alice.pk])
    assert staff.get(reset).status_code == 200  # a confirmation page; GET changes nothing
    response = staff.post(reset)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert staff.get(old_url).status_code == 404
    assert staff.get(reverse("booking:calendar", args=[alice.calendar_token])).status_code == 200
