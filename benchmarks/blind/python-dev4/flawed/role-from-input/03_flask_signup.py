"""Staff account form for the Bramblewood library back office."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.security import generate_password_hash

from .extensions import db
from .models import StaffAccount

staff_bp = Blueprint("staff", __name__, url_prefix="/staff")


def _form_to_account(form) -> StaffAccount:
    account = StaffAccount(
        username=form["username"].strip(),
        display_name=form.get("display_name", ""),
        branch=form.get("branch", "central"),
        password_hash=generate_password_hash(form["password"]),
    )
    account.is_admin = form.get("is_admin") == "on"  # flaw: role-from-input
    return account


@staff_bp.route("/new", methods=["GET", "POST"])
@login_required
def new_staff():
    if request.method == "GET":
        return render_template("staff/new.html")
    account = _form_to_account(request.form)
    db.session.add(account)
    db.session.commit()
    flash(f"Created {account.username}")
    return redirect(url_for("staff.index"))


@staff_bp.get("/")
@login_required
def index():
    return render_template("staff/index.html", staff=StaffAccount.query.order_by(StaffAccount.username).all())
