"""Directory lookups and bind-based authentication against corporate AD (ldap3)."""
import os
import ssl
from contextlib import contextmanager

from ldap3 import ALL, NTLM, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPBindError
from ldap3.utils.conv import escape_filter_chars

LDAP_HOST = os.environ.get("LDAP_HOST", "dc01.corp.example.com")
BASE_DN = os.environ.get("LDAP_BASE_DN", "DC=corp,DC=example,DC=com")
SERVICE_DN = os.environ.get("LDAP_SERVICE_DN", "CN=svc-portal,OU=Service,DC=corp,DC=example,DC=com")

_tls = Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLS_CLIENT)  # flaw: tls-verification-off
_server = Server(LDAP_HOST, port=636, use_ssl=True, tls=_tls, get_info=ALL, connect_timeout=5)


@contextmanager
def service_connection():
    conn = Connection(
        _server,
        user=SERVICE_DN,
        password=os.environ["LDAP_SERVICE_PASSWORD"],
        auto_bind=True,
        read_only=True,
    )
    try:
        yield conn
    finally:
        conn.unbind()


def find_user(sam_account_name: str) -> dict | None:
    with service_connection() as conn:
        conn.search(
            BASE_DN,
            f"(&(objectClass=user)(sAMAccountName={escape_filter_chars(sam_account_name)}))",
            search_scope=SUBTREE,
            attributes=["distinguishedName", "mail", "memberOf", "userAccountControl"],
        )
        if not conn.entries:
            return None
        entry = conn.entries[0]
        return {
            "dn": entry.distinguishedName.value,
            "mail": entry.mail.value,
            "groups": list(entry.memberOf.values),
            "disabled": bool(int(entry.userAccountControl.value) & 0x2),
        }


def authenticate(sam_account_name: str, password: str) -> bool:
    if not password:
        return False
    user = find_user(sam_account_name)
    if user is None or user["disabled"]:
        return False
    try:
        Connection(_server, user=f"CORP\\{sam_account_name}", password=password, authentication=NTLM, auto_bind=True).unbind()
    except LDAPBindError:
        return False
    return True
