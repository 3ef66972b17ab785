"""IDG226: a Kubernetes role bound to a namespace's `default` service account."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import binding_subjects, k8s_bindings, pod_specs, role_ref_name


class RbacDefaultServiceAccountBinding(ConfigGuard):
    """
    ## What it does
    Finds `RoleBinding`/`ClusterRoleBinding` subjects that are the `default`
    ServiceAccount of a namespace and, in such a file, workloads that name
    `serviceAccountName: default` explicitly.

    ## Why is this bad?
    Every pod that does not name a service account runs as `default`. A role
    bound to it goes to every such pod of the namespace, today and later,
    including ones deployed by people who never asked for the permission.

    ## Example
    ```yaml
    kind: RoleBinding
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: read-pods, namespace: app}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
    subjects: [{kind: ServiceAccount, name: default, namespace: app}]
    ```

    ## Use instead
    ```yaml
    kind: RoleBinding
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: read-pods, namespace: app}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
    subjects: [{kind: ServiceAccount, name: pod-inspector, namespace: app}]
    ```
    """

    id = "IDG226"
    name = "rbac-default-service-account-binding"
    title = "Role bound to the default service account"
    languages = ("yaml", "json", "terraform")
    meta = GuardMeta(
        cwe=["CWE-250", "CWE-1188"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["rbac", "service_account"],
        see_also=["CIS Kubernetes Benchmark 5.1.5"],
    )
    _HEAD = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: app\n"
        "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: pod-reader\nsubjects:\n"
    )
    VALID = [
        Valid(_HEAD + "  - kind: ServiceAccount\n    name: pod-inspector\n    namespace: app\n"),
        Valid(_HEAD + "  - kind: User\n    name: default\n"),
        Valid(
            """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: default
              namespace: app
            automountServiceAccountToken: false
            """
        ),
    ]
    INVALID = [
        Invalid(
            _HEAD + "  - kind: ServiceAccount\n    name: default\n    namespace: app\n",
            line=12,
        ),
        Invalid(
            _HEAD + "  - kind: Group\n    name: ops\n  - kind: ServiceAccount\n    name: default\n",
            line=14,
        ),
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: x
            roleRef:
              kind: ClusterRole
              name: view
              apiGroup: rbac.authorization.k8s.io
            subjects:
              - {kind: ServiceAccount, name: default, namespace: kube-system}
            """,
            line=10,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for binding in k8s_bindings(ctx.k8s_objects):
            for subject in binding_subjects(binding):
                if str(subject.get("kind", "")) == "ServiceAccount" and str(subject.get("name", "")) == "default":
                    findings.append(
                        self.finding(
                            ctx,
                            subject.line_of("name"),
                            f"`{role_ref_name(binding)}` is bound to the `default` service account: every pod "
                            "of the namespace that names no account gets it.",
                            fix="Create a dedicated ServiceAccount for the workload and bind the role to it.",
                        )
                    )
        # Workloads that name the `default` account explicitly, in a file that grants it a role.
        if findings:
            for spec in pod_specs(ctx.k8s_objects):
                if str(spec.get("serviceAccountName", spec.get("serviceAccount", ""))) == "default":
                    findings.append(
                        self.finding(
                            ctx,
                            spec.line_of("serviceAccountName" if "serviceAccountName" in spec else "serviceAccount"),
                            "The workload runs as the `default` service account, which this file binds to a role: "
                            "every other pod of the namespace shares its permissions.",
                            fix="Give the workload its own ServiceAccount and bind the role to that.",
                        )
                    )
        return findings
