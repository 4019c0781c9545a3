"""The patient's emails: confirmation (with .ics), rescheduled, cancelled and reminder. HTML and text."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from acuclinic.clinic.clock import local
from acuclinic.clinic.models import ClinicSettings

from . import policy
from .ics import appointment_ics
from .models import BookingRules

SUBJECTS = {
    "confirmation": "Your appointment is booked",
    "rescheduled": "Your appointment has moved",
    "cancelled": "Your appointment is cancelled",
    "reminder": "Reminder: your appointment tomorrow",
}


def manage_url(appointment) -> str:
    return settings.BASE_URL + reverse("booking:manage", args=[appointment.manage_token])


def _can_change(appointment) -> bool:
    from .services import can_change  # services queues these emails: import it when one is sent

    return can_change(appointment)


def send_appointment_email(appointment, kind: str) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    clinic = ClinicSettings.for_site(site) if site else ClinicSettings()
    local_start = local(appointment.start)
    subject = SUBJECTS[kind] if kind != "reminder" else f"Reminder: your appointment on {local_start:%A %-d %B}"
    context = {
        "appointment": appointment,
        "kind": kind,
        "clinic": clinic,
        "start": local_start,
        "time_zone": settings.TIME_ZONE,
        "manage_url": manage_url(appointment),
        "subject": subject,
        **policy.for_appointment(appointment, BookingRules.current(), can_change=_can_change(appointment)),
    }
    message = EmailMultiAlternatives(
        subject=f"{subject} · {clinic.name}",
        body=render_to_string("booking/email/appointment.txt", context),
        to=[appointment.patient_email],
        reply_to=[clinic.email] if clinic.email else None,
    )
    message.attach_alternative(render_to_string("booking/email/appointment.html", context), "text/html")
    if kind != "reminder":
        message.attach("appointment.ics", appointment_ics(appointment, clinic, context["manage_url"]), "text/calendar")
    message.send()
