"""A practitioner's private calendar feed: their appointments and blocked time, for a calendar app to subscribe to.

The URL is the secret: anyone holding it sees patients' names and phone numbers (never screening answers),
so it is a long random token that staff can reset from the admin, which makes the old URL a 404.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from acuclinic.clinic.clock import clinic_today
from acuclinic.clinic.models import ClinicSettings

from .availability import upcoming
from .ics import practitioner_feed
from .models import Practitioner

# Far enough back to review last month's visits, far enough ahead for the booking horizon; a bounded
# window keeps the feed small and its cost independent of the clinic's history.
DAYS_BEFORE = 30
DAYS_AFTER = 90


def subscription_url(practitioner: Practitioner) -> str:
    """The absolute URL a calendar app subscribes to (shown to staff on the practitioner's admin page)."""
    return settings.BASE_URL + reverse("booking:calendar", args=[practitioner.calendar_token])


@require_safe
def practitioner_calendar(request, token: str) -> HttpResponse:
    # An exact match on a unique, 43-character random token: an unknown or reset token is simply not found.
    practitioner = get_object_or_404(Practitioner, calendar_token=token)
    today = clinic_today()
    appointments = upcoming(
        [practitioner], today - dt.timedelta(days=DAYS_BEFORE), today + dt.timedelta(days=DAYS_AFTER)
    )
    body = practitioner_feed(appointments, ClinicSettings.for_request(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{practitioner.slug}.ics"'
    # Patient names and phone numbers: keep them out of shared caches and search engines.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
