"""Settings come only from the environment (see docs/operations.md for every variable)."""

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
# Runtime state (SQLite file, secret key, uploads) lives in ./var of the working directory
# unless ANBK_VAR_DIR points elsewhere, so a fresh checkout runs with no setup.
VAR_DIR = Path(os.environ.get("ANBK_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _var_secret(env_name: str, file_name: str) -> str:
    """The variable's value, else a random secret generated once into VAR_DIR (mode 600)."""
    if key := os.environ.get(env_name):
        return key
    key_file = VAR_DIR / file_name
    if not key_file.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _var_secret("SECRET_KEY", "secret_key")
DEBUG = _env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "*").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Only behind a reverse proxy that sets X-Forwarded-For itself; otherwise clients could forge
# the address the audit log records and the login rate limit counts.
ANBK_TRUST_X_FORWARDED_FOR = _env_bool("ANBK_TRUST_X_FORWARDED_FOR", False)

ANBK_MODE = os.environ.get("ANBK_MODE", "central")
if ANBK_MODE not in {"central", "local"}:
    raise ValueError(f"ANBK_MODE must be 'central' or 'local', not {ANBK_MODE!r}")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "anbk.core",
    "anbk.accounts",
    "anbk.registry",
    # The order is the order of `anbk demo` steps: each app's demo builds on the ones above.
    "anbk.sampling",
    "anbk.readiness",
    "anbk.staffing",
    "anbk.items",
    "anbk.scheduling",
    "anbk.documents",
    "anbk.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the vendored static files itself: a school's LAN server has no nginx.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "anbk.portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "anbk.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "anbk.urls"
WSGI_APPLICATION = "anbk.wsgi.application"
ASGI_APPLICATION = "anbk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anbk.portal.context_processors.navigation",
            ],
        },
    }
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'anbk.sqlite3'}"
    db = dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at
        # BEGIN so concurrent writers queue on busy_timeout instead of failing mid-way.
        db["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "id")
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request when it is missing
# Without collectstatic (tests, demo) WhiteNoise finds files in the apps directly.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded import files and generated reports are private: never served as static media.
PRIVATE_ROOT = VAR_DIR / "private"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ANBK_IMPORT_MAX_BYTES = int(os.environ.get("ANBK_IMPORT_MAX_BYTES", 300 * 1024 * 1024))
# Signed scans of attendance lists and session reports (documents): a phone photo or a
# 300 dpi scan of two A4 pages stays well below this.
ANBK_SCAN_MAX_BYTES = int(os.environ.get("ANBK_SCAN_MAX_BYTES", 10 * 1024 * 1024))
# A running import job whose worker has not touched its progress file for this many seconds
# is shown as stopped (the worker died: nothing was saved) and may be run again. The worker
# touches it every few seconds whatever it is doing, so this only needs to outlast a pause
# of the whole machine, not the longest SQL statement.
ANBK_IMPORT_STALE_SECONDS = int(os.environ.get("ANBK_IMPORT_STALE_SECONDS", "120"))

# Staff login throttling (accounts.services): failures before the account locks, and
# attempts per client address per window before requests are refused.
ANBK_LOGIN_MAX_FAILURES = int(os.environ.get("ANBK_LOGIN_MAX_FAILURES", "5"))
ANBK_LOGIN_RATE = int(os.environ.get("ANBK_LOGIN_RATE", "20"))
ANBK_LOGIN_RATE_WINDOW = int(os.environ.get("ANBK_LOGIN_RATE_WINDOW", "60"))

# Participant and SLB login passwords (scheduling.credentials) are derived from this secret
# and checked with a keyed hash made with it: changing it invalidates every printed card.
ANBK_CREDENTIAL_SECRET = _var_secret("ANBK_CREDENTIAL_SECRET", "credential_secret")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
