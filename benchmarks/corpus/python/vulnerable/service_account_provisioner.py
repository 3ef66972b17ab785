"""Creates service accounts for new internal tools: directory entry, DB role, Vault policy."""

import hvac
import ldap

from .models import ServiceAccount


class VaultAdmin:
    def __init__(self, url, token="vault-root-token"):  # expect: IDG104
        self.client = hvac.Client(url=url, token=token)

    def write_policy(self, name, rules):
        self.client.sys.create_or_update_policy(name=name, policy=rules)


DIRECTORY_ADMIN_DN = "cn=provisioner,ou=services,dc=corp,dc=internal"
DIRECTORY_ADMIN_PASSWORD = "Provisioner2024"  # expect: IDG126


def admin_connection():
    conn = ldap.initialize("ldaps://directory.internal")
    conn.simple_bind_s(DIRECTORY_ADMIN_DN, DIRECTORY_ADMIN_PASSWORD)
    return conn


def directory_connection(bind_dn):
    conn = ldap.initialize("ldaps://directory.internal")
    conn.simple_bind_s(bind_dn, "")  # expect: IDG105
    return conn


def provision(tool_name, owner, vault_url):
    account = ServiceAccount.objects.create_user(username=f"svc-{tool_name}", password="", owner=owner)  # expect: IDG105
    VaultAdmin(vault_url).write_policy(f"svc-{tool_name}", f'path "secret/data/{tool_name}/*" {{ capabilities = ["read"] }}')
    return account
