"""SAML service-provider settings for the enterprise SSO integration (python3-saml), strict and signed."""

import os

from onelogin.saml2.auth import OneLogin_Saml2_Auth

SP_BASE = os.environ.get("SP_BASE_URL", "https://app.example.com")


def saml_settings(tenant) -> dict:
    return {
        "strict": True,  # ok: IDG140
        "debug": False,
        "sp": {
            "entityId": f"{SP_BASE}/saml/{tenant.slug}/metadata",
            "assertionConsumerService": {"url": f"{SP_BASE}/saml/{tenant.slug}/acs", "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
        },
        "idp": {"entityId": tenant.idp_entity_id, "singleSignOnService": {"url": tenant.idp_sso_url}, "x509cert": tenant.idp_cert},
        "security": {
            "authnRequestsSigned": True,
            "wantMessagesSigned": False,
            "wantAssertionsSigned": True,  # ok: IDG141
            "rejectDeprecatedAlgorithm": True,
        },
    }


def init_saml_auth(request_data: dict, tenant) -> OneLogin_Saml2_Auth:
    return OneLogin_Saml2_Auth(request_data, saml_settings(tenant))


def acs(request_data: dict, tenant) -> dict:
    auth = init_saml_auth(request_data, tenant)
    auth.process_response(request_id=request_data.get("request_id"))
    if auth.get_errors() or not auth.is_authenticated():
        raise PermissionError("SAML response rejected")
    return {"name_id": auth.get_nameid(), "attributes": auth.get_attributes()}
