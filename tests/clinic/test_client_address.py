"""The client address behind rate limits: X-Forwarded-For counts only when a trusted proxy sent it."""

import json
import random

import pytest
from django.test import RequestFactory

from acuclinic.clinic.ratelimit import client_address


def address(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@pytest.mark.parametrize("forwarded", ["198.51.100.7", "10.0.0.1, 198.51.100.7", "127.0.0.1", "::1", "junk", ""])
def test_a_client_talking_to_the_server_directly_cannot_choose_its_address(forwarded):
    assert address("203.0.113.5", forwarded) == "203.0.113.5"
    assert address("2001:db8::5", forwarded) == "2001:db8::5"


@pytest.mark.parametrize("proxy", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_behind_the_local_proxy_the_address_it_saw_is_used(proxy):
    assert address(proxy, "198.51.100.7") == "198.51.100.7"
    # Whatever the client wrote itself stands left of what the proxy appended, and is ignored.
    assert address(proxy, "192.0.2.66, 10.9.9.9, 198.51.100.7") == "198.51.100.7"
    assert address(proxy) == proxy


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert address("127.0.0.1", "192.0.2.66, 198.51.100.7, 10.1.2.3, 10.4.5.6") == "198.51.100.7"
    assert address("10.1.2.3", "198.51.100.7") == "198.51.100.7"
    assert address("172.16.0.1", "198.51.100.7") == "172.16.0.1"


def test_trusting_no_proxy_ignores_the_header_even_from_loopback(settings):
    settings.TRUSTED_PROXIES = []
    assert address("127.0.0.1", "198.51.100.7") == "127.0.0.1"


@pytest.fixture(autouse=True)
def _emails_on_commit(monkeypatch):
    from acuclinic.booking import tasks

    monkeypatch.setattr(tasks.transaction, "on_commit", lambda callback, *args, **kwargs: callback())


def test_random_forwarded_for_headers_do_not_escape_the_booking_limit(client, every_day, slot, settings):
    settings.BOOKING_ATTEMPT_LIMIT = 20  # every post counts, booked or refused
    data = {
        "service": every_day["service"].slug,
        "practitioner": str(every_day["ann"].pk),
        "start": slot.isoformat(),
        "patient": {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": True},
        "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
        "consent": True,
    }
    statuses = []
    for _ in range(25):
        forged = ".".join(str(random.randint(1, 254)) for _ in range(4))
        response = client.post(
            "/api/v1/appointments",
            json.dumps(data),
            content_type="application/json",
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=forged,
        )
        statuses.append(response.status_code)
    assert statuses.count(429) == 5, statuses
