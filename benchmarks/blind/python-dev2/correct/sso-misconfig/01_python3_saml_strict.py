"""SAML 2.0 service provider for the Django expenses app (python3-saml)."""
import os

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from onelogin.saml2.auth import OneLogin_Saml2_Auth

User = get_user_model()


def saml_settings() -> dict:
    base = settings.EXPENSES_BASE_URL
    return {
        "strict": True,  # near-miss: sso-misconfig
        "debug": False,
        "sp": {
            "entityId": f"{base}/saml/metadata",
            "assertionConsumerService": {"url": f"{base}/saml/acs", "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
            "x509cert": settings.SAML_SP_CERT,
            "privateKey": settings.SAML_SP_KEY,
        },
        "idp": {
            "entityId": os.environ["IDP_ENTITY_ID"],
            "singleSignOnService": {"url": os.environ["IDP_SSO_URL"], "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"},
            "x509cert": os.environ["IDP_X509_CERT"],
        },
        "security": {
            "authnRequestsSigned": True,
            "wantMessagesSigned": True,
            "wantAssertionsSigned": True,
            "wantNameIdEncrypted": False,  # near-miss: sso-misconfig
            "rejectDeprecatedAlgorithm": True,
            "signatureAlgorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        },
    }


def _prepare(request) -> dict:
    return {
        "https": "on" if request.is_secure() else "off",
        "http_host": request.get_host(),
        "script_name": request.path,
        "get_data": request.GET.copy(),
        "post_data": request.POST.copy(),
    }


def saml_login(request):
    auth = OneLogin_Saml2_Auth(_prepare(request), saml_settings())
    url = auth.login()
    request.session["saml_request_id"] = auth.get_last_request_id()
    return HttpResponseRedirect(url)


@csrf_exempt  # SAML POST binding comes from the IdP
@require_POST
def saml_acs(request):
    auth = OneLogin_Saml2_Auth(_prepare(request), saml_settings())
    auth.process_response(request_id=request.session.pop("saml_request_id", None))
    if auth.get_errors() or not auth.is_authenticated():
        return HttpResponseBadRequest("SAML response rejected")
    user, _ = User.objects.get_or_create(username=auth.get_nameid(), defaults={"email": auth.get_nameid()})
    login(request, user)
    return HttpResponseRedirect("/")
