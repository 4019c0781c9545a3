"""A practitioner's (or a service's) next few free times, as HTML filled into each page response.

The page around them is cached per content version; the times are not content, so each response gets
them from a short-lived cache (``TTL``), computed by the booking's slot engine on a miss. The booking
step checks the time again, so a time taken meanwhile is refused there, never double-booked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from acuclinic.booking import availability
from acuclinic.booking.models import Practitioner, Service
from acuclinic.clinic.clock import clinic_today, local
from acuclinic.clinic.page_cache import fresh_marker

TTL = 300
LOOK_AHEAD_DAYS = 14
SHOWN = 4


@dataclass(frozen=True)
class FreeTime:
    start: dt.datetime
    practitioner_name: str
    url: str


def marker(service: Service, practitioner: Practitioner | None) -> str:
    return fresh_marker("next_times", f"{service.pk}-{practitioner.pk if practitioner else 'any'}")


def next_free_times(service: Service, practitioner: Practitioner | None, *, now=None) -> list[FreeTime]:
    today = clinic_today(now)
    offers = availability.free_offers(
        service=service, practitioner=practitioner, first_day=today, last_day=today + dt.timedelta(days=LOOK_AHEAD_DAYS)
    )
    who = practitioner.slug if practitioner else "any"
    details = reverse("booking:details", args=[service.slug, who])
    shown: list[FreeTime] = []
    seen: set[dt.datetime] = set()
    for offer in offers:
        if offer.start in seen:
            continue
        seen.add(offer.start)
        query = urlencode({"start": offer.start.isoformat(), "with": offer.practitioner.slug})
        shown.append(FreeTime(local(offer.start), offer.practitioner.name, f"{details}?{query}"))
        if len(shown) == SHOWN:
            break
    return shown


def render_next_times(argument: str) -> str:
    """The filler for ``marker()``: an empty string for anything but two known ids (never echoes input)."""
    service_id, _, practitioner_id = argument.partition("-")
    if not service_id.isdigit() or not (practitioner_id.isdigit() or practitioner_id == "any"):
        return ""
    key = f"acuclinic:next-times:{service_id}-{practitioner_id}"
    html = cache.get(key)
    if html is None:
        service = Service.objects.bookable().filter(pk=service_id).first()
        practitioner = None
        if practitioner_id != "any":
            practitioner = Practitioner.objects.bookable().filter(pk=practitioner_id).first()
        if service is None or (practitioner_id != "any" and practitioner is None):
            html = ""
        else:
            times = next_free_times(service, practitioner)
            who = practitioner.slug if practitioner else "any"
            html = render_to_string(
                "practice/includes/next_times.html",
                {
                    "times": times,
                    "show_names": practitioner is None,
                    "all_times": reverse("booking:times", args=[service.slug, who]),
                },
            )
        cache.set(key, html, TTL)
    return html
