"""Nightly sync of employee records from Active Directory."""
import logging
import os
from dataclasses import dataclass
from ssl import CERT_NONE as NO_VERIFY

from ldap3 import ALL, SUBTREE, Connection, Server, Tls

log = logging.getLogger("hr.adsync")


@dataclass
class DirectoryConfig:
    host: str = os.environ.get("AD_HOST", "dc01.corp.example.com")
    port: int = 636
    bind_dn: str = os.environ.get("AD_BIND_DN", "CN=svc-hrsync,OU=Service,DC=corp,DC=example,DC=com")
    bind_password: str = os.environ.get("AD_BIND_PASSWORD", "")
    base_dn: str = "OU=Staff,DC=corp,DC=example,DC=com"


def _server(cfg: DirectoryConfig) -> Server:
    tls = Tls(validate=NO_VERIFY, version=None)  # flaw: tls-verification-off
    return Server(cfg.host, port=cfg.port, use_ssl=True, tls=tls, get_info=ALL)


def fetch_employees(cfg: DirectoryConfig) -> list[dict]:
    conn = Connection(_server(cfg), user=cfg.bind_dn, password=cfg.bind_password, auto_bind=True)
    try:
        conn.search(
            cfg.base_dn,
            "(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
            search_scope=SUBTREE,
            attributes=["sAMAccountName", "mail", "department", "manager", "memberOf"],
            paged_size=500,
        )
        rows = []
        for entry in conn.entries:
            rows.append(
                {
                    "username": str(entry.sAMAccountName),
                    "email": str(entry.mail),
                    "department": str(entry.department),
                    "groups": [str(g) for g in entry.memberOf],
                }
            )
        log.info("fetched %d employees", len(rows))
        return rows
    finally:
        conn.unbind()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    for row in fetch_employees(DirectoryConfig()):
        print(row["username"], row["department"])
