"""Password reset via e-mailed link or SMS code."""
import random
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models
from django.utils import timezone

User = get_user_model()

RESET_TTL = timedelta(minutes=30)


class PasswordReset(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    link_token = models.CharField(max_length=64, unique=True)
    sms_code = models.CharField(max_length=6)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    @property
    def expired(self) -> bool:
        return timezone.now() > self.created_at + RESET_TTL


class ResetService:
    def __init__(self, sms_client, base_url: str):
        self.sms = sms_client
        self.base_url = base_url.rstrip("/")

    @staticmethod
    def _link_token() -> str:
        return uuid.uuid1().hex  # flaw: insecure-random-token

    @staticmethod
    def _sms_code(digits: int = 6) -> str:
        upper = 10 ** digits - 1
        return f"{random.randint(0, upper):0{digits}d}"  # flaw: insecure-random-token

    def start(self, email: str) -> None:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            return
        PasswordReset.objects.filter(user=user, used_at__isnull=True).delete()
        reset = PasswordReset.objects.create(
            user=user, link_token=self._link_token(), sms_code=self._sms_code()
        )
        send_mail(
            "Reset your password",
            f"Follow {self.base_url}/reset/{reset.link_token} within 30 minutes.",
            None,
            [user.email],
        )
        if getattr(user, "phone_number", None):
            self.sms.send(user.phone_number, f"Your reset code is {reset.sms_code}")
