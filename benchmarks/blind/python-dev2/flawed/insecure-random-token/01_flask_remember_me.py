"""Persistent login ("remember me") support for the Flask dashboard."""
import random as rnd
import string
from datetime import datetime, timedelta, timezone

from flask import Flask, g, make_response, redirect, request, url_for

app = Flask(__name__)

REMEMBER_COOKIE = "dash_remember"
REMEMBER_DAYS = 14
_ALPHABET = string.ascii_letters + string.digits


class RememberStore:
    """Keeps token -> (user id, expiry); injected via app.extensions."""

    def __init__(self):
        self._tokens = {}

    def put(self, token: str, user_id: int, expires: datetime) -> None:
        self._tokens[token] = (user_id, expires)

    def get(self, token: str):
        entry = self._tokens.get(token)
        if entry and entry[1] > datetime.now(timezone.utc):
            return entry[0]
        return None


app.extensions["remember_store"] = RememberStore()


def _make_token(length: int = 40) -> str:
    return "".join(rnd.choices(_ALPHABET, k=length))  # flaw: insecure-random-token


def _issue_remember_cookie(response, user_id: int):
    token = _make_token()
    expires = datetime.now(timezone.utc) + timedelta(days=REMEMBER_DAYS)
    app.extensions["remember_store"].put(token, user_id, expires)
    response.set_cookie(
        REMEMBER_COOKIE,
        token,
        expires=expires,
        secure=True,
        httponly=True,
        samesite="Lax",
    )
    return response


@app.post("/login")
def login():
    user_id = g.get("authenticated_user_id")
    if user_id is None:
        return redirect(url_for("login_form"))
    response = make_response(redirect(url_for("home")))
    if request.form.get("remember") == "on":
        _issue_remember_cookie(response, user_id)
    return response


@app.get("/login")
def login_form():
    return "<form method='post'>...</form>"


@app.get("/")
def home():
    return "ok"
