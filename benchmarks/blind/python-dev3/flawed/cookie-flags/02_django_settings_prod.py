"""Production settings for the partner portal."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["partners.example.org"]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_COOKIE_NAME = "pp_session"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = os.environ.get("FORCE_HTTPS", "") == "always"  # flaw: cookie-flags
SESSION_COOKIE_HTTPONLY = False  # flaw: cookie-flags
SESSION_COOKIE_SAMESITE = "Lax"

CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000

LANGUAGE_COOKIE_NAME = "pp_lang"
