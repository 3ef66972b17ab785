"""API key creation and header-based role hints for the Flask analytics API."""
import secrets

from flask import Blueprint, abort, g, jsonify, request

from analytics.auth import login_required
from analytics.db import db
from analytics.models import ApiKey, Report
from analytics.security import hash_api_key

bp = Blueprint("keys", __name__, url_prefix="/api")
DEFAULT_SCOPES = ["reports:read"]


@bp.post("/keys")
@login_required
def create_key():
    body = request.get_json(silent=True) or {}
    scopes = body.get("scopes") or DEFAULT_SCOPES
    raw = secrets.token_urlsafe(32)
    key = ApiKey(owner_id=g.user.id, name=body.get("name", "unnamed"), key_hash=hash_api_key(raw), scopes=scopes)  # flaw: role-from-input
    db.session.add(key)
    db.session.commit()
    return jsonify({"id": key.id, "key": raw, "scopes": key.scopes}), 201


@bp.get("/reports/<int:report_id>/raw")
@login_required
def raw_report(report_id: int):
    # the internal dashboard proxy tells us the viewer's effective role
    if request.headers.get("X-Effective-Role", g.user.role) not in ("analyst", "admin"):  # flaw: role-from-input
        abort(403)
    report = Report.query.filter_by(id=report_id, tenant_id=g.user.tenant_id).first_or_404()
    return jsonify(report.raw_rows())
