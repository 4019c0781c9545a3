"""Staff sign-in throttling: after too many failed passwords from one address, or for one username, within
a window, sign-in is refused for the length of a window, with a message that says so.

Enforced in authentication itself (``LoginThrottle`` is the first of ``AUTHENTICATION_BACKENDS``), so
every path that checks a password is covered, not only the admin's form; ``LoginForm`` only turns the
refusal into a clear message on Wagtail's sign-in page. Failures are counted from Django's
``user_login_failed`` signal. Counts live in the shared cache (clinic/ratelimit.py), per address and per
username, so neither many usernames from one address nor one username from many addresses get through.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from . import ratelimit

BY_ADDRESS, BY_USERNAME = "login-address", "login-username"


def _username(username) -> str:
    return str(username or "").strip().casefold()


def _identities(request, username) -> list[tuple[str, str]]:
    identities = [(BY_ADDRESS, ratelimit.client_address(request))] if request is not None else []
    if name := _username(username):
        identities.append((BY_USERNAME, name))
    return identities


def locked_for(request, username) -> int:
    """Seconds left before sign-in is allowed again for this request's address and ``username``; 0 if now."""
    return max(
        (ratelimit.blocked_for(scope, identity) for scope, identity in _identities(request, username)), default=0
    )


def record_failure(sender, credentials, request=None, **kwargs) -> None:
    limit = settings.LOGIN_FAILURE_LIMIT
    if limit <= 0:
        return
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for scope, identity in _identities(request, credentials.get("username")):
        if ratelimit.hit(scope, identity, per_seconds=window) >= limit and not ratelimit.blocked_for(scope, identity):
            # The lockout runs a full window from the failure that reached the limit.
            ratelimit.block(scope, identity, seconds=window)


def connect() -> None:
    user_login_failed.connect(record_failure, dispatch_uid="acuclinic-login-throttle")


class LoginThrottle:
    """An authentication backend that authenticates no one: it stops authentication while locked out.

    It has no ``get_user``, so Django never picks it as the backend a session belongs to.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if locked_for(request, username):
            raise PermissionDenied  # ends authenticate() here: no other backend checks the password
        return None


def lockout_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "Too many failed sign-in attempts. Please try again in %(minutes)d minute.",
        "Too many failed sign-in attempts. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form (WAGTAILADMIN_USER_LOGIN_FORM) saying why a locked-out sign-in is refused."""

    def clean(self):
        if seconds := locked_for(self.request, self.cleaned_data.get("username")):
            raise forms.ValidationError(lockout_message(seconds), code="throttled")
        return super().clean()
