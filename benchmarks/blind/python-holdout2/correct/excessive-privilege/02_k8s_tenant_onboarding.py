"""Onboard a tenant namespace and its deployer service account."""
from kubernetes import client, config

config.load_incluster_config()
rbac = client.RbacAuthorizationV1Api()
core = client.CoreV1Api()


def create_deployer(tenant: str) -> None:
    ns = f"t-{tenant}"
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    core.create_namespaced_service_account(ns, client.V1ServiceAccount(
        metadata=client.V1ObjectMeta(name="deployer")))
    role = client.V1Role(
        metadata=client.V1ObjectMeta(name="deployer", namespace=ns),
        rules=[
            client.V1PolicyRule(api_groups=["apps"], resources=["deployments"],
                                verbs=["get", "list", "patch", "update"]),
            client.V1PolicyRule(api_groups=[""], resources=["configmaps", "services"],
                                verbs=["get", "list", "create", "update"]),
        ],
    )
    rbac.create_namespaced_role(ns, role)
    binding = client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name="deployer", namespace=ns),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="deployer"),  # near-miss: excessive-privilege
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name="deployer", namespace=ns)],
    )
    rbac.create_namespaced_role_binding(ns, binding)


def bind_platform_admins(tenant: str, group: str = "platform-admins") -> None:
    """Namespace-scoped read-only access for the platform team's group."""
    ns = f"t-{tenant}"
    rbac.create_namespaced_role_binding(ns, client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name="platform-viewers", namespace=ns),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="view"),  # near-miss: excessive-privilege
        subjects=[client.RbacV1Subject(kind="Group", name=group, api_group="rbac.authorization.k8s.io")],
    ))
