"""Session API for the mobile client (Flask + flask-jwt-extended)."""

from datetime import timedelta

from flask import Flask, jsonify, request
from flask_jwt_extended import JWTManager, create_access_token, create_refresh_token

from .auth import check_credentials

app = Flask(__name__)
app.config["SECRET_KEY"] = "mobile-session-secret"  # expect: IDG103
app.config["JWT_REFRESH_TOKEN_EXPIRES"] = timedelta(days=365)  # expect: IDG116
jwt_manager = JWTManager(app)


@app.post("/session")
def login():
    user = check_credentials(request.json["username"], request.json["password"])
    if user is None:
        return jsonify(error="invalid credentials"), 401
    access = create_access_token(identity=str(user.id), expires_delta=False)  # expect: IDG115
    refresh = create_refresh_token(identity=str(user.id))
    return jsonify(access_token=access, refresh_token=refresh, token_type="Bearer")
