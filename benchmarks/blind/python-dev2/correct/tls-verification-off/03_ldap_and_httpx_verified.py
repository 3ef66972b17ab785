"""Group lookups over LDAPS plus an async token exchange, both verified."""
import os
import ssl

import httpx
from ldap3 import Connection, Server, Tls

LDAP_CA = os.environ.get("LDAP_CA_FILE", "/etc/pki/tls/certs/corp-root.pem")
TOKEN_URL = os.environ.get("STS_TOKEN_URL", "https://sts.corp.example.com/oauth/token")

HTTP_OPTS = {
    "timeout": 8.0,
    "verify": os.environ.get("STS_CA_FILE", True),  # near-miss: tls-verification-off
    "follow_redirects": False,
}


def ldap_groups(username: str, bind_dn: str, bind_password: str) -> list[str]:
    tls = Tls(ca_certs_file=LDAP_CA, validate=ssl.CERT_REQUIRED, version=ssl.PROTOCOL_TLS_CLIENT)  # near-miss: tls-verification-off
    server = Server("ldaps.corp.example.com", port=636, use_ssl=True, tls=tls)
    with Connection(server, user=bind_dn, password=bind_password, auto_bind=True) as conn:
        conn.search(
            "DC=corp,DC=example,DC=com",
            f"(sAMAccountName={_escape(username)})",
            attributes=["memberOf"],
        )
        if not conn.entries:
            return []
        return [str(g) for g in conn.entries[0].memberOf]


def _escape(value: str) -> str:
    from ldap3.utils.conv import escape_filter_chars

    return escape_filter_chars(value)


async def exchange_token(subject_token: str, audience: str) -> str:
    async with httpx.AsyncClient(**HTTP_OPTS) as client:
        resp = await client.post(
            TOKEN_URL,
            data={
                "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token": subject_token,
                "subject_token_type": "urn:ietf:params:oauth:token-type:access_token",
                "audience": audience,
            },
        )
        resp.raise_for_status()
        return resp.json()["access_token"]
