"""Keep the team and services pages in step with the booking records they are generated from.

Booking's own tables are not content (an appointment is private and changes all day), so the content
version does not follow them by default. The records these pages show do: a renamed service, a new
price, a practitioner's bio or hours start a new content version. Next free times change with every
booking; they are filled into each response (cached pages too) from a five-minute cache instead.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from acuclinic.booking.models import DateOverride, Holiday, Location, Practitioner, Service, WeeklyHours
from acuclinic.clinic.content_cache import bump_content_version
from acuclinic.clinic.page_cache import register_fresh

SHOWN_RECORDS = (Practitioner, Service, WeeklyHours, Location, Holiday, DateOverride)


def _changed(sender, **kwargs) -> None:
    if not kwargs.get("raw"):
        bump_content_version()


def connect() -> None:
    from .next_times import render_next_times

    for model in SHOWN_RECORDS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"practice-saved-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"practice-deleted-{model.__name__}")
    m2m_changed.connect(_changed, sender=Practitioner.services.through, dispatch_uid="practice-services-offered")
    register_fresh("next_times", render_next_times)
