"""Routes incoming partner tokens to the right tenant key set before verification."""

import jwt
from jwt import PyJWKClient

from .tenants import TENANT_AUDIENCES, TENANT_JWKS_URLS

_jwks_clients = {tenant: PyJWKClient(url) for tenant, url in TENANT_JWKS_URLS.items()}


def claims_for(token, tenant):
    # The tenant comes from the route, never from the token; the key from that tenant's JWKS by kid.
    client = _jwks_clients[tenant]
    signing_key = client.get_signing_key_from_jwt(token)
    return jwt.decode(  # ok: IDG109, IDG110, IDG111
        token,
        signing_key.key,
        algorithms=["RS256"],
        audience=TENANT_AUDIENCES[tenant],
    )


def key_id(token):
    header = jwt.get_unverified_header(token)
    return header.get("kid")  # ok: IDG113
