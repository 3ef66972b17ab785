"""Routes incoming partner tokens to the right tenant key set before verification."""

import jwt
import requests

from .tenants import TENANT_SECRETS, tenant_public_key


def signing_key_for(token):
    header = jwt.get_unverified_header(token)
    if header.get("jku"):  # expect: IDG113
        return requests.get(header["jku"], timeout=5).json()["keys"][0]  # expect: IDG113
    return tenant_public_key(header["kid"])


def claims_for(token):
    header = jwt.get_unverified_header(token)
    tenant = header["tenant"]  # expect: IDG113
    key = TENANT_SECRETS[tenant]
    return jwt.decode(token, key, algorithms=["HS256"], audience=tenant)
