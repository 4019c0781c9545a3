"""Background work: the patient's emails and reminders, through django-tasks.

Emails are queued in the same database transaction as the appointment change. With the database
backend (production) the queued task is a row written in that transaction: a crash cannot leave a
booking without its email, or an email without its booking. With the immediate backend (development
and tests) the email is sent once the transaction has committed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .models import Appointment, BookingRules


def _transactional(task_obj) -> bool:
    # A backend that can defer tasks keeps them in a store; django-tasks-db's store is this database.
    return task_obj.get_backend().supports_defer


transactional = _transactional


def queue_confirmation(appointment: Appointment, *, kind: str) -> None:
    """Queue the email for a change made in the current transaction, and the reminder that goes with it."""
    args = (appointment.pk, kind, appointment.start.isoformat())
    if _transactional(send_email):
        send_email.enqueue(*args)
        if kind in ("confirmation", "rescheduled", "moved_by_clinic"):
            remind_at = appointment.start - dt.timedelta(hours=_reminder_hours())
            if remind_at > timezone.now():
                send_reminder.using(run_after=remind_at).enqueue(appointment.pk, appointment.start.isoformat())
    else:
        transaction.on_commit(lambda: send_email.enqueue(*args))


def _reminder_hours() -> int:
    return BookingRules.current().reminder_hours


@task()
def send_email(appointment_id: int, kind: str, start_iso: str) -> str:
    from .emails import send_appointment_email

    appointment = Appointment.objects.select_related("service", "practitioner").filter(pk=appointment_id).first()
    if appointment is None or not appointment.patient_email:
        return "skipped"
    moved = appointment.start != dt.datetime.fromisoformat(start_iso)  # compare instants, not their spelling
    if kind not in ("cancelled", "cancelled_by_clinic") and (appointment.status != Appointment.Status.BOOKED or moved):
        return "superseded"  # a later change sent its own email
    send_appointment_email(appointment, kind)
    return "sent"


def claim_reminder(appointment_id: int, start_iso: str | None = None) -> bool:
    """Mark the reminder as sent, once: a conditional UPDATE, so two workers can never both send it."""
    query = Q(pk=appointment_id, status=Appointment.Status.BOOKED, reminder_sent_at__isnull=True)
    if start_iso is not None:
        query &= Q(start=dt.datetime.fromisoformat(start_iso))
    return Appointment.objects.filter(query).update(reminder_sent_at=timezone.now()) == 1


@task()
def send_reminder(appointment_id: int, start_iso: str) -> str:
    from .emails import send_appointment_email

    if not claim_reminder(appointment_id, start_iso):
        return "skipped"
    appointment = Appointment.objects.select_related("service", "practitioner").get(pk=appointment_id)
    send_appointment_email(appointment, "reminder")
    text_reminder(appointment)
    return "sent"


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Send every reminder due now (appointments starting within the reminder window); idempotent."""
    from .emails import send_appointment_email

    now = now or timezone.now()
    horizon = now + dt.timedelta(hours=_reminder_hours())
    due = Appointment.objects.filter(
        status=Appointment.Status.BOOKED, kind=Appointment.Kind.APPOINTMENT, reminder_sent_at__isnull=True,
        start__gt=now, start__lte=horizon,
    ).values_list("pk", flat=True)  # fmt: skip
    sent = 0
    for appointment_id in list(due):
        if claim_reminder(appointment_id):
            appointment = Appointment.objects.select_related("service", "practitioner").get(pk=appointment_id)
            send_appointment_email(appointment, "reminder")
            text_reminder(appointment)
            sent += 1
    return sent


@task()
def reminder_sweep() -> int:
    """Periodic job: send due reminders, then schedule the next sweep in 15 minutes (database backend)."""
    sent = send_due_reminders()
    if _transactional(reminder_sweep):
        reminder_sweep.using(run_after=timezone.now() + dt.timedelta(minutes=15)).enqueue()
    return sent


# Texts and the waitlist's messages (waitlist.py, waitlist_messages.py) --------------------------------


def text_reminder(appointment: Appointment) -> bool:
    from .waitlist_messages import reminder_text

    return reminder_text(appointment)


def queue_waitlist_email(entry_id: int, kind: str) -> None:
    """Queue the "you are on the waitlist" email (with the link to view or leave) in this transaction."""
    if _transactional(send_waitlist_email):
        send_waitlist_email.enqueue(entry_id, kind)
    else:
        transaction.on_commit(lambda: send_waitlist_email.enqueue(entry_id, kind))


def queue_offer_message(offer_id: int) -> None:
    """Queue the email (and text, if agreed) offering a freed time, in the transaction that made the offer."""
    if _transactional(send_offer_message):
        send_offer_message.enqueue(offer_id)
    else:
        transaction.on_commit(lambda: send_offer_message.enqueue(offer_id))


@task()
def send_waitlist_email(entry_id: int, kind: str) -> str:
    from .waitlist_messages import send_joined_email

    return send_joined_email(entry_id)


@task()
def send_offer_message(offer_id: int) -> str:
    from .waitlist_messages import send_offer

    return send_offer(offer_id)
