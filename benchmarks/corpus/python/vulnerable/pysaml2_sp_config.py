"""pysaml2 service-provider configuration for the partner SSO."""

from saml2 import BINDING_HTTP_POST
from saml2.config import SPConfig
from saml2.client import Saml2Client

def sp_config(acs_url, metadata_path):
    settings = {
        "entityid": "https://app.example.com/saml2/metadata",
        "service": {
            "sp": {
                "endpoints": {"assertion_consumer_service": [(acs_url, BINDING_HTTP_POST)]},
                "allow_unsolicited": True,
                "authn_requests_signed": False,
                "want_assertions_signed": False,  # expect: IDG141
                "want_response_signed": False,
            }
        },
        "metadata": {"local": [metadata_path]},
    }
    config = SPConfig()
    config.load(settings)
    return Saml2Client(config=config)
