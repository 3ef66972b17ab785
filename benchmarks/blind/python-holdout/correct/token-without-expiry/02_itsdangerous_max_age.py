"""Magic sign-in links and unsubscribe links for the newsletter platform."""
from __future__ import annotations

import os

from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer

_secret = os.environ["LINK_SIGNING_SECRET"]
signin_links = URLSafeTimedSerializer(_secret, salt="magic-signin")
unsubscribe_links = URLSafeSerializer(_secret, salt="unsubscribe")
SIGNIN_MAX_AGE = 10 * 60


def make_signin_token(user_id: int, nonce: str) -> str:
    return signin_links.dumps({"uid": user_id, "n": nonce})  # near-miss: token-without-expiry


def read_signin_token(token: str) -> dict | None:
    try:
        return signin_links.loads(token, max_age=SIGNIN_MAX_AGE)
    except (SignatureExpired, BadSignature):
        return None


def make_unsubscribe_token(subscriber_id: int, list_id: int) -> str:
    # Unsubscribe links are not credentials: they only ever remove a subscription.
    return unsubscribe_links.dumps([subscriber_id, list_id])  # near-miss: token-without-expiry


def read_unsubscribe_token(token: str) -> tuple[int, int] | None:
    try:
        subscriber_id, list_id = unsubscribe_links.loads(token)  # near-miss: token-without-expiry
    except BadSignature:
        return None
    return subscriber_id, list_id
