from django.urls import path

from . import feeds, series_views, views, waitlist_views

app_name = "booking"

urlpatterns = [
    path("", views.start, name="start"),
    path("done/", views.done, name="done"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/cancel/", views.manage_cancel, name="manage-cancel"),
    path("manage/<str:token>/appointment.ics", views.manage_ics, name="manage-ics"),
    path("manage/<str:token>/reschedule/", views.manage_reschedule, name="manage-reschedule"),
    path("calendar/<str:token>.ics", feeds.practitioner_calendar, name="calendar"),
    # Courses of care (series_views.py): before the service patterns, which would read "course" as a slug.
    path("course/done/", series_views.course_done, name="course-done"),
    path("course/<str:token>/", series_views.course_manage, name="course-manage"),
    path("course/<str:token>/cancel-rest/", series_views.course_cancel_rest, name="course-cancel-rest"),
    path("course/<str:token>/course.ics", series_views.course_ics, name="course-ics"),
    path("<slug:service>/<slug:who>/course/", series_views.course, name="course"),
    path("waitlist/claim/<str:token>/", waitlist_views.claim, name="waitlist-claim"),
    path("waitlist/<str:token>/", waitlist_views.entry, name="waitlist-entry"),
    path("texts/inbound/", waitlist_views.sms_inbound, name="sms-inbound"),
    path("<slug:service>/", views.choose_practitioner, name="service"),
    path("<slug:service>/<slug:who>/", views.choose_time, name="times"),
    path("<slug:service>/<slug:who>/details/", views.details, name="details"),
    path("<slug:service>/<slug:who>/waitlist/", waitlist_views.join, name="waitlist-join"),
]
