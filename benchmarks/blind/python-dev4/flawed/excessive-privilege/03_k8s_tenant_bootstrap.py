"""Bootstrap a namespace and service account for a new Halyard tenant."""
from kubernetes import client, config


def _load():
    try:
        config.load_incluster_config()
    except config.ConfigException:
        config.load_kube_config()


def bootstrap_tenant(tenant: str) -> str:
    _load()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    ns = f"tenant-{tenant}"
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns, labels={"halyard/tenant": tenant})))
    sa_name = f"{tenant}-deployer"
    core.create_namespaced_service_account(ns, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name=sa_name)))
    role_ref = client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="cluster-admin")  # flaw: excessive-privilege
    binding = client.V1ClusterRoleBinding(
        metadata=client.V1ObjectMeta(name=f"{tenant}-deployer-binding"),
        role_ref=role_ref,
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name=sa_name, namespace=ns)],
    )
    rbac.create_cluster_role_binding(binding)
    return sa_name


if __name__ == "__main__":
    import sys
    print(bootstrap_tenant(sys.argv[1]))
