"""Production settings for the payroll service."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "payroll.example.com").split(",")

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PGDATABASE", "payroll"),
        "USER": os.environ.get("PGUSER", "payroll"),
        "PASSWORD": os.environ["PGPASSWORD"],
        "HOST": os.environ.get("PGHOST", "db"),
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/certs/rds-ca.pem"},
    }
}

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 4
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = False  # near-miss: cookie-flags
CSRF_COOKIE_SAMESITE = "Strict"

LANGUAGE_COOKIE_NAME = "payroll_lang"
LANGUAGE_COOKIE_SECURE = False  # near-miss: cookie-flags
LANGUAGE_COOKIE_HTTPONLY = False  # near-miss: cookie-flags

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
