"""What the waitlist sends: the "you are on the list" email, the offer (email, and a text if agreed),
and the appointment reminder's text. Texts name no service unless the clinic allows it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from acuclinic.clinic.models import ClinicSettings

from . import sms
from .emails import manage_url
from .models import Appointment, BookingRules, WaitlistEntry, WaitlistOffer


def _clinic() -> ClinicSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return ClinicSettings.for_site(site) if site else ClinicSettings()


def entry_url(entry: WaitlistEntry) -> str:
    return settings.BASE_URL + reverse("booking:waitlist-entry", args=[entry.token])


def claim_url(offer: WaitlistOffer) -> str:
    return settings.BASE_URL + reverse("booking:waitlist-claim", args=[offer.token])


def _send(template: str, subject: str, to: str, context: dict) -> None:
    clinic = context["clinic"]
    context = {**context, "subject": subject, "time_zone": settings.TIME_ZONE}
    message = EmailMultiAlternatives(
        subject=f"{subject} · {clinic.name}",
        body=render_to_string(f"booking/waitlist/{template}.txt", context),
        to=[to],
        reply_to=[clinic.email] if clinic.email else None,
    )
    message.attach_alternative(render_to_string(f"booking/waitlist/{template}.html", context), "text/html")
    message.send()


def send_joined_email(entry_id: int) -> str:
    entry = WaitlistEntry.objects.select_related("service", "practitioner").filter(pk=entry_id).first()
    if entry is None or entry.status != WaitlistEntry.Status.WAITING:
        return "skipped"
    context = {"entry": entry, "clinic": _clinic(), "entry_url": entry_url(entry)}
    _send("email_joined", _("You are on the waitlist"), entry.patient_email, context)
    return "sent"


OFFER_TEXT = gettext_lazy(
    "%(clinic)s: a time has opened up on %(when)s%(what)s. Claim it: %(link)s Reply STOP to opt out."
)
REMINDER_TEXT = gettext_lazy(
    "Reminder: your appointment at %(clinic)s on %(when)s%(what)s. Details: %(link)s Reply STOP to opt out."
)


def text_body(*, clinic_name: str, start, link: str, service_name: str | None, kind: str) -> str:
    """A text with no health details: the clinic, the time and the link (the service only if allowed)."""
    when = timezone.localtime(start).strftime("%a %-d %b %H:%M")
    what = f" ({service_name})" if service_name else ""
    template = OFFER_TEXT if kind == "offer" else REMINDER_TEXT
    return str(template) % {"clinic": clinic_name, "when": when, "what": what, "link": link}


def send_offer(offer_id: int) -> str:
    offer = WaitlistOffer.objects.select_related("entry", "service", "practitioner").filter(pk=offer_id).first()
    if offer is None or offer.status != WaitlistOffer.Status.OPEN or timezone.now() > offer.expires_at:
        return "skipped"
    clinic, link = _clinic(), claim_url(offer)
    context = {
        "offer": offer,
        "entry": offer.entry,
        "clinic": clinic,
        "start": timezone.localtime(offer.start),
        "expires": timezone.localtime(offer.expires_at),
        "claim_url": link,
        "entry_url": entry_url(offer.entry),
    }
    _send("email_offer", _("A time has opened up"), offer.entry.patient_email, context)
    rules = BookingRules.current()
    body = text_body(
        clinic_name=clinic.name, start=offer.start, link=link, kind="offer",
        service_name=offer.service.name if rules.texts_name_service else None,
    )  # fmt: skip
    sms.send_text(offer.entry.patient_phone, body, consent_at=offer.entry.sms_consent_at)
    return "sent"


def reminder_text(appointment: Appointment) -> bool:
    if appointment.sms_consent_at is None:
        return False
    rules = BookingRules.current()
    body = text_body(
        clinic_name=_clinic().name, start=appointment.start, link=manage_url(appointment), kind="reminder",
        service_name=appointment.service.name if rules.texts_name_service and appointment.service else None,
    )  # fmt: skip
    return sms.send_text(appointment.patient_phone, body, consent_at=appointment.sms_consent_at)
