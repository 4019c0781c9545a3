"""The waitlist's pages, without JavaScript: join (from the time step), view or leave (signed link),
claim an offered time (signed link); and the text provider's inbound webhook (STOP)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from acuclinic.clinic.breadcrumbs import Crumb
from acuclinic.clinic.clock import clinic_today
from acuclinic.clinic.context_processors import clinic_for

from . import limits, sms, waitlist
from .errors import BookingError, CallToBook, UrgentCareNeeded
from .links import LinkExpired, LinkNotFound
from .models import BookingRules
from .views import _crumbs, _practitioner, _service
from .waitlist_forms import WaitlistForm


@never_cache
@require_http_methods(["GET", "POST"])
def join(request, service, who):
    service = _service(service)
    practitioner = _practitioner(service, who)
    clinic = clinic_for(request)
    default_until = clinic_today() + dt.timedelta(days=28)
    form = WaitlistForm(
        request.POST or None, country=clinic.country, texting=sms.texting_enabled(), initial={"until": default_until}
    )
    error, limited, status = None, False, 200
    if request.method == "POST":
        if limits.refused(request):
            limited = True  # keep everything typed: the same form, filled in, with the reason above it
        elif form.is_valid():
            data = form.cleaned_data
            try:
                entry = waitlist.join(
                    service=service, practitioner=practitioner, weekdays=data["weekdays"], times=form.time_ranges(),
                    until=data["until"], patient=form.patient(), intake=form.intake(), consent=data["consent"],
                    sms_consent=data.get("texts", False), notes=data["notes"],
                )  # fmt: skip
            except UrgentCareNeeded as exc:
                return TemplateResponse(
                    request, "booking/urgent.html", {"message": exc.message, "breadcrumbs": _crumbs()}
                )
            except CallToBook as exc:
                context = {"message": exc.message, "breadcrumbs": _crumbs()}
                return TemplateResponse(request, "booking/call_to_book.html", context, status=exc.status)
            except BookingError as exc:
                status = exc.status
                if exc.field in form.fields:
                    form.add_error(exc.field, exc.message)
                else:
                    error = exc
            else:
                messages.success(request, _("You are on the waitlist. We have emailed you this page's link."))
                return HttpResponseRedirect(reverse("booking:waitlist-entry", args=[entry.token]))
    context = {
        "service": service,
        "practitioner": practitioner,
        "form": form,
        "error": error,
        "limited": limited,
        "retry_minutes": -(-limits.retry_after() // 60),
        "terms": BookingRules.current().terms,
        "times_url": reverse("booking:times", args=[service.slug, who]),
        "breadcrumbs": _crumbs(
            Crumb(service.name, reverse("booking:service", args=[service.slug])), Crumb(_("Waitlist"), request.path)
        ),
    }
    status = 429 if limited else status
    return TemplateResponse(request, "booking/waitlist/join.html", context, status=status)


def _gone_page(request, status=410):
    context = {"breadcrumbs": _crumbs(Crumb(_("Waitlist"), request.path))}
    return TemplateResponse(request, "booking/waitlist/entry_gone.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def entry(request, token):
    try:
        entry = waitlist.open_entry(token)
    except LinkNotFound:
        raise Http404(_("This link is not valid.")) from None
    except LinkExpired:
        return _gone_page(request)
    if request.method == "POST":
        waitlist.leave(entry)
        messages.success(request, _("You have left the waitlist."))
        return HttpResponseRedirect(request.path)
    context = {
        "entry": entry,
        "token": token,
        "days": [label for value, label in WaitlistForm.base_fields["weekdays"].choices if value in entry.weekdays],
        "confirm_leave": request.GET.get("leave") == "confirm",
        "time_zone": settings.TIME_ZONE,
        "breadcrumbs": _crumbs(Crumb(_("Your place on the waitlist"), request.path)),
    }
    return TemplateResponse(request, "booking/waitlist/entry.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def claim(request, token):
    try:
        offer = waitlist.open_offer(token)
    except LinkNotFound:
        raise Http404(_("This link is not valid.")) from None
    problem, status = None, 200
    if request.method == "POST":
        try:
            appointment = waitlist.claim(token)
        except LinkNotFound:
            raise Http404(_("This link is not valid.")) from None
        except BookingError as exc:
            problem, status = exc.message, exc.status
            offer.refresh_from_db()
        else:
            messages.success(request, _("The time is yours: your appointment is booked. We have emailed you."))
            return HttpResponseRedirect(reverse("booking:manage", args=[appointment.manage_token]))
    now = timezone.now()
    state = "open"
    if offer.status == offer.Status.CLAIMED:
        state = "claimed"
    elif offer.status == offer.Status.GONE:
        state = "gone"
    elif now > offer.expires_at:
        state = "expired"
    if request.method == "GET" and state in ("gone", "expired"):
        status = 409 if state == "gone" else 410
    context = {
        "offer": offer,
        "state": state,
        "problem": problem,
        "token": token,
        "start": timezone.localtime(offer.start),
        "end": timezone.localtime(offer.start + offer.service.duration),
        "expires": timezone.localtime(offer.expires_at),
        "manage_url": reverse("booking:manage", args=[offer.appointment.manage_token]) if offer.appointment else None,
        "entry_url": reverse("booking:waitlist-entry", args=[offer.entry.token]),
        "time_zone": settings.TIME_ZONE,
        "breadcrumbs": _crumbs(Crumb(_("A time has opened up"), request.path)),
    }
    return TemplateResponse(request, "booking/waitlist/claim.html", context, status=status)


@csrf_exempt  # the provider posts here; its signature (X-Twilio-Signature) is the check instead
@require_POST
def sms_inbound(request):
    """Twilio's inbound message webhook: record STOP (and START) replies, nothing else."""
    from twilio.request_validator import RequestValidator

    if not settings.TWILIO_AUTH_TOKEN:
        raise Http404
    validator = RequestValidator(settings.TWILIO_AUTH_TOKEN)
    url = settings.BASE_URL + request.path
    if not validator.validate(url, request.POST.dict(), request.headers.get("X-Twilio-Signature", "")):
        return HttpResponseForbidden("Invalid signature.")
    phone = request.POST.get("From", "")
    if phone:
        sms.record_inbound(phone, request.POST.get("Body", ""), request.POST.get("OptOutType", ""))
    return HttpResponse('<?xml version="1.0" encoding="UTF-8"?><Response/>', content_type="text/xml")
