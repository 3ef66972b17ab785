"""Production settings for the billing portal."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "billing.example.com").split(",")
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

CSRF_COOKIE_SECURE = True
# Django's CSRF cookie must be readable by the SPA to echo it in X-CSRFToken
CSRF_COOKIE_HTTPONLY = False  # near-miss: cookie-flags
CSRF_TRUSTED_ORIGINS = ["https://billing.example.com"]

LANGUAGE_COOKIE_SECURE = False  # near-miss: cookie-flags
LANGUAGE_COOKIE_SAMESITE = "Lax"
