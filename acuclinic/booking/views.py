"""Book Online, without JavaScript: service → practitioner → day and time → details → confirmation;
and the patient's own manage page (cancel, reschedule) behind the link in their email."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acuclinic.clinic.breadcrumbs import Crumb
from acuclinic.clinic.context_processors import clinic_for
from acuclinic.clinic.inputs import is_slug, parse_day, parse_instant
from acuclinic.clinic.ratelimit import allow

from . import services
from .forms import DetailsForm
from .links import LinkExpired, LinkNotFound, open_manage_link
from .models import Appointment, Practitioner, Service

WINDOW_DAYS = 7
SESSION_KEY = "booking:last-appointment"


def _crumbs(*extra: Crumb) -> list[Crumb]:
    return [Crumb(_("Home"), "/"), Crumb(_("Book Online"), reverse("booking:start")), *extra]


def _service(slug: str) -> Service:
    return get_object_or_404(Service, slug=slug, active=True)


def _practitioner(service: Service, who: str) -> Practitioner | None:
    if who == "any":
        return None
    if not is_slug(who):  # ?with= is not checked by the URL's slug converter
        raise Http404(_("No such practitioner."))
    return get_object_or_404(service.practitioners.bookable(), slug=who)


def _window_from(value: str | None) -> tuple[dt.date, dt.date]:
    """The week shown from ``?from=``: today at the earliest, the booking horizon at the latest."""
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=services.current_rules().horizon_days)
    first_day = min(max(parse_day(value) or today, today), horizon)
    return first_day, first_day + dt.timedelta(days=WINDOW_DAYS - 1)


def group_by_day(offers: list[services.Offer], *, one_per_time: bool) -> list[tuple[dt.date, list[services.Offer]]]:
    """Offers by local date; with "first available", one offer per start time (the first practitioner free)."""
    days: dict[dt.date, list[services.Offer]] = {}
    seen: set[dt.datetime] = set()
    for offer in offers:
        if one_per_time and offer.start in seen:
            continue
        seen.add(offer.start)
        days.setdefault(timezone.localtime(offer.start).date(), []).append(offer)
    return list(days.items())


@require_safe
def start(request):
    if is_slug(slug := request.GET.get("service")):
        return redirect("booking:service", service=slug)
    context = {"services": Service.objects.filter(active=True), "breadcrumbs": _crumbs()}
    return TemplateResponse(request, "booking/start.html", context)


@require_safe
def choose_practitioner(request, service):
    service = _service(service)
    context = {
        "service": service,
        "practitioners": service.practitioners.bookable(),
        "breadcrumbs": _crumbs(Crumb(service.name, request.path)),
    }
    return TemplateResponse(request, "booking/practitioner.html", context)


@require_safe
def choose_time(request, service, who):
    service = _service(service)
    practitioner = _practitioner(service, who)
    today = timezone.localdate()
    first_day, last_day = _window_from(request.GET.get("from"))
    offers = services.free_offers(service=service, practitioner=practitioner, first_day=first_day, last_day=last_day)
    details = reverse("booking:details", args=[service.slug, who])
    days = [
        (
            day,
            [
                (offer, f"{details}?{urlencode({'start': offer.start.isoformat(), 'with': offer.practitioner.slug})}")
                for offer in day_offers
            ],
        )
        for day, day_offers in group_by_day(offers, one_per_time=practitioner is None)
    ]
    context = {
        "service": service,
        "practitioner": practitioner,
        "who": who,
        "days": days,
        "first_day": first_day,
        "last_day": last_day,
        "later": f"?from={(last_day + dt.timedelta(days=1)).isoformat()}",
        "earlier": f"?from={(first_day - dt.timedelta(days=WINDOW_DAYS)).isoformat()}" if first_day > today else None,
        "time_zone": settings.TIME_ZONE,
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
    clinic = clinic_for(request)
    form = DetailsForm(request.POST or None, country=clinic.country)
    error = None
    if request.method == "POST":
        if not allow(request, "booking", limit=settings.BOOKING_RATE_LIMIT, per_seconds=3600):
            return TemplateResponse(request, "booking/rate_limited.html", {"breadcrumbs": _crumbs()}, status=429)
        if form.is_valid():
            try:
                appointment = services.book(
                    service=service,
                    practitioner=practitioner,
                    start=start_time,
                    patient=form.patient(),
                    intake=form.intake(),
                    consent=form.cleaned_data["consent"],
                    notes=form.cleaned_data["notes"],
                )
            except services.UrgentCareNeeded as exc:
                return TemplateResponse(
                    request, "booking/urgent.html", {"message": exc.message, "breadcrumbs": _crumbs()}
                )
            except services.BookingError as exc:
                error = exc
            else:
                request.session[SESSION_KEY] = appointment.pk
                return redirect("booking:done")
    context = {
        "service": service,
        "practitioner": practitioner,
        "who": who,
        "start": timezone.localtime(start_time),
        "start_iso": start_time.isoformat(),
        "with": practitioner.slug if practitioner else "any",
        "form": form,
        "error": error,
        "terms": services.current_rules().terms,
        "time_zone": settings.TIME_ZONE,
        "times_url": reverse("booking:times", args=[service.slug, who]),
        "breadcrumbs": _crumbs(
            Crumb(service.name, reverse("booking:service", args=[service.slug])), Crumb(_("Your details"), request.path)
        ),
    }
    return TemplateResponse(request, "booking/details.html", context, status=error.status if error else 200)


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
    context = {
        "appointment": appointment,
        "start": timezone.localtime(appointment.start),
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
    context = {
        "appointment": appointment,
        "expired": False,
        "can_change": services.can_change(appointment),
        "start": timezone.localtime(appointment.start),
        "time_zone": settings.TIME_ZONE,
        "token": token,
        "breadcrumbs": _crumbs(Crumb(_("Your appointment"), request.path)),
    }
    return TemplateResponse(request, "booking/manage.html", context)


@never_cache
@require_POST
def manage_cancel(request, token):
    try:
        appointment = _by_token(token)
    except LinkExpired:
        return _expired_page(request)
    try:
        services.cancel(appointment=appointment)
    except services.BookingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your appointment is cancelled. We have emailed you a confirmation."))
    return HttpResponseRedirect(reverse("booking:manage", args=[token]))


@never_cache
@require_http_methods(["GET", "POST"])
def manage_reschedule(request, token):
    try:
        appointment = _by_token(token)
    except LinkExpired:
        return _expired_page(request)
    if not services.can_change(appointment):
        return HttpResponseRedirect(reverse("booking:manage", args=[token]))
    if request.method == "POST":
        new_start = parse_instant(request.POST.get("start"))
        if new_start is None:
            messages.error(request, _("Please choose a time."))
        else:
            try:
                services.reschedule(appointment=appointment, start=new_start)
            except services.BookingError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Your appointment has moved. We have emailed you the new time."))
                return HttpResponseRedirect(reverse("booking:manage", args=[token]))
    first_day, last_day = _window_from(request.GET.get("from"))
    offers = [
        offer
        for offer in services.free_offers(
            service=appointment.service, practitioner=appointment.practitioner, first_day=first_day, last_day=last_day
        )
        if offer.start != appointment.start
    ]
    context = {
        "appointment": appointment,
        "days": group_by_day(offers, one_per_time=True),
        "start": timezone.localtime(appointment.start),
        "time_zone": settings.TIME_ZONE,
        "token": token,
        "later": f"?from={(last_day + dt.timedelta(days=1)).isoformat()}",
        "breadcrumbs": _crumbs(
            Crumb(_("Your appointment"), reverse("booking:manage", args=[token])), Crumb(_("New time"), request.path)
        ),
    }
    return TemplateResponse(request, "booking/reschedule.html", context)
