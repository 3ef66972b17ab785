"""Session API for the mobile client (Flask + flask-jwt-extended)."""

import os
from datetime import timedelta

from flask import Flask, jsonify, request
from flask_jwt_extended import JWTManager, create_access_token, create_refresh_token

from .auth import check_credentials

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["MOBILE_SESSION_SECRET"]  # ok: IDG103
app.config["JWT_SECRET_KEY"] = os.environ["MOBILE_JWT_SECRET"]  # ok: IDG103
app.config["JWT_ACCESS_TOKEN_EXPIRES"] = timedelta(minutes=10)  # ok: IDG116
app.config["JWT_REFRESH_TOKEN_EXPIRES"] = timedelta(days=30)  # ok: IDG116
jwt_manager = JWTManager(app)


@app.post("/session")
def login():
    user = check_credentials(request.json["username"], request.json["password"])
    if user is None:
        return jsonify(error="invalid credentials"), 401
    access = create_access_token(identity=str(user.id))  # ok: IDG115
    refresh = create_refresh_token(identity=str(user.id), expires_delta=timedelta(days=7))  # ok: IDG116
    return jsonify(access_token=access, refresh_token=refresh, token_type="Bearer")
