"""SAML service-provider settings for the enterprise SSO integration (python3-saml)."""

import os

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.settings import OneLogin_Saml2_Settings

SP_BASE = os.environ.get("SP_BASE_URL", "https://app.example.com")


def saml_settings(tenant) -> dict:
    settings = {
        "strict": True,
        "debug": False,
        "sp": {
            "entityId": f"{SP_BASE}/saml/{tenant.slug}/metadata",
            "assertionConsumerService": {"url": f"{SP_BASE}/saml/{tenant.slug}/acs", "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
        },
        "idp": {"entityId": tenant.idp_entity_id, "singleSignOnService": {"url": tenant.idp_sso_url}, "x509cert": tenant.idp_cert},
        "security": {"authnRequestsSigned": False, "wantMessagesSigned": False, "wantAssertionsSigned": False},  # expect: IDG141
    }
    if tenant.legacy_idp:
        settings["strict"] = False  # expect: IDG140
    return settings


def init_saml_auth(request_data: dict, tenant) -> OneLogin_Saml2_Auth:
    return OneLogin_Saml2_Auth(request_data, old_settings=OneLogin_Saml2_Settings(saml_settings(tenant)))
