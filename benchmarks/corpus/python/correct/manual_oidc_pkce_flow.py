"""Hand-rolled OIDC authorization-code flow with PKCE and a state check."""

import hashlib, base64, secrets
from urllib.parse import urlencode
from flask import session, redirect, request, abort

def login():
    verifier = secrets.token_urlsafe(64)
    session["pkce_verifier"] = verifier
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(16)
    session["state"] = state
    q = {"response_type": "code", "client_id": CID, "redirect_uri": REDIRECT_URI, "scope": "openid", "state": state,
         "code_challenge": challenge, "code_challenge_method": "S256"}
    return redirect(AUTHZ + "?" + urlencode(q))

def callback():
    if request.args.get("state") != session.pop("state", None):
        abort(403)
    token = requests.post(TOKEN_URL, data={"grant_type": "authorization_code", "code": request.args["code"],
                                           "code_verifier": session.pop("pkce_verifier"), "redirect_uri": REDIRECT_URI, "client_id": CID}).json()
    return token
