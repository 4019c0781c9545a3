"""The front desk in the Wagtail admin: staff reschedule an appointment with the free-slot picker, and take
phone bookings (find an earlier patient, pick a free time, or type one in as the staff override).

The times come from the same slot engine as the public booking pages (``availability.free_offers``), with
``by_staff=True``: staff may book and move inside the minimum notice, and move inside the patient's change
window. No override lifts the overlap refusal (``services``, and the database on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages

from acuclinic.clinic.clock import at_clinic, clinic_today, clinic_tz
from acuclinic.clinic.inputs import parse_instant
from acuclinic.clinic.models import ClinicSettings
from acuclinic.clinic.phones import national

from . import services
from .admin_views import (
    CHANGE_APPOINTMENTS,
    DATE_WIDGET,
    INTAKE_LABELS,
    TIME_WIDGET,
    VIEW_APPOINTMENTS,
    BookingAdminView,
    BookingErrorForm,
    BookingFormView,
    query_string,
)
from .availability import Offer, free_offers
from .errors import BookingError
from .forms import PhoneInCountryMixin
from .models import Appointment, BookingRules, Practitioner, Service
from .patients import find_patients


class PhoneBookingForm(PhoneInCountryMixin, BookingErrorForm):
    """A booking taken by phone: a time picked from the free-slot list (``start``), or, as the staff override,
    another time typed in (``date`` and ``time``: outside the listed times, only overlaps are refused)."""

    error_fields = {"consent": "terms"}

    service = forms.ModelChoiceField(Service.objects.bookable(), label=_("Service"))
    practitioner = forms.ModelChoiceField(
        Practitioner.objects.bookable(),
        label=_("Practitioner"),
        required=False,
        empty_label=_("Whoever is free at that time"),
    )
    start = forms.DateTimeField(required=False, widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE_WIDGET)
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Clinic time. Any time the practitioner's calendar has free, even outside their hours."),
    )
    name = forms.CharField(label=_("Patient's full name"), max_length=120)
    phone = forms.CharField(label=_("Patient's phone"), max_length=30)
    email = forms.EmailField(
        label=_("Patient's email"), required=False, help_text=_("Optional: the confirmation is sent here.")
    )
    new_patient = forms.BooleanField(label=_("New patient (first visit)"), required=False)
    pregnant = forms.BooleanField(label=INTAKE_LABELS["pregnant"], required=False)
    anticoagulants = forms.BooleanField(label=INTAKE_LABELS["anticoagulants"], required=False)
    implanted_device = forms.BooleanField(label=INTAKE_LABELS["implanted_device"], required=False)
    # Read out in full: the short label is not a question a caller can answer.
    red_flags = forms.BooleanField(
        label=_("New loss of bladder or bowel control, or new numbness around the genitals, buttocks or inner thighs"),
        required=False,
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    terms = forms.BooleanField(
        label=_("The patient agrees to the booking terms"),
        help_text=_("Read them the terms, including how their screening answers are used."),
    )

    @property
    def any_time(self) -> bool:
        """Whether staff typed a time in, rather than picking one from the list."""
        return bool(self.data.get("date") or self.data.get("time"))

    def clean(self):
        data = super().clean()
        if self.any_time:
            if not (data.get("date") and data.get("time")):
                self.add_error("time" if data.get("date") else "date", _("Enter both the date and the time."))
            elif not data.get("practitioner"):
                self.add_error("practitioner", _("Choose the practitioner for a time outside the list."))
            else:
                data["start"] = at_clinic(data["date"], data["time"])
        elif not data.get("start") and "start" not in self.errors:
            self.add_error(None, _("Choose a time from the list of free times, or type another time in."))
        return data

    def add_booking_error(self, error: BookingError) -> None:
        if error.field == "start":
            # A picked time has no field of its own on the page: say it above the form.
            self.add_error("time" if self.any_time else None, error.message)
        else:
            super().add_booking_error(error)

    def booking(self) -> dict:
        """The keyword arguments of services.book() for what was entered."""
        data = self.cleaned_data
        return {
            "service": data["service"],
            "practitioner": data["practitioner"],
            "start": data["start"],
            "patient": services.Patient(data["name"].strip(), data["email"], data["phone"], data["new_patient"]),
            "intake": services.Intake(
                pregnant=data["pregnant"],
                anticoagulants=data["anticoagulants"],
                implanted_device=data["implanted_device"],
                red_flags=data["red_flags"],
            ),
            "notes": data["notes"],
        }


class SlotChoiceForm(forms.Form):
    """The slot picker's question (GET): which day, with whom. Practitioners are those offering the service."""

    date = forms.DateField(label=_("Date"), required=False, widget=DATE_WIDGET)
    practitioner = forms.ModelChoiceField(
        Practitioner.objects.none(), label=_("Practitioner"), required=False, empty_label=_("Anyone who offers it")
    )

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = service.practitioners.bookable()


class RescheduleForm(BookingErrorForm):
    """The confirmation step (POST): the slot chosen in the picker, sent back with the confirm button."""

    error_fields = {"start": "start"}

    start = forms.DateTimeField(widget=forms.HiddenInput)
    practitioner = forms.ModelChoiceField(Practitioner.objects.bookable(), widget=forms.HiddenInput)


def slot_days(offers: Iterable[Offer]) -> list[tuple[Practitioner, list[Offer]]]:
    """Free times grouped by practitioner, in the order the offers list them (by time)."""
    by_person: dict[int, tuple[Practitioner, list[Offer]]] = {}
    for offer in offers:
        by_person.setdefault(offer.practitioner.pk, (offer.practitioner, []))[1].append(offer)
    return sorted(by_person.values(), key=lambda pair: (pair[0].sort_order, pair[0].name))


class RescheduleView(BookingAdminView, TemplateView):
    """Staff move an appointment in two steps: pick a free time (a link), then confirm it (a POST).

    The times come from the same slot engine as the public booking page, with the staff override: times inside
    the minimum notice are listed, and an appointment inside the patient's change window can still be moved.
    Overlaps are refused all the same (services.reschedule, and the database)."""

    permission_required = CHANGE_APPOINTMENTS
    template_name = "booking/admin/reschedule.html"
    page_title = _("Reschedule")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.appointment = get_object_or_404(
            Appointment.objects.select_related("service", "practitioner"),
            pk=kwargs["pk"],
            kind=Appointment.Kind.APPOINTMENT,
        )

    def get_page_subtitle(self):
        return self.appointment.patient_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("booking_admin:day"), "label": gettext("Appointments")},
            {
                "url": reverse("booking_admin:appointment", args=[self.appointment.pk]),
                "label": gettext("Appointment"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def picker(self) -> tuple[SlotChoiceForm, dt.date, Practitioner | None]:
        appointment = self.appointment
        form = SlotChoiceForm(self.request.GET, service=appointment.service)
        form.is_valid()
        current_day = appointment.start.astimezone(clinic_tz()).date()
        day = form.cleaned_data.get("date") or max(current_day, clinic_today())
        if "practitioner" in self.request.GET:
            practitioner = form.cleaned_data.get("practitioner")
        else:
            practitioner = appointment.practitioner if appointment.practitioner.active else None
            form = SlotChoiceForm(initial={"date": day, "practitioner": practitioner}, service=appointment.service)
        return form, day, practitioner

    def get_context_data(self, confirm_form: RescheduleForm | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        appointment = self.appointment
        form, day, practitioner = self.picker()
        offers = free_offers(
            service=appointment.service,
            practitioner=practitioner,
            first_day=day,
            last_day=day,
            by_staff=True,
            exclude_id=appointment.pk,
        )
        who = practitioner.pk if practitioner else None
        groups = [
            (person, [(offer, query_string(date=day.isoformat(), practitioner=who, start=offer.start.isoformat(),
                                     to=offer.practitioner.pk)) for offer in person_offers
                      if (offer.start, person.pk) != (appointment.start, appointment.practitioner_id)])
            for person, person_offers in slot_days(offers)
        ]  # fmt: skip
        if confirm_form is None and "start" in self.request.GET:
            # A time picked in the list: ask to confirm it (a stale or edited link just shows the list again).
            picked = RescheduleForm({"start": self.request.GET["start"], "practitioner": self.request.GET.get("to")})
            confirm_form = picked if picked.is_valid() else None
        rules = BookingRules.current()
        context.update(
            appointment=appointment,
            picker=form,
            day=day,
            groups=[(person, links) for person, links in groups if links],
            confirm_form=confirm_form,
            chosen=self.chosen(confirm_form) if confirm_form is not None else None,
            previous_url=query_string(date=(day - dt.timedelta(days=1)).isoformat(), practitioner=who),
            next_url=query_string(date=(day + dt.timedelta(days=1)).isoformat(), practitioner=who),
            inside_change_window=not services.can_change(appointment),
            min_notice_hours=rules.min_notice_hours,
            cancellation_notice_hours=rules.cancellation_notice_hours,
            appointment_url=reverse("booking_admin:appointment", args=[appointment.pk]),
        )
        return context

    def chosen(self, form: RescheduleForm) -> dict | None:
        """The time and practitioner the confirmation is about, read from what was sent (valid or refused)."""
        start = form.fields["start"].clean(form.data.get("start"))
        practitioner = Practitioner.objects.filter(pk=form.data.get("practitioner")).first()
        end = start + self.appointment.service.duration
        return {"start": start, "end": end, "practitioner": practitioner}

    def post(self, request, *args, **kwargs):
        form = RescheduleForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Choose a time from the list."))
            return redirect("booking_admin:reschedule", self.appointment.pk)
        try:
            moved = services.reschedule(
                appointment=self.appointment,
                start=form.cleaned_data["start"],
                practitioner=form.cleaned_data["practitioner"],
                by_staff=True,
            )
        except BookingError as error:
            form.add_booking_error(error)
            return self.render_to_response(self.get_context_data(confirm_form=form), status=error.status)
        when = moved.start.astimezone(clinic_tz())
        message = gettext("Moved to %(when)s with %(practitioner)s.") % {
            "when": f"{when:%A %-d %B, %H:%M}",
            "practitioner": moved.practitioner,
        }
        if moved.patient_email:
            message += " " + gettext("The patient has been emailed the new time, with the same link to manage it.")
        messages.success(request, message)
        return redirect("booking_admin:appointment", moved.pk)


class PhonePickerForm(forms.Form):
    """The phone booking's slot picker (GET): which service, with whom, which day."""

    service = forms.ModelChoiceField(Service.objects.bookable(), label=_("Service"), required=False)
    practitioner = forms.ModelChoiceField(
        Practitioner.objects.bookable(), label=_("Practitioner"), required=False, empty_label=_("Anyone")
    )
    date = forms.DateField(label=_("Date"), required=False, widget=DATE_WIDGET)


class PatientSearchForm(forms.Form):
    find = forms.CharField(
        label=_("Find a patient"),
        max_length=120,
        help_text=_("Part of their name, email or phone number, from any earlier appointment."),
    )


class PhoneBookingView(BookingFormView):
    """A booking taken by phone, in three parts on one page: find the patient, pick a free time, take the details.

    The patient search is a POST (what staff type about a patient stays out of URLs and so out of logs); its
    results link to this page with only an appointment id, which fills the form from that appointment.
    """

    form_class = PhoneBookingForm
    template_name = "booking/admin/phone_booking.html"
    page_title = _("Phone booking")
    submit_label = _("Book")

    def picker(self) -> tuple[PhonePickerForm, Service | None, Practitioner | None, dt.date]:
        form = PhonePickerForm(self.request.GET)
        form.is_valid()
        data = form.cleaned_data
        return form, data.get("service"), data.get("practitioner"), data.get("date") or clinic_today()

    def known_patient(self) -> Appointment | None:
        """The appointment a search result points to (``?patient=``), for staff who may see appointments."""
        pk = self.request.GET.get("patient", "")
        if not pk.isdigit() or not self.request.user.has_perm(VIEW_APPOINTMENTS):
            return None
        return Appointment.objects.filter(pk=pk, kind=Appointment.Kind.APPOINTMENT).first()

    def get_initial(self):
        initial = super().get_initial()
        service = self.picker()[1]
        picked = RescheduleForm({"start": self.request.GET.get("start"), "practitioner": self.request.GET.get("to")})
        if service:
            initial["service"] = service
        if picked.is_valid():
            initial.update(start=picked.cleaned_data["start"], practitioner=picked.cleaned_data["practitioner"])
        initial.pop("date", None)  # the picker's date; the typed-in time starts empty
        known = self.known_patient()
        if known is not None:
            initial.update(
                name=known.patient_name,
                email=known.patient_email,
                phone=national(known.patient_phone) if known.patient_phone else "",
                new_patient=False,  # the clinic has seen them before
            )
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["country"] = ClinicSettings.for_request(self.request).country
        return kwargs

    def get_context_data(self, search_form=None, patients=None, **kwargs):
        context = super().get_context_data(**kwargs)
        picker, service, practitioner, day = self.picker()
        form = context["form"]
        start = form["start"].value()
        if isinstance(start, str):
            start = parse_instant(start)
        chosen_practitioner = form["practitioner"].value()
        groups = []
        if service is not None:
            keep = {"service": service.pk, "practitioner": practitioner.pk if practitioner else None,
                    "date": day.isoformat(), "patient": self.request.GET.get("patient")}  # fmt: skip
            offers = free_offers(service=service, practitioner=practitioner, first_day=day, last_day=day, by_staff=True)
            groups = [
                (
                    person,
                    [(offer, query_string(**keep, start=offer.start.isoformat(), to=person.pk)) for offer in offers],
                )
                for person, offers in slot_days(offers)
            ]
            context.update(
                previous_url=query_string(**{**keep, "date": (day - dt.timedelta(days=1)).isoformat()}),
                next_url=query_string(**{**keep, "date": (day + dt.timedelta(days=1)).isoformat()}),
            )
        context.update(
            picker=picker,
            service=service,
            day=day,
            groups=groups,
            chosen_start=start,
            chosen_practitioner=Practitioner.objects.filter(pk=chosen_practitioner).first()
            if str(chosen_practitioner or "").isdigit()
            else None,
            can_search=self.request.user.has_perm(VIEW_APPOINTMENTS),
            search_form=search_form or PatientSearchForm(),
            patients=patients,
            known_patient=self.known_patient(),
            min_notice_hours=BookingRules.current().min_notice_hours,
            page_query=self.request.GET.urlencode(),
            # The rest of the form, after the time: the patient's details, screening, notes and terms.
            detail_fields=[
                form[name] for name in form.fields if name not in {"service", "practitioner", "start", "date", "time"}
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        if "find" not in request.POST:
            return super().post(request, *args, **kwargs)
        # The patient search: patients' names, emails and phones are for staff who may see appointments.
        if not request.user.has_perm(VIEW_APPOINTMENTS):
            raise PermissionDenied
        search = PatientSearchForm(request.POST)
        patients = find_patients(search.cleaned_data["find"]) if search.is_valid() else None
        return self.render_to_response(self.get_context_data(search_form=search, patients=patients))

    def call_service(self, form):
        # Staff confirmed the terms with the patient on the phone (the required "terms" box).
        appointment = services.book(
            **form.booking(), consent=True, source="staff", by_staff=True, any_time=form.any_time
        )
        messages.success(
            self.request,
            gettext("%(patient)s is booked with %(practitioner)s.")
            % {"patient": appointment.patient_name, "practitioner": appointment.practitioner},
        )
        return redirect("booking_admin:appointment", appointment.pk)
