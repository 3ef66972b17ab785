"""Passwordless login: e-mail a magic link and a 6-digit code."""

import secrets
import string
from datetime import datetime, timedelta, timezone

import jwt
from django.conf import settings
from django.core.mail import send_mail

MAGIC_LINK_TTL = timedelta(minutes=15)  # ok: IDG116


def send_login_email(user):
    now = datetime.now(timezone.utc)
    token = jwt.encode(  # ok: IDG115
        {"sub": str(user.pk), "purpose": "login", "iat": now, "exp": now + MAGIC_LINK_TTL},
        settings.MAGIC_LINK_KEY,
        algorithm="HS256",
    )
    code = "".join(secrets.choice(string.digits) for _ in range(6))  # ok: IDG118
    user.set_login_code(code)
    send_mail("Your sign-in link", f"{settings.SITE_URL}/magic/{token} or code {code}", None, [user.email])


def check_login_link(token):
    claims = jwt.decode(token, settings.MAGIC_LINK_KEY, algorithms=["HS256"], options={"require": ["exp"]})
    if claims.get("purpose") != "login":  # ok: IDG120
        return None
    return claims["sub"]
