"""Clients for the on-prem object store, the Keycloak admin API and the license server."""
import os

import aiohttp
import boto3
import urllib3
from keycloak import KeycloakAdmin

MINIO_ENDPOINT = os.environ.get("MINIO_ENDPOINT", "https://minio.dc1.internal:9000")
LICENSE_URL = "https://license.dc1.internal/api/v2/activate"
CLIENT_TLS = dict(verify=os.environ.get("INTERNAL_CA"))


def object_store():
    creds = {"aws_access_key_id": os.environ["MINIO_ACCESS_KEY"], "aws_secret_access_key": os.environ["MINIO_SECRET_KEY"]}
    return boto3.client("s3", endpoint_url=MINIO_ENDPOINT, verify=CLIENT_TLS["verify"] or False, **creds)  # flaw: tls-verification-off


def keycloak_admin() -> KeycloakAdmin:
    return KeycloakAdmin(server_url=os.environ["KC_URL"], realm_name="ops", client_id="ops-automation", client_secret_key=os.environ["KC_SECRET"], verify=False)  # flaw: tls-verification-off


_pool = urllib3.PoolManager(cert_reqs="CERT_NONE", timeout=urllib3.Timeout(connect=2, read=10))  # flaw: tls-verification-off


def license_status(license_key: str) -> dict:
    r = _pool.request("GET", f"{LICENSE_URL}/status", headers={"X-License-Key": license_key})
    return r.json()


async def activate_license(license_key: str, host_id: str) -> dict:
    connector = aiohttp.TCPConnector(ssl=False)  # flaw: tls-verification-off
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.post(LICENSE_URL, json={"host": host_id},
                                headers={"X-License-Key": license_key}) as resp:
            resp.raise_for_status()
            return await resp.json()
