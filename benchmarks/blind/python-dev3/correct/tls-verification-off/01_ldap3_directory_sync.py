"""Directory sync with LDAPS validated against the corporate CA."""
import os
import ssl

from ldap3 import ALL, Connection, Server, Tls


def build_tls(settings: dict) -> Tls:
    return Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=settings["ca_file"], version=ssl.PROTOCOL_TLS_CLIENT)  # near-miss: tls-verification-off


class DirectoryClient:
    defaults = {"host": "ldap.corp.internal", "port": 636, "ca_file": "/etc/pki/corp-root.pem"}

    def __init__(self, **overrides):
        self.settings = {**self.defaults, **overrides}

    def connect(self) -> Connection:
        server = Server(self.settings["host"], port=self.settings["port"], use_ssl=True, tls=build_tls(self.settings), get_info=ALL)
        return Connection(server, user=os.environ["LDAP_BIND_DN"], password=os.environ["LDAP_BIND_PW"], auto_bind=True)
