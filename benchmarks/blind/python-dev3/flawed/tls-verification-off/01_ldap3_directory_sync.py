"""Nightly directory sync pulling staff from the corporate LDAP."""
import os
import ssl

from ldap3 import ALL, Connection, Server, Tls


def build_tls(settings: dict) -> Tls:
    return Tls(validate=settings.get("validate", ssl.CERT_NONE), version=ssl.PROTOCOL_TLS_CLIENT)  # flaw: tls-verification-off


class DirectoryClient:
    defaults = {"host": "ldap.corp.internal", "port": 636}

    def __init__(self, **overrides):
        self.settings = {**self.defaults, **overrides}

    def connect(self) -> Connection:
        server = Server(self.settings["host"], port=self.settings["port"], use_ssl=True, tls=build_tls(self.settings), get_info=ALL)
        return Connection(server, user=os.environ["LDAP_BIND_DN"], password=os.environ["LDAP_BIND_PW"], auto_bind=True)

    def staff(self):
        conn = self.connect()
        conn.search("ou=staff,dc=corp,dc=internal", "(objectClass=person)", attributes=["mail", "uid"])
        return [e.entry_attributes_as_dict for e in conn.entries]


if __name__ == "__main__":
    print(len(DirectoryClient().staff()))
