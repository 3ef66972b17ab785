from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    ROLE_CHOICES = [("admin", "Admin"), ("member", "Member"), ("viewer", "Viewer")]
    role = models.CharField(max_length=20, choices=ROLE_CHOICES, default="member")
    is_verified = models.BooleanField(default=False)

class Invitation(models.Model):
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=User.ROLE_CHOICES, default="viewer")
    token = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    def is_valid(self):
        from django.utils import timezone
        return self.accepted_at is None and self.expires_at > timezone.now()

    def accept(self, user):
        if not self.is_valid() or user.email.lower() != self.email.lower():
            raise PermissionError("invalid invitation")
        user.role = self.role
        user.save()
        from django.utils import timezone
        self.accepted_at = timezone.now()
        self.save()
