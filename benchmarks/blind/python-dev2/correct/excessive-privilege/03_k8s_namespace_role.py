"""Create a namespace-scoped deploy identity for each tenant."""
from kubernetes import client, config


def provision_tenant_deployer(tenant: str) -> str:
    config.load_incluster_config()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    namespace = f"tenant-{tenant}"

    core.create_namespaced_service_account(namespace, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="deployer")))

    role = client.V1Role(
        metadata=client.V1ObjectMeta(name="deployer", namespace=namespace),
        rules=[
            client.V1PolicyRule(api_groups=["apps"], resources=["deployments"], verbs=["get", "list", "patch", "update"]),
            client.V1PolicyRule(api_groups=[""], resources=["configmaps", "services"], verbs=["get", "list", "create", "update"]),
            client.V1PolicyRule(api_groups=[""], resources=["pods", "pods/log"], verbs=["get", "list", "watch"]),  # near-miss: excessive-privilege
        ],
    )
    rbac.create_namespaced_role(namespace, role)

    binding = client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name="deployer", namespace=namespace),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="deployer"),  # near-miss: excessive-privilege
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name="deployer", namespace=namespace)],
    )
    rbac.create_namespaced_role_binding(namespace, binding)

    view = client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name="deployer-view", namespace=namespace),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="view"),  # near-miss: excessive-privilege
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name="deployer", namespace=namespace)],
    )
    rbac.create_namespaced_role_binding(namespace, view)
    return f"system:serviceaccount:{namespace}:deployer"
