"""Bind against the corporate directory with ldap3 to authenticate staff users."""
import ssl

from ldap3 import ALL, Connection, Server, Tls
from ldap3.core.exceptions import LDAPBindError

LDAP_HOST = "ldaps://dc01.corp.example.net"
BASE_DN = "ou=Staff,dc=corp,dc=example,dc=net"
CORP_CA = "/etc/pki/corp-root.pem"


class DirectoryAuthenticator:
    def __init__(self, host: str = LDAP_HOST, ca_file: str = CORP_CA):
        tls = Tls(validate=ssl.CERT_REQUIRED, version=ssl.PROTOCOL_TLS_CLIENT, ca_certs_file=ca_file)  # near-miss: tls-verification-off
        self.server = Server(host, use_ssl=True, tls=tls, get_info=ALL)

    def authenticate(self, username: str, password: str) -> dict | None:
        user_dn = f"uid={username},{BASE_DN}"
        try:
            conn = Connection(self.server, user=user_dn, password=password, auto_bind=True)
        except LDAPBindError:
            return None
        conn.search(BASE_DN, f"(uid={username})", attributes=["mail", "memberOf"])
        entry = conn.entries[0] if conn.entries else None
        conn.unbind()
        if entry is None:
            return None
        return {"dn": user_dn, "mail": str(entry.mail), "groups": [str(g) for g in entry.memberOf]}


def tls_context(ca_file: str = CORP_CA) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=ca_file)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.verify_mode = ssl.CERT_REQUIRED  # near-miss: tls-verification-off
    ctx.check_hostname = True  # near-miss: tls-verification-off
    return ctx
