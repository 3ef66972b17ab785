"""Basic-auth protected operations console for the on-call team."""
import hmac
import logging
from functools import wraps

from flask import Flask, Response, jsonify, request

app = Flask(__name__)
log = logging.getLogger("opsconsole")

OPS_USER = "oncall"


def _credentials_ok(username: str, password: str) -> bool:
    user_ok = hmac.compare_digest(username.encode(), OPS_USER.encode())
    pass_ok = hmac.compare_digest(password.encode(), b"Tr1ton-ops-2291")  # flaw: hardcoded-password
    return user_ok and pass_ok


def basic_auth(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        auth = request.authorization
        if auth is None or not _credentials_ok(auth.username or "", auth.password or ""):
            return Response(
                "authentication required",
                401,
                {"WWW-Authenticate": 'Basic realm="ops"'},
            )
        return view(*args, **kwargs)

    return wrapper


@app.get("/ops/queues")
@basic_auth
def queue_depths():
    return jsonify(app.extensions["queues"].depths())


@app.post("/ops/queues/<name>/drain")
@basic_auth
def drain_queue(name: str):
    drained = app.extensions["queues"].drain(name)
    log.info("drained %s (%d messages) by %s", name, drained, request.authorization.username)
    return jsonify(drained=drained)


@app.get("/healthz")
def healthz():
    return "ok"
