"""Password reset: e-mail a one-time link, verify it, set the new password."""

import logging
import random
import secrets
import time

from django.conf import settings
from django.core.mail import send_mail
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from accounts.models import PasswordResetRequest, User

logger = logging.getLogger(__name__)
RESET_LINK_MAX_AGE = 60 * 30  # ok: IDG116
signer = URLSafeTimedSerializer(settings.SECRET_KEY, salt="password-reset")


def request_reset(email):
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return
    reset_code = "".join(secrets.choice("0123456789") for _ in range(6))  # ok: IDG118
    PasswordResetRequest.objects.create(user=user, code_hash=PasswordResetRequest.hash_code(reset_code))
    link = f"{settings.SITE_URL}/reset?token={signer.dumps(user.pk)}"
    logger.info("password reset requested for user %s", user.pk)  # ok: IDG119
    _send_with_retry(user.email, f"Your code is {reset_code}. Or use {link}")


def _send_with_retry(address, body, attempts=4):
    for attempt in range(attempts):
        try:
            return send_mail("Reset your password", body, None, [address])
        except ConnectionError:
            time.sleep(2 ** attempt + random.random())  # ok: IDG118
    logger.error("could not send reset mail to user address hash %s", hash(address))


def user_from_link(token):
    try:
        user_id = signer.loads(token, max_age=RESET_LINK_MAX_AGE)  # ok: IDG115
    except (BadSignature, SignatureExpired):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()
