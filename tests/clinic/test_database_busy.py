"""A database whose write lock another process holds: 503 with Retry-After, and /healthz says so."""

import json
import sqlite3

import pytest
from django.db import connection

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's file lock (PostgreSQL: below)")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's locks (SQLite: above)")


@pytest.fixture
def held_write_lock(transactional_db, clinic_site):
    """A second connection holding SQLite's write lock, and ours waiting only 200 ms for it."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 200")
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    yield
    other.execute("ROLLBACK")
    other.close()
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(connection.settings_dict['OPTIONS']['timeout'] * 1000)}")


@pytest.fixture
def booking(every_day, slot):
    return {
        "service": every_day["service"].slug,
        "practitioner": str(every_day["ann"].pk),
        "start": slot.isoformat(),
        "patient": {"name": "Alex Patient", "email": "alex@example.com", "phone": "416 555 0123", "new_patient": True},
        "intake": {"pregnant": False, "anticoagulants": False, "implanted_device": False, "red_flags": False},
        "consent": True,
    }


@sqlite_only
def test_healthz_reports_a_database_that_cannot_take_writes(client, transactional_db, clinic_site):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        response = client.get("/healthz")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert response.json() == {"status": "unavailable", "database": "busy"}
    assert client.get("/healthz").status_code == 200


@sqlite_only
def test_a_booking_through_the_api_answers_503_json_in_the_error_model(client, booking, held_write_lock):
    from acuclinic.booking.models import Appointment

    client.raise_request_exception = False
    response = client.post("/api/v1/appointments", json.dumps(booking), content_type="application/json")
    assert response.status_code == 503, response.content
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["code"] == "database_busy" and body["errors"] == [] and "try again" in body["detail"]
    assert not Appointment.objects.exists()


@sqlite_only
def test_a_form_post_answers_a_503_page(client, sciatica, held_write_lock):
    from tests.discussion.conftest import stamped

    client.raise_request_exception = False
    response = client.post("/comments/post/", stamped(sciatica))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html") and int(response["Retry-After"]) > 0
    assert b"Please try again in a moment" in response.content and b"Traceback" not in response.content


def test_only_lock_and_timeout_errors_count_as_busy():
    from django.db import IntegrityError, OperationalError

    from acuclinic.clinic import database_busy

    class PostgresError(Exception):
        def __init__(self, sqlstate):
            self.sqlstate = sqlstate

    def wrapped(error_class, cause):
        error = error_class(str(cause))
        error.__cause__ = cause
        return error

    assert database_busy.is_busy(OperationalError("database is locked"))
    for state in ("55P03", "40001", "40P01", "57014"):
        assert database_busy.is_busy(wrapped(OperationalError, PostgresError(state)))
    assert not database_busy.is_busy(OperationalError("no such table: booking_appointment"))
    assert not database_busy.is_busy(wrapped(IntegrityError, PostgresError("23505")))
    assert not database_busy.is_busy(ValueError("database is locked"))


@postgresql_only
def test_a_postgresql_lock_timeout_answers_503_and_healthz_reports_read_only(client, booking, transactional_db):
    import psycopg

    from acuclinic.booking.models import Appointment

    settings_dict = connection.settings_dict
    dsn = f"host={settings_dict['HOST']} port={settings_dict['PORT'] or 5432} user={settings_dict['USER']}"
    other = psycopg.connect(f"{dsn} dbname={settings_dict['NAME']}", autocommit=False)
    other.execute(f"LOCK TABLE {Appointment._meta.db_table} IN ACCESS EXCLUSIVE MODE")
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = 200")
    client.raise_request_exception = False
    try:
        response = client.post("/api/v1/appointments", json.dumps(booking), content_type="application/json")
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 503 and response.json()["code"] == "database_busy"
    assert int(response["Retry-After"]) > 0

    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    try:
        assert client.get("/healthz").json() == {"status": "unavailable", "database": "read-only"}
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = off")
            cursor.execute("SET lock_timeout = 0")
