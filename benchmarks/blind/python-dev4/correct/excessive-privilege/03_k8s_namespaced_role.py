"""Bootstrap a namespace and deployer account for a new Halyard tenant, namespace-scoped."""
from kubernetes import client, config

DEPLOYER_RULES = [
    client.V1PolicyRule(api_groups=["apps"], resources=["deployments", "replicasets"], verbs=["get", "list", "create", "update", "patch"]),
    client.V1PolicyRule(api_groups=[""], resources=["configmaps", "services", "pods"], verbs=["get", "list", "create", "update"]),
]


def bootstrap_tenant(tenant: str) -> str:
    config.load_kube_config()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    ns = f"tenant-{tenant}"
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    sa_name = f"{tenant}-deployer"
    core.create_namespaced_service_account(ns, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name=sa_name)))
    rbac.create_namespaced_role(ns, client.V1Role(metadata=client.V1ObjectMeta(name="deployer"), rules=DEPLOYER_RULES))
    rbac.create_namespaced_role_binding(ns, client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name=f"{sa_name}-deployer"),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="deployer"),  # near-miss: excessive-privilege
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name=sa_name, namespace=ns)],
    ))
    return sa_name


def grant_platform_admin(username: str) -> None:
    """Break-glass grant for the on-call platform engineer; audited separately."""
    raise PermissionError("use the break-glass runbook")
