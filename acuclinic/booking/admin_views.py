"""The clinic's side of booking in the Wagtail admin: the day and week lists, one appointment's page with its
screening answers, phone bookings and blocked time; and the practitioner's "reset calendar link" action.

These pages sit behind the admin login (they are mounted through ``register_admin_urls``). Each view also
asks for a booking permission of its own, because screening answers are health data that an editor of
condition guides has no need to see. The rules of booking live in ``services.py``: these views parse a
form, call one service and render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from acuclinic.clinic.clock import at_clinic, clinic_today, local
from acuclinic.clinic.models import ClinicSettings
from acuclinic.clinic.phones import national

from . import policy, services
from .availability import upcoming
from .errors import BookingError
from .forms import PhoneInCountryMixin
from .models import Appointment, BookingRules, Practitioner, Service

VIEW_APPOINTMENTS = "booking.view_appointment"
ADD_APPOINTMENTS = "booking.add_appointment"
CHANGE_APPOINTMENTS = "booking.change_appointment"

# Short forms of the questions the patient answered (booking/forms.py), keyed like services.Intake.
INTAKE_LABELS = {
    "pregnant": _("Pregnant, or could be"),
    "anticoagulants": _("Takes blood thinners or has a bleeding disorder"),
    "implanted_device": _("Pacemaker or another implanted electrical device"),
    "red_flags": _("New bladder or bowel problems, or numbness in the saddle area"),
}


@dataclass(frozen=True)
class Row:
    """One line of a day's list. Templates show its times inside ``{% timezone time_zone %}`` (clinic time)."""

    appointment: Appointment
    phone: str  # as people in the clinic's country write it


def rows(appointments: Iterable[Appointment]) -> list[Row]:
    return [Row(a, national(a.patient_phone) if a.patient_phone else "") for a in appointments]


# Forms ------------------------------------------------------------------------------------------------

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 300})


class BookingErrorForm(forms.Form):
    """A form that shows a BookingError beside the field it is about, keeping what staff typed."""

    # services.py names the fields of its own arguments; map them onto this form's fields.
    error_fields: dict[str, str] = {}

    def add_booking_error(self, error: BookingError) -> None:
        field = self.error_fields.get(error.field or "", error.field)
        self.add_error(field if field in self.fields else None, error.message)


class DayForm(forms.Form):
    date = forms.DateField(label=_("Date"), required=False, widget=DATE_WIDGET)
    practitioner = forms.ModelChoiceField(
        Practitioner.objects.all(), label=_("Practitioner"), required=False, empty_label=_("All practitioners")
    )


class WeekForm(forms.Form):
    date = forms.DateField(label=_("Any date in the week"), required=False, widget=DATE_WIDGET)
    # No empty choice: a week is read one practitioner at a time; the first one is the default.
    practitioner = forms.ModelChoiceField(
        Practitioner.objects.all(), label=_("Practitioner"), required=False, empty_label=None
    )


class PhoneBookingForm(PhoneInCountryMixin, BookingErrorForm):
    error_fields = {"start": "time", "consent": "terms"}

    practitioner = forms.ModelChoiceField(
        Practitioner.objects.bookable(),
        label=_("Practitioner"),
        required=False,
        empty_label=_("Whoever is free at that time"),
    )
    service = forms.ModelChoiceField(Service.objects.bookable(), label=_("Service"))
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    time = forms.TimeField(label=_("Time"), widget=TIME_WIDGET, help_text=_("Clinic time."))
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

    def booking(self) -> dict:
        """The keyword arguments of services.book() for what was entered."""
        data = self.cleaned_data
        return {
            "service": data["service"],
            "practitioner": data["practitioner"],
            "start": at_clinic(data["date"], data["time"]),
            "patient": services.Patient(data["name"].strip(), data["email"], data["phone"], data["new_patient"]),
            "intake": services.Intake(
                pregnant=data["pregnant"],
                anticoagulants=data["anticoagulants"],
                implanted_device=data["implanted_device"],
                red_flags=data["red_flags"],
            ),
            "notes": data["notes"],
        }


class BlockTimeForm(BookingErrorForm):
    error_fields = {"start": "start_time", "end": "end_time"}

    practitioner = forms.ModelChoiceField(Practitioner.objects.all(), label=_("Practitioner"))
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("From"), widget=TIME_WIDGET, help_text=_("Clinic time."))
    end_time = forms.TimeField(label=_("To"), widget=TIME_WIDGET)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=200,
        help_text=_("e.g. Team meeting. Shown in the practitioner's calendar."),
    )

    def block(self) -> dict:
        """The keyword arguments of services.block_time() for what was entered."""
        data = self.cleaned_data
        return {
            "practitioner": data["practitioner"],
            "start": at_clinic(data["date"], data["start_time"]),
            "end": at_clinic(data["date"], data["end_time"]),
            "note": data["note"],
        }


class StatusForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (Appointment.Status.COMPLETED, _("Completed")),
            (Appointment.Status.NO_SHOW, _("No-show")),
            (Appointment.Status.CANCELLED, _("Cancel")),
        ]
    )


# Views ------------------------------------------------------------------------------------------------


class BookingAdminView(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    """Common furniture: a permission of its own (403 inside the admin), breadcrumbs through Appointments."""

    raise_exception = True
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("booking_admin:day"), "label": gettext("Appointments")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["time_zone"] = settings.TIME_ZONE
        return context


def _query(**params) -> str:
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


class ScheduleView(BookingAdminView, TemplateView):
    permission_required = VIEW_APPOINTMENTS
    form_class: type[forms.Form] = DayForm

    def get_filters(self) -> tuple[forms.Form, dt.date, Practitioner | None]:
        # Always bound, so an empty query string means "the defaults", and a mistyped date shows its error.
        form = self.form_class(self.request.GET)
        form.is_valid()
        return form, form.cleaned_data.get("date") or clinic_today(), form.cleaned_data.get("practitioner")

    @property
    def header_buttons(self):
        buttons = []
        if self.request.user.has_perm(ADD_APPOINTMENTS):
            buttons += [
                HeaderButton(gettext("Phone booking"), url=reverse("booking_admin:phone_booking"), icon_name="plus"),
                HeaderButton(gettext("Block time"), url=reverse("booking_admin:block_time"), icon_name="time"),
            ]
        return buttons


class DayView(ScheduleView):
    template_name = "booking/admin/day.html"
    page_title = _("Appointments")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": gettext("Appointments")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, day, practitioner = self.get_filters()
        people = [practitioner] if practitioner else Practitioner.objects.all()
        who = practitioner.pk if practitioner else None
        context.update(
            form=form,
            day=day,
            practitioner=practitioner,
            rows=rows(upcoming(people, day, day)),
            show_practitioner=practitioner is None,
            previous_url=_query(date=(day - dt.timedelta(days=1)).isoformat(), practitioner=who),
            next_url=_query(date=(day + dt.timedelta(days=1)).isoformat(), practitioner=who),
            week_url=reverse("booking_admin:week") + _query(date=day.isoformat(), practitioner=who),
        )
        return context


class WeekView(ScheduleView):
    template_name = "booking/admin/week.html"
    page_title = _("Week")
    form_class = WeekForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, day, practitioner = self.get_filters()
        practitioner = practitioner or Practitioner.objects.first()
        monday = day - dt.timedelta(days=day.weekday())
        days = [monday + dt.timedelta(days=n) for n in range(7)]
        by_day: dict[dt.date, list[Row]] = {d: [] for d in days}
        if practitioner is not None:
            for row in rows(upcoming([practitioner], days[0], days[-1])):
                # An entry runs past midnight only in odd cases; it is listed on the day it starts.
                by_day.setdefault(local(row.appointment.start).date(), []).append(row)
        who = practitioner.pk if practitioner else None
        context.update(
            form=form,
            practitioner=practitioner,
            monday=monday,
            days=[
                (d, by_day[d], reverse("booking_admin:day") + _query(date=d.isoformat(), practitioner=who))
                for d in days
            ],
            previous_url=_query(date=(monday - dt.timedelta(days=7)).isoformat(), practitioner=who),
            next_url=_query(date=(monday + dt.timedelta(days=7)).isoformat(), practitioner=who),
        )
        return context


class AppointmentView(BookingAdminView, TemplateView):
    """One appointment (or blocked time): everything the clinic knows, and its outcome."""

    permission_required = VIEW_APPOINTMENTS
    template_name = "booking/admin/appointment.html"
    page_title = _("Appointment")

    def get_object(self) -> Appointment:
        return get_object_or_404(Appointment.objects.select_related("service", "practitioner"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appointment = self.get_object()
        booked = appointment.status == Appointment.Status.BOOKED
        context.update(
            appointment=appointment,
            phone=national(appointment.patient_phone) if appointment.patient_phone else "",
            intake=[(INTAKE_LABELS.get(key, key), answer) for key, answer in appointment.intake.items()],
            can_change=booked and self.request.user.has_perm(CHANGE_APPOINTMENTS),
            attendance=(
                policy.attendance(appointment.patient_email, appointment.patient_phone)
                if appointment.kind == Appointment.Kind.APPOINTMENT
                else None
            ),
            no_show_limit=BookingRules.current().no_show_limit,
            has_started=appointment.start <= timezone.now(),
            day_url=reverse("booking_admin:day") + _query(date=local(appointment.start).date().isoformat()),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_APPOINTMENTS):
            raise PermissionDenied
        appointment = self.get_object()
        form = StatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Choose what happened to the appointment."))
            return redirect("booking_admin:appointment", appointment.pk)
        action = form.cleaned_data["action"]
        try:
            if action == Appointment.Status.CANCELLED:
                services.cancel(appointment=appointment, by_staff=True)
            else:
                services.record_attendance(appointment=appointment, status=action)
        except BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, gettext("Status set to %(status)s.") % {"status": Appointment.Status(action).label}
            )
        return redirect("booking_admin:appointment", appointment.pk)


class BookingFormView(BookingAdminView, FormView):
    """A form whose valid submission calls one service; a refusal is shown on the form with its HTTP status."""

    permission_required = ADD_APPOINTMENTS
    template_name = "booking/admin/form.html"
    submit_label = _("Save")

    def get_initial(self):
        # Arriving from a day view: start from its date and practitioner.
        initial = super().get_initial()
        filters = DayForm(self.request.GET)
        filters.is_valid()
        initial.update({k: v for k, v in filters.cleaned_data.items() if v})
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = self.submit_label
        return context

    def call_service(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            return self.call_service(form)
        except BookingError as error:
            form.add_booking_error(error)
            return self.render_to_response(self.get_context_data(form=form), status=error.status)


class PhoneBookingView(BookingFormView):
    form_class = PhoneBookingForm
    page_title = _("Phone booking")
    submit_label = _("Book")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["country"] = ClinicSettings.for_request(self.request).country
        return kwargs

    def call_service(self, form):
        # Staff confirmed the terms with the patient on the phone (the required "terms" box).
        appointment = services.book(**form.booking(), consent=True, source="staff")
        messages.success(
            self.request,
            gettext("%(patient)s is booked with %(practitioner)s.")
            % {"patient": appointment.patient_name, "practitioner": appointment.practitioner},
        )
        return redirect("booking_admin:appointment", appointment.pk)


class BlockTimeView(BookingFormView):
    form_class = BlockTimeForm
    page_title = _("Block time")
    submit_label = _("Block this time")

    def call_service(self, form):
        block = services.block_time(**form.block())
        messages.success(
            self.request, gettext("Time blocked for %(practitioner)s.") % {"practitioner": block.practitioner}
        )
        day = local(block.start).date()
        return redirect(reverse("booking_admin:day") + _query(date=day.isoformat(), practitioner=block.practitioner_id))


class ResetCalendarLinkView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Give a practitioner a new calendar feed URL; the old one stops working at once (a lost phone, a leak)."""

    model = Practitioner
    permission_required = "change"
    template_name = "booking/admin/reset_calendar.html"
    page_title = _("Reset calendar link")
    header_icon = "calendar"
    edit_url_name = None  # given by the viewset

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Practitioner, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.edit_url_name, args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, edit_url=reverse(self.edit_url_name, args=[self.object.pk]))
        return context

    def post(self, request, *args, **kwargs):
        self.object.revoke_calendar_token()
        messages.success(
            request,
            gettext("%(name)s has a new calendar link. The old link no longer works: subscribe again with the new one.")
            % {"name": self.object},
        )
        return redirect(self.edit_url_name, self.object.pk)
