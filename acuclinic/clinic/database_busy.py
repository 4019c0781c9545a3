"""A database that cannot take a write just now is a 503 with Retry-After, never a 500.

SQLite answers "database is locked" once another writer has held its lock longer than the busy timeout;
PostgreSQL answers a lock timeout, a serialisation failure or a deadlock. None is the visitor's fault and
each clears by itself, so the answer says "try again" (JSON in the API's error model under /api/, a short
page otherwise). ``write_state()`` lets /healthz report such a database (or a read-only one) instead of calling it ok.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
PROBE_TIMEOUT_MS = 1000  # how long /healthz waits for the write lock before reporting the database busy
# lock_not_available, serialization_failure, deadlock_detected, query_canceled (lock_timeout/statement_timeout)
POSTGRES_BUSY_STATES = {"55P03", "40001", "40P01", "57014"}
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")


def _state(error: BaseException) -> str | None:
    cause = error.__cause__ or error
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


def is_busy(error: BaseException) -> bool:
    """Whether ``error`` says the database is momentarily unable to take the request (not broken)."""
    if not isinstance(error, DatabaseError):
        return False
    if _state(error) in POSTGRES_BUSY_STATES:
        return True
    message = str(error).lower()
    return any(text in message for text in SQLITE_BUSY_MESSAGES)


def busy_response(request):
    if request.path.startswith("/api/"):
        detail = _("The clinic's database is busy. Nothing was changed; please try again in a few seconds.")
        response = JsonResponse({"detail": detail, "code": "database_busy", "errors": []}, status=503)
    else:
        response = HttpResponse(render_to_string("clinic/database_busy.html", request=None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseBusyMiddleware:
    """Turns a view's busy-database error into ``busy_response``; any other error goes on as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        logger.warning("Database busy, answered 503: %s", type(exception).__name__)
        return busy_response(request)


def write_state() -> str:
    """ "ok" if the database takes a write within ``PROBE_TIMEOUT_MS``, else "busy" or "read-only".

    Raises DatabaseError if the database is down.

    Nothing is written: SQLite's ``BEGIN IMMEDIATE`` takes (and releases) the write lock; PostgreSQL says
    whether this session's transactions are read-only (a standby, or ``default_transaction_read_only``).
    """
    if connection.in_atomic_block:
        return "ok"  # inside a caller's transaction (tests): a probe could neither lock nor roll back alone
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA busy_timeout")
            previous = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA busy_timeout = {PROBE_TIMEOUT_MS}")
            try:
                cursor.execute("BEGIN IMMEDIATE")
                cursor.execute("ROLLBACK")
            except DatabaseError as error:
                if is_busy(error):
                    return "busy"
                raise
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {previous}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"SET statement_timeout = {2 * PROBE_TIMEOUT_MS}")
            try:
                cursor.execute("SELECT current_setting('transaction_read_only') = 'on' OR pg_is_in_recovery()")
                if cursor.fetchone()[0]:
                    return "read-only"
            except DatabaseError as error:
                if is_busy(error):
                    return "busy"
                raise
            finally:
                cursor.execute("SET statement_timeout = DEFAULT")
        else:
            cursor.execute("SELECT 1")
    return "ok"
