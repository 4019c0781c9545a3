from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from acuclinic.clinic.models import Weekday


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def _signature(nonce: str, kind: str = "manage") -> str:
    # Each kind of link has its own salt: a waitlist or claim link can never pass for a manage link.
    digest = salted_hmac(f"acuclinic.booking.{kind}", nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:32]


def manage_token(nonce: str, kind: str = "manage") -> str:
    """The secret of a manage link: a random nonce (stored) signed with SECRET_KEY (never stored), so the
    link can be sent again in a reminder, yet a copy of the database alone opens no appointment.
    ``kind`` salts the signature, so a course's, a waitlist entry's or an offer's link never opens an
    appointment, nor the reverse."""
    return f"{nonce}.{_signature(nonce, kind)}"


def verified_nonce(token: str, kind: str = "manage") -> str | None:
    """The nonce of a genuine ``kind`` link; ``None`` for a forged, mistyped or foreign token."""
    token = token or ""
    # Only the characters a token is made of can match; anything else (say "é", which
    # hmac.compare_digest refuses in a str) is simply not a token.
    if len(token) > 100 or not token.isascii():
        return None
    nonce, _, signature = token.partition(".")
    if not nonce or not hmac.compare_digest(signature.encode(), _signature(nonce, kind).encode()):
        return None
    return nonce


@register_setting(icon="calendar")
class BookingRules(BaseSiteSetting):
    min_notice_hours = models.PositiveSmallIntegerField(_("minimum notice (hours)"), default=2)
    horizon_days = models.PositiveSmallIntegerField(_("booking horizon (days)"), default=60)
    slot_step_minutes = models.PositiveSmallIntegerField(_("slot step (minutes)"), default=15)
    cancellation_notice_hours = models.PositiveSmallIntegerField(_("cancellation notice (hours)"), default=24)
    reminder_hours = models.PositiveSmallIntegerField(_("reminder before the appointment (hours)"), default=24)
    course_max_visits = models.PositiveSmallIntegerField(
        _("most weekly visits in a course"),
        default=8,
        help_text=_("Patients may book a course of up to this many weekly visits at once (2 to 26)."),
    )
    waitlist_offers_at_once = models.PositiveSmallIntegerField(
        _("waitlist: people offered a freed time at once"), default=3,
        help_text=_("The first to claim it books it; the others are told it has gone."),
    )  # fmt: skip
    waitlist_claim_minutes = models.PositiveSmallIntegerField(_("waitlist: minutes an offer stays open"), default=30)
    texts_name_service = models.BooleanField(
        _("text messages name the service"), default=False,
        help_text=_("Off: a text says only \"your appointment at the clinic on <time>\" and the link."),
    )  # fmt: skip
    no_show_limit = models.PositiveSmallIntegerField(
        _("no-show limit"),
        default=0,
        help_text=_(
            "A patient with this many no-shows (by email or phone) is asked to call to book instead of booking "
            "online. Staff can still book them. 0 turns the rule off."
        ),
    )
    terms = models.TextField(
        _("booking terms"),
        default=_(
            "Please give at least 24 hours' notice to cancel or change an appointment. Your answers to the "
            "screening questions are seen only by clinic staff and are used to keep your treatment safe."
        ),
    )

    class Meta:
        verbose_name = _("booking rules")
        constraints = [
            models.CheckConstraint(condition=models.Q(slot_step_minutes__gte=5), name="booking_rules_step_min"),
            models.CheckConstraint(condition=models.Q(horizon_days__gte=1), name="booking_rules_horizon_min"),
            models.CheckConstraint(
                condition=models.Q(course_max_visits__gte=2, course_max_visits__lte=26),
                name="booking_rules_course_range",
            ),
            models.CheckConstraint(
                condition=models.Q(waitlist_offers_at_once__gte=1, waitlist_claim_minutes__gte=5),
                name="booking_rules_waitlist_min",
            ),
        ]

    @property
    def cancellation_notice(self) -> dt.timedelta:
        return dt.timedelta(hours=self.cancellation_notice_hours)

    @classmethod
    def current(cls) -> BookingRules:
        """The rules of the default site (the clinic's), or the defaults before a site exists."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()


class Location(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    details = models.CharField(_("details"), max_length=200, blank=True, help_text=_("e.g. Room 2, second floor"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet):
    def bookable(self) -> ServiceQuerySet:
        """Services patients can book online (staff can still book an inactive one by phone)."""
        return self.filter(active=True)


class Service(models.Model):
    class Audience(models.TextChoices):
        ANY = "any", _("New and returning patients")
        NEW = "new", _("New patients")
        RETURNING = "returning", _("Returning patients")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), help_text=_("At most 8 hours."))
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer after (minutes)"), default=0, help_text=_("Time kept free after the appointment (notes, cleaning).")
    )
    price = models.DecimalField(_("price"), max_digits=8, decimal_places=2, null=True, blank=True)
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices, default=Audience.ANY)
    active = models.BooleanField(_("bookable online"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("service")
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gte=5), name="service_duration_min"),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__lte=480, buffer_minutes__lte=120), name="service_duration_max"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.duration_minutes)

    @property
    def buffer(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.buffer_minutes)


class PractitionerQuerySet(models.QuerySet):
    def bookable(self) -> PractitionerQuerySet:
        return self.filter(active=True)


class Practitioner(ClusterableModel):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(unique=True)
    credential = models.CharField(_("credential"), max_length=120, help_text=_("e.g. Registered Physiotherapist"))
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_("With the regulatory college, if you want it shown on the team page."),
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("As patients would read them, e.g. English, Mandarin")
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    services = models.ManyToManyField(Service, related_name="practitioners", verbose_name=_("services offered"))
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("location"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="practitioner_profiles"
    )
    active = models.BooleanField(_("taking bookings"), default=True)
    calendar_token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = PractitionerQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credential"),
        FieldPanel("registration_number"),
        FieldPanel("languages"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("services"),
        FieldPanel("location"),
        FieldPanel("user"),
        FieldPanel("active"),
        InlinePanel("weekly_hours", heading=_("Weekly hours"), label=_("Hours")),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("practitioner")

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    def revoke_calendar_token(self) -> None:
        self.calendar_token = new_token()
        self.save(update_fields=["calendar_token"])


class WeeklyHours(Orderable):
    practitioner = ParentalKey(Practitioner, on_delete=models.CASCADE, related_name="weekly_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        constraints = [models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="weekly_hours_order")]

    def __str__(self) -> str:
        return f"{Weekday(self.weekday).label} {self.start:%H:%M}–{self.end:%H:%M}"


class DateOverride(models.Model):
    """One date's hours for a practitioner, replacing the weekly hours: closed, or different (extra) hours."""

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="overrides")
    date = models.DateField(_("date"))
    start = models.TimeField(_("from"), null=True, blank=True, help_text=_("Leave both times empty: not working."))
    end = models.TimeField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=120, blank=True)

    class Meta:
        ordering = ["date", "start"]
        verbose_name = _("date override")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(start__isnull=True) & models.Q(end__isnull=True))
                | (models.Q(start__isnull=False) & models.Q(end__isnull=False) & models.Q(start__lt=models.F("end"))),
                name="date_override_closed_or_ordered",
            )
        ]

    def __str__(self) -> str:
        hours = f"{self.start:%H:%M}–{self.end:%H:%M}" if self.start else _("not working")
        return f"{self.practitioner} {self.date}: {hours}"


class Holiday(models.Model):
    """A day the whole clinic is closed."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = _("clinic holiday")

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


MAX_ENTRY = dt.timedelta(days=1)  # the longest appointment or blocked time, buffer included


class AppointmentQuerySet(models.QuerySet):
    def active(self) -> AppointmentQuerySet:
        """Everything that occupies a practitioner's time (bookings and blocked time)."""
        return self.exclude(status=Appointment.Status.CANCELLED)

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> AppointmentQuerySet:
        """Active entries whose buffered range meets [start, end).

        No entry spans more than ``MAX_ENTRY`` (services.py refuses longer ones), so a lower bound on
        ``start`` lets the (practitioner, start) index read only the window, never the whole history.
        """
        return self.active().filter(start__gte=start - MAX_ENTRY, start__lt=end, buffer_end__gt=start)


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")
        NO_SHOW = "no_show", _("No-show")

    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", _("Appointment")
        BLOCK = "block", _("Blocked time")

    practitioner = models.ForeignKey(Practitioner, on_delete=models.PROTECT, related_name="appointments")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.APPOINTMENT)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    buffer_end = models.DateTimeField(_("free again at"), help_text=_("End plus the service's buffer."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BOOKED)
    patient_name = models.CharField(_("patient name"), max_length=120, blank=True)
    patient_email = models.EmailField(_("email"), blank=True)
    patient_phone = models.CharField(_("phone"), max_length=20, blank=True)
    new_patient = models.BooleanField(_("new patient"), default=False)
    intake = models.JSONField(_("intake screening"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    sms_consent_at = models.DateTimeField(_("agreed to texts at"), null=True, blank=True, editable=False)
    manage_nonce = models.CharField(max_length=32, unique=True, default=new_nonce, editable=False)
    source = models.CharField(max_length=10, default="online", choices=[("online", "Online"), ("staff", "Staff")])
    course = models.ForeignKey(
        "CourseOfCare", null=True, blank=True, on_delete=models.SET_NULL, related_name="visits",
        verbose_name=_("course of care"),
    )  # fmt: skip
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    late_cancellation = models.BooleanField(
        _("late cancellation"), default=False, editable=False, help_text=_("Cancelled inside the cancellation notice.")
    )
    no_show_at = models.DateTimeField(_("marked no-show at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("practitioner"), FieldPanel("service"), FieldPanel("kind"), FieldPanel("status")]),
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("appointment")
        indexes = [models.Index(fields=["practitioner", "start"]), models.Index(fields=["status", "start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="appointment_starts_before_end"),
            models.CheckConstraint(
                condition=models.Q(end__lte=models.F("buffer_end")), name="appointment_buffer_after_end"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="block") | (models.Q(service__isnull=False) & ~models.Q(patient_name="")),
                name="appointment_has_service_and_patient",
            ),
        ]
        # PostgreSQL also has an exclusion constraint (migration 0002): no two active entries of one
        # practitioner may overlap, buffers included. SQLite gets the same guarantee from services.py.

    def __str__(self) -> str:
        when = timezone.localtime(self.start).strftime("%Y-%m-%d %H:%M")
        return f"{self.practitioner} {when} ({self.get_status_display()})"

    @property
    def manage_token(self) -> str:
        return manage_token(self.manage_nonce)

    @classmethod
    def by_token(cls, token: str) -> Appointment | None:
        """The appointment a manage link opens; ``None`` for a forged, mistyped or unknown token."""
        if (nonce := verified_nonce(token)) is None:
            return None
        return cls.objects.select_related("service", "practitioner").filter(manage_nonce=nonce).first()


class CourseOfCare(models.Model):
    """Weekly visits booked together (say six at the same time with the same practitioner).

    Each visit is an ordinary :class:`Appointment` (the overlap rules, reminders and its own manage link
    apply to it); the course groups them under one link that lists them all.
    """

    practitioner = models.ForeignKey(Practitioner, on_delete=models.PROTECT, related_name="courses")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="courses")
    patient_name = models.CharField(_("patient name"), max_length=120)
    patient_email = models.EmailField(_("email"), blank=True)
    manage_nonce = models.CharField(max_length=32, unique=True, default=new_nonce, editable=False)
    source = models.CharField(max_length=10, default="online", choices=[("online", "Online"), ("staff", "Staff")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("course of care")
        verbose_name_plural = _("courses of care")

    def __str__(self) -> str:
        return f"{self.service} with {self.practitioner} ({self.patient_name})"

    @property
    def manage_token(self) -> str:
        return manage_token(self.manage_nonce, kind="course")

    @classmethod
    def by_token(cls, token: str) -> CourseOfCare | None:
        """The course a course link opens; ``None`` for a forged, mistyped or unknown token."""
        if (nonce := verified_nonce(token, kind="course")) is None:
            return None
        return cls.objects.select_related("service", "practitioner").filter(manage_nonce=nonce).first()


class IdempotentRequest(models.Model):
    """The outcome of a POST carrying an Idempotency-Key, replayed when the same request is retried.

    A success is replayed from the appointment (its manage token is derived, not stored); a refusal from
    the stored error body, which holds no patient data.
    """

    key_hash = models.CharField(max_length=64, unique=True)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    appointment = models.ForeignKey(Appointment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    waitlist_entry = models.ForeignKey(
        "WaitlistEntry", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    error = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idempotent request")

    def __str__(self) -> str:
        return f"{self.status_code} at {self.created_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def digest(value: str) -> str:
        return hashlib.sha256(value.encode()).hexdigest()


class WaitlistEntry(models.Model):
    """A patient waiting for a time that suits: offered freed times first joined, first offered."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        BOOKED = "booked", _("Booked")
        LEFT = "left", _("Left the waitlist")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="waitlist", verbose_name=_("service"))
    practitioner = models.ForeignKey(
        Practitioner, null=True, blank=True, on_delete=models.CASCADE, related_name="waitlist",
        verbose_name=_("practitioner"), help_text=_("Empty: anyone who offers the service."),
    )  # fmt: skip
    weekdays = models.JSONField(_("days"), default=list, blank=True, help_text=_("0 = Monday; empty: any day."))
    times = models.JSONField(_("times of day"), default=list, blank=True, help_text=_('e.g. [["09:00", "12:00"]]'))
    until = models.DateField(_("waiting until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    patient_name = models.CharField(_("patient name"), max_length=120)
    patient_email = models.EmailField(_("email"))
    patient_phone = models.CharField(_("phone"), max_length=20)
    new_patient = models.BooleanField(_("new patient"), default=False)
    intake = models.JSONField(_("intake screening"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    consent_at = models.DateTimeField(editable=False)
    sms_consent_at = models.DateTimeField(_("agreed to texts at"), null=True, blank=True, editable=False)
    nonce = models.CharField(max_length=32, unique=True, default=new_nonce, editable=False)
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now, editable=False)
    left_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist")
        indexes = [models.Index(fields=["status", "service", "until"])]

    def __str__(self) -> str:
        return f"{self.patient_name} · {self.service} · {_('until')} {self.until:%Y-%m-%d}"

    @property
    def token(self) -> str:
        return manage_token(self.nonce, "waitlist")


class WaitlistOffer(models.Model):
    """One freed time offered to one waiting patient, claimable through a signed link until it expires."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLAIMED = "claimed", _("Claimed")
        GONE = "gone", _("Taken by someone else")

    entry = models.ForeignKey(WaitlistEntry, on_delete=models.CASCADE, related_name="offers")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField(_("starts"))
    expires_at = models.DateTimeField(_("open until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    nonce = models.CharField(max_length=32, unique=True, default=new_nonce, editable=False)
    appointment = models.ForeignKey(Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "created_at"]
        verbose_name = _("waitlist offer")
        indexes = [models.Index(fields=["practitioner", "start"]), models.Index(fields=["status", "expires_at"])]
        constraints = [
            # One patient is offered one time once: a repeated task run cannot send it again.
            models.UniqueConstraint(fields=["entry", "practitioner", "start"], name="waitlist_offer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.entry.patient_name} · {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def token(self) -> str:
        return manage_token(self.nonce, "claim")


class TextOptOut(models.Model):
    """A phone number that must not be texted (STOP from the provider, or entered by staff)."""

    phone = models.CharField(_("phone"), max_length=20, unique=True)
    source = models.CharField(max_length=10, default="stop", choices=[("stop", "STOP"), ("staff", "Staff")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("text opt-out")

    def __str__(self) -> str:
        return f"…{self.phone[-4:]}"
