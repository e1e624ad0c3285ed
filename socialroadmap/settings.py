"""Settings, read from environment variables with safe local defaults.

Without ``DATABASE_URL`` the product runs on the embedded default: SQLite in the data
directory (``SOCIALROADMAP_DATA_DIR``, default ``./var``) and background jobs executed
in-process. With ``DATABASE_URL`` and ``REDIS_URL`` it runs on PostgreSQL with Celery
workers. Every variable is listed in ``docs/configuration.md``.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("SOCIALROADMAP_DATA_DIR") or "var").resolve()
DEBUG = env_bool("DEBUG")
# Set by `socialroadmap demo`: a local, single-machine installation over plain HTTP.
DEMO = env_bool("SOCIALROADMAP_DEMO")


def _local_secret_key() -> str:
    """A key kept in the data directory, for the demo and the admin CLI.

    `socialroadmap serve` refuses to start without an explicit SECRET_KEY, so this key is
    never used by a production server.
    """
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Fernet keys (comma-separated, the first encrypts) for live sources' credentials; not
# set: a key derived from SECRET_KEY (listening/secrets.py).
SOCIALROADMAP_ENCRYPTION_KEY = os.environ.get("SOCIALROADMAP_ENCRYPTION_KEY", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "socialroadmap.core",
    "socialroadmap.accounts",
    "socialroadmap.organizations",
    "socialroadmap.roadmap",
    "socialroadmap.listening",
    "socialroadmap.internalscan",
    "socialroadmap.alerts",
    "socialroadmap.registry",
    "socialroadmap.excellence",
    "socialroadmap.knowledge",
    "socialroadmap.policy",
    "socialroadmap.pilots",
    "socialroadmap.audit",
    "socialroadmap.panel",
    "socialroadmap.content",
    "socialroadmap.leverage",
    "socialroadmap.feedback",
    "socialroadmap.indicators",
    "socialroadmap.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when this session passed a second factor.
    "django_otp.middleware.OTPMiddleware",
    "socialroadmap.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: it explains why it sends someone to the code or set-up page.
    "socialroadmap.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns lock-outs into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "socialroadmap.urls"
WSGI_APPLICATION = "socialroadmap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "socialroadmap.organizations.context_processors.organizations",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'socialroadmap.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo's web threads and in-process jobs share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. "default" (password-reset limits) stays in each process; "shared" holds the
# API's rate-limit counters, on Redis when there is one.
# "figures" keeps the listening dashboards' figures until the organisation's rollups
# change (listening/figures.py): Redis when there is one, shared by the web server's
# processes and the workers; files in the data directory on the embedded default.
SOCIALROADMAP_FIGURES_CACHE_SECONDS = int(
    os.environ.get("SOCIALROADMAP_FIGURES_CACHE_SECONDS", str(60 * 60))
)
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Counters every server process must share (the API's rate limits): Redis below.
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    "figures": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "figures"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: five failures for one account from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form (and Django's authenticate) call the e-mail field "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "socialroadmap.accounts.authentication.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Password reset by e-mail: the link works once and for an hour; at most five mails per
# address an hour (counted in Django's cache, so per process with the default local cache).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", "3600"))
PASSWORD_RESET_MAILS_PER_HOUR = int(os.environ.get("PASSWORD_RESET_MAILS_PER_HOUR", "5"))

# Two-factor login (TOTP) is optional for everyone; with this on, owners must set it up.
SOCIALROADMAP_OWNER_2FA = env_bool("SOCIALROADMAP_OWNER_2FA")
OTP_TOTP_ISSUER = "socialroadmap"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Nederlands"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "socialroadmap_language"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [PACKAGE_DIR / "static"]
# plotly.js for the dashboards, served as static/vendor/plotly/plotly.min.js straight
# from the installed plotly package (a dependency): no copy in the repository, no CDN.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "socialroadmap.core.staticfiles.PlotlyFinder",
]
# Pages ask for it with ?v=<plotly version>, so browsers may keep it for good.
WHITENOISE_IMMUTABLE_FILE_TEST = r"/vendor/plotly/"
# Source maps are fetched by developer tools only: not worth compressing at every start.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed, without a hashed-name manifest: pages render the same whether or
        # not collectstatic ran (tests, demo), and whitenoise serves short cache lifetimes.
        "BACKEND": "socialroadmap.core.staticfiles.CompressedStaticFilesStorage"
    },
}
# Tests and the demo serve straight from the package, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False

# --- Security ---------------------------------------------------------------------
# Over plain HTTP (demo, debug) secure cookies would never be sent back; everywhere
# else they are on. SOCIALROADMAP_SECURE_COOKIES overrides for a TLS-terminating proxy.
SECURE_COOKIES = env_bool("SOCIALROADMAP_SECURE_COOKIES", default=not (DEBUG or DEMO))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 12)))
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 0 if not SECURE_COOKIES else int(os.environ.get("HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_COOKIES
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- API --------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that an anonymous request gets 401 with `WWW-Authenticate: Bearer`.
        "socialroadmap.accounts.authentication.BearerTokenAuthentication",
        # Session login, refused while a second factor is still owed (accounts/twofactor.py).
        "socialroadmap.accounts.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Documents the 400/401/403/404 answers of every operation (core/schema.py).
    "DEFAULT_SCHEMA_CLASS": "socialroadmap.core.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # Requests per minute per person (core/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["socialroadmap.core.throttling.PersonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("SOCIALROADMAP_API_RATE") or "1200/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "socialroadmap API",
    "DESCRIPTION": (
        "The socialroadmap API. Authenticate with `Authorization: Bearer <token>`; "
        "create a token with `socialroadmap token create EMAIL`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Background jobs --------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    for _alias in ("figures", "shared"):
        CACHES[_alias] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"socialroadmap-{_alias}",
        }
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker (the embedded default) tasks run in-process, in the caller.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task taken by a worker that then died whole (SIGKILL, power cut) goes back to the
# queue after this many seconds. Keep it above the longest task (the split of a very
# large file, a slow fetch), or a task still running is delivered a second time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("SOCIALROADMAP_TASK_VISIBILITY_TIMEOUT", "3600"))
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs, sent by `celery beat` (docs/configuration.md).
CELERY_BEAT_SCHEDULE = {
    "listening-fetch-due-sources": {
        "task": "listening.fetch_due_sources",
        "schedule": 60.0,  # every minute; each source says how often it is due
    },
}
# With workers, an import file of IMPORT_SPLIT_BYTES and up is split into parts of
# IMPORT_PART_ROWS rows that the workers store side by side (listening/services/split.py).
IMPORT_SPLIT_BYTES = int(os.environ.get("SOCIALROADMAP_IMPORT_SPLIT_BYTES", str(4 * 2**20)))
IMPORT_PART_ROWS = int(os.environ.get("SOCIALROADMAP_IMPORT_PART_ROWS", "10000"))
# Alert rules every five minutes; beat runs under `socialroadmap worker --beat`.
CELERY_BEAT_SCHEDULE["alerts-evaluate-all"] = {"task": "alerts.evaluate_all", "schedule": 300.0}
# Knowledge programme reminders once a day; each person gets at most one a week.
CELERY_BEAT_SCHEDULE["knowledge-send-reminders"] = {
    "task": "knowledge.send_reminders",
    "schedule": 86400.0,
}
# Feedback waiting too long: owners and the conversation manager, at most once per item a day.
CELERY_BEAT_SCHEDULE["feedback-warn-overdue"] = {
    "task": "feedback.warn_overdue",
    "schedule": 86400.0,
}
# Computed success indicators once a day; values entered otherwise are kept.
CELERY_BEAT_SCHEDULE["indicators-compute-values"] = {
    "task": "indicators.compute_values",
    "schedule": 86400.0,
}

# --- E-mail -----------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "socialroadmap <noreply@localhost>")
# Base URL used in links sent by e-mail (invitations).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Axes logs usernames of failed logins at INFO; keep them out of ordinary logs.
        "axes": {"level": "WARNING"},
    },
}
