"""Onboard a tenant namespace and its deployer service account."""
from kubernetes import client, config

config.load_incluster_config()
rbac = client.RbacAuthorizationV1Api()
core = client.CoreV1Api()


def create_namespace(tenant: str) -> None:
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=f"t-{tenant}")))


def create_deployer(tenant: str) -> None:
    ns = f"t-{tenant}"
    core.create_namespaced_service_account(ns, client.V1ServiceAccount(
        metadata=client.V1ObjectMeta(name="deployer")))
    role_ref = client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="cluster-admin")  # flaw: excessive-privilege
    binding = client.V1ClusterRoleBinding(
        metadata=client.V1ObjectMeta(name=f"{ns}-deployer"),
        role_ref=role_ref,
        subjects=[client.RbacV1Subject(kind="ServiceAccount", name="deployer", namespace=ns)],
    )
    rbac.create_cluster_role_binding(binding)


def create_reader_role(tenant: str) -> None:
    ns = f"t-{tenant}"
    rules = [client.V1PolicyRule(api_groups=["*"], resources=["*"], verbs=["*"])]  # flaw: excessive-privilege
    role = client.V1Role(metadata=client.V1ObjectMeta(name="reader", namespace=ns), rules=rules)
    rbac.create_namespaced_role(ns, role)


def onboard(tenant: str) -> None:
    create_namespace(tenant)
    create_deployer(tenant)
    create_reader_role(tenant)
