"""Obtain tokens from Keycloak for integration tests and the password-change flow."""
import os

import boto3
from keycloak import KeycloakOpenID

GRANT_PASSWORD = "password"  # near-miss: hardcoded-password
GRANT_REFRESH = "refresh_token"  # near-miss: hardcoded-password


def _client_secret() -> str:
    sm = boto3.client("secretsmanager")
    return sm.get_secret_value(SecretId="keycloak/orders-api")["SecretString"]


def openid() -> KeycloakOpenID:
    return KeycloakOpenID(
        server_url=os.environ["KEYCLOAK_URL"],
        realm_name=os.environ.get("KEYCLOAK_REALM", "staff"),
        client_id="orders-api",
        client_secret_key=_client_secret(),
    )


def login(username: str, password: str) -> dict:
    return openid().token(username, password, grant_type=GRANT_PASSWORD)


def refresh(refresh_token: str) -> dict:
    return openid().refresh_token(refresh_token, grant_type=[GRANT_REFRESH])


def change_password(user, current_password: str, new_password: str, confirm: str) -> None:
    if new_password != confirm:  # near-miss: timing-unsafe-compare
        raise ValueError("passwords do not match")
    if new_password == current_password:  # near-miss: hardcoded-password
        raise ValueError("new password must differ from the current one")
    login(user.username, current_password)
    user.set_password(new_password)
