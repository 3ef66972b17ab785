"""IDG220: a Kubernetes Role or ClusterRole rule with wildcard verbs, resources or API groups."""

from __future__ import annotations

from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import k8s_rules, rule_values


class RbacWildcardRule(ConfigGuard):
    """
    ## What it does
    Finds rules of Kubernetes `Role` and `ClusterRole` objects (manifests in
    multi-document YAML or JSON, `kind: List`, Helm templates, Terraform
    `kubernetes_*role` resources) whose `verbs` or `resources` contain `*`
    (high), or whose only wildcard is `apiGroups: ["*"]` (medium).

    ## Why is this bad?
    `*` grants every verb on every resource type, including ones added later
    by CRDs and upgrades: secrets, `escalate`, `bind`, `impersonate`. A
    ClusterRole with `*`/`*` is `cluster-admin` under another name, and it
    defeats review because the grant does not say what it allows.

    ## Example
    ```yaml
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: ops}
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
    ```

    ## Use instead
    ```yaml
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: ops}
    rules:
      - apiGroups: ["apps"]
        resources: ["deployments"]
        verbs: ["get", "list", "watch", "patch"]
    ```

    ## References
    CWE-269 Improper Privilege Management; CWE-732; OWASP NHI5; NIST CSF 2.0
    PR.AA-05; Kubernetes "RBAC good practices" (avoid wildcards).
    """

    id = "IDG220"
    name = "rbac-wildcard-rule"
    title = "Kubernetes RBAC rule with wildcards"
    languages = ("yaml", "json", "terraform")
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-732"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac"],
        urls=["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    )
    VALID = [
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: app\n"
        'rules:\n  - apiGroups: [""]\n    resources: ["pods", "configmaps"]\n    verbs: ["get", "list"]\n',
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: deploy-viewer\n"
        "rules:\n  - apiGroups: [apps]\n    resources: [deployments]\n    verbs: [get, list, watch]\n",
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  verbs: "*"\n',
    ]
    INVALID = [
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\n"
        'rules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n',
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: app\n"
        'rules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["*"]\n',
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n---\napiVersion: rbac.authorization.k8s.io/v1\n"
        'kind: ClusterRole\nmetadata:\n  name: crd-admin\nrules:\n- apiGroups: ["*"]\n  resources: ["widgets"]\n'
        '  verbs: ["get"]\n',
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings: list[Finding] = []
        for obj in ctx.k8s_objects:
            for rule in k8s_rules(obj):
                wild = [key for key in ("resources", "verbs") if "*" in rule_values(rule, key)]
                if wild:
                    # One finding per wildcard field: each is a line to change (and to suppress, if accepted).
                    findings.extend(
                        self.finding(
                            ctx,
                            rule.line_of(key),
                            f"{obj.get('kind')} rule grants `*` in {' and '.join(wild)}: every current and "
                            "future permission of that scope.",
                            fix="List the resources and verbs the workload uses.",
                            severity=Severity.high,
                        )
                        for key in wild
                    )
                elif "*" in rule_values(rule, "apiGroups"):
                    findings.append(
                        self.finding(
                            ctx,
                            rule.line_of("apiGroups"),
                            f'{obj.get("kind")} rule grants `apiGroups: ["*"]`: the resources of every API group, '
                            "including CRDs added later.",
                            fix='Name the API groups (e.g. `apps`, `batch`, `""` for core).',
                            severity=Severity.medium,
                        )
                    )
        return findings
