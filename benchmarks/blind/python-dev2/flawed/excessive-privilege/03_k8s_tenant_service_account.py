"""Create the Kubernetes identity a tenant's deploy pipeline uses."""
from kubernetes import client, config


def _load() -> None:
    try:
        config.load_incluster_config()
    except config.ConfigException:
        config.load_kube_config()


def ensure_namespace(core: client.CoreV1Api, name: str) -> None:
    try:
        core.read_namespace(name)
    except client.ApiException as exc:
        if exc.status != 404:
            raise
        core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=name, labels={"tenant": name})))


def provision_tenant_deployer(tenant: str) -> str:
    _load()
    core = client.CoreV1Api()
    rbac = client.RbacAuthorizationV1Api()
    namespace = f"tenant-{tenant}"
    ensure_namespace(core, namespace)

    sa_name = "deployer"
    core.create_namespaced_service_account(
        namespace, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name=sa_name))
    )

    role_ref = client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="cluster-admin")  # flaw: excessive-privilege
    subject = client.RbacV1Subject(kind="ServiceAccount", name=sa_name, namespace=namespace)
    binding = client.V1ClusterRoleBinding(
        metadata=client.V1ObjectMeta(name=f"{namespace}-deployer"),
        role_ref=role_ref,
        subjects=[subject],
    )
    rbac.create_cluster_role_binding(binding)
    return f"system:serviceaccount:{namespace}:{sa_name}"
