"""Nightly sync of partner accounts from the vendor CRM into our directory."""
import logging
from dataclasses import dataclass

import ldap3
import requests

log = logging.getLogger("partner_sync")

CRM_BASE_URL = "https://crm.vendor.example.net/api/v3"
CRM_API_KEY = "f3c9a1e7b25d4086a9e1c7f3b2d8e604"  # flaw: hardcoded-password
DIRECTORY_URL = "ldaps://directory.internal:636"
BIND_DN = "cn=partner-sync,ou=service,dc=example,dc=com"


@dataclass
class Partner:
    account_id: str
    company: str
    contact_email: str


def fetch_partners() -> list[Partner]:
    resp = requests.get(f"{CRM_BASE_URL}/partners", headers={"X-API-Key": CRM_API_KEY}, timeout=30)
    resp.raise_for_status()
    return [Partner(p["id"], p["company"], p["email"]) for p in resp.json()["items"]]


def directory_connection() -> ldap3.Connection:
    server = ldap3.Server(DIRECTORY_URL, use_ssl=True)
    conn = ldap3.Connection(server, BIND_DN, "pS-sync!4471", auto_bind=True)  # flaw: hardcoded-password
    return conn


def upsert(conn: ldap3.Connection, partner: Partner) -> None:
    dn = f"uid={partner.account_id},ou=partners,dc=example,dc=com"
    attrs = {"cn": partner.company, "mail": partner.contact_email, "objectClass": ["inetOrgPerson"], "sn": partner.company}
    if not conn.add(dn, attributes=attrs):
        conn.modify(dn, {"mail": [(ldap3.MODIFY_REPLACE, [partner.contact_email])]})


def run() -> None:
    partners = fetch_partners()
    conn = directory_connection()
    try:
        for partner in partners:
            upsert(conn, partner)
    finally:
        conn.unbind()
    log.info("synced %d partners", len(partners))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    run()
