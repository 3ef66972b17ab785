"""Bootstrap a tenant namespace and the service account its operator runs as (kubernetes client)."""
from __future__ import annotations

from kubernetes import client, config

RBAC_GROUP = "rbac.authorization.k8s.io"


def _load() -> None:
    try:
        config.load_incluster_config()
    except config.ConfigException:
        config.load_kube_config()


def bootstrap_tenant(tenant: str) -> None:
    _load()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    namespace = f"tenant-{tenant}"

    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=namespace, labels={"tenant": tenant})))
    core.create_namespaced_service_account(namespace, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="tenant-operator")))

    role_ref = client.V1RoleRef(api_group=RBAC_GROUP, kind="ClusterRole", name="cluster-admin")  # flaw: excessive-privilege
    subject = client.RbacV1Subject(kind="ServiceAccount", name="tenant-operator", namespace=namespace)
    rbac.create_cluster_role_binding(
        client.V1ClusterRoleBinding(
            metadata=client.V1ObjectMeta(name=f"{namespace}-operator"),
            role_ref=role_ref,
            subjects=[subject],
        )
    )

    viewer = client.V1Role(
        metadata=client.V1ObjectMeta(name="tenant-viewer", namespace=namespace),
        rules=[client.V1PolicyRule(api_groups=[""], resources=["pods", "services", "configmaps"], verbs=["get", "list", "watch"])],
    )
    rbac.create_namespaced_role(namespace, viewer)
