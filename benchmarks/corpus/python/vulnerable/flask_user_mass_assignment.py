"""User administration API (Flask)."""

from flask import Flask, jsonify, request
from .models import User, db

app = Flask(__name__)

@app.route("/api/users", methods=["POST"])
def create_user():
    data = request.get_json()
    user = User(email=data["email"], is_admin=data.get("is_admin", False))  # expect: IDG134
    user.set_password(data["password"])
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id)

@app.route("/api/users/<int:uid>", methods=["PUT"])
def edit_user(uid):
    user = User.query.get(uid)
    for key, value in request.json.items():
        setattr(user, key, value)  # expect: IDG134
    db.session.commit()
    return jsonify(ok=True)
