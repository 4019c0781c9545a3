"""RFC 5545 calendars: one appointment for the patient, and a practitioner's private feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from acuclinic.clinic.text import clean_message, one_line

PRODID = "-//acuclinic//booking//EN"


def _calendar(clinic, *, method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(
        Timezone.from_tzid(settings.TIME_ZONE, first_date=dt.date(2000, 1, 1), last_date=dt.date(2040, 1, 1))
    )
    return calendar


def _event(appointment, clinic, *, summary: str, description: str) -> Event:
    tz = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"appointment-{appointment.manage_nonce}@acuclinic")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", appointment.start.astimezone(tz))
    event.add("dtend", appointment.end.astimezone(tz))
    # Whatever a name or note holds, no control character reaches a calendar raw.
    event.add("summary", one_line(summary))
    event.add("description", clean_message(description))
    address = ", ".join([clinic.name, *clinic.address_lines])
    event.add("location", vText(address))
    event.add("sequence", int(appointment.updated_at.timestamp()) if appointment.updated_at else 0)
    cancelled = appointment.status == appointment.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if clinic.email:
        organizer = vCalAddress(f"mailto:{clinic.email}")
        organizer.params["cn"] = vText(clinic.name)
        event.add("organizer", organizer)
    return event


def appointment_ics(appointment, clinic, manage_url: str) -> bytes:
    """The patient's .ics: the appointment at the clinic's address, in the clinic's time zone."""
    cancelled = appointment.status == appointment.Status.CANCELLED
    calendar = _calendar(clinic, method="CANCEL" if cancelled else "PUBLISH")
    description = (
        f"{appointment.service} with {appointment.practitioner}, {appointment.practitioner.credential}.\n"
        f"Cancel or reschedule: {manage_url}\nPhone: {clinic.phone_display}"
    )
    calendar.add_component(
        _event(appointment, clinic, summary=f"{appointment.service} at {clinic.name}", description=description)
    )
    return calendar.to_ical()


def practitioner_feed(appointments: Iterable, clinic) -> bytes:
    """A practitioner's appointments and blocked time, for a calendar subscription. No screening answers."""
    calendar = _calendar(clinic)
    for appointment in appointments:
        if appointment.kind == appointment.Kind.BLOCK:
            summary, description = "Blocked", appointment.notes
        else:
            summary = f"{appointment.service}: {appointment.patient_name}"
            description = (
                f"{'New' if appointment.new_patient else 'Returning'} patient. Phone {appointment.patient_phone}"
            )
        calendar.add_component(_event(appointment, clinic, summary=summary, description=description))
    return calendar.to_ical()


def course_ics(visits: Iterable, clinic, course_url: str) -> bytes:
    """A course's .ics: one event per visit (each with its own UID), cancelled ones marked so."""
    visits = list(visits)
    cancelled = all(visit.status == visit.Status.CANCELLED for visit in visits)
    calendar = _calendar(clinic, method="CANCEL" if cancelled else "PUBLISH")
    for visit in visits:
        description = (
            f"{visit.service} with {visit.practitioner}, {visit.practitioner.credential}.\n"
            f"Your visits: {course_url}\nPhone: {clinic.phone_display}"
        )
        calendar.add_component(
            _event(visit, clinic, summary=f"{visit.service} at {clinic.name}", description=description)
        )
    return calendar.to_ical()
