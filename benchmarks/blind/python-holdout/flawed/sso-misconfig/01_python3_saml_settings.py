"""SAML service-provider setup for enterprise SSO (python3-saml with Flask)."""
from __future__ import annotations

import os
from urllib.parse import urlparse

from flask import Flask, abort, redirect, request, session
from onelogin.saml2.auth import OneLogin_Saml2_Auth

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
SP_BASE = os.environ.get("SP_BASE_URL", "https://app.example.com")


def saml_settings(tenant) -> dict:
    return {
        "strict": False,  # flaw: sso-misconfig
        "debug": False,
        "sp": {
            "entityId": f"{SP_BASE}/saml/{tenant.slug}/metadata",
            "assertionConsumerService": {
                "url": f"{SP_BASE}/saml/{tenant.slug}/acs",
                "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
            },
            "NameIDFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        },
        "idp": {
            "entityId": tenant.idp_entity_id,
            "singleSignOnService": {"url": tenant.idp_sso_url, "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
            "x509cert": tenant.idp_x509_cert,
        },
        "security": {
            "authnRequestsSigned": False,
            "wantMessagesSigned": False,
            "wantAssertionsSigned": False,  # flaw: sso-misconfig
            "wantNameId": True,
            "requestedAuthnContext": False,
        },
    }


def _prepare(req) -> dict:
    url = urlparse(request.url)
    return {
        "https": "on",
        "http_host": url.netloc,
        "script_name": url.path,
        "get_data": req.args.copy(),
        "post_data": req.form.copy(),
    }


@app.post("/saml/<slug>/acs")
def acs(slug: str):
    tenant = app.extensions["tenants"].by_slug(slug) or abort(404)
    auth = OneLogin_Saml2_Auth(_prepare(request), saml_settings(tenant))
    auth.process_response()
    if auth.get_errors() or not auth.is_authenticated():
        abort(401)
    user = app.extensions["users"].provision_from_saml(tenant, auth.get_nameid(), auth.get_attributes())
    session.clear()
    session["user_id"] = user.id
    return redirect("/")
