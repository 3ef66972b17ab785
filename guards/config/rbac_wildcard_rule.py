"""IDG220: a Kubernetes Role or ClusterRole rule with wildcard verbs, resources or API groups."""

from __future__ import annotations

from ..examples import Invalid, Valid
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
        see_also=['Kubernetes "RBAC good practices" (avoid wildcards)'],
    )
    VALID = [
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: reader
              namespace: app
            rules:
              - apiGroups: [""]
                resources: ["pods", "configmaps"]
                verbs: ["get", "list"]
            """
        ),
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: deploy-viewer
            rules:
              - apiGroups: [apps]
                resources: [deployments]
                verbs: [get, list, watch]
            """
        ),
        Valid(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
            data:
              verbs: "*"
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: ops
            rules:
              - apiGroups: ["*"]
                resources: ["*"]
                verbs: ["*"]
            """,
            line=7,
        ),
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
              namespace: app
            rules:
              - apiGroups: [""]
                resources: ["pods"]
                verbs: ["*"]
            """,
            line=9,
        ),
        Invalid(
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: app
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: crd-admin
            rules:
            - apiGroups: ["*"]
              resources: ["widgets"]
              verbs: ["get"]
            """,
            line=11,
        ),
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
