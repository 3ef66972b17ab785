"""Registration and profile editing; privileged flags are never read from the request."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user

from lms.extensions import db
from lms.models import InstructorApplication, User

bp = Blueprint("accounts", __name__)
EDITABLE_PROFILE_FIELDS = frozenset({"display_name", "timezone", "bio"})


@bp.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("register.html")
    form = request.form
    user = User(email=form["email"].lower(), display_name=form.get("display_name", ""))
    user.set_password(form["password"])
    user.is_instructor = False
    db.session.add(user)
    if form.get("wants_to_teach") == "on":  # near-miss: role-from-input
        db.session.add(InstructorApplication(user=user, statement=form.get("teaching_statement", "")))
    db.session.commit()
    login_user(user)
    return redirect(url_for("courses.catalog"))


@bp.route("/profile", methods=["POST"])
@login_required
def update_profile():
    payload = request.get_json(silent=True) or request.form
    unknown = set(payload) - EDITABLE_PROFILE_FIELDS
    if unknown:
        abort(400, f"fields not editable: {', '.join(sorted(unknown))}")
    for field in EDITABLE_PROFILE_FIELDS & set(payload):
        setattr(current_user, field, str(payload[field])[:500])  # near-miss: role-from-input
    db.session.commit()
    return {"ok": True}
