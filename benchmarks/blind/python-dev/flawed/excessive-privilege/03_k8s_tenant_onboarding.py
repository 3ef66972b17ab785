"""Kubernetes onboarding for new tenants: namespace, service account, RBAC."""
from kubernetes import client, config
from kubernetes.client.rest import ApiException


def _load() -> None:
    try:
        config.load_incluster_config()
    except config.ConfigException:
        config.load_kube_config()


def ensure_namespace(core: client.CoreV1Api, name: str) -> None:
    try:
        core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name, labels={"tenant": name})))
    except ApiException as exc:
        if exc.status != 409:
            raise


def onboard_tenant(tenant: str) -> None:
    _load()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    ns = f"tenant-{tenant}"
    ensure_namespace(core, ns)

    sa_name = f"{tenant}-deployer"
    core.create_namespaced_service_account(ns, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name=sa_name)))

    role_ref = client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="cluster-admin")  # flaw: excessive-privilege
    binding = client.V1ClusterRoleBinding(
        metadata=client.V1ObjectMeta(name=f"{tenant}-deployer-binding"),
        role_ref=role_ref,
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name=sa_name, namespace=ns)],
    )
    rbac.create_cluster_role_binding(binding)

    quota = client.V1ResourceQuota(
        metadata=client.V1ObjectMeta(name="default-quota"),
        spec=client.V1ResourceQuotaSpec(hard={"requests.cpu": "8", "requests.memory": "16Gi", "pods": "50"}),
    )
    core.create_namespaced_resource_quota(ns, quota)


if __name__ == "__main__":
    import sys

    onboard_tenant(sys.argv[1])
