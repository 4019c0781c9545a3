from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from acuclinic.clinic.phones import InvalidPhoneNumber, to_e164
from acuclinic.clinic.text import clean_message, clean_person_name

from .services import Intake, Patient

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


def yes_no(label, help_text=""):
    return forms.ChoiceField(label=label, help_text=help_text, choices=YES_NO, widget=forms.RadioSelect)


class PersonNameField(forms.CharField):
    """A person's name, cleaned as the API cleans it (``clean_person_name``) before any other check,
    so the page and the API store the same name for the same input, and refuse the same ones."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            return clean_person_name(value, max_length=self.max_length or 120)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class PhoneInCountryMixin:
    """A form with a ``phone`` field read in the clinic's country and cleaned to E.164."""

    def __init__(self, *args, country: str = "CA", **kwargs):
        super().__init__(*args, **kwargs)
        self.country = country

    def clean_phone(self) -> str:
        try:
            return to_e164(self.cleaned_data["phone"], self.country)
        except InvalidPhoneNumber:
            raise forms.ValidationError(_("Enter a phone number we can call, e.g. 416 555 0123.")) from None


class DetailsForm(PhoneInCountryMixin, forms.Form):
    """The patient's details and screening. Every question must be answered; nothing is pre-ticked."""

    # Browsers fill these from the patient's own details (autocomplete), and phones show a dial pad (tel).
    name = PersonNameField(label=_("Full name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send your confirmation here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=30, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    )
    new_patient = forms.ChoiceField(
        label=_("Is this your first visit to our clinic?"),
        choices=[("yes", _("Yes, I am a new patient")), ("no", _("No, I have been before"))],
        widget=forms.RadioSelect,
    )
    pregnant = yes_no(_("Are you pregnant, or could you be?"))
    anticoagulants = yes_no(_("Do you take blood thinners (anticoagulants) or have a bleeding disorder?"))
    implanted_device = yes_no(_("Do you have a pacemaker or another implanted electrical device?"))
    red_flags = yes_no(
        _(
            "Do you have new loss of bladder or bowel control, or new numbness around the genitals, buttocks "
            "or inner thighs?"
        )
    )
    notes = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )
    consent = forms.BooleanField(label=_("I agree to the clinic's booking terms."))
    texts = forms.BooleanField(label=_("Text me a reminder the day before (reply STOP to opt out)."), required=False)

    def __init__(self, *args, texting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not texting:  # the clinic does not text: no box to tick
            self.fields.pop("texts", None)

    def clean_notes(self) -> str:
        return clean_message(self.cleaned_data["notes"])

    def patient(self) -> Patient:
        data = self.cleaned_data
        return Patient(data["name"], data["email"], data["phone"], data["new_patient"] == "yes")

    def intake(self) -> Intake:
        data = self.cleaned_data
        return Intake(
            pregnant=data["pregnant"] == "yes",
            anticoagulants=data["anticoagulants"] == "yes",
            implanted_device=data["implanted_device"] == "yes",
            red_flags=data["red_flags"] == "yes",
        )
