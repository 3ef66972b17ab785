"""SAML settings builder for python3-saml, per tenant."""
import os

from onelogin.saml2.auth import OneLogin_Saml2_Auth

SP_BASE = os.environ.get("SP_BASE_URL", "https://app.example.com")


def saml_settings(tenant) -> dict:
    return {
        "strict": True,
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
            "singleSignOnService": {"url": tenant.idp_sso_url,
                                    "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
            "x509cert": tenant.idp_cert,
        },
        "security": {
            # the IdP does not sign AuthnRequests; responses and assertions must be signed
            "authnRequestsSigned": False,  # near-miss: sso-misconfig
            "wantMessagesSigned": True,
            "wantAssertionsSigned": True,
            "wantNameId": True,
            "rejectDeprecatedAlgorithm": True,
        },
    }


def process_acs(request_data: dict, tenant, request_id: str) -> dict:
    auth = OneLogin_Saml2_Auth(request_data, old_settings=saml_settings(tenant))
    auth.process_response(request_id=request_id)
    if auth.get_errors() or not auth.is_authenticated():
        raise PermissionError(auth.get_last_error_reason())
    return {"email": auth.get_nameid(), "attrs": auth.get_attributes()}
