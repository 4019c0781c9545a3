"""Book Online, without JavaScript: service → practitioner → day and time → details → confirmation;
and the patient's own manage page (cancel, reschedule) behind the link in their email."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acuclinic.clinic.breadcrumbs import Crumb
from acuclinic.clinic.clock import clinic_today, local
from acuclinic.clinic.context_processors import clinic_for
from acuclinic.clinic.inputs import is_slug, parse_day, parse_instant

from . import availability, limits, policy, services, sms
from .availability import Offer
from .errors import BookingError, CallToBook, UrgentCareNeeded
from .forms import DetailsForm
from .links import LinkExpired, LinkNotFound, open_manage_link
from .models import Appointment, BookingRules, Practitioner, Service

WINDOW_DAYS = 7
SESSION_KEY = "booking:last-appointment"


def _crumbs(*extra: Crumb) -> list[Crumb]:
    return [Crumb(_("Home"), "/"), Crumb(_("Book Online"), reverse("booking:start")), *extra]


def _service(slug: str) -> Service:
    return get_object_or_404(Service.objects.bookable(), slug=slug)


def _practitioner(service: Service, who: str) -> Practitioner | None:
    if who == "any":
        return None
    if not is_slug(who):  # ?with= is not checked by the URL's slug converter
        raise Http404(_("No such practitioner."))
    return get_object_or_404(service.practitioners.bookable(), slug=who)


def _window_from(value: str | None) -> tuple[dt.date, dt.date]:
    """The week shown from ``?from=``: today at the earliest, the booking horizon at the latest."""
    today = clinic_today()
    horizon = today + dt.timedelta(days=BookingRules.current().horizon_days)
    first_day = min(max(parse_day(value) or today, today), horizon)
    return first_day, first_day + dt.timedelta(days=WINDOW_DAYS - 1)


def group_by_day(offers: list[Offer], *, one_per_time: bool) -> list[tuple[dt.date, list[Offer]]]:
    """Offers by local date; with "first available", one offer per start time (the first practitioner free)."""
    days: dict[dt.date, list[Offer]] = {}
    seen: set[dt.datetime] = set()
    for offer in offers:
        if one_per_time and offer.start in seen:
            continue
        seen.add(offer.start)
        days.setdefault(local(offer.start).date(), []).append(offer)
    return list(days.items())


PATIENT_KINDS = {"new": Service.Audience.NEW, "returning": Service.Audience.RETURNING}


@require_safe
def start(request):
    if is_slug(slug := request.GET.get("service")):
        return redirect("booking:service", service=slug)
    # New or returning is asked first, so the list shows only the services the patient can book.
    patient = request.GET.get("patient") if request.GET.get("patient") in PATIENT_KINDS else None
    person = None
    if is_slug(who := request.GET.get("with")):
        person = Practitioner.objects.bookable().filter(slug=who).first()
    offered = Service.objects.bookable()
    if person is not None:
        offered = offered.filter(practitioners=person)
    if patient is not None:
        offered = offered.filter(audience__in=[Service.Audience.ANY, PATIENT_KINDS[patient]])
    context = {
        "services": offered,
        "patient": patient,
        "person": person,
        "with_query": f"&with={person.slug}" if person else "",
        "patient_query": f"?patient={patient}" if patient else "",
        "breadcrumbs": _crumbs(),
    }
    return TemplateResponse(request, "booking/start.html", context)


@require_safe
def choose_practitioner(request, service):
    service = _service(service)
    context = {
        "service": service,
        "practitioners": service.practitioners.bookable(),
        "patient_query": f"?patient={request.GET['patient']}" if request.GET.get("patient") in PATIENT_KINDS else "",
        "breadcrumbs": _crumbs(Crumb(service.name, request.path)),
    }
    return TemplateResponse(request, "booking/practitioner.html", context)


@require_safe
def choose_time(request, service, who):
    """A week at a glance: seven day columns of start times, one day at a time on phones (``?day=``)."""
    service = _service(service)
    practitioner = _practitioner(service, who)
    today = clinic_today()
    first_day, last_day = _window_from(request.GET.get("from"))
    offers = availability.free_offers(
        service=service, practitioner=practitioner, first_day=first_day, last_day=last_day
    )
    details = reverse("booking:details", args=[service.slug, who])
    patient = request.GET.get("patient") if request.GET.get("patient") in PATIENT_KINDS else None

    def link(offer: Offer) -> str:
        query = {"start": offer.start.isoformat(), "with": offer.practitioner.slug}
        if patient:
            query["patient"] = patient
        return f"{details}?{urlencode(query)}"

    by_day = dict(group_by_day(offers, one_per_time=practitioner is None))
    week = [first_day + dt.timedelta(days=n) for n in range(WINDOW_DAYS)]
    chosen = parse_day(request.GET.get("day")) or first_day
    if chosen not in by_day:
        chosen = next((day for day in week if day in by_day), first_day)
    keep = f"&patient={patient}" if patient else ""
    columns = [
        {
            "day": day,
            "offers": [(offer, link(offer)) for offer in by_day.get(day, [])],
            "selected": day == chosen,
            "url": f"?from={first_day.isoformat()}&day={day.isoformat()}{keep}#times",
        }
        for day in week
    ]
    next_day = None if offers else availability.next_free_day(service, practitioner, last_day)
    earlier = max(first_day - dt.timedelta(days=WINDOW_DAYS), today)
    context = {
        "service": service,
        "practitioner": practitioner,
        "practitioners": service.practitioners.bookable(),
        "who": who,
        "columns": columns,
        "days": [(c["day"], c["offers"]) for c in columns if c["offers"]],
        "first_day": first_day,
        "last_day": last_day,
        "next_free_day": next_day,
        "next_free_url": f"?from={next_day.isoformat()}{keep}" if next_day else None,
        "later": f"?from={(last_day + dt.timedelta(days=1)).isoformat()}{keep}",
        "earlier": f"?from={earlier.isoformat()}{keep}" if first_day > today else None,
        "patient_query": f"?patient={patient}" if patient else "",
        "time_zone": settings.TIME_ZONE,
        "unavailable": request.GET.get("unavailable") == "1",
        "breadcrumbs": _crumbs(
            Crumb(service.name, reverse("booking:service", args=[service.slug])),
            Crumb(_("Choose a time"), request.path),
        ),
    }
    return TemplateResponse(request, "booking/times.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def details(request, service, who):
    service = _service(service)
    start_time = parse_instant(request.GET.get("start") or request.POST.get("start"))
    slug = request.GET.get("with") or request.POST.get("with") or who
    practitioner = _practitioner(service, slug if slug != "any" else who)
    if start_time is None:
        return redirect("booking:times", service=service.slug, who=who)
    if request.method == "GET" and not availability.is_offered(
        service=service, practitioner=practitioner, start=start_time
    ):
        # A time edited into the address, or taken since the list was shown: back to the list, before any typing.
        try:
            day = max(local(start_time).date(), clinic_today())
        except (OverflowError, ValueError):  # an instant at the calendar's edge: show this week
            day = clinic_today()
        times = reverse("booking:times", args=[service.slug, who])
        return redirect(f"{times}?{urlencode({'from': day.isoformat(), 'unavailable': '1'})}")
    clinic = clinic_for(request)
    # The answer given on the first step ("new or returning") fills in the same question here.
    first_visit = {"new": "yes", "returning": "no"}.get(request.GET.get("patient", ""))
    form = DetailsForm(
        request.POST or None,
        country=clinic.country,
        initial={"new_patient": first_visit},
        texting=sms.texting_enabled(),
    )
    rules = BookingRules.current()
    error = None
    limited = False
    if request.method == "POST":
        if limits.refused(request):
            # Keep everything typed: the same form, filled in, with the reason above it.
            limited = True
        elif form.is_valid():
            try:
                appointment = services.book(
                    service=service,
                    practitioner=practitioner,
                    start=start_time,
                    patient=form.patient(),
                    intake=form.intake(),
                    consent=form.cleaned_data["consent"],
                    notes=form.cleaned_data["notes"],
                    sms_consent=form.cleaned_data.get("texts", False),
                )
            except UrgentCareNeeded as exc:
                return TemplateResponse(
                    request, "booking/urgent.html", {"message": exc.message, "breadcrumbs": _crumbs()}
                )
            except CallToBook as exc:
                context = {"message": exc.message, "breadcrumbs": _crumbs()}
                return TemplateResponse(request, "booking/call_to_book.html", context, status=exc.status)
            except BookingError as exc:
                error = exc
            else:
                limits.booked(request)
                request.session[SESSION_KEY] = appointment.pk
                return redirect("booking:done")
    context = {
        "service": service,
        "practitioner": practitioner,
        "who": who,
        "start": local(start_time),
        "start_iso": start_time.isoformat(),
        "with": practitioner.slug if practitioner else "any",
        "form": form,
        "error": error,
        "terms": rules.terms,
        "policy": policy.cancellation_policy(rules),
        "late_warning": policy.late_booking_warning(rules) if policy.inside_change_window(start_time, rules) else "",
        "limited": limited,
        "retry_minutes": -(-limits.retry_after() // 60),
        "time_zone": settings.TIME_ZONE,
        "times_url": reverse("booking:times", args=[service.slug, who]),
        "course_url": _course_url(service, who, practitioner, start_time),
        "course_max": BookingRules.current().course_max_visits,
        "breadcrumbs": _crumbs(
            Crumb(service.name, reverse("booking:service", args=[service.slug])), Crumb(_("Your details"), request.path)
        ),
    }
    status = 429 if limited else error.status if error else 200
    return TemplateResponse(request, "booking/details.html", context, status=status)


def _course_url(service: Service, who: str, practitioner: Practitioner | None, start: dt.datetime) -> str | None:
    """ "Book this as a course of weekly visits" (series_views.py): follow-up services, one practitioner."""
    if practitioner is None or service.audience == Service.Audience.NEW:
        return None
    query = urlencode({"start": start.isoformat(), "with": practitioner.slug})
    return f"{reverse('booking:course', args=[service.slug, who])}?{query}"


@never_cache
@require_safe
def done(request):
    appointment = (
        Appointment.objects.select_related("service", "practitioner")
        .filter(pk=request.session.get(SESSION_KEY))
        .first()
    )
    if appointment is None:
        return redirect("booking:start")
    rules = BookingRules.current()
    context = {
        **policy.for_appointment(appointment, rules, can_change=services.can_change(appointment)),
        "appointment": appointment,
        "start": local(appointment.start),
        "end": local(appointment.end),
        "manage_url": reverse("booking:manage", args=[appointment.manage_token]),
        "ics_url": reverse("booking:manage-ics", args=[appointment.manage_token]),
        "time_zone": settings.TIME_ZONE,
        "breadcrumbs": _crumbs(Crumb(_("Booked"), request.path)),
    }
    return TemplateResponse(request, "booking/done.html", context)


def _by_token(token: str) -> Appointment:
    try:
        return open_manage_link(token)
    except LinkNotFound:
        raise Http404(_("This link is not valid.")) from None


def _expired_page(request):
    context = {"expired": True, "breadcrumbs": _crumbs(Crumb(_("Your appointment"), request.path))}
    return TemplateResponse(request, "booking/manage.html", context, status=410)


@never_cache
@require_safe
def manage(request, token):
    try:
        appointment = _by_token(token)
    except LinkExpired:
        return _expired_page(request)
    rules = BookingRules.current()
    context = {
        **policy.for_appointment(appointment, rules, can_change=services.can_change(appointment)),
        "appointment": appointment,
        "expired": False,
        "start": local(appointment.start),
        "end": local(appointment.end),
        "time_zone": settings.TIME_ZONE,
        "token": token,
        "confirm_cancel": request.GET.get("cancel") == "confirm",
        "breadcrumbs": _crumbs(Crumb(_("Your appointment"), request.path)),
    }
    return TemplateResponse(request, "booking/manage.html", context)


@never_cache
@require_safe
def manage_ics(request, token):
    """The appointment as an .ics file ("Add to calendar"), behind the same secret link as the manage page."""
    from .emails import manage_url
    from .ics import appointment_ics

    try:
        appointment = _by_token(token)
    except LinkExpired:
        raise Http404(_("This appointment is over.")) from None
    if appointment.status != Appointment.Status.BOOKED:
        raise Http404(_("This appointment is not booked."))
    body = appointment_ics(appointment, clinic_for(request), manage_url(appointment))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response


@never_cache
@require_POST
def manage_cancel(request, token):
    try:
        appointment = _by_token(token)
    except LinkExpired:
        return _expired_page(request)
    try:
        services.cancel(appointment=appointment)
    except BookingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your appointment is cancelled. We have emailed you a confirmation."))
    return HttpResponseRedirect(reverse("booking:manage", args=[token]))


@never_cache
@require_http_methods(["GET", "POST"])
def manage_reschedule(request, token):
    """Choose a new time (only times the patient could still change online), then confirm old → new."""
    try:
        appointment = _by_token(token)
    except LinkExpired:
        return _expired_page(request)
    if not services.can_change(appointment):
        return HttpResponseRedirect(reverse("booking:manage", args=[token]))
    rules = BookingRules.current()
    here = reverse("booking:manage-reschedule", args=[token])
    new_start = parse_instant(request.POST.get("start") if request.method == "POST" else request.GET.get("start"))
    status = 200
    if request.method == "POST" and new_start is not None and request.POST.get("confirm") == "yes":
        try:
            services.reschedule(appointment=appointment, start=new_start)
        except BookingError as exc:
            messages.error(request, exc.message)
            status, new_start = exc.status, None
        else:
            messages.success(request, _("Your appointment has moved. We have emailed you the new time."))
            return HttpResponseRedirect(reverse("booking:manage", args=[token]))
    elif request.method == "POST" and new_start is None:
        messages.error(request, _("Please choose a time."))
    if new_start is not None:
        offered = not policy.inside_change_window(new_start, rules) and availability.is_offered(
            service=appointment.service, practitioner=appointment.practitioner, start=new_start
        )
        if offered:
            context = {
                **policy.for_appointment(appointment, rules, can_change=True),
                "appointment": appointment,
                "start": local(appointment.start),
                "new_start": local(new_start),
                "new_start_iso": new_start.isoformat(),
                "time_zone": settings.TIME_ZONE,
                "token": token,
                "choose_url": here,
                "breadcrumbs": _crumbs(
                    Crumb(_("Your appointment"), reverse("booking:manage", args=[token])),
                    Crumb(_("Confirm the new time"), request.path),
                ),
            }
            return TemplateResponse(request, "booking/reschedule_confirm.html", context)
        messages.error(request, _("That time is no longer available. Please choose another."))
        status = 409
    first_day, last_day = _window_from(request.GET.get("from"))
    # Only times the patient could still change online: a move into the notice period would trap them.
    changeable_from = timezone.now() + rules.cancellation_notice
    offers = [
        offer
        for offer in availability.free_offers(
            service=appointment.service, practitioner=appointment.practitioner, first_day=first_day, last_day=last_day
        )
        if offer.start != appointment.start and offer.start >= changeable_from
    ]
    context = {
        "appointment": appointment,
        "days": [
            (day, [(offer, f"{here}?{urlencode({'start': offer.start.isoformat()})}") for offer in day_offers])
            for day, day_offers in group_by_day(offers, one_per_time=True)
        ],
        "start": local(appointment.start),
        "time_zone": settings.TIME_ZONE,
        "token": token,
        "policy": policy.cancellation_policy(rules),
        "later": f"?from={(last_day + dt.timedelta(days=1)).isoformat()}",
        "breadcrumbs": _crumbs(
            Crumb(_("Your appointment"), reverse("booking:manage", args=[token])), Crumb(_("New time"), request.path)
        ),
    }
    return TemplateResponse(request, "booking/reschedule.html", context, status=status)
