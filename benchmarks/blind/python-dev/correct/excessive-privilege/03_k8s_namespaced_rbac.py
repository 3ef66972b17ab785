"""Tenant onboarding with a namespaced Role instead of cluster-wide bindings."""
from kubernetes import client, config


def deployer_role(ns: str) -> client.V1Role:
    rules = [
        client.V1PolicyRule(api_groups=["apps"], resources=["deployments", "replicasets"], verbs=["get", "list", "watch", "create", "update", "patch"]),
        client.V1PolicyRule(api_groups=[""], resources=["configmaps", "services", "pods"], verbs=["get", "list", "watch", "create", "update", "patch"]),
        client.V1PolicyRule(api_groups=[""], resources=["pods/log"], verbs=["get"]),
    ]
    return client.V1Role(metadata=client.V1ObjectMeta(name="deployer", namespace=ns), rules=rules)


def onboard_tenant(tenant: str) -> None:
    config.load_incluster_config()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    ns = f"tenant-{tenant}"
    sa_name = f"{tenant}-deployer"
    core.create_namespaced_service_account(ns, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name=sa_name)))
    rbac.create_namespaced_role(ns, deployer_role(ns))
    binding = client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name=f"{tenant}-deployer", namespace=ns),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="deployer"),  # near-miss: excessive-privilege
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name=sa_name, namespace=ns)],
    )
    rbac.create_namespaced_role_binding(ns, binding)

    view_binding = client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name=f"{tenant}-oncall-view", namespace=ns),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="view"),  # near-miss: excessive-privilege
        subjects=[client.RbacV1Subject(kind="Group", name=f"{tenant}-oncall", api_group="rbac.authorization.k8s.io")],
    )
    rbac.create_namespaced_role_binding(ns, view_binding)
