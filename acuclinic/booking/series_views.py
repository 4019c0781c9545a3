"""Courses of care on the public site, without JavaScript: from a chosen time, "book this as a course of
N weekly visits" → one page listing each week (free, or not free with the nearest free times to pick
from) above the details form → one confirming POST that books every visit or none. Then the course's
own manage page behind its link: every visit, each with its own change/cancel link, and "cancel the rest".
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acuclinic.clinic.breadcrumbs import Crumb
from acuclinic.clinic.clock import local
from acuclinic.clinic.context_processors import clinic_for
from acuclinic.clinic.inputs import parse_instant

from . import limits, policy, series, services
from .errors import BookingError, CallToBook, UrgentCareNeeded
from .forms import DetailsForm
from .links import LinkExpired, LinkNotFound, open_course_link
from .models import Appointment, BookingRules, CourseOfCare, Service
from .views import _crumbs, _practitioner, _service

SESSION_KEY = "booking:last-course"
DEFAULT_VISITS = 6


def _visits(value: str | None, most: int) -> int:
    try:
        number = int(value or DEFAULT_VISITS)
    except ValueError:
        number = DEFAULT_VISITS
    return min(max(number, 2), most)


def _picks(data, wanted: list) -> tuple[dict[int, object], set[int]]:
    """The weeks the patient moved (week number → start) or skipped, from ``week-N`` fields.

    A picked time must lie in its own week (a few days either side of the wanted day): anything else,
    edited into the form, is ignored and that week is shown as asked."""
    moved, skipped = {}, set()
    for number, start in enumerate(wanted, 1):
        value = data.get(f"week-{number}")
        if value == "skip":
            skipped.add(number)
        elif (picked := parse_instant(value)) is not None:
            days = abs((local(picked).date() - local(start).date()).days)
            if days <= series.WEEK_REACH:
                moved[number] = picked
    return moved, skipped


@never_cache
@require_http_methods(["GET", "POST"])
def course(request, service, who):
    service = _service(service)
    data = request.POST if request.method == "POST" else request.GET
    practitioner = _practitioner(service, data.get("with") or who)
    first = parse_instant(data.get("start"))
    times_url = reverse("booking:times", args=[service.slug, who])
    if practitioner is None or first is None or service.audience == Service.Audience.NEW:
        return redirect(times_url)
    most = series.max_visits()
    visits = _visits(data.get("visits"), most)
    wanted = series.weekly_starts(first, visits)
    moved, skipped = _picks(data, wanted)
    numbers = [n for n in range(1, visits + 1) if n not in skipped]
    starts = [moved.get(n, wanted[n - 1]) for n in numbers]
    clinic = clinic_for(request)
    form = DetailsForm(request.POST or None, country=clinic.country, initial={"new_patient": "no"})
    error, plan, status, limited = None, None, 200, False
    if request.method == "POST":
        if limits.refused(request):
            # Keep everything typed (and every week picked): the same page, with the reason above it.
            limited, status = True, 429
        elif not starts:
            error = BookingError(_("Keep at least one week."), field="visits")
        elif form.is_valid():
            try:
                booked = series.book_course(
                    service=service,
                    practitioner=practitioner,
                    starts=starts,
                    patient=form.patient(),
                    intake=form.intake(),
                    consent=form.cleaned_data["consent"],
                    notes=form.cleaned_data["notes"],
                )
            except UrgentCareNeeded as exc:
                return TemplateResponse(
                    request, "booking/urgent.html", {"message": exc.message, "breadcrumbs": _crumbs()}
                )
            except CallToBook as exc:
                context = {"message": exc.message, "breadcrumbs": _crumbs()}
                return TemplateResponse(request, "booking/call_to_book.html", context, status=exc.status)
            except series.CourseConflict as exc:
                error, plan = exc, exc.plan
            except BookingError as exc:
                error = exc
            else:
                limits.booked(request)
                request.session[SESSION_KEY] = booked.pk
                return redirect("booking:course-done")
        if not limited:
            status = error.status if error else 422
    if plan is None:
        plan = series.plan_course(service=service, practitioner=practitioner, starts=starts)
    weeks = [
        {"number": number, "week": week, "start": local(week.wanted),
         "asked": local(wanted[number - 1]), "moved": number in moved and week.free,
         "alternatives": [local(o.start) for o in week.alternatives]}
        for number, week in zip(numbers, plan, strict=True)
    ]  # fmt: skip
    context = {
        "service": service,
        "practitioner": practitioner,
        "who": who,
        "first": local(first),
        "start_iso": first.isoformat(),
        "visits": visits,
        "visit_choices": range(2, most + 1),
        "weeks": weeks,
        "skipped": sorted(skipped),
        "conflicts": sum(1 for w in weeks if not w["week"].free),
        "booking": len(starts),
        "form": form,
        "error": error,
        "terms": BookingRules.current().terms,
        "policy": policy.cancellation_policy(BookingRules.current()),
        "limited": limited,
        "retry_minutes": -(-limits.retry_after() // 60),
        "time_zone": settings.TIME_ZONE,
        "times_url": times_url,
        "breadcrumbs": _crumbs(
            Crumb(service.name, reverse("booking:service", args=[service.slug])),
            Crumb(_("Course of visits"), request.path),
        ),
    }
    return TemplateResponse(request, "booking/course.html", context, status=status)


def _visit_rows(course: CourseOfCare) -> list[dict]:
    now = timezone.now()
    return [
        {"visit": visit, "start": local(visit.start), "end": local(visit.end),
         "can_change": services.can_change(visit, now), "past": visit.start <= now,
         "manage_url": reverse("booking:manage", args=[visit.manage_token])}
        for visit in series.visits_of(course)
    ]  # fmt: skip


@never_cache
@require_safe
def course_done(request):
    booked = CourseOfCare.objects.select_related("service", "practitioner").filter(pk=request.session.get(SESSION_KEY))
    if (course := booked.first()) is None:
        return redirect("booking:start")
    context = {
        "course": course,
        "rows": _visit_rows(course),
        "manage_url": reverse("booking:course-manage", args=[course.manage_token]),
        "ics_url": reverse("booking:course-ics", args=[course.manage_token]),
        "time_zone": settings.TIME_ZONE,
        "breadcrumbs": _crumbs(Crumb(_("Booked"), request.path)),
    }
    return TemplateResponse(request, "booking/course_done.html", context)


def _open(token: str) -> CourseOfCare:
    try:
        return open_course_link(token)
    except LinkNotFound:
        raise Http404(_("This link is not valid.")) from None


def _expired_page(request):
    context = {"expired": True, "breadcrumbs": _crumbs(Crumb(_("Your visits"), request.path))}
    return TemplateResponse(request, "booking/course_manage.html", context, status=410)


@never_cache
@require_safe
def course_manage(request, token):
    try:
        course = _open(token)
    except LinkExpired:
        return _expired_page(request)
    rows = _visit_rows(course)
    context = {
        "course": course,
        "expired": False,
        "rows": rows,
        "token": token,
        "can_cancel_rest": any(row["can_change"] for row in rows),
        "booked": any(row["visit"].status == Appointment.Status.BOOKED for row in rows),
        "confirm_cancel": request.GET.get("cancel") == "confirm",
        "notice_hours": BookingRules.current().cancellation_notice_hours,
        "time_zone": settings.TIME_ZONE,
        "breadcrumbs": _crumbs(Crumb(_("Your visits"), request.path)),
    }
    return TemplateResponse(request, "booking/course_manage.html", context)


@never_cache
@require_POST
def course_cancel_rest(request, token):
    try:
        course = _open(token)
    except LinkExpired:
        return _expired_page(request)
    try:
        cancelled, kept = series.cancel_rest(course=course)
    except BookingError as exc:
        messages.error(request, exc.message)
    else:
        note = _("%(count)s visits cancelled. We have emailed you a confirmation.") % {"count": len(cancelled)}
        if kept:
            note += " " + _("The next visit is too close to change online: please call us about it.")
        messages.success(request, note)
    return HttpResponseRedirect(reverse("booking:course-manage", args=[token]))


@never_cache
@require_safe
def course_ics(request, token):
    """Every booked visit still to come as one .ics file, behind the course's link."""
    from .ics import course_ics as calendar_of
    from .series_emails import course_url

    try:
        course = _open(token)
    except LinkExpired:
        raise Http404(_("This course is over.")) from None
    visits = [v for v in series.visits_of(course) if v.status == Appointment.Status.BOOKED]
    if not visits:
        raise Http404(_("No visit of this course is booked."))
    response = HttpResponse(
        calendar_of(visits, clinic_for(request), course_url(course)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="course.ics"'
    return response
