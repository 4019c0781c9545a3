"""Finding a patient the clinic has seen before, for the front desk: by name, email or phone.

There is no patient table: a patient is the name, email and phone of their appointments. The search groups
past and future appointments by those three, most recent first, in one query.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from .models import Appointment

MIN_QUERY = 2  # fewer characters match half the clinic
MIN_PHONE_DIGITS = 4  # enough of a number to mean a phone, not a house number in a name


@dataclass(frozen=True)
class KnownPatient:
    name: str
    email: str
    phone: str  # E.164
    visits: int
    last_visit: dt.datetime
    appointment_id: int  # their most recent appointment: the booking form is filled in from it


def find_patients(query: str, *, limit: int = 10) -> list[KnownPatient]:
    """Patients whose name or email contains ``query``, or whose phone contains its digits (any spacing)."""
    query = " ".join(query.split())
    if len(query) < MIN_QUERY:
        return []
    match = Q(patient_name__icontains=query) | Q(patient_email__icontains=query)
    digits = re.sub(r"\D", "", query)
    if len(digits) >= MIN_PHONE_DIGITS:
        # Stored as E.164 (+14165550123): "416 555 0123", "(416) 555-0123" and "+1 416..." all match.
        match |= Q(patient_phone__contains=digits)
    rows = (
        Appointment.objects.filter(match, kind=Appointment.Kind.APPOINTMENT)
        .values("patient_name", "patient_email", "patient_phone")
        .annotate(visits=Count("pk"), last_visit=Max("start"), appointment_id=Max("pk"))
        .order_by("-last_visit")[:limit]
    )
    return [
        KnownPatient(
            row["patient_name"], row["patient_email"], row["patient_phone"], row["visits"], row["last_visit"],
            row["appointment_id"],
        )
        for row in rows
    ]  # fmt: skip
