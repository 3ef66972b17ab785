"""Nightly sync of groups and users from the corporate LDAP directory into the app's RBAC tables."""

import ssl

import ldap3
import requests

from .models import Group, User

LDAP_HOST = "ldaps://ldap.corp.example.net"
BIND_DN = "cn=svc-sync,ou=service,dc=corp,dc=example,dc=net"
HR_API = "http://hr.corp.example.net/api/v2"


def connect(bind_password: str) -> ldap3.Connection:
    tls = ldap3.Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLSv1_2)  # expect: IDG138
    server = ldap3.Server(LDAP_HOST, use_ssl=True, tls=tls)
    return ldap3.Connection(server, user=BIND_DN, password=bind_password, auto_bind=True)


def fetch_leavers(api_token: str) -> list[str]:
    resp = requests.get(f"{HR_API}/leavers", headers={"X-Api-Key": api_token}, timeout=30)  # expect: IDG155
    resp.raise_for_status()
    return [row["uid"] for row in resp.json()]


def sync_groups(conn: ldap3.Connection) -> None:
    conn.search("ou=groups,dc=corp,dc=example,dc=net", "(objectClass=groupOfNames)", attributes=["cn", "member"])
    for entry in conn.entries:
        group, _ = Group.objects.get_or_create(name=str(entry.cn))
        group.members.set(User.objects.filter(ldap_dn__in=list(entry.member)))
