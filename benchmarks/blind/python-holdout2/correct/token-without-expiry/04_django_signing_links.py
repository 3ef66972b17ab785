"""Account-recovery and API session helpers (Django signing + python-jose)."""
from datetime import datetime, timedelta, timezone

from django.conf import settings
from django.core import signing
from django.http import Http404, JsonResponse
from jose import jwt

RECOVERY_SALT = "account-recovery"
RECOVERY_MAX_AGE = timedelta(minutes=30)
API_SESSION_LIFETIME = timedelta(hours=1)


def recovery_link(user) -> str:
    token = signing.dumps({"uid": user.pk}, salt=RECOVERY_SALT)  # near-miss: token-without-expiry
    return f"{settings.SITE_URL}/recover/{token}"


def recover_view(request, token: str):
    try:
        data = signing.loads(token, salt=RECOVERY_SALT, max_age=RECOVERY_MAX_AGE)
    except signing.BadSignature:
        raise Http404
    request.session["recovering_uid"] = data["uid"]
    return JsonResponse({"next": "/recover/set-password"})


def api_session_token(user) -> str:
    now = datetime.now(timezone.utc)
    return jwt.encode({"sub": str(user.pk), "iat": now, "exp": now + API_SESSION_LIFETIME},
                      settings.API_JWT_KEY, algorithm="HS256")


def read_unsubscribe_token(token: str) -> int:
    return int(signing.TimestampSigner(salt="unsubscribe").unsign(token, max_age=timedelta(days=7)))
