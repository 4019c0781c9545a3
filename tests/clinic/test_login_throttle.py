"""Staff sign-in: a run of wrong passwords locks out the address and the username for a while."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from acuclinic.clinic import ratelimit
from tests.factories import StaffFactory

LOGIN = "/admin/login/"
LOCKED = "Too many failed sign-in attempts"


@pytest.fixture
def editor(db, settings):
    settings.LOGIN_FAILURE_LIMIT = 10
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900
    return StaffFactory(username="editor")


def sign_in(username, password, remote="198.51.100.7"):
    client = Client(REMOTE_ADDR=remote)
    response = client.post(LOGIN, {"username": username, "password": password})
    return response, client


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_forty_wrong_passwords_meet_a_lockout_after_ten(editor):
    messages = [sign_in("editor", f"guess-{n}")[0].content.decode() for n in range(40)]
    assert not any(LOCKED in text for text in messages[:10])
    assert all(LOCKED in text and "Please try again in 15 minutes" in text for text in messages[10:])
    response, client = sign_in("editor", "correct-horse-battery")
    assert LOCKED in response.content.decode() and not signed_in(client)


def test_the_right_password_works_before_the_limit(editor):
    for n in range(9):
        sign_in("editor", f"guess-{n}")
    response, client = sign_in("editor", "correct-horse-battery")
    assert response.status_code == 302 and signed_in(client)


def test_one_username_from_many_addresses_is_locked_too(editor):
    for n in range(10):
        sign_in("editor", "wrong-password", remote=f"192.0.2.{n + 1}")
    response, client = sign_in("editor", "correct-horse-battery", remote="203.0.113.200")
    assert LOCKED in response.content.decode() and not signed_in(client)


def test_many_usernames_from_one_address_are_locked_and_others_are_not(editor):
    StaffFactory(username="other")
    for n in range(10):
        sign_in(f"nobody{n}", "wrong-password", remote="192.0.2.9")
    assert LOCKED in sign_in("other", "correct-horse-battery", remote="192.0.2.9")[0].content.decode()
    response, client = sign_in("other", "correct-horse-battery", remote="203.0.113.8")
    assert response.status_code == 302 and signed_in(client)


def test_a_forwarded_for_header_does_not_reset_the_address_count(editor):
    StaffFactory(username="other")
    for n in range(10):
        Client(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").post(
            LOGIN, {"username": f"nobody{n}", "password": "x"}
        )
    assert LOCKED in sign_in("other", "correct-horse-battery", remote="192.0.2.9")[0].content.decode()


def test_every_path_through_authentication_is_locked(editor):
    for n in range(10):
        sign_in("editor", f"guess-{n}")
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="203.0.113.1")
    assert authenticate(request, username="editor", password="correct-horse-battery") is None


def test_the_lockout_ends_with_its_window(editor, monkeypatch):
    for n in range(10):
        sign_in("editor", f"guess-{n}")
    later = ratelimit.time.time() + 901
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    response, client = sign_in("editor", "correct-horse-battery")
    assert response.status_code == 302 and signed_in(client)
