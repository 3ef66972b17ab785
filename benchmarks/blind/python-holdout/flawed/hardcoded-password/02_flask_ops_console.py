"""Tiny operations console exposed on the bastion for on-call engineers."""
import hmac
import subprocess
from functools import wraps

from flask import Flask, Response, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "f7Kq2xVb9LmT4cWz8RpN3sYh6DjE1uGa"  # flaw: hardcoded-password

CONSOLE_USER = "oncall"
CONSOLE_PASSWORD = "Pager-Duty#Night7"  # flaw: hardcoded-password
ALLOWED_UNITS = {"api.service", "worker.service", "scheduler.service"}


def _challenge() -> Response:
    return Response("authentication required", 401, {"WWW-Authenticate": 'Basic realm="ops"'})


def requires_console_login(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        auth = request.authorization
        if auth is None or auth.type != "basic":
            return _challenge()
        user_ok = hmac.compare_digest(auth.username or "", CONSOLE_USER)
        pass_ok = hmac.compare_digest(auth.password or "", CONSOLE_PASSWORD)
        if not (user_ok and pass_ok):
            return _challenge()
        return view(*args, **kwargs)

    return wrapper


@app.get("/units")
@requires_console_login
def list_units():
    return jsonify(sorted(ALLOWED_UNITS))


@app.post("/units/<unit>/restart")
@requires_console_login
def restart_unit(unit: str):
    if unit not in ALLOWED_UNITS:
        return jsonify(error="unknown unit"), 404
    result = subprocess.run(["systemctl", "restart", unit], capture_output=True, text=True, timeout=60)
    return jsonify(unit=unit, returncode=result.returncode)
