"""Send one hostile request and judge it: no 5xx, nothing logged at ERROR (or with a traceback) by any
logger, and a body that says it is JSON or iCalendar really is.

Each request runs in a savepoint that is rolled back, so a booking or comment that one value made does
not change what the next value meets; the work queued for after the commit (emails) runs inside it first.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import quote

from django.db import transaction
from django.test import Client

REPORTED = 8  # failures shown in full in an assertion message; the rest are counted


def encode(value: str) -> str:
    """Percent-encoded as a browser would send it; a lone surrogate as the (invalid) UTF-8 bytes it would have."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def form_body(data: dict[str, str | list[str]]) -> str:
    pairs = []
    for key, values in data.items():
        for value in values if isinstance(values, list) else [values]:
            pairs.append(f"{encode(key)}={encode(value)}")
    return "&".join(pairs)


@dataclass
class Failure:
    route: str
    where: str
    label: str
    status: int
    detail: str


class Probe:
    """One client for a whole table of requests; counts them and collects every failure."""

    def __init__(self, capture_on_commit):
        self.client = Client(raise_request_exception=False)
        self.capture_on_commit = capture_on_commit
        self.sent = 0
        self.failures: list[Failure] = []
        self._records: list[logging.LogRecord] = []

    def start_logging_capture(self, monkeypatch) -> None:
        original = logging.Logger.handle
        records = self._records

        def handle(logger, record):
            if record.levelno >= logging.ERROR or record.exc_info:
                records.append(record)
            return original(logger, record)

        # Every logger's records pass through Logger.handle, whatever its handlers or propagation.
        monkeypatch.setattr(logging.Logger, "handle", handle)

    def send(
        self, method: str, path: str, *, route: str, where: str, label: str, body: str = "", content_type: str = ""
    ):
        """``path`` already percent-encoded (with its query string); ``body`` as text. ``route`` and ``where``
        name the URL pattern and the parameter, for the report."""
        self.sent += 1
        self._records.clear()
        response, crash = None, ""
        try:
            with transaction.atomic():
                with self.capture_on_commit(execute=True):
                    if method == "GET":
                        response = self.client.get(path)
                    else:
                        response = self.client.generic(
                            method, path, body.encode("utf-8", "surrogatepass"), content_type=content_type
                        )
                transaction.set_rollback(True)
        except Exception as error:
            crash = f"{type(error).__name__}: {error}"
        status = response.status_code if response is not None else 0
        problems = [crash] if crash else []
        if status >= 500:
            exc = getattr(response, "exc_info", None)
            problems.append(f"{exc[0].__name__}: {exc[1]}" if exc else "server error")
        problems += [f"logged {r.levelname} by {r.name}: {r.getMessage()[:200]}" for r in self._records]
        if response is not None and status < 500 and not problems:
            problems += self._body_problems(response)
        if problems:
            self.failures.append(Failure(f"{method} {route}", where, label, status, "; ".join(problems)))
        return response

    @staticmethod
    def _body_problems(response) -> list[str]:
        kind = response.get("Content-Type", "").split(";")[0].strip()
        content = b"" if getattr(response, "streaming", False) else response.content
        if kind == "application/json" and content:
            try:
                json.loads(content)
            except ValueError as error:
                return [f"a JSON response that is not JSON ({error})"]
        if kind == "text/calendar" and not content.startswith(b"BEGIN:VCALENDAR"):
            return ["an iCalendar response that is not iCalendar"]
        return []

    def verdict(self, what: str) -> str:
        """Failures grouped by route and parameter, each with the values that failed and one example."""
        groups: dict[tuple[str, str], list[Failure]] = {}
        for failure in self.failures:
            groups.setdefault((failure.route, failure.where), []).append(failure)
        lines = [f"{what}: {len(self.failures)} of {self.sent} hostile requests failed"]
        for (route, where), failures in groups.items():
            labels = ", ".join(sorted({f.label for f in failures}))
            example = failures[0]
            lines.append(f"  {route} [{where}] ({labels}) -> {example.status}: {example.detail[:240]}")
        return "\n".join(lines)
