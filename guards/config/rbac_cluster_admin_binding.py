"""IDG221: a Kubernetes binding to the `cluster-admin` ClusterRole."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import binding_subjects, k8s_bindings, role_ref_name
from .support.parse import LDict
from .support.terraform import first_block


class RbacClusterAdminBinding(ConfigGuard):
    """
    ## What it does
    Finds `ClusterRoleBinding` and `RoleBinding` objects whose `roleRef` is
    the built-in `cluster-admin` ClusterRole (manifests or Terraform
    `kubernetes_cluster_role_binding`).

    ## Why is this bad?
    `cluster-admin` is superuser: every verb on every resource, secrets of all
    namespaces included. A service account with it turns any compromise of the
    pod (an RCE, a malicious dependency) into control of the cluster. Even in a
    RoleBinding it gives full control of the namespace, secrets included.

    ## Example
    ```yaml
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: ci}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    subjects: [{kind: ServiceAccount, name: ci, namespace: build}]
    ```

    ## Use instead
    ```yaml
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: ci, namespace: app}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
    subjects: [{kind: ServiceAccount, name: ci, namespace: build}]
    ```
    """

    id = "IDG221"
    name = "rbac-cluster-admin-binding"
    title = "Binding to cluster-admin"
    languages = ("yaml", "json", "terraform")
    meta = GuardMeta(
        cwe=["CWE-250", "CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac", "service_account"],
        see_also=["CIS Kubernetes Benchmark 5.1.1"],
    )
    _HEAD = "apiVersion: rbac.authorization.k8s.io/v1\n"
    VALID = [
        Valid(
            _HEAD + "kind: RoleBinding\nmetadata:\n  name: ci\n  namespace: app\nroleRef:\n"
            "  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: deployer\n"
            "subjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\n"
        ),
        Valid(
            _HEAD + "kind: ClusterRoleBinding\nmetadata:\n  name: viewers\nroleRef:\n"
            "  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n"
            "subjects:\n  - kind: Group\n    name: sre\n"
        ),
        Valid(
            _HEAD + "kind: ClusterRole\nmetadata:\n  name: cluster-admin-reader\nrules:\n"
            '  - apiGroups: [""]\n    resources: [namespaces]\n    verbs: [get]\n'
        ),
    ]
    INVALID = [
        Invalid(
            _HEAD + "kind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n"
            "  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n"
            "subjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\n",
            line=8,
        ),
        Invalid(
            _HEAD + "kind: RoleBinding\nmetadata:\n  name: dev\n  namespace: app\nroleRef:\n"
            "  kind: ClusterRole\n  name: cluster-admin\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n- kind: User\n  name: alice@example.com\n",
            line=8,
        ),
        Invalid(
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: tiller\n  namespace: kube-system\n---\n"
            + _HEAD
            + "kind: ClusterRoleBinding\nmetadata:\n  name: tiller\nroleRef: {kind: ClusterRole, "
            "name: cluster-admin, apiGroup: rbac.authorization.k8s.io}\nsubjects: [{kind: ServiceAccount, "
            "name: tiller, namespace: kube-system}]\n",
            line=11,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for binding in k8s_bindings(ctx.k8s_objects):
            if role_ref_name(binding) != "cluster-admin":
                continue
            who = ", ".join(f"{s.get('kind')} {s.get('name')}" for s in binding_subjects(binding)) or "its subjects"
            findings.append(
                self.finding(
                    ctx,
                    _role_name_line(binding),
                    f"{binding.get('kind')} gives {who} `cluster-admin` (superuser).",
                    fix="Bind a Role with the verbs and resources the subject needs, in its namespace.",
                )
            )
        return findings


def _role_name_line(binding: LDict) -> int:
    """The line that names `cluster-admin` (the `roleRef` block's `name`)."""
    ref = first_block(binding.get("roleRef"))
    return ref.line_of("name") if ref is not None else binding.line_of("roleRef")
