"""Production settings for the partner portal."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["partners.example.org"]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SESSION_COOKIE_NAME = "pp_session"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = False  # near-miss: cookie-flags
LANGUAGE_COOKIE_NAME = "pp_lang"
LANGUAGE_COOKIE_SECURE = False  # near-miss: cookie-flags
