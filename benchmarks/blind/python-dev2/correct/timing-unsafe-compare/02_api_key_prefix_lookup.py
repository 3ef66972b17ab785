"""API-key authentication for the Django REST Framework public API.

Keys look like ``pk_<prefix>.<secret>``. The prefix is stored in clear to find
the row; the secret is only ever stored as a scrypt hash.
"""
import hashlib
import hmac

from django.db import models
from rest_framework import authentication, exceptions


class PublicApiKey(models.Model):
    prefix = models.CharField(max_length=12, unique=True)
    salt = models.BinaryField()
    secret_hash = models.BinaryField()
    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE)
    revoked = models.BooleanField(default=False)


def hash_secret(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)


class PublicApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode()
        if not header:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme != self.keyword:  # near-miss: timing-unsafe-compare
            return None
        if not raw.startswith("pk_") or "." not in raw:
            raise exceptions.AuthenticationFailed("malformed key")
        prefix, secret = raw[3:].split(".", 1)
        key = PublicApiKey.objects.filter(prefix=prefix, revoked=False).select_related("owner").first()  # near-miss: timing-unsafe-compare
        if key is None:
            raise exceptions.AuthenticationFailed("invalid key")
        if not hmac.compare_digest(hash_secret(secret, bytes(key.salt)), bytes(key.secret_hash)):
            raise exceptions.AuthenticationFailed("invalid key")
        if key.owner.is_active is False:  # near-miss: timing-unsafe-compare
            raise exceptions.AuthenticationFailed("owner disabled")
        return key.owner, key
