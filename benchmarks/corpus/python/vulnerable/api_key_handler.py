"""Self-service API keys for integrations: create, list, authenticate requests."""

import uuid

from flask import Blueprint, abort, g, jsonify, request

from .db import db
from .models import ApiKey

bp = Blueprint("api_keys", __name__)


@bp.post("/api-keys")
def create_key():
    api_key = uuid.uuid1().hex  # expect: IDG118
    record = ApiKey(owner_id=g.user.id, key=api_key, name=request.json["name"], expires_at=None)  # expect: IDG115
    db.session.add(record)
    db.session.commit()
    return jsonify(id=record.id, key=api_key), 201


def authenticate_request():
    presented = request.headers.get("X-API-Key", "")
    record = ApiKey.query.filter_by(owner_id=request.headers.get("X-Owner")).first()
    if record is None or record.key != presented:  # expect: IDG120
        abort(401)
    g.user = record.owner
