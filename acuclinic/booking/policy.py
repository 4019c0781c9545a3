"""The cancellation policy in words, and a patient's record of no-shows and late cancellations.

Reads only. The booking page, the confirmation page and the emails state the policy from here; ``services.book``
asks here whether an online booking must go to "please call us" instead (the no-show rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from acuclinic.clinic.clock import clinic_tz

from .models import Appointment, BookingRules


def notice_in_words(hours: int) -> str:
    """``24`` → "24 hours", ``48`` → "2 days": as a receptionist would say it."""
    if hours >= 48 and hours % 24 == 0:
        days = hours // 24
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def cancellation_policy(rules: BookingRules) -> str:
    """One sentence for the booking page, the confirmation and every email."""
    if not rules.cancellation_notice_hours:
        return _("You can change or cancel your appointment online until it starts.")
    return _(
        "You can change or cancel your appointment online up to %(notice)s before it starts. "
        "After that, please call us."
    ) % {"notice": notice_in_words(rules.cancellation_notice_hours)}


def change_deadline(start: dt.datetime, rules: BookingRules) -> dt.datetime:
    """The last moment the patient may change or cancel online."""
    return start - rules.cancellation_notice


def inside_change_window(start: dt.datetime, rules: BookingRules, now: dt.datetime | None = None) -> bool:
    """Whether a booking for ``start`` made ``now`` could no longer be changed online."""
    return (now or timezone.now()) > change_deadline(start, rules)


def for_appointment(appointment: Appointment, rules: BookingRules, *, can_change: bool) -> dict:
    """What the confirmation page, the manage page and the emails say about changing this appointment."""
    return {
        "policy": cancellation_policy(rules),
        "can_change": can_change,
        "deadline": change_deadline(appointment.start, rules).astimezone(clinic_tz()),
    }


def late_booking_warning(rules: BookingRules) -> str:
    return _(
        "This time is less than %(notice)s away, so you will not be able to change or cancel this appointment "
        "online once it is booked. If your plans change, please call us."
    ) % {"notice": notice_in_words(rules.cancellation_notice_hours)}


def normalised_email(email: str) -> str:
    return (email or "").strip().lower()


def _same_patient(email: str, phone: str) -> Q:
    """The appointments of one patient: the same email (case aside) or the same phone number (E.164)."""
    query = Q(pk__in=[])
    if email := normalised_email(email):
        query |= Q(email_key=email)
    if phone:
        query |= Q(patient_phone=phone)
    return query


def _of_patient(email: str, phone: str):
    return (
        Appointment.objects.filter(kind=Appointment.Kind.APPOINTMENT)
        .annotate(email_key=Lower("patient_email"))
        .filter(_same_patient(email, phone))
    )


@dataclass(frozen=True)
class Attendance:
    """What staff see beside an appointment: how often this patient missed or cancelled late."""

    no_shows: int
    late_cancellations: int


def attendance(email: str, phone: str) -> Attendance:
    rows = _of_patient(email, phone)
    return Attendance(
        no_shows=rows.filter(status=Appointment.Status.NO_SHOW).count(),
        late_cancellations=rows.filter(status=Appointment.Status.CANCELLED, late_cancellation=True).count(),
    )


def must_call_to_book(email: str, phone: str, rules: BookingRules) -> bool:
    """The no-show rule: a patient with ``no_show_limit`` or more no-shows books by phone (0: the rule is off)."""
    if not rules.no_show_limit:
        return False
    no_shows = _of_patient(email, phone).filter(status=Appointment.Status.NO_SHOW)
    return no_shows[: rules.no_show_limit].count() >= rules.no_show_limit
