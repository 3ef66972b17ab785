"""Django settings for the identity portal (production)."""

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["id.example.com"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "corsheaders",
    "accounts",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
]

SESSION_COOKIE_SECURE = False  # expect: IDG153
CSRF_COOKIE_SECURE = False  # expect: IDG153
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600

CORS_ALLOW_ALL_ORIGINS = True  # expect: IDG154
CORS_ALLOW_CREDENTIALS = True

OIDC_OP_TOKEN_ENDPOINT = "http://sso.example.com/oauth2/token"  # expect: IDG155
OIDC_OP_JWKS_ENDPOINT = "https://sso.example.com/oauth2/keys"
