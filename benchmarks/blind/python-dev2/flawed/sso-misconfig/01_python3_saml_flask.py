"""SAML 2.0 service provider for the Flask HR portal (python3-saml)."""
import os

from flask import Flask, abort, redirect, request, session
from onelogin.saml2.auth import OneLogin_Saml2_Auth

app = Flask(__name__)
app.secret_key = os.environ["HR_PORTAL_SECRET"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

SP_BASE = os.environ.get("HR_PORTAL_URL", "https://hr.example.com")


def saml_settings() -> dict:
    return {
        "strict": False,  # flaw: sso-misconfig
        "debug": False,
        "sp": {
            "entityId": f"{SP_BASE}/saml/metadata",
            "assertionConsumerService": {
                "url": f"{SP_BASE}/saml/acs",
                "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
            },
            "NameIDFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        },
        "idp": {
            "entityId": os.environ["IDP_ENTITY_ID"],
            "singleSignOnService": {
                "url": os.environ["IDP_SSO_URL"],
                "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
            },
            "x509cert": os.environ["IDP_X509_CERT"],
        },
        "security": {
            "authnRequestsSigned": False,
            "wantMessagesSigned": False,
            "wantAssertionsSigned": False,  # flaw: sso-misconfig
            "wantNameIdEncrypted": False,
            "requestedAuthnContext": True,
        },
    }


def _prepare(req) -> dict:
    return {
        "https": "on",
        "http_host": req.host,
        "script_name": req.path,
        "get_data": req.args.copy(),
        "post_data": req.form.copy(),
    }


@app.get("/saml/login")
def saml_login():
    auth = OneLogin_Saml2_Auth(_prepare(request), saml_settings())
    return redirect(auth.login(return_to="/"))


@app.post("/saml/acs")
def saml_acs():
    auth = OneLogin_Saml2_Auth(_prepare(request), saml_settings())
    auth.process_response()
    if auth.get_errors() or not auth.is_authenticated():
        abort(401)
    session.clear()
    session["employee_email"] = auth.get_nameid()
    session["groups"] = auth.get_attribute("groups") or []
    return redirect("/")
