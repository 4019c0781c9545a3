"""Deployment checks (`manage.py check --deploy`) beyond Django's own: things that are warnings there or
not checked at all, but that make a clinic's site unsafe or lose patients' mail in production."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends that accept a message and deliver it to no one.
UNDELIVERED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
MIN_SECRET_KEY_LENGTH = 50  # Django's own threshold for security.W009
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5


@register(Tags.security, deploy=True)
def check_debug_off(app_configs, **kwargs):
    if settings.DEBUG:
        return [
            Error(
                "DEBUG is on: tracebacks and settings would reach visitors.", hint="Unset DEBUG.", id="acuclinic.E001"
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_secret_key_strength(app_configs, **kwargs):
    key = str(settings.SECRET_KEY)
    if (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS
        or key.startswith("django-insecure-")
    ):
        return [
            Error(
                "SECRET_KEY is too short or too simple: it signs every patient's manage link.",
                hint=f"Use at least {MIN_SECRET_KEY_LENGTH} random characters, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                id="acuclinic.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_email_is_delivered(app_configs, **kwargs):
    if settings.EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
        return [
            Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND} delivers no mail: patients would get no confirmation.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) or a delivering EMAIL_BACKEND.",
                id="acuclinic.E003",
            )
        ]
    return []
