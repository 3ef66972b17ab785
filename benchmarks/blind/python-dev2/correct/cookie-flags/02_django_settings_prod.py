"""Production settings for the HR system."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SESSION_COOKIE_NAME = "hr_sid"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = 60 * 60 * 9
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

CSRF_COOKIE_SECURE = True
# Django's CSRF cookie is meant to be readable by the front-end so it can
# echo the value in the X-CSRFToken header; it authenticates nothing.
CSRF_COOKIE_HTTPONLY = False  # near-miss: cookie-flags
CSRF_COOKIE_SAMESITE = "Strict"

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
