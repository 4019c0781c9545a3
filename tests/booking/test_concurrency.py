"""Many simultaneous requests for overlapping slots, through the HTTP API and a multi-threaded server:
exactly one wins, every other gets 409, and the database never holds two overlapping appointments."""

import datetime as dt
import itertools
import json
import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest

from acuclinic.booking import services
from acuclinic.booking.models import Appointment

pytestmark = pytest.mark.django_db(transaction=True)
CLIENTS = 16


def fire(requests: list[tuple[str, dict]]) -> list[int]:
    """Send every request at the same moment (a barrier releases them together); return the status codes."""
    barrier = threading.Barrier(len(requests))
    codes: list[int] = [0] * len(requests)

    def send(i, url, body):
        data = json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method="POST")
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                codes[i] = response.status
        except urllib.error.HTTPError as exc:
            codes[i] = exc.code

    threads = [threading.Thread(target=send, args=(i, url, body)) for i, (url, body) in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def assert_no_overlap(practitioner):
    booked = list(Appointment.objects.filter(practitioner=practitioner).active().order_by("start"))
    for earlier, later in itertools.pairwise(booked):
        assert earlier.buffer_end <= later.start, f"{earlier} overlaps {later}"


def test_simultaneous_bookings_of_overlapping_slots(live_server, every_day, slot, settings):
    settings.BOOKING_RATE_LIMIT = 10_000
    settings.BOOKING_ATTEMPT_LIMIT = 10_000
    url = f"{live_server.url}/api/v1/appointments"
    requests = []
    for i in range(CLIENTS):
        start = slot + dt.timedelta(minutes=15 * (i % 4))  # 10:00-10:45: every pair of these overlaps
        requests.append((url, {
            "service": "treatment", "practitioner": str(every_day["ann"].pk), "start": start.isoformat(),
            "patient": {"name": f"Patient {i}", "email": f"p{i}@example.com", "phone": "416 555 0123", "new_patient": True},
            "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
            "consent": True,
        }))  # fmt: skip
    codes = fire(requests)
    assert Counter(codes) == {201: 1, 409: CLIENTS - 1}
    assert Appointment.objects.count() == 1
    assert_no_overlap(every_day["ann"])


def test_simultaneous_reschedules_into_overlapping_slots(live_server, every_day, slot, patient, intake, settings):
    tokens = []
    for i in range(CLIENTS):
        start = slot + dt.timedelta(days=1 + i // 6, hours=i % 6)  # spread out: none overlap to begin with
        appointment = services.book(service=every_day["service"], practitioner=every_day["ann"], start=start,
                                    patient=patient, intake=intake, consent=True)  # fmt: skip
        tokens.append(appointment.manage_token)
    requests = [
        (f"{live_server.url}/api/v1/appointments/{token}/reschedule", {"start": (slot + dt.timedelta(minutes=15 * (i % 3))).isoformat()})
        for i, token in enumerate(tokens)
    ]  # fmt: skip
    codes = fire(requests)
    assert Counter(codes) == {200: 1, 409: CLIENTS - 1}
    assert (
        Appointment.objects.filter(
            start__lt=slot + dt.timedelta(hours=1), start__gte=slot - dt.timedelta(hours=1)
        ).count()
        == 1
    )
    assert_no_overlap(every_day["ann"])
