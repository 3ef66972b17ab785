"""SAML service-provider configuration for python3-saml (Django integration)."""
import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from onelogin.saml2.auth import OneLogin_Saml2_Auth

from accounts.sso import login_or_provision


def saml_settings() -> dict:
    sp_base = settings.SITE_URL.rstrip("/")
    return {
        "strict": False,  # flaw: sso-misconfig
        "debug": settings.DEBUG,
        "sp": {
            "entityId": f"{sp_base}/saml/metadata/",
            "assertionConsumerService": {"url": f"{sp_base}/saml/acs/", "binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"},
            "NameIDFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
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
            "wantMessagesSigned": False,
            "wantAssertionsSigned": False,  # flaw: sso-misconfig
            "wantNameId": True,
            "requestedAuthnContext": False,
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


def login(request):
    auth = OneLogin_Saml2_Auth(_prepare(request), saml_settings())
    return HttpResponseRedirect(auth.login(return_to=settings.LOGIN_REDIRECT_URL))


@csrf_exempt
def acs(request):
    auth = OneLogin_Saml2_Auth(_prepare(request), saml_settings())
    auth.process_response()
    if auth.get_errors():
        return HttpResponseBadRequest("SAML error: " + ", ".join(auth.get_errors()))
    if not auth.is_authenticated():
        return HttpResponse(status=401)
    return login_or_provision(request, auth.get_nameid(), auth.get_attributes())
