"""Start a real clinic on an empty database: its details, the site's address, the first admin and the page tree.

``manage.py start_clinic`` is a thin front for this module; the WordPress importer and the tests call it
directly. It lives beside urls.py and api.py because, like them, it joins the apps (clinic, atlas,
practice, booking, discussion); no app below imports it.

Every value is checked by ``read_details`` before anything is written, and ``start_clinic`` runs in one
transaction, so a bad value or a failure half-way leaves the database as it was. Running it again with the
same values changes nothing and says so. It refuses to run over a site with content it did not make (a
demo load, pages or records the clinic added) unless told (``force=True``), and even then it only adds
what is missing and sets the values given: it never deletes or overwrites a page or a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import phonenumbers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from acuclinic.clinic.models import ClinicSettings, ContentPage, HomePage
from acuclinic.clinic.phones import InvalidPhoneNumber, to_e164

PASSWORD_VARIABLE = "ACUCLINIC_ADMIN_PASSWORD"  # noqa: S105 (the name of the variable, not a password)
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


class StartError(ValueError):
    """A value start_clinic cannot use, or a site it will not start over; the message says which and why."""


# --- Reading and checking each value -------------------------------------------------------------


def clean_name(text: str) -> str:
    name = " ".join((text or "").split())
    limit = ClinicSettings._meta.get_field("name").max_length
    if not name:
        raise StartError(_("The clinic's name is empty."))
    if len(name) > limit:
        raise StartError(_("The clinic's name is longer than %(limit)d characters.") % {"limit": limit})
    return name


def clean_country(text: str) -> str:
    code = (text or "").strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise StartError(
            _("%(code)r is not a two-letter country code (ISO 3166) such as CA, GB or AU.") % {"code": text}
        )
    return code


def clean_phone(text: str, country: str) -> str:
    """The number in E.164, read as the clinic settings form reads it (local numbers in the clinic's country)."""
    try:
        return to_e164((text or "").strip(), country)
    except InvalidPhoneNumber:
        raise StartError(
            _("%(phone)r is not a valid phone number in %(country)s. Write it as you would dial it locally, or "
              "with + and the country code.") % {"phone": text, "country": country}
        ) from None  # fmt: skip


def clean_time_zone(text: str) -> str:
    key = (text or "").strip()
    try:
        if key not in available_timezones():
            raise ZoneInfoNotFoundError(key)
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        raise StartError(
            _("%(zone)r is not a time zone name. Use an IANA name such as America/Toronto, Europe/London or "
              "Australia/Sydney.") % {"zone": text}
        ) from None  # fmt: skip
    return key


def clean_url(text: str) -> str:
    """The site's public address as ``scheme://host[:port]``, with no path: the site is served at its root."""
    url = (text or "").strip().rstrip("/")
    problem = None
    try:
        URLValidator(schemes=["http", "https"])(url)
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks it)
    except (ValidationError, ValueError):
        problem = _("it is not a web address")
    else:
        if parts.path or parts.query or parts.fragment:
            problem = _("the site is served at the root of its address, so give no path, query or #part")
        elif parts.username or parts.password:
            problem = _("a web address for the public carries no user name or password")
    if problem:
        raise StartError(
            _("%(url)r cannot be the site's address: %(problem)s. Give it as https://clinic.example "
              "(or http://host:port for a test machine).") % {"url": text, "problem": problem}
        )  # fmt: skip
    return f"{parts.scheme}://{parts.netloc.lower()}"


def clean_username(text: str) -> str:
    User = get_user_model()
    username = (text or "").strip()
    try:
        if not username:
            raise ValidationError(_("it is empty"))
        User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
    except ValidationError as exc:
        raise StartError(_("The admin user name %(name)r cannot be used: %(why)s") % {
            "name": username, "why": " ".join(exc.messages)}) from None  # fmt: skip
    return username


def clean_email(text: str) -> str:
    email = (text or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise StartError(_("%(email)r is not an email address.") % {"email": email}) from None
    return email


def clean_admin(username: str, email: str, password: str | None) -> tuple[str, str, str]:
    User = get_user_model()
    username, email = clean_username(username), clean_email(email)
    if not password:
        raise StartError(
            _("No admin password: set %(variable)s in the environment (it is never taken as an option, which "
              "other users of the machine could read in the process list).") % {"variable": PASSWORD_VARIABLE}
        )  # fmt: skip
    try:
        validate_password(password, User(**{User.USERNAME_FIELD: username, "email": email}))
    except ValidationError as exc:
        raise StartError(_("The admin password is too weak: %(why)s") % {"why": " ".join(exc.messages)}) from None
    return username, email, password


@dataclass(frozen=True)
class ClinicDetails:
    """Everything start_clinic sets, each value already checked (build it with ``read_details``)."""

    name: str
    phone: str
    street_address: str
    locality: str
    region: str
    postal_code: str
    country: str
    time_zone: str
    url: str
    admin_username: str
    admin_email: str
    admin_password: str = field(repr=False)


def read_details(*, name, phone, url, time_zone, admin_username, admin_email, admin_password,
                 address="", city="", region="", postal_code="", country="CA") -> ClinicDetails:  # fmt: skip
    """Check every value (raising StartError with the first problem) and return them ready to write."""
    country = clean_country(country)
    address_fields = {"street_address": address, "locality": city, "region": region, "postal_code": postal_code}
    for field_name, value in address_fields.items():
        limit = ClinicSettings._meta.get_field(field_name).max_length
        if len(value or "") > limit:
            label = ClinicSettings._meta.get_field(field_name).verbose_name
            raise StartError(_("The %(field)s is longer than %(limit)d characters.") % {"field": label, "limit": limit})
    username, email, password = clean_admin(admin_username, admin_email, admin_password)
    return ClinicDetails(
        name=clean_name(name),
        phone=clean_phone(phone, country),
        **{key: " ".join((value or "").split()) for key, value in address_fields.items()},
        country=country,
        time_zone=clean_time_zone(time_zone),
        url=clean_url(url),
        admin_username=username,
        admin_email=email,
        admin_password=password,
    )


# --- What is already there ------------------------------------------------------------------------


def _own_pages() -> set[int]:
    """The pages start_clinic makes (or replaces), wherever they came from: the ones a re-run finds again."""
    from acuclinic.atlas.models import AtlasIndexPage
    from acuclinic.clinic.starter_pages import standard_pages
    from acuclinic.practice.models import ConditionsPage, ServicesPage, TeamPage

    own = set(Page.objects.filter(depth=1).values_list("pk", flat=True))
    own |= set(_wagtail_welcome_pages().values_list("pk", flat=True))
    home = HomePage.objects.first()
    if home is not None:
        own.add(home.pk)
        children = Page.objects.child_of(home)
        for model in (AtlasIndexPage, ServicesPage, TeamPage, ConditionsPage):
            own |= set(children.type(model).values_list("pk", flat=True))
        slugs = [slug for slug, *_rest in standard_pages()]
        own |= set(children.type(ContentPage).filter(slug__in=slugs).values_list("pk", flat=True))
    return own


def _wagtail_welcome_pages():
    return Page.objects.filter(depth=2, title=WAGTAIL_WELCOME_TITLE).exact_type(Page)


def existing_content() -> list[str]:
    """What is in the database that start_clinic would not have made, in words; empty for a fresh install."""
    from django_comments_xtd.models import XtdComment
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from acuclinic.booking import demo as booking_demo
    from acuclinic.booking.models import Appointment, Practitioner, Service

    found = []
    pages = Page.objects.exclude(pk__in=_own_pages())
    counts = [
        (pages.count(), _("other pages")),
        (Practitioner.objects.count(), _("practitioners")),
        (Service.objects.count(), _("services")),
        (Appointment.objects.count(), _("appointments")),
        (XtdComment.objects.count(), _("comments")),
        (get_image_model().objects.count(), _("images")),
        (get_document_model().objects.count(), _("documents")),
    ]
    found = [f"{count} {label}" for count, label in counts if count]
    demo_people = {slug for slug, *_rest in booking_demo.PRACTITIONERS}
    if (
        Practitioner.objects.filter(slug__in=demo_people).exists()
        or get_image_model().objects.filter(title__startswith="Demo:").exists()
    ):
        found.append(_("the demo clinic (manage.py load_demo)"))
    return found


# --- Writing --------------------------------------------------------------------------------------


@dataclass
class StartReport:
    changes: list[str] = field(default_factory=list)
    # (variable, the value it needs, whether the running process has it already)
    environment: list[tuple[str, str, bool]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@transaction.atomic
def start_clinic(details: ClinicDetails, *, force: bool = False) -> StartReport:
    """Set the clinic up as ``details`` say; one transaction. Raises StartError over existing content."""
    if not force and (found := existing_content()):
        raise StartError(
            _("This database already has content that start_clinic did not make: %(found)s. Nothing was "
              "changed. To go ahead anyway, run it again with --force: it then sets the clinic's details, the "
              "site's address and the admin user, and adds the pages of its tree that are missing; it never "
              "deletes or overwrites a page or a record.") % {"found": ", ".join(found)}
        )  # fmt: skip
    report = StartReport()
    home = _ensure_home(details, report)
    site = _ensure_site(home, details, report)
    _ensure_clinic_settings(site, details, report)
    _ensure_index_pages(home, report)
    _ensure_atlas(report)
    _ensure_standard_drafts(home, report)
    _ensure_admin(details, report)
    # The time zone and the public address are environment settings (TIME_ZONE, BASE_URL): Django reads
    # them at start-up, before any database, and emails and background tasks need them too. So they are
    # not stored here; the owner is told the lines to put in the environment file.
    hostname = urlsplit(details.url).hostname
    report.environment = [
        ("BASE_URL", details.url, details.url == settings.BASE_URL),
        ("TIME_ZONE", details.time_zone, details.time_zone == settings.TIME_ZONE),
        ("ALLOWED_HOSTS", hostname, hostname in settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS),
    ]
    return report


def _ensure_home(details: ClinicDetails, report: StartReport) -> HomePage:
    from acuclinic.clinic.demo import ensure_home_page
    from acuclinic.clinic.starter_pages import home_sections

    had_home = HomePage.objects.exists()
    welcome = _wagtail_welcome_pages().exists()
    home = HomePage.objects.get(pk=ensure_home_page(title=details.name, intro="").pk)
    if not had_home:
        report.changes.append(
            _("home page '%(title)s' made%(replaced)s") % {
                "title": home.title, "replaced": _(", replacing Wagtail's welcome page") if welcome else ""}
        )  # fmt: skip
    if not len(home.body):
        home.body = home_sections(details.name)
        home.search_description = details.name
        home.save_revision().publish()
        report.changes.append(_("home page sections added"))
    return home


def _ensure_site(home: HomePage, details: ClinicDetails, report: StartReport) -> Site:
    from django.contrib.sites.models import Site as DjangoSite

    from acuclinic.clinic.demo import site_address

    site = Site.objects.get(root_page=home, is_default_site=True)
    hostname, port = site_address(details.url)
    if (site.hostname, site.port, site.site_name) != (hostname, port, details.name):
        site.hostname, site.port, site.site_name = hostname, port, details.name
        site.save()
        report.changes.append(_("site address set to %(url)s") % {"url": site.root_url})
    # django.contrib.sites (comments and the admin's password-reset mail ask it); migrate syncs it from BASE_URL.
    domain = urlsplit(details.url).netloc
    django_site, created = DjangoSite.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": domain})
    if created or (django_site.domain, django_site.name) != (domain, details.name):
        django_site.domain, django_site.name = domain, details.name
        django_site.save()
        DjangoSite.objects.clear_cache()
        report.changes.append(_("the sites framework's domain set to %(domain)s") % {"domain": domain})
    return site


def _ensure_clinic_settings(site: Site, details: ClinicDetails, report: StartReport) -> None:
    clinic = ClinicSettings.for_site(site)
    wanted = {
        "name": details.name,
        "phone": details.phone,
        "street_address": details.street_address,
        "locality": details.locality,
        "region": details.region,
        "postal_code": details.postal_code,
        "country": details.country,
    }
    changed = [key for key, value in wanted.items() if getattr(clinic, key) != value]
    if changed:
        for key in changed:
            setattr(clinic, key, wanted[key])
        clinic.full_clean(exclude=["site"])
        clinic.save()
        report.changes.append(_("clinic settings set (%(fields)s)") % {"fields": ", ".join(changed)})


def _ensure_index_pages(home: HomePage, report: StartReport) -> None:
    from acuclinic.practice.models import ConditionsPage, ServicesPage, TeamPage

    pages = [
        (ServicesPage, "services", _("Services"), _("What we offer, how long each visit takes and what it costs.")),
        (TeamPage, "team", _("Team"), _("The people you will see, and when they are free.")),
        (ConditionsPage, "conditions", _("Conditions"), _("Guides to the problems we treat, reviewed by our team.")),
    ]
    for model, slug, title, intro in pages:
        if model.objects.exists():
            continue
        page = model(title=str(title), slug=slug, intro=str(intro), show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
        report.changes.append(_("%(title)s page made at %(path)s") % {"title": title, "path": f"/{slug}/"})


def _ensure_atlas(report: StartReport) -> None:
    from acuclinic.atlas.demo import ensure_atlas_page
    from acuclinic.atlas.loading import load_atlas
    from acuclinic.atlas.models import AtlasIndexPage

    loaded = load_atlas()
    if loaded.created or loaded.updated:
        report.changes.append(
            _("atlas loaded: %(total)d points (%(created)d new, %(updated)d updated)")
            % {"total": loaded.total, "created": loaded.created, "updated": loaded.updated}
        )
    if not AtlasIndexPage.objects.exists():
        page = ensure_atlas_page()
        report.changes.append(_("Acupoints page made at %(path)s") % {"path": f"/{page.slug}/"})


def _ensure_standard_drafts(home: HomePage, report: StartReport) -> None:
    from acuclinic.clinic.starter_pages import standard_pages

    for slug, title, in_menu, summary, body in standard_pages():
        if Page.objects.child_of(home).filter(slug=slug).exists():
            continue
        page = ContentPage(title=title, slug=slug, show_in_menus=in_menu, summary=summary, body=body, live=False)
        home.add_child(instance=page)
        page.save_revision()
        report.changes.append(_("draft '%(title)s' made, to edit and publish") % {"title": title})


def _ensure_admin(details: ClinicDetails, report: StartReport) -> None:
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: details.admin_username}).first()
    if user is None:
        User.objects.create_superuser(details.admin_username, details.admin_email, details.admin_password)
        report.changes.append(_("admin user '%(name)s' made") % {"name": details.admin_username})
        return
    changed = []
    if not (user.is_staff and user.is_superuser and user.is_active):
        user.is_staff = user.is_superuser = user.is_active = True
        changed.append(_("made an active superuser"))
    if user.email != details.admin_email:
        user.email = details.admin_email
        changed.append(_("email"))
    if not user.check_password(details.admin_password):
        user.set_password(details.admin_password)
        changed.append(_("password"))
    if changed:
        user.save()
        report.changes.append(
            _("admin user '%(name)s' updated (%(what)s)") % {"name": details.admin_username, "what": ", ".join(changed)}
        )
