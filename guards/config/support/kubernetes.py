"""Kubernetes objects and RBAC helpers, from manifests and from `kubernetes_*` Terraform resources.

`find_k8s_objects` collects manifests (multi-document YAML, JSON, `kind: List`) and converts the
Terraform kubernetes provider's RBAC resources to manifest shape (`rule` -> `rules`, `role_ref`
-> `roleRef` ...), so RBAC guards read one shape. The helpers below it read roles, rules and
bindings of those objects.
"""

from __future__ import annotations

from typing import Any

from .parse import LDict, LList, LStr, line_of
from .terraform import as_list, first_block, terraform_blocks_of

# Terraform kubernetes provider resources -> manifest kind, and their argument names -> manifest fields.
_TF_K8S_KINDS = {
    "kubernetes_cluster_role": "ClusterRole",
    "kubernetes_role": "Role",
    "kubernetes_cluster_role_binding": "ClusterRoleBinding",
    "kubernetes_role_binding": "RoleBinding",
    "kubernetes_service_account": "ServiceAccount",
}
_TF_K8S_FIELDS = {
    "rule": "rules",
    "api_groups": "apiGroups",
    "resource_names": "resourceNames",
    "non_resource_urls": "nonResourceURLs",
    "role_ref": "roleRef",
    "subject": "subjects",
    "api_group": "apiGroup",
    "automount_service_account_token": "automountServiceAccountToken",
}
_RBAC_KINDS = {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount"}


def _tf_to_manifest(block: LDict, kind: str) -> LDict:
    manifest = LDict(block.line)
    manifest.put("kind", LStr(kind, block.line), block.line)

    def convert(value: Any) -> Any:
        if isinstance(value, LDict):
            out = LDict(value.line)
            for key, item in value.items():
                out.put(_TF_K8S_FIELDS.get(key, key), convert(item), value.line_of(key))
            return out
        if isinstance(value, list):
            return LList([convert(v) for v in value], line_of(value))
        return value

    body = convert(block)
    for key, item in body.items():
        if key in ("metadata", "roleRef") and isinstance(item, list) and item:
            item = item[0]  # single nested blocks
        manifest.put(key, item, body.line_of(key))
    return manifest


def find_k8s_objects(documents: list[Any]) -> list[LDict]:
    objects: list[LDict] = []

    def visit(value: Any) -> None:
        if not isinstance(value, LDict):
            return
        kind = value.get("kind")
        if kind == "List" and isinstance(value.get("items"), list):
            for item in value["items"]:
                visit(item)
        elif isinstance(kind, str) and ("apiVersion" in value or kind in _RBAC_KINDS):
            objects.append(value)

    for document in documents:
        tf_blocks = list(terraform_blocks_of(document, "resource"))
        for block in tf_blocks:
            kind = _TF_K8S_KINDS.get(block.labels[0].removesuffix("_v1"))
            if kind:
                objects.append(_tf_to_manifest(block, kind))
        if not tf_blocks:
            visit(document)
    return objects


ROLE_KINDS = ("Role", "ClusterRole")
BINDING_KINDS = ("RoleBinding", "ClusterRoleBinding")


def k8s_rules(obj: LDict) -> list[LDict]:
    """The `rules` of a Role/ClusterRole (empty for other kinds)."""
    if str(obj.get("kind", "")) not in ROLE_KINDS:
        return []
    return [rule for rule in as_list(obj.get("rules")) if isinstance(rule, LDict)]


def rule_values(rule: LDict, key: str) -> list[str]:
    return [str(v).strip() for v in as_list(rule.get(key)) if v is not None]


def k8s_name(obj: LDict) -> str:
    metadata = first_block(obj.get("metadata"))
    return str(metadata.get("name", "")) if metadata is not None else ""


def k8s_bindings(objects: list[LDict]) -> list[LDict]:
    return [o for o in objects if str(o.get("kind", "")) in BINDING_KINDS]


def role_ref_name(binding: LDict) -> str:
    ref = first_block(binding.get("roleRef"))
    return str(ref.get("name", "")) if ref is not None else ""


def binding_subjects(binding: LDict) -> list[LDict]:
    return [s for s in as_list(binding.get("subjects")) if isinstance(s, LDict)]


def pod_specs(objects: list[LDict]) -> list[LDict]:
    """Pod specs of Pods and of workload templates (`spec.template.spec`, a CronJob's `jobTemplate`)."""
    specs = []
    for obj in objects:
        spec = first_block(obj.get("spec"))
        for _ in range(3):  # Pod -> Deployment/Job template -> CronJob jobTemplate
            if spec is None:
                break
            if "containers" in spec:
                specs.append(spec)
                break
            job_template = first_block(spec.get("jobTemplate"))
            holder = first_block(job_template.get("spec")) if job_template is not None else spec
            template = first_block(holder.get("template")) if holder is not None else None
            spec = first_block(template.get("spec")) if template is not None else None
    return specs
