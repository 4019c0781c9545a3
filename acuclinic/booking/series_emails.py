"""A course's one email: every visit listed, with an .ics holding them all; and the one sent when the rest
of a course is cancelled. Queued in the transaction that books (or cancels), like every booking email."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from acuclinic.clinic.models import ClinicSettings

from .ics import course_ics
from .models import Appointment, BookingRules, CourseOfCare
from .tasks import _reminder_hours, _transactional, send_reminder

SUBJECTS = {
    "confirmation": "Your course of visits is booked",
    "cancelled": "The rest of your course is cancelled",
}


def course_url(course: CourseOfCare) -> str:
    return settings.BASE_URL + reverse("booking:course-manage", args=[course.manage_token])


def queue_course_confirmation(course: CourseOfCare, *, kind: str, visits: list[Appointment] | None = None) -> None:
    """Queue the course's email for a change made in the current transaction (and each visit's reminder)."""
    visit_ids = [v.pk for v in visits] if visits is not None else list(course.visits.values_list("pk", flat=True))
    if _transactional(send_course_email):
        send_course_email.enqueue(course.pk, kind, visit_ids)
        if kind == "confirmation":
            for visit in course.visits.all():
                remind_at = visit.start - dt.timedelta(hours=_reminder_hours())
                if remind_at > timezone.now():
                    send_reminder.using(run_after=remind_at).enqueue(visit.pk, visit.start.isoformat())
    else:
        transaction.on_commit(lambda: send_course_email.enqueue(course.pk, kind, visit_ids))


@task()
def send_course_email(course_id: int, kind: str, visit_ids: list[int]) -> str:
    course = CourseOfCare.objects.select_related("service", "practitioner").filter(pk=course_id).first()
    if course is None or not course.patient_email:
        return "skipped"
    visits = list(course.visits.filter(pk__in=visit_ids).select_related("service", "practitioner").order_by("start"))
    if kind == "confirmation":
        visits = [v for v in visits if v.status == Appointment.Status.BOOKED]
    if not visits:
        return "superseded"
    send(course, kind, visits)
    return "sent"


def send(course: CourseOfCare, kind: str, visits: list[Appointment]) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    clinic = ClinicSettings.for_site(site) if site else ClinicSettings()
    context = {
        "course": course,
        "kind": kind,
        "clinic": clinic,
        "visits": [(v, timezone.localtime(v.start)) for v in visits],
        "time_zone": settings.TIME_ZONE,
        "course_url": course_url(course),
        "subject": SUBJECTS[kind],
        "notice_hours": BookingRules.current().cancellation_notice_hours,
    }
    message = EmailMultiAlternatives(
        subject=f"{SUBJECTS[kind]} · {clinic.name}",
        body=render_to_string("booking/email/course.txt", context),
        to=[course.patient_email],
        reply_to=[clinic.email] if clinic.email else None,
    )
    message.attach_alternative(render_to_string("booking/email/course.html", context), "text/html")
    message.attach("course.ics", course_ics(visits, clinic, context["course_url"]), "text/calendar")
    message.send()
