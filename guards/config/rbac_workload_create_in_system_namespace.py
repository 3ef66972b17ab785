"""IDG228: a role that may create pods or workloads in `kube-system`, or in every namespace."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import k8s_bindings, k8s_name, k8s_rules, role_ref_name, rule_values
from .support.terraform import first_block

_WORKLOADS = {"pods", "deployments", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs", "*"}
_CREATE = {"create", "*"}
_SYSTEM_NAMESPACES = {"kube-system"}


class RbacWorkloadCreateInSystemNamespace(ConfigGuard):
    """
    ## What it does
    Finds Kubernetes roles that may create pods (or the controllers that
    create them: Deployments, DaemonSets, Jobs ...) in `kube-system`: a
    `Role` of that namespace (high), or a `ClusterRole` that the same file
    binds cluster-wide with a `ClusterRoleBinding` (medium). Reported on the
    rule's `verbs` line. Creating pods in a namespace of one's own is
    ordinary and not reported.

    ## Why is this bad?
    A pod may name any service account of its namespace and mount its token.
    In `kube-system` those accounts belong to controllers with cluster-wide
    rights (often `cluster-admin`-like), and pods there may use host
    networking and host paths: whoever can create one takes over the
    cluster, whatever else their role says.

    ## Example
    ```yaml
    kind: Role
    metadata:
      name: node-debugger
      namespace: kube-system
    rules:
      - apiGroups: [""]
        resources: ["pods"]
        verbs: ["get", "list", "create", "delete"]
    ```

    ## Use instead
    ```yaml
    kind: Role
    metadata:
      name: node-debugger
      namespace: debug-tools
    rules:
      - apiGroups: [""]
        resources: ["pods"]
        verbs: ["get", "list", "create", "delete"]
    ```
    """

    id = "IDG228"
    name = "rbac-workload-create-in-system-namespace"
    title = "Role may create pods in kube-system"
    meta = GuardMeta(
        cwe=["CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac"],
        see_also=[
            'Kubernetes RBAC good practices, "Workload creation"',
        ],
        urls=["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation"],
    )
    languages = ("yaml", "json", "terraform")
    VALID = [
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
              namespace: ci
            rules:
              - apiGroups: [""]
                resources: ["pods"]
                verbs: ["create", "delete"]
            """
        ),
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
              namespace: kube-system
            rules:
              - apiGroups: [""]
                resources: ["pods"]
                verbs: ["get", "list"]
            """
        ),
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: runner
            rules:
              - apiGroups: [""]
                resources: ["pods"]
                verbs: ["create"]
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
              namespace: kube-system
            rules:
              - apiGroups: [""]
                resources: ["pods"]
                verbs: ["create"]
            """,
            line=9,
        ),
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
              namespace: kube-system
            rules:
              - apiGroups: ["apps"]
                resources: ["daemonsets"]
                verbs: ["*"]
            """,
            line=9,
        ),
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: runner
            rules:
              - apiGroups: [""]
                resources: ["pods"]
                verbs: ["create"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: runner
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: runner
            subjects:
              - kind: ServiceAccount
                name: runner
                namespace: ci
            """,
            line=8,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        cluster_bound = {
            role_ref_name(b) for b in k8s_bindings(ctx.k8s_objects) if b.get("kind") == "ClusterRoleBinding"
        }
        findings = []
        for obj in ctx.k8s_objects:
            kind = str(obj.get("kind", ""))
            metadata = first_block(obj.get("metadata"))
            namespace = str(metadata.get("namespace", "")) if metadata is not None else ""
            if kind == "Role" and namespace in _SYSTEM_NAMESPACES:
                severity, where = Severity.high, f"`{namespace}`"
            elif kind == "ClusterRole" and k8s_name(obj) in cluster_bound:
                severity, where = Severity.medium, "every namespace, `kube-system` included"
            else:
                continue
            for rule in k8s_rules(obj):
                resources = {r.lower() for r in rule_values(rule, "resources")}
                verbs = {v.lower() for v in rule_values(rule, "verbs")}
                if resources & _WORKLOADS and verbs & _CREATE and not ("*" in resources and "*" in verbs):
                    findings.append(
                        self.finding(
                            ctx,
                            rule.line_of("verbs"),
                            f"{kind} `{k8s_name(obj)}` may create {', '.join(sorted(resources & _WORKLOADS))} in "
                            f"{where}: a pod there can mount any system service account's token.",
                            fix="Create debugging or job pods in a namespace of their own, not kube-system.",
                            severity=severity,
                        )
                    )
        return findings
