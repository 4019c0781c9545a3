"""The waitlist form: the booking form's details and screening, plus the days and times that suit."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from acuclinic.clinic.models import Weekday

from .forms import DetailsForm

# Times of day a patient picks from, as (label, start, end); the API takes any ranges.
TIME_PRESETS = {
    "morning": (_("Mornings (before 12:00)"), dt.time(0), dt.time(12)),
    "afternoon": (_("Afternoons (12:00–17:00)"), dt.time(12), dt.time(17)),
    "evening": (_("Evenings (after 17:00)"), dt.time(17), dt.time(23, 59)),
}


class WaitlistForm(DetailsForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days that suit you"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if any day suits."),
    )
    times = forms.MultipleChoiceField(
        label=_("Times that suit you"),
        choices=[(key, label) for key, (label, _start, _end) in TIME_PRESETS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if any time suits."),
    )
    until = forms.DateField(label=_("Keep me on the waitlist until"), widget=forms.DateInput(attrs={"type": "date"}))
    texts = forms.BooleanField(label=_("Also text me when a time opens up (reply STOP to opt out)."), required=False)
    consent = forms.BooleanField(label=_("I agree to the clinic's booking terms."))

    field_order = ["weekdays", "times", "until"]

    def __init__(self, *args, texting: bool = False, **kwargs):
        super().__init__(*args, texting=texting, **kwargs)
        self.fields["email"].help_text = _("We email you when a time opens up, with a link to claim it.")

    def time_ranges(self) -> list[tuple[dt.time, dt.time]]:
        return [TIME_PRESETS[key][1:] for key in self.cleaned_data["times"]]
