"""pysaml2 service-provider configuration for the HR portal."""
from __future__ import annotations

import os

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig

BASE = os.environ.get("HR_PORTAL_BASE", "https://hr.example.com")
KEY_FILE = os.environ.get("SAML_SP_KEY", "/etc/hr-portal/saml/sp.key")
CERT_FILE = os.environ.get("SAML_SP_CERT", "/etc/hr-portal/saml/sp.crt")
IDP_METADATA = os.environ.get("SAML_IDP_METADATA", "/etc/hr-portal/saml/idp-metadata.xml")

SP_SETTINGS = {
    "entityid": f"{BASE}/saml2/metadata/",
    "key_file": KEY_FILE,
    "cert_file": CERT_FILE,
    "encryption_keypairs": [{"key_file": KEY_FILE, "cert_file": CERT_FILE}],
    "metadata": {"local": [IDP_METADATA]},
    "service": {
        "sp": {
            "name": "HR Portal",
            "endpoints": {
                "assertion_consumer_service": [(f"{BASE}/saml2/acs/", BINDING_HTTP_POST)],
                "single_logout_service": [(f"{BASE}/saml2/ls/", BINDING_HTTP_REDIRECT)],
            },
            "allow_unsolicited": False,
            "authn_requests_signed": True,
            "want_response_signed": False,  # flaw: sso-misconfig
            "want_assertions_signed": False,  # flaw: sso-misconfig
            "name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            "required_attributes": ["mail", "employeeNumber"],
        }
    },
    "accepted_time_diff": 60,
    "xmlsec_binary": "/usr/bin/xmlsec1",
}


def saml_client() -> Saml2Client:
    config = SPConfig()
    config.load(SP_SETTINGS)
    return Saml2Client(config=config)


def parse_acs(saml_response: str, outstanding: dict) -> dict:
    client = saml_client()
    authn = client.parse_authn_request_response(saml_response, BINDING_HTTP_POST, outstanding=outstanding)
    identity = authn.get_identity()
    return {"name_id": str(authn.name_id), "email": identity["mail"][0], "employee_number": identity["employeeNumber"][0]}
