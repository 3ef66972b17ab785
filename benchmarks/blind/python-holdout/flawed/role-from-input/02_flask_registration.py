"""Self-service registration and profile editing for the learning platform (Flask + SQLAlchemy)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user

from lms.extensions import db
from lms.models import User

bp = Blueprint("accounts", __name__)
PROFILE_FIELDS = ("display_name", "timezone", "bio", "account_type")


@bp.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("register.html")
    form = request.form
    if User.query.filter_by(email=form["email"].lower()).first():
        flash("That email is already registered.")
        return redirect(url_for("accounts.register"))
    user = User(email=form["email"].lower(), display_name=form.get("display_name", ""))
    user.set_password(form["password"])
    user.is_instructor = form.get("is_instructor") == "on"  # flaw: role-from-input
    db.session.add(user)
    db.session.commit()
    login_user(user)
    return redirect(url_for("courses.catalog"))


@bp.route("/profile", methods=["POST"])
@login_required
def update_profile():
    payload = request.get_json(silent=True) or request.form
    for field in PROFILE_FIELDS:
        if field in payload:
            setattr(current_user, field, payload[field])  # flaw: role-from-input
    db.session.commit()
    return {"ok": True}


@bp.route("/profile/email", methods=["POST"])
@login_required
def change_email():
    new_email = request.form["email"].strip().lower()
    if not current_user.check_password(request.form["password"]):
        abort(403)
    current_user.email = new_email
    current_user.email_verified = False
    db.session.commit()
    return {"ok": True}
