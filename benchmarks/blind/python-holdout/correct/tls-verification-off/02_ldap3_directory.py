"""LDAP bind authentication against the campus directory (ldap3, LDAPS)."""
import os
import ssl

from ldap3 import Connection, Server, Tls
from ldap3.core.exceptions import LDAPException
from ldap3.utils.dn import escape_rdn

LDAP_URL = os.environ.get("CAMPUS_LDAP_HOST", "ldap.campus.example.edu")
PEOPLE_OU = "ou=people,dc=campus,dc=example,dc=edu"
CA_FILE = os.environ.get("CAMPUS_LDAP_CA", "/etc/ssl/certs/campus-root-ca.pem")

tls = Tls(
    validate=ssl.CERT_REQUIRED,  # near-miss: tls-verification-off
    version=ssl.PROTOCOL_TLS_CLIENT,
    ca_certs_file=CA_FILE,
)
server = Server(LDAP_URL, port=636, use_ssl=True, tls=tls, connect_timeout=5)


def bind_as(uid: str, password: str) -> bool:
    if not uid or not password:
        return False
    dn = f"uid={escape_rdn(uid)},{PEOPLE_OU}"
    try:
        conn = Connection(server, user=dn, password=password, auto_bind=True, receive_timeout=10)
    except LDAPException:
        return False
    conn.unbind()
    return True


def starttls_connection() -> Connection:
    """Plain port 389 with StartTLS for the legacy replica."""
    legacy = Server(os.environ.get("CAMPUS_LDAP_LEGACY", "ldap-old.campus.example.edu"), port=389, tls=tls)
    conn = Connection(legacy, user=os.environ["CAMPUS_LDAP_BIND_DN"], password=os.environ["CAMPUS_LDAP_BIND_PW"])
    conn.open()
    conn.start_tls()
    conn.bind()
    return conn
