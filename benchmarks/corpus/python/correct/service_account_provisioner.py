"""Creates service accounts for new internal tools: directory entry, DB role, Vault policy."""

import os

import hvac
import ldap

from .models import ServiceAccount


class VaultAdmin:
    def __init__(self, url, token=None, token_path="/var/run/secrets/vault-token"):  # ok: IDG104
        if token is None:
            with open(token_path) as handle:
                token = handle.read().strip()
        self.client = hvac.Client(url=url, token=token)

    def write_policy(self, name, rules):
        self.client.sys.create_or_update_policy(name=name, policy=rules)


def directory_connection(bind_dn):
    conn = ldap.initialize("ldaps://directory.internal")
    conn.simple_bind_s(bind_dn, os.environ["DIRECTORY_BIND_PASSWORD"])  # ok: IDG105
    return conn


def provision(tool_name, owner, vault_url):
    account = ServiceAccount.objects.create_user(username=f"svc-{tool_name}", owner=owner)  # ok: IDG105
    account.set_unusable_password()
    account.save()
    VaultAdmin(vault_url).write_policy(f"svc-{tool_name}", f'path "secret/data/{tool_name}/*" {{ capabilities = ["read"] }}')
    return account
