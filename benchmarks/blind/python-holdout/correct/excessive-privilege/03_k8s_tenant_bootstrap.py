"""Tenant namespace bootstrap with a namespace-scoped operator role (kubernetes client)."""
from __future__ import annotations

from kubernetes import client, config

RBAC_GROUP = "rbac.authorization.k8s.io"

OPERATOR_RULES = [
    client.V1PolicyRule(api_groups=["apps"], resources=["deployments", "statefulsets"], verbs=["get", "list", "watch", "create", "update", "patch"]),
    client.V1PolicyRule(api_groups=[""], resources=["configmaps", "services"], verbs=["get", "list", "watch", "create", "update", "patch"]),
    client.V1PolicyRule(api_groups=[""], resources=["pods"], verbs=["get", "list", "watch"]),
]


def bootstrap_tenant(tenant: str) -> None:
    config.load_incluster_config()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    namespace = f"tenant-{tenant}"

    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=namespace, labels={"tenant": tenant})))
    core.create_namespaced_service_account(namespace, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="tenant-operator")))
    rbac.create_namespaced_role(namespace, client.V1Role(metadata=client.V1ObjectMeta(name="tenant-operator", namespace=namespace), rules=OPERATOR_RULES))
    rbac.create_namespaced_role_binding(
        namespace,
        client.V1RoleBinding(
            metadata=client.V1ObjectMeta(name="tenant-operator", namespace=namespace),
            role_ref=client.V1RoleRef(api_group=RBAC_GROUP, kind="Role", name="tenant-operator"),  # near-miss: excessive-privilege
            subjects=[client.RbacV1Subject(kind="ServiceAccount", name="tenant-operator", namespace=namespace)],
        ),
    )
