"""API keys whose requested scopes must be a subset of the creator's own scopes."""
import secrets

from flask import Blueprint, abort, g, jsonify, request

from analytics.auth import login_required
from analytics.db import db
from analytics.models import ApiKey
from analytics.security import hash_api_key, scopes_for_user

bp = Blueprint("keys", __name__, url_prefix="/api")
DEFAULT_SCOPES = ["reports:read"]


@bp.post("/keys")
@login_required
def create_key():
    body = request.get_json(silent=True) or {}
    requested = set(body.get("scopes") or DEFAULT_SCOPES)  # near-miss: role-from-input
    allowed = scopes_for_user(g.user)
    if not requested <= allowed:
        abort(403, f"not allowed to grant: {', '.join(sorted(requested - allowed))}")
    raw = secrets.token_urlsafe(32)
    key = ApiKey(owner_id=g.user.id, name=body.get("name", "unnamed")[:80], key_hash=hash_api_key(raw), scopes=sorted(requested))
    db.session.add(key)
    db.session.commit()
    return jsonify({"id": key.id, "key": raw, "scopes": key.scopes}), 201


@bp.get("/reports/<int:report_id>/raw")
@login_required
def raw_report(report_id: int):
    if g.user.role not in ("analyst", "admin"):
        abort(403)
    view = request.args.get("view", "table")  # near-miss: role-from-input
    if view not in ("table", "csv"):
        abort(400)
    return jsonify({"report": report_id, "view": view})
