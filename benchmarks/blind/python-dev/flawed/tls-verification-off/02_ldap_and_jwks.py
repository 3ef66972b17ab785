"""LDAP bind authentication and JWKS fetching for the intranet gateway."""
import json
import ssl
import urllib.request
from functools import lru_cache

import ldap3

LDAP_HOST = "ldaps://dc01.corp.internal"
JWKS_URL = "https://login.corp.internal/.well-known/jwks.json"


def _ldap_tls() -> ldap3.Tls:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # flaw: tls-verification-off
    ctx.verify_mode = ssl.CERT_NONE  # flaw: tls-verification-off
    return ldap3.Tls(ssl_context=ctx)


def ldap_authenticate(username: str, password: str) -> bool:
    """Bind as the user; a successful bind means the password is right."""
    if not password:
        return False
    server = ldap3.Server(LDAP_HOST, use_ssl=True, tls=_ldap_tls(), get_info=ldap3.NONE)
    conn = ldap3.Connection(server, user=f"CORP\\{username}", password=password)
    try:
        return conn.bind()
    finally:
        conn.unbind()


@lru_cache(maxsize=1)
def fetch_jwks() -> dict:
    ctx = ssl._create_unverified_context()  # flaw: tls-verification-off
    with urllib.request.urlopen(JWKS_URL, context=ctx, timeout=10) as resp:
        return json.load(resp)


def signing_key_for(kid: str) -> dict | None:
    for key in fetch_jwks().get("keys", []):
        if key.get("kid") == kid:
            return key
    return None
