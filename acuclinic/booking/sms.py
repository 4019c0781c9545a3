"""Text messages: one ``SMS_BACKEND`` (a dotted path, like ``EMAIL_BACKEND``), consent and STOP.

A text goes only to a patient who ticked the texts box (its time is stored), to a number not on the
opt-out list (STOP from the provider, or staff). A body carries no health details: the clinic's name,
the time and a link, and the service only when the clinic allows it (``BookingRules.texts_name_service``).
Texts are sent from tasks (``tasks.py``, ``waitlist.py``), never inside a request.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Keywords carriers and Twilio treat as an opt-out (and back in); Twilio also sends OptOutType.
STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"}
START_WORDS = {"START", "UNSTOP", "YES"}

# Backends that accept a text and deliver it to no one (refused by `check --deploy` while texting is on).
UNDELIVERED_SMS_BACKENDS = {
    "acuclinic.booking.sms.ConsoleBackend",
    "acuclinic.booking.sms.MemoryBackend",
}


def masked(phone: str) -> str:
    """A phone number as it may appear in a console or log line: the last two digits only."""
    return "•" * max(len(phone) - 2, 0) + phone[-2:]


class BaseBackend:
    def send(self, to: str, body: str) -> str:
        """Send ``body`` to ``to`` (E.164); return the provider's message id."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Development: print the text (number masked) instead of sending it."""

    def send(self, to: str, body: str) -> str:
        print(f"SMS to {masked(to)}: {body}")
        return "console"


class MemoryBackend(BaseBackend):
    """Tests: keep the texts in ``MemoryBackend.outbox``, as Django's locmem email backend does."""

    outbox: list[tuple[str, str]] = []

    def send(self, to: str, body: str) -> str:
        MemoryBackend.outbox.append((to, body))
        return f"memory-{len(MemoryBackend.outbox)}"


class TwilioBackend(BaseBackend):
    """Twilio's Messages API through its official library (``twilio``)."""

    def __init__(self):
        from twilio.rest import Client

        self.client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
        self.sender = settings.TWILIO_FROM

    def send(self, to: str, body: str) -> str:
        sender = {"messaging_service_sid": self.sender} if self.sender.startswith("MG") else {"from_": self.sender}
        message = self.client.messages.create(to=to, body=body, **sender)
        return message.sid


def backend() -> BaseBackend:
    return import_string(settings.SMS_BACKEND)()


def texting_enabled() -> bool:
    return settings.SMS_ENABLED


def opted_out(phone: str) -> bool:
    from .models import TextOptOut

    return TextOptOut.objects.filter(phone=phone).exists()


def send_text(phone: str, body: str, *, consent_at) -> bool:
    """Send one text, if texting is on, the patient agreed, and the number has not opted out."""
    if not texting_enabled() or consent_at is None or not phone or opted_out(phone):
        return False
    try:
        backend().send(phone, body)
    except Exception:  # the provider refused or is down: the email still went; log no number, no body
        logger.exception("A text message could not be sent")
        return False
    return True


def record_inbound(phone: str, body: str, opt_out_type: str = "") -> str | None:
    """Apply a patient's STOP (or START) reply; returns what was recorded, if anything."""
    from .models import TextOptOut

    word = (opt_out_type or body or "").strip().upper()
    if word in STOP_WORDS:
        TextOptOut.objects.get_or_create(phone=phone, defaults={"source": "stop"})
        return "stop"
    if word in START_WORDS:
        TextOptOut.objects.filter(phone=phone, source="stop").delete()
        return "start"
    return None
