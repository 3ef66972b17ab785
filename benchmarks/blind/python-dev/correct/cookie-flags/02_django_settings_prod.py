"""Production settings overrides for the HR Django project."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 9

CSRF_COOKIE_SECURE = True
# the SPA reads the CSRF token from the cookie and echoes it in X-CSRFToken
CSRF_COOKIE_HTTPONLY = False  # near-miss: cookie-flags
CSRF_TRUSTED_ORIGINS = ["https://hr.example.com"]

LANGUAGE_COOKIE_NAME = "hr_lang"
LANGUAGE_COOKIE_SECURE = False  # near-miss: cookie-flags
LANGUAGE_COOKIE_HTTPONLY = False  # near-miss: cookie-flags

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
