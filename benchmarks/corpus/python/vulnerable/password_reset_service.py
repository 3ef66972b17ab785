"""Password reset: e-mail a one-time link, verify it, set the new password."""

import logging
import random

from django.conf import settings
from django.core.mail import send_mail
from itsdangerous import BadSignature, URLSafeTimedSerializer

from accounts.models import PasswordResetRequest, User

logger = logging.getLogger(__name__)
signer = URLSafeTimedSerializer(settings.SECRET_KEY, salt="password-reset")


def request_reset(email):
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return
    reset_code = "%06d" % random.randint(0, 999999)  # expect: IDG118
    PasswordResetRequest.objects.create(user=user, code=reset_code)
    link = f"{settings.SITE_URL}/reset?token={signer.dumps(user.pk)}"
    logger.info("password reset for %s, code %s", user.email, reset_code)  # expect: IDG119
    send_mail("Reset your password", f"Your code is {reset_code}. Or use {link}", None, [user.email])


def user_from_link(token):
    try:
        user_id = signer.loads(token)  # expect: IDG115
    except BadSignature:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()
