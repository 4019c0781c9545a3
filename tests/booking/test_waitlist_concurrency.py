"""50 patients claim one offered slot at the same moment, through the API in 50 threads (each with its
own database connection, released together by a barrier): exactly one appointment, 201 for one, 409
(gone) for every other.

The threads call the WSGI stack in-process (Django's test client) rather than a socket: a listening
socket's backlog refuses some of 50 connections opened in the same instant, which would test the
test server, not the claim.
"""

import datetime as dt
import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client

from acuclinic.booking import services, waitlist
from acuclinic.booking.models import Appointment, BookingRules, WaitlistOffer

from .test_concurrency import assert_no_overlap

pytestmark = pytest.mark.django_db(transaction=True)
CLAIMS = 50


def claim_together(paths: list[str]) -> list[int]:
    barrier = threading.Barrier(len(paths))
    codes = [0] * len(paths)

    def claim(i: int, path: str) -> None:
        client = Client()
        try:
            barrier.wait()
            codes[i] = client.post(path, content_type="application/json").status_code
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=claim, args=(i, path)) for i, path in enumerate(paths)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_fifty_simultaneous_claims_of_one_slot_book_it_once(every_day, slot, patient, intake, clinic_site):
    rules = BookingRules.for_site(clinic_site["site"])
    rules.waitlist_offers_at_once = CLAIMS
    rules.save()
    every_day["bob"].weekly_hours.all().delete()
    # Ann's day is full but for the appointment that will be cancelled.
    start = slot.replace(hour=9)
    booked = []
    while start < slot.replace(hour=17):
        booked.append(services.book(service=every_day["service"], practitioner=every_day["ann"], start=start,
                                    patient=patient, intake=intake, consent=True))  # fmt: skip
        start += dt.timedelta(hours=1)
    for i in range(CLAIMS):
        waitlist.join(service=every_day["service"], practitioner=None, weekdays=[], times=[], until=slot.date(),
                      patient=services.Patient(f"Waiting {i}", f"w{i}@example.com", patient.phone, True),
                      intake=intake, consent=True)  # fmt: skip
    services.cancel(appointment=next(a for a in booked if a.start == slot))  # autocommit: the task runs now
    offers = list(WaitlistOffer.objects.all())
    assert len(offers) == CLAIMS and {o.start for o in offers} == {slot}
    codes = claim_together([f"/api/v1/waitlist/offers/{o.token}/claim" for o in offers])
    assert Counter(codes) == {201: 1, 409: CLAIMS - 1}
    assert Appointment.objects.filter(start=slot).active().count() == 1
    assert WaitlistOffer.objects.filter(status="claimed").count() == 1
    assert_no_overlap(every_day["ann"])
