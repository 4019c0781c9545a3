"""Staff book a course of care in the admin (Appointments › Book a course): the phone booking's form plus
the number of weekly visits. Weeks that are not free come back with their nearest free times to pick
from (or skip), and nothing is written until every remaining week is free; then one transaction books
them all (``series.book_course``), and the patient gets the course's one email."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from acuclinic.clinic.clock import local

from . import series
from .admin_views import ADD_APPOINTMENTS
from .front_desk import PhoneBookingForm, PhoneBookingView
from .models import Practitioner
from .series_views import _picks


class CourseBookingForm(PhoneBookingForm):
    error_fields = {**PhoneBookingForm.error_fields, "visits": "visits"}

    practitioner = forms.ModelChoiceField(Practitioner.objects.bookable(), label=_("Practitioner"))
    visits = forms.TypedChoiceField(
        label=_("Weekly visits"), coerce=int, help_text=_("The same time each week, with the same practitioner.")
    )
    field_order = ["practitioner", "service", "date", "time", "visits"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        most = series.max_visits()
        self.fields["visits"].choices = [(n, str(n)) for n in range(2, most + 1)]
        self.fields["visits"].initial = min(6, most)


class CourseBookingView(PhoneBookingView):
    form_class = CourseBookingForm
    permission_required = ADD_APPOINTMENTS
    page_title = _("Book a course")
    submit_label = _("Book the course")
    template_name = "booking/admin/course_form.html"

    def call_service(self, form):
        booking = form.booking()
        wanted = series.weekly_starts(booking.pop("start"), form.cleaned_data["visits"])
        moved, skipped = _picks(self.request.POST, wanted)
        numbers = [n for n in range(1, len(wanted) + 1) if n not in skipped]
        starts = [moved.get(n, wanted[n - 1]) for n in numbers]
        try:
            # Staff confirmed the terms with the patient on the phone (the required "terms" box).
            course = series.book_course(**booking, starts=starts, consent=True, source="staff")
        except series.CourseConflict as conflict:
            weeks = [
                {"number": n, "week": week, "start": local(week.wanted),
                 "alternatives": [local(o.start) for o in week.alternatives]}
                for n, week in zip(numbers, conflict.plan, strict=True)
            ]  # fmt: skip
            context = self.get_context_data(form=form, weeks=weeks, skipped=sorted(skipped), conflict=conflict)
            return self.render_to_response(context, status=conflict.status)
        first = series.visits_of(course).first()
        messages.success(
            self.request,
            gettext("%(patient)s is booked for %(count)s weekly visits with %(practitioner)s.")
            % {"patient": course.patient_name, "count": len(starts), "practitioner": course.practitioner},
        )
        return redirect("booking_admin:appointment", first.pk)
