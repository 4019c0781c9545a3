"""Staff see the waitlist in the admin (Booking → Waitlist): list, filter by status, remove an entry."""

import datetime as dt

import pytest
from django.utils import timezone

from acuclinic.booking import services, waitlist
from acuclinic.booking.models import WaitlistEntry
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(every_day, intake):
    made = []
    for name in ("Wendy Wait", "Leo Left"):
        made.append(waitlist.join(service=every_day["service"], practitioner=None, weekdays=[1], times=[],
                                  until=timezone.localdate() + dt.timedelta(days=9),
                                  patient=services.Patient(name, "w@example.com", "+14165550199", True),
                                  intake=intake, consent=True))  # fmt: skip
    waitlist.leave(made[1])
    return made


def url(name, *args):
    from django.urls import reverse

    return reverse(f"wagtailsnippets_booking_waitlistentry:{name}", args=args)


def test_staff_list_filter_and_remove(client, entries):
    client.force_login(StaffFactory())
    listing = client.get(url("list"))
    assert listing.status_code == 200
    assert "Wendy Wait" in listing.content.decode() and "Leo Left" in listing.content.decode()
    waiting = client.get(url("list"), {"status": "waiting"}).content.decode()
    assert "Wendy Wait" in waiting and "Leo Left" not in waiting
    assert client.get(url("inspect", entries[0].pk)).status_code == 200
    assert client.post(url("delete", entries[0].pk)).status_code == 302
    assert not WaitlistEntry.objects.filter(pk=entries[0].pk).exists()


def test_the_public_and_plain_users_see_no_waitlist(client, entries):
    assert client.get(url("list")).status_code == 302  # to the admin login
    client.force_login(UserFactory())
    assert "Wendy Wait" not in client.get(url("list")).content.decode()
