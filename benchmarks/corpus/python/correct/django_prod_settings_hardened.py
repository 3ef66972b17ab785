"""Django settings for the identity portal (production, hardened)."""

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["id.example.com"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
]

SESSION_COOKIE_SECURE = True  # ok: IDG153
CSRF_COOKIE_SECURE = True  # ok: IDG153
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the SPA reads the CSRF token
SESSION_COOKIE_AGE = 8 * 3600

CORS_ALLOW_ALL_ORIGINS = False  # ok: IDG154
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True

OIDC_OP_TOKEN_ENDPOINT = "https://sso.example.com/oauth2/token"  # ok: IDG155
OIDC_OP_JWKS_ENDPOINT = "https://sso.example.com/oauth2/keys"
LOCAL_OIDC_ISSUER = "http://localhost:8080/realms/dev"  # ok: IDG155
