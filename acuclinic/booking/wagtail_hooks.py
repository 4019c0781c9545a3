"""Booking in the Wagtail admin: one "Booking" menu holding the appointments pages and the clinic's services,
practitioners, locations, holidays and date overrides. The booking rules are a site setting (models.py)."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel, TitleFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, InspectView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views, front_desk, series_admin
from .feeds import subscription_url
from .models import DateOverride, Holiday, Location, Practitioner, Service
from .waitlist_admin import WaitlistViewSet

# The admin's appointments pages: /admin/appointments/...
appointment_urls = [
    path("", admin_views.DayView.as_view(), name="day"),
    path("week/", admin_views.WeekView.as_view(), name="week"),
    path("<int:pk>/", admin_views.AppointmentView.as_view(), name="appointment"),
    path("<int:pk>/reschedule/", front_desk.RescheduleView.as_view(), name="reschedule"),
    path("phone-booking/", front_desk.PhoneBookingView.as_view(), name="phone_booking"),
    path("block-time/", admin_views.BlockTimeView.as_view(), name="block_time"),
    path("book-course/", series_admin.CourseBookingView.as_view(), name="book_course"),
]


@hooks.register("register_admin_urls")
def register_appointment_urls():
    # Mounted inside the admin, so Wagtail's login and "access admin" check guard every one of them.
    return [path("appointments/", include((appointment_urls, "booking_admin"), namespace="booking_admin"))]


@hooks.register("register_permissions")
def appointment_permissions():
    # Appointments have no snippet viewset, so offer their permissions in the admin's group editor here.
    return Permission.objects.filter(
        content_type__app_label="booking",
        codename__in=["view_appointment", "add_appointment", "change_appointment"],
    )


class AppointmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_APPOINTMENTS)


@hooks.register("register_booking_menu_item")
def appointments_menu_item():
    return AppointmentsMenuItem(_("Appointments"), reverse("booking_admin:day"), icon_name="date", order=0)


class CalendarLinkPanel(Panel):
    """The practitioner's calendar subscription URL (read-only), with the action that replaces it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "booking/admin/calendar_link_panel.html"

        def is_shown(self):
            # The feed lists patients: show its URL only to staff who may see appointments anyway.
            return bool(self.instance.pk) and self.request.user.has_perm(admin_views.VIEW_APPOINTMENTS)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["url"] = subscription_url(self.instance)
            if self.request.user.has_perm("booking.change_practitioner"):
                context["reset_url"] = reverse(
                    self.instance.snippet_viewset.get_url_name("reset_calendar"), args=[self.instance.pk]
                )
            return context


class ResetCalendarButtonMixin:
    reset_calendar_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("change"):
            url = reverse(self.reset_calendar_url_name, args=[self.object.pk])
            buttons.append(Button(_("Reset calendar link"), url=url, icon_name="rotate", priority=40))
        return buttons


class PractitionerEditView(ResetCalendarButtonMixin, EditView):
    pass


class PractitionerInspectView(ResetCalendarButtonMixin, InspectView):
    def get_fields(self):
        fields = [*super().get_fields(), "weekly_hours"]
        if self.request.user.has_perm(admin_views.VIEW_APPOINTMENTS):
            fields.append("calendar_subscription")
        return fields

    def get_field_label(self, field_name, field):
        labels = {"weekly_hours": _("Weekly hours"), "calendar_subscription": _("Calendar subscription URL")}
        return labels.get(field_name) or super().get_field_label(field_name, field)

    def get_weekly_hours_display_value(self):
        return ", ".join(str(hours) for hours in self.object.weekly_hours.all()) or "–"

    def get_calendar_subscription_display_value(self):
        return subscription_url(self.object)


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    menu_label = _("Practitioners")
    list_display = ["name", "credential", BooleanColumn("active", label=_("Taking bookings"))]
    list_filter = ["active", "location"]
    inspect_view_enabled = True
    # calendar_token is never a form field (editable=False), and the inspect view shows its URL instead.
    inspect_view_fields_exclude = ["calendar_token", "photo", "sort_order"]
    edit_view_class = PractitionerEditView
    inspect_view_class = PractitionerInspectView
    panels = [*Practitioner.panels, CalendarLinkPanel(heading=_("Calendar subscription"))]

    def get_common_view_kwargs(self, **kwargs):
        # Views without this attribute do not receive it (ViewSet.construct_view filters by attribute).
        return super().get_common_view_kwargs(reset_calendar_url_name=self.get_url_name("reset_calendar"), **kwargs)

    @cached_property
    def reset_calendar_view(self):
        return self.construct_view(admin_views.ResetCalendarLinkView, edit_url_name=self.get_url_name("edit"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reset-calendar/<int:pk>/", self.reset_calendar_view, name="reset_calendar"),
        ]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "clipboard-list"
    menu_label = _("Services")
    list_display = [
        "name",
        "duration_minutes",
        "price",
        "audience",
        BooleanColumn("active", label=_("Bookable online")),
    ]
    list_filter = ["active", "audience"]
    panels = [
        TitleFieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("buffer_minutes")], heading=_("Time")),
        FieldPanel("price"),
        FieldPanel("audience"),
        FieldPanel("active"),
        FieldPanel("sort_order", heading=_("Position in lists"), help_text=_("Lower numbers are listed first.")),
    ]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    list_display = ["name", "details"]
    panels = [FieldPanel("name"), FieldPanel("details")]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "calendar"
    menu_label = _("Clinic holidays")
    list_display = ["date", "name"]
    panels = [FieldPanel("date"), FieldPanel("name")]


class DateOverrideViewSet(SnippetViewSet):
    model = DateOverride
    icon = "calendar-alt"
    menu_label = _("Date overrides")
    list_display = ["practitioner", "date", "start", "end", "note"]
    list_filter = ["practitioner"]
    panels = [
        FieldPanel("practitioner"),
        FieldPanel("date"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])],
            heading=_("Hours that day"),
            help_text=_("Leave both times empty when the practitioner is not working that day."),
        ),
        FieldPanel("note"),
    ]


class BookingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Booking")
    menu_icon = "calendar-check"
    menu_order = 240
    # The appointments pages are not a viewset; they join this menu through this hook (see above).
    submenu_hook = "register_booking_menu_item"
    items = (ServiceViewSet, PractitionerViewSet, LocationViewSet, HolidayViewSet, DateOverrideViewSet, WaitlistViewSet)


register_snippet(BookingViewSetGroup)
