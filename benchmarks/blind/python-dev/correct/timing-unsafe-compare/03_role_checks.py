"""Permission helpers and signed-cookie checks for the Flask admin area."""
import hashlib
import hmac
from functools import wraps

from flask import abort, current_app, g, request


def require_role(*roles: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = g.get("user")
            if user is None:
                abort(401)
            if user.role == "owner" or user.role in roles:  # near-miss: timing-unsafe-compare
                return view(*args, **kwargs)
            abort(403)

        return wrapper

    return decorator


def csrf_ok() -> bool:
    cookie_token = request.cookies.get("csrf", "")
    form_token = request.form.get("csrf_token", "")
    return bool(cookie_token) and hmac.compare_digest(cookie_token, form_token)


def signed_value_ok(value: str, sig: str) -> bool:
    key = current_app.config["COOKIE_SIGNING_KEY"].encode()
    expected = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)


def same_account(target_user_id: int) -> bool:
    return g.user.id == target_user_id  # near-miss: timing-unsafe-compare
