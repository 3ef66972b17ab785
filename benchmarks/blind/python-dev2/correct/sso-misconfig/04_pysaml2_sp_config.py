"""pysaml2 service-provider configuration for the Pyramid analytics app."""
import os

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig

BASE = os.environ.get("ANALYTICS_URL", "https://analytics.example.com")
METADATA = os.environ.get("IDP_METADATA_FILE", "/etc/analytics/idp-metadata.xml")


def sp_config() -> SPConfig:
    settings = {
        "entityid": f"{BASE}/saml2/metadata/",
        "metadata": {"local": [METADATA]},
        "service": {
            "sp": {
                "name": "Analytics",
                "endpoints": {
                    "assertion_consumer_service": [(f"{BASE}/saml2/acs/", BINDING_HTTP_POST)],
                    "single_logout_service": [(f"{BASE}/saml2/ls/", BINDING_HTTP_REDIRECT)],
                },
                "allow_unsolicited": False,  # near-miss: sso-misconfig
                "authn_requests_signed": True,
                "want_response_signed": False,  # near-miss: sso-misconfig
                "want_assertions_signed": True,
                "want_assertions_or_response_signed": True,
                "name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            }
        },
        "key_file": "/etc/analytics/sp.key",
        "cert_file": "/etc/analytics/sp.crt",
        "xmlsec_binary": "/usr/bin/xmlsec1",
    }
    conf = SPConfig()
    conf.load(settings)
    return conf


def handle_acs(request, outstanding: dict) -> dict:
    saml_client = Saml2Client(config=sp_config())
    response = saml_client.parse_authn_request_response(
        request.POST["SAMLResponse"], BINDING_HTTP_POST, outstanding=outstanding
    )
    if response is None or not response.in_response_to or response.in_response_to not in outstanding:
        raise PermissionError("unsolicited or unknown SAML response")
    identity = response.get_identity()
    return {"name_id": str(response.name_id), "groups": identity.get("memberOf", [])}
