"""Django settings for the identity portal (auth, sessions, API tokens)."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # ok: IDG103
SECRET_KEY_FALLBACKS = [k for k in os.environ.get("DJANGO_OLD_SECRET_KEYS", "").split(",") if k]
DEBUG = False
ALLOWED_HOSTS = ["id.example.com"]

PASSWORD_HASHERS = [  # ok: IDG124
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # ok: IDG116

SESSION_COOKIE_AGE = 60 * 60 * 8  # ok: IDG116
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),  # ok: IDG116
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),  # ok: IDG116
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "ALGORITHM": "RS256",
    "SIGNING_KEY": os.environ["JWT_PRIVATE_KEY"],  # ok: IDG103
    "VERIFYING_KEY": os.environ["JWT_PUBLIC_KEY"],
    "AUTH_HEADER_TYPES": ("Bearer",),
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "TIMEOUT": 60 * 60 * 24 * 30}}
