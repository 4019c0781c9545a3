"""Deployment check for texts (`manage.py check --deploy`), beside clinic/checks.py's email check."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from .sms import UNDELIVERED_SMS_BACKENDS


@register(Tags.security, deploy=True)
def check_texts_are_delivered(app_configs, **kwargs):
    if settings.SMS_ENABLED and settings.SMS_BACKEND in UNDELIVERED_SMS_BACKENDS:
        return [
            Error(
                f"SMS_BACKEND {settings.SMS_BACKEND} delivers no texts, but texting is on (SMS_ENABLED).",
                hint="Set SMS_BACKEND=acuclinic.booking.sms.TwilioBackend with its TWILIO_* settings, "
                "or turn texting off (SMS_ENABLED=0).",
                id="acuclinic.E101",
            )
        ]
    return []
