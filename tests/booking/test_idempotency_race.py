"""Retries of one booking that race each other (issue 10, fault 12): fifty identical POSTs with one
Idempotency-Key, released together against a multi-threaded server, book once, and every answer is
that booking (201 with its token) or a 409 "in progress, retry" — never "slot taken"."""

import json
import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest

from acuclinic.booking.models import Appointment, IdempotentRequest

pytestmark = pytest.mark.django_db(transaction=True)
RETRIES = 50


def fire_same(url: str, body: dict, headers: dict, count: int) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(count)
    answers: list[tuple[int, dict]] = [(0, {})] * count

    def send(i):
        request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", **headers})  # fmt: skip
        barrier.wait()
        for _attempt in range(10):
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    answers[i] = (response.status, json.loads(response.read()))
            except urllib.error.HTTPError as exc:
                answers[i] = (exc.code, json.loads(exc.read()))
            except OSError:  # the test server's listen queue overflowed: connect again, as a client would
                continue
            return

    threads = [threading.Thread(target=send, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_racing_retries_with_one_key_get_the_first_answer(live_server, every_day, slot, settings):
    settings.BOOKING_RATE_LIMIT = 10_000
    settings.BOOKING_ATTEMPT_LIMIT = 10_000
    body = {
        "service": "treatment", "practitioner": str(every_day["ann"].pk), "start": slot.isoformat(),
        "patient": {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": True},
        "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
        "consent": True,
    }  # fmt: skip
    answers = fire_same(f"{live_server.url}/api/v1/appointments", body, {"Idempotency-Key": "once-only"}, RETRIES)
    codes = Counter(status for status, _ in answers)
    assert set(codes) <= {201, 409}, codes
    conflicts = [answer for status, answer in answers if status == 409]
    assert all(answer["code"] == "in_progress" for answer in conflicts), conflicts
    tokens = {answer["manage_token"] for status, answer in answers if status == 201}
    assert codes[201] >= RETRIES // 2 and len(tokens) == 1, codes
    appointment = Appointment.objects.get()
    assert appointment.manage_token in tokens
    assert IdempotentRequest.objects.get().appointment == appointment
