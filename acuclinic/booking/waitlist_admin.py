"""The waitlist in the Wagtail admin (Booking → Waitlist): list, filter, inspect, edit the dates, remove."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import WaitlistEntry


class WaitlistViewSet(SnippetViewSet):
    model = WaitlistEntry
    icon = "list-ol"
    menu_label = _("Waitlist")
    add_to_admin_menu = False
    list_display = [
        "patient_name",
        Column("service", label=_("Service")),
        Column("practitioner", label=_("Practitioner")),
        DateColumn("until", label=_("Until")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("joined_at", label=_("Joined")),
    ]
    list_filter = ["status", "service", "practitioner"]
    search_fields = ["patient_name", "patient_email", "patient_phone"]
    ordering = ["joined_at", "id"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "service", "practitioner", "weekdays", "times", "until", "status", "patient_name", "patient_email",
        "patient_phone", "new_patient", "notes", "joined_at", "sms_consent_at",
    ]  # fmt: skip
    # Patients join online; staff adjust what suits them, or take them off the list (delete).
    panels = [
        MultiFieldPanel([FieldPanel("service"), FieldPanel("practitioner")], heading=_("What")),
        FieldRowPanel([FieldPanel("until"), FieldPanel("status")]),
        FieldPanel("weekdays"),
        FieldPanel("times"),
        MultiFieldPanel(
            [FieldPanel("patient_name"), FieldPanel("patient_email"), FieldPanel("patient_phone"), FieldPanel("notes")],
            heading=_("Patient"),
        ),
    ]
