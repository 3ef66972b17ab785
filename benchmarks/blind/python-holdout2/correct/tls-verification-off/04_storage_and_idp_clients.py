"""Clients for the on-prem object store, the Keycloak admin API and the license server."""
import os
import ssl

import aiohttp
import boto3
import urllib3
from keycloak import KeycloakAdmin

MINIO_ENDPOINT = os.environ.get("MINIO_ENDPOINT", "https://minio.dc1.internal:9000")
LICENSE_URL = "https://license.dc1.internal/api/v2/activate"
INTERNAL_CA = os.environ.get("INTERNAL_CA", "/etc/pki/tls/certs/dc1-ca.pem")


def object_store():
    return boto3.client(
        "s3",
        endpoint_url=MINIO_ENDPOINT,
        aws_access_key_id=os.environ["MINIO_ACCESS_KEY"],
        aws_secret_access_key=os.environ["MINIO_SECRET_KEY"],
        verify=INTERNAL_CA,  # near-miss: tls-verification-off
    )


def keycloak_admin() -> KeycloakAdmin:
    return KeycloakAdmin(server_url=os.environ["KC_URL"], realm_name="ops", client_id="ops-automation", client_secret_key=os.environ["KC_SECRET"], verify=INTERNAL_CA)  # near-miss: tls-verification-off


_pool = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=INTERNAL_CA, timeout=urllib3.Timeout(connect=2, read=10))  # near-miss: tls-verification-off


def license_status(license_key: str) -> dict:
    r = _pool.request("GET", f"{LICENSE_URL}/status", headers={"X-License-Key": license_key})
    return r.json()


async def activate_license(license_key: str, host_id: str) -> dict:
    ctx = ssl.create_default_context(cafile=INTERNAL_CA)
    connector = aiohttp.TCPConnector(ssl=ctx)  # near-miss: tls-verification-off
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.post(LICENSE_URL, json={"host": host_id},
                                headers={"X-License-Key": license_key}) as resp:
            resp.raise_for_status()
            return await resp.json()


async def public_status_page() -> str:
    # no credentials; plain HTTP health page on the local sidecar
    async with aiohttp.ClientSession() as session:
        async with session.get("http://127.0.0.1:9901/ready") as resp:
            return await resp.text()
