"""Bind against the corporate directory with ldap3 to authenticate staff users."""
import ssl

from ldap3 import ALL, Connection, Server, Tls
from ldap3.core.exceptions import LDAPBindError

LDAP_HOST = "ldaps://dc01.corp.example.net"
BASE_DN = "ou=Staff,dc=corp,dc=example,dc=net"


class DirectoryAuthenticator:
    def __init__(self, host: str = LDAP_HOST, ca_file: str | None = None):
        tls = Tls(validate=ssl.CERT_OPTIONAL, version=ssl.PROTOCOL_TLS_CLIENT, ca_certs_file=ca_file)  # flaw: tls-verification-off
        self.server = Server(host, use_ssl=True, tls=tls, get_info=ALL)

    def authenticate(self, username: str, password: str) -> dict | None:
        user_dn = f"uid={username},{BASE_DN}"
        try:
            conn = Connection(self.server, user=user_dn, password=password, auto_bind=True)
        except LDAPBindError:
            return None
        conn.search(BASE_DN, f"(uid={username})", attributes=["mail", "memberOf", "displayName"])
        entry = conn.entries[0] if conn.entries else None
        conn.unbind()
        if entry is None:
            return None
        return {"dn": user_dn, "mail": str(entry.mail), "groups": [str(g) for g in entry.memberOf]}


def starttls_connection(host: str, bind_dn: str, bind_pw: str) -> Connection:
    tls = Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLSv1_2)  # flaw: tls-verification-off
    conn = Connection(Server(host, tls=tls), user=bind_dn, password=bind_pw)
    conn.open()
    conn.start_tls()
    conn.bind()
    return conn
