"""SAML SP settings for enterprise SSO tenants (python3-saml)."""
from __future__ import annotations

import os

SP_BASE = os.environ.get("SP_BASE_URL", "https://app.example.com")


def saml_settings(tenant) -> dict:
    return {
        "strict": True,  # near-miss: sso-misconfig
        "debug": False,
        "sp": {
            "entityId": f"{SP_BASE}/saml/{tenant.slug}/metadata",
            "assertionConsumerService": {
                "url": f"{SP_BASE}/saml/{tenant.slug}/acs",
                "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
            },
            "x509cert": open(os.environ["SAML_SP_CERT"]).read(),
            "privateKey": open(os.environ["SAML_SP_KEY"]).read(),
        },
        "idp": {
            "entityId": tenant.idp_entity_id,
            "singleSignOnService": {"url": tenant.idp_sso_url, "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
            "x509cert": tenant.idp_x509_cert,
        },
        "security": {
            "authnRequestsSigned": True,
            "wantMessagesSigned": True,
            "wantAssertionsSigned": True,
            "wantAssertionsEncrypted": False,  # near-miss: sso-misconfig
            "rejectDeprecatedAlgorithm": True,
            "signatureAlgorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "digestAlgorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
        },
    }
