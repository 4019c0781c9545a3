from django.urls import path

from . import feeds, views, waitlist_views

app_name = "booking"

urlpatterns = [
    path("", views.start, name="start"),
    path("done/", views.done, name="done"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/cancel/", views.manage_cancel, name="manage-cancel"),
    path("manage/<str:token>/appointment.ics", views.manage_ics, name="manage-ics"),
    path("manage/<str:token>/reschedule/", views.manage_reschedule, name="manage-reschedule"),
    path("calendar/<str:token>.ics", feeds.practitioner_calendar, name="calendar"),
    path("waitlist/claim/<str:token>/", waitlist_views.claim, name="waitlist-claim"),
    path("waitlist/<str:token>/", waitlist_views.entry, name="waitlist-entry"),
    path("texts/inbound/", waitlist_views.sms_inbound, name="sms-inbound"),
    path("<slug:service>/", views.choose_practitioner, name="service"),
    path("<slug:service>/<slug:who>/", views.choose_time, name="times"),
    path("<slug:service>/<slug:who>/details/", views.details, name="details"),
    path("<slug:service>/<slug:who>/waitlist/", waitlist_views.join, name="waitlist-join"),
]
