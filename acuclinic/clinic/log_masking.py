"""Keep secret links out of every log line.

A manage link's token opens a patient's booking, and a calendar link's token a practitioner's diary;
both travel in the URL path, which every access and error log writes down. This filter replaces the
secret segment with ``[masked]`` in the final text of each record (message, arguments and traceback)
before any handler formats it: Django's request and runserver logs (settings.LOGGING) and gunicorn's
access and error logs (``GunicornLogger``, which ``make serve-prod`` passes with ``--logger-class``).

``SECRET_PATH_PREFIXES`` is the one list of routes whose next path segment is a secret: add a prefix
here when a new signed link is added.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

SECRET_PATH_PREFIXES = (
    "/book/manage/",  # the patient's manage page and its cancel and reschedule forms
    "/book/calendar/",  # a practitioner's calendar feed (<token>.ics)
    "/api/v1/appointments/",  # the API's view of one appointment, by the same token
)
MASK = "[masked]"


def _pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    # A slash may arrive percent-encoded (a path inside a query string, a proxy's raw URI).
    alternatives = "|".join("(?:/|%2f)".join(re.escape(part) for part in prefix.split("/")) for prefix in prefixes)
    return re.compile(rf"({alternatives})[^/?#&\s\"'<>]+", re.IGNORECASE)


SECRET_PATHS = _pattern(SECRET_PATH_PREFIXES)


def mask_secret_links(text: str) -> str:
    """``text`` with the secret segment of every secret link replaced by ``[masked]``."""
    return SECRET_PATHS.sub(rf"\1{MASK}", text)


class MaskSecretLinks(logging.Filter):
    """A logging filter that rewrites a record so that no secret link survives into any handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the handler's to report; leave it as it is
            return True
        masked = mask_secret_links(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            # Format the traceback now, masked; formatters reuse exc_text rather than formatting again.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secret_links(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secret_links(record.stack_info)
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with secret links masked in its access log (request line, referrer) and error log."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(existing, MaskSecretLinks) for existing in log.filters):
                log.addFilter(MaskSecretLinks())
