"""acuclinic settings: one module, every deployment choice from the environment.

Development needs no configuration at all (SQLite under ``var/``, console email,
local-memory cache, a secret key generated once). ``ACUCLINIC_ENV=production``
refuses to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS`` and turns on every
transport-security setting that ``manage.py check --deploy`` asks for.
The README lists every variable.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ACUCLINIC_VAR_DIR", BASE_DIR / "var"))

ENV = os.environ.get("ACUCLINIC_ENV", "development").strip().lower()
PRODUCTION = ENV == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def refuse(message: str) -> None:
    # One line on stderr and a non-zero exit, rather than a traceback that hides the cause.
    sys.exit(f"acuclinic: {message}")


def development_secret_key() -> str:
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# Core ---------------------------------------------------------------------------------------------

if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    if not SECRET_KEY:
        refuse("SECRET_KEY must be set when ACUCLINIC_ENV=production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        refuse("ALLOWED_HOSTS must be set when ACUCLINIC_ENV=production (comma-separated host names)")
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or development_secret_key()
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "acuclinic.accounts",
    "acuclinic.clinic",
    "acuclinic.atlas",
    "acuclinic.guides",
    "acuclinic.booking",
    "acuclinic.discussion",
    "acuclinic.practice",
    "acuclinic.wordpress",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # ninja serves the API docs' Swagger UI from its own static files rather than from a CDN.
    "ninja",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "whitenoise.runserver_nostatic",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Reader comments: django-comments-xtd's threaded model over django-contrib-comments, which
    # ties each comment to a django.contrib.sites Site (always SITE_ID; pages carry Wagtail's site).
    "django_comments_xtd",
    "django_comments",
    "django.contrib.sites",
]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "acuclinic.clinic.content_security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A view's "database is locked" (or PostgreSQL lock timeout) becomes a 503 with Retry-After.
    "acuclinic.clinic.database_busy.DatabaseBusyMiddleware",
    # %00 in a path or query string is refused here: PostgreSQL would fail on it in any lookup.
    "acuclinic.clinic.nul_refusal.NulRefusalMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # WordPress's /?p=123 links: the home page would answer them, so Wagtail's redirects never would.
    "acuclinic.wordpress.links.OldQueryLinkMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "acuclinic.clinic.page_cache.CachedSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "acuclinic.guides.publishing.RefusedPublishingMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
# Innermost: answers anonymous visitors from the page cache before any routing or query, and fills in
# the per-response parts of cached HTML pages (page_cache.fresh_marker) whether or not the cache is on.
MIDDLEWARE.append("acuclinic.clinic.page_cache.PublicPageCacheMiddleware")
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)

ROOT_URLCONF = "acuclinic.urls"
WSGI_APPLICATION = "acuclinic.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "acuclinic.clinic.context_processors.clinic",
            ],
        },
    },
]

# Database -----------------------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'acuclinic.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at the
        # start of every transaction, so a read-check-write sequence (a booking) cannot interleave.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too: an in-memory database shared between threads cannot take concurrent writers,
    # and the booking tests race real server threads against each other.
    # One file per test process, so two test runs on one checkout never share (and break) a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

# Cache --------------------------------------------------------------------------------------------


def cache_from_url(url: str) -> dict:
    scheme = url.split("://", 1)[0].lower()
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "acuclinic"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url.split("://", 1)[1]}
    if scheme == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": url.split("://", 1)[1]}
    refuse(f"CACHE_URL scheme {scheme!r} is not supported (use redis://, rediss://, file://, locmem:// or dummy://)")
    return {}


# Cached pages expire together when content changes (clinic/content_cache.py), so every process must
# share one cache: a per-process memory cache is only safe for the single development server.
DEFAULT_CACHE_URL = f"file://{VAR_DIR / 'cache'}" if PRODUCTION else "locmem://acuclinic"
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", DEFAULT_CACHE_URL))}

# Email --------------------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "clinic@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Patients' confirmations and manage links go by email: production refuses to start rather than print
# them to stdout. EMAIL_BACKEND names another backend explicitly (a provider's package, or the console
# backend on purpose); `check --deploy` still refuses one that never delivers (clinic/checks.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "").strip()
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = EMAIL_BACKEND or "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
elif not EMAIL_BACKEND:
    if PRODUCTION:
        refuse("EMAIL_HOST must be set when ACUCLINIC_ENV=production (or EMAIL_BACKEND, to choose a backend)")
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Text messages ------------------------------------------------------------------------------------

# Reminders and waitlist offers also go by text to patients who agreed to texts. SMS_ENABLED turns
# texting on (off by default in production); SMS_BACKEND is a dotted path like EMAIL_BACKEND: the console
# backend prints (number masked), acuclinic.booking.sms.TwilioBackend sends through Twilio.
# `check --deploy` refuses a backend that delivers nothing while texting is on (clinic/checks.py).
SMS_ENABLED = env_bool("SMS_ENABLED", default=not PRODUCTION)
SMS_BACKEND = os.environ.get("SMS_BACKEND", "").strip() or "acuclinic.booking.sms.ConsoleBackend"
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM = os.environ.get("TWILIO_FROM", "")  # a sender number (E.164) or a Messaging Service SID (MG...)
if (
    SMS_ENABLED
    and SMS_BACKEND.endswith(".TwilioBackend")
    and not (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN and TWILIO_FROM)
):
    refuse("SMS_BACKEND is Twilio: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM")

# Background tasks ---------------------------------------------------------------------------------

# "database": tasks are rows written in the same transaction as the change that queued them, run by
# `manage.py db_worker` (production default). "immediate": run in-process once the transaction commits
# (development and tests).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database" if PRODUCTION else "immediate")
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    refuse(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# Internationalisation -----------------------------------------------------------------------------

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Toronto")
USE_I18N = True
USE_TZ = True

# Static and media files ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600
if not PRODUCTION:
    # Development serves files straight from the apps (no collectstatic); WhiteNoise still wants the root.
    WHITENOISE_USE_FINDERS = True
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Security -----------------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_PROXY", default=True):
        # The reverse proxy terminates TLS and says so in this header; it must strip it from clients.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp) on every response, in development too so that an inline script
# fails where it is written: the public site loads only its own files and runs no inline script or
# style. Wagtail's admin needs inline styles (and the API docs' Swagger UI too), so those paths get a
# wider style-src (clinic/content_security.py). Nothing anywhere loads from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): the site uses none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Public forms and the booking API are rate-limited per client address (clinic/ratelimit.py). The address
# comes from X-Forwarded-For only when the request's peer is one of these proxies (addresses or networks,
# comma-separated; empty trusts none). Loopback by default: a reverse proxy on the same machine.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.0/8,::1")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        refuse(f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network")
# Bookings made per client address per hour, and booking posts of any outcome (typos included) per hour
# (booking/limits.py). 0 means no limit.
BOOKING_RATE_LIMIT = int(os.environ.get("BOOKING_RATE_LIMIT", "5"))
BOOKING_ATTEMPT_LIMIT = int(os.environ.get("BOOKING_ATTEMPT_LIMIT", "60"))
COMMENT_RATE_LIMIT = int(os.environ.get("COMMENT_RATE_LIMIT", "10"))  # comment posts per client per hour
# Staff sign-in: after this many failed passwords from one address or for one username within the
# window, sign-in is refused until the window ends (clinic/login_throttle.py).
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", str(15 * 60)))
AUTHENTICATION_BACKENDS = [
    "acuclinic.clinic.login_throttle.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
WAGTAILADMIN_USER_LOGIN_FORM = "acuclinic.clinic.login_throttle.LoginForm"

# Reader comments (discussion/). Replies nest one level on guides; no confirmation email (moderation
# as WordPress does it instead); a post sooner than COMMENT_MIN_SECONDS after the form was served is a bot.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 0
COMMENTS_XTD_MAX_THREAD_LEVEL_BY_APP_MODEL = {"guides.conditionguidepage": 1}
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENT_MAX_LENGTH = 3000
COMMENTS_TIMEOUT = 60 * 60 * 24  # a signed form stamp stays good for a day (a reader may write slowly)
COMMENT_MIN_SECONDS = int(os.environ.get("COMMENT_MIN_SECONDS", "4"))
COMMENTS_PER_PAGE = 50

# Logging: request paths and errors only. Patient data never goes into a log line (see booking), and
# every handler masks secret links (manage and calendar tokens) in what it writes (clinic/log_masking.py).
# The "django" and "django.server" (runserver) loggers are redefined so that none of Django's own
# unfiltered handlers is left; gunicorn's logs get the same filter from its --logger-class (Makefile).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secret_links": {"()": "acuclinic.clinic.log_masking.MaskSecretLinks"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["secret_links"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["secret_links"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Wagtail ------------------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "acuclinic")
WAGTAILADMIN_BASE_URL = BASE_URL
# The database backend Wagtail would choose, with every query's words made safe for the database first.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "acuclinic.clinic.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of each staff member's email to another host (and fails offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
