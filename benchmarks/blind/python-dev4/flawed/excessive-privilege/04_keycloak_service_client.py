"""Register integration clients in Keycloak for Wayfarer partner systems."""
import os

from keycloak import KeycloakAdmin

REALM = os.environ.get("KC_REALM", "wayfarer")
INTEGRATION_ROLES = {"client": "realm-management", "roles": ["realm-admin"]}


def admin_client() -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=os.environ["KC_URL"],
        client_id=os.environ["KC_ADMIN_CLIENT"],
        client_secret_key=os.environ["KC_ADMIN_SECRET"],
        realm_name=REALM,
    )


def register_partner(partner_code: str, redirect_uris: list[str]) -> str:
    kc = admin_client()
    client_id = kc.create_client({
        "clientId": f"partner-{partner_code}",
        "serviceAccountsEnabled": True,
        "publicClient": False,
        "redirectUris": redirect_uris,
    })
    sa_user = kc.get_client_service_account_user(client_id)
    mgmt_id = kc.get_client_id(INTEGRATION_ROLES["client"])
    roles = [kc.get_client_role(mgmt_id, name) for name in INTEGRATION_ROLES["roles"]]
    kc.assign_client_role(sa_user["id"], mgmt_id, roles)  # flaw: excessive-privilege
    return client_id
