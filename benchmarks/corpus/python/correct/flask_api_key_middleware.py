"""API-key middleware, webhook signature check and small authorization predicates."""

import hmac, hashlib, os, logging
from functools import wraps
from flask import request, abort, g

log = logging.getLogger(__name__)
API_KEYS = {}

def require_api_key(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        key = request.headers.get("X-API-Key")
        if not key:
            abort(401)
        record = lookup_key(key)
        if record is None or record.revoked:
            abort(401)
        g.api_client = record.client
        return f(*args, **kwargs)
    return wrapper

def verify_signature(secret: bytes, body: bytes, signature: str) -> bool:
    try:
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
    except (TypeError, ValueError):
        log.warning("malformed signature header")
        return False

def is_admin(user) -> bool:
    return getattr(user, "is_admin", False)

def can_view_report(user, report) -> bool:
    if user.is_superuser:
        return True
    return report.owner_id == user.id or report.team_id in user.team_ids
