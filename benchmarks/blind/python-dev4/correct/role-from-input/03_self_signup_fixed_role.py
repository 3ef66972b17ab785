"""Public signup for the Bramblewood reader portal; role is fixed server-side."""
from flask import Blueprint, jsonify, request
from werkzeug.security import generate_password_hash

from .extensions import db
from .models import ReaderAccount

signup_bp = Blueprint("signup", __name__)

DEFAULT_ROLE = "reader"


@signup_bp.post("/signup")
def signup():
    data = request.get_json(force=True)
    requested_role = data.get("role")
    account = ReaderAccount(
        email=data["email"].strip().lower(),
        password_hash=generate_password_hash(data["password"]),
        role=DEFAULT_ROLE,  # near-miss: role-from-input
        is_admin=False,
    )
    db.session.add(account)
    db.session.commit()
    body = {"id": account.id, "role": account.role}
    if requested_role and requested_role != DEFAULT_ROLE:
        body["note"] = "role requests are reviewed by library staff"
    return jsonify(body), 201
