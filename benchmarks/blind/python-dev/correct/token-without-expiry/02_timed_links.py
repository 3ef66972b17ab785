"""Magic-link sign-in and unsubscribe links (Django + itsdangerous)."""
from django.conf import settings
from django.core import signing
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

MAGIC_LINK_MAX_AGE = 10 * 60
EMAIL_CHANGE_MAX_AGE = 60 * 60


def magic_link_token(user_id: int) -> str:
    return URLSafeTimedSerializer(settings.SECRET_KEY, salt="magic-link").dumps(user_id)


def read_magic_link(token: str) -> int | None:
    try:
        return URLSafeTimedSerializer(settings.SECRET_KEY, salt="magic-link").loads(token, max_age=MAGIC_LINK_MAX_AGE)
    except BadSignature:
        return None


def email_change_token(user_id: int, new_email: str) -> str:
    return signing.dumps({"uid": user_id, "email": new_email}, salt="email-change")


def read_email_change(token: str) -> dict | None:
    try:
        return signing.loads(token, salt="email-change", max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        return None


def unsubscribe_token(list_id: int, subscriber_id: int) -> str:
    # unsubscribe links must keep working in old newsletters; they grant no login
    return URLSafeSerializer(settings.SECRET_KEY, salt="unsubscribe").dumps([list_id, subscriber_id])  # near-miss: token-without-expiry


def read_unsubscribe(token: str) -> tuple[int, int] | None:
    try:
        list_id, subscriber_id = URLSafeSerializer(settings.SECRET_KEY, salt="unsubscribe").loads(token)  # near-miss: token-without-expiry
    except BadSignature:
        return None
    return list_id, subscriber_id
