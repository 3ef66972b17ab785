"""python3-saml settings with strict validation and signed assertions."""
import os

from django.conf import settings


def saml_settings() -> dict:
    sp_base = settings.SITE_URL.rstrip("/")
    return {
        "strict": True,  # near-miss: sso-misconfig
        "debug": False,
        "sp": {
            "entityId": f"{sp_base}/saml/metadata/",
            "assertionConsumerService": {"url": f"{sp_base}/saml/acs/", "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
            "x509cert": settings.SAML_SP_CERT,
            "privateKey": settings.SAML_SP_KEY,
        },
        "idp": {
            "entityId": os.environ["SAML_IDP_ENTITY_ID"],
            "singleSignOnService": {"url": os.environ["SAML_IDP_SSO_URL"], "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
            "x509cert": settings.SAML_IDP_CERT,
        },
        "security": {
            "authnRequestsSigned": True,
            "wantMessagesSigned": True,
            "wantAssertionsSigned": True,  # near-miss: sso-misconfig
            "wantAssertionsEncrypted": False,  # near-miss: sso-misconfig
            "wantNameIdEncrypted": False,  # near-miss: sso-misconfig
            "rejectDeprecatedAlgorithm": True,
            "signatureAlgorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "digestAlgorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
        },
    }
