"""Passwordless login: e-mail a magic link and a 6-digit code."""

import random
import string

import jwt
from django.conf import settings
from django.core.mail import send_mail


def send_login_email(user):
    token = jwt.encode({"sub": str(user.pk), "email": user.email, "purpose": "login"}, settings.SECRET_KEY, algorithm="HS256")  # expect: IDG115
    code = "".join(random.choices(string.digits, k=6))  # expect: IDG118
    user.login_code = code
    user.save(update_fields=["login_code"])
    send_mail("Your sign-in link", f"{settings.SITE_URL}/magic/{token} or code {code}", None, [user.email])


def check_login_link(token):
    claims = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
    if claims.get("purpose") != "login":
        return None
    return claims["sub"]
