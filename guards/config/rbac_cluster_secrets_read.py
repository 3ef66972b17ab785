"""IDG224: a ClusterRole that reads secrets in every namespace."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import k8s_rules, rule_values

READ_VERBS = {"get", "list", "watch", "*"}


class RbacClusterSecretsRead(ConfigGuard):
    """
    ## What it does
    Finds `ClusterRole` rules that allow `get`, `list` or `watch` on `secrets`
    of the core API group without `resourceNames` (high). The same rule in a
    namespaced `Role` is reported as low: it reads every secret of one
    namespace. (A `*` resource is IDG220's finding.)

    ## Why is this bad?
    Bound by a ClusterRoleBinding, the role reads every Secret of the cluster:
    service-account tokens, TLS keys, database passwords of every team.
    `list` and `watch` return the values, not only names.

    ## Example
    ```yaml
    kind: ClusterRole
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: config-reader}
    rules:
      - apiGroups: [""]
        resources: [configmaps, secrets]
        verbs: [get, list, watch]
    ```

    ## Use instead
    ```yaml
    kind: Role
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: config-reader, namespace: app}
    rules:
      - apiGroups: [""]
        resources: [secrets]
        resourceNames: [app-db-credentials]
        verbs: [get]
    ```
    """

    id = "IDG224"
    name = "rbac-cluster-secrets-read"
    title = "ClusterRole reads secrets in all namespaces"
    languages = ("yaml", "json", "terraform")
    meta = GuardMeta(
        cwe=["CWE-200", "CWE-522"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac", "secrets"],
        see_also=["CIS Kubernetes Benchmark 5.1.2"],
    )
    VALID = [
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: r
              namespace: app
            rules:
              - apiGroups: [""]
                resources: [secrets]
                resourceNames: [db]
                verbs: [get]
            """
        ),
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: r
            rules:
              - apiGroups: [""]
                resources: [configmaps]
                verbs: [get, list, watch]
            """
        ),
        Valid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: r
            rules:
              - apiGroups: [""]
                resources: [secrets]
                resourceNames: [webhook-tls]
                verbs: [get]
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: r
            rules:
              - apiGroups: [""]
                resources: [secrets]
                verbs: [get, list, watch]
            """,
            line=7,
        ),
        Invalid(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: r
            rules:
              - apiGroups: [""]
                resources: [configmaps, secrets]
                verbs: [list]
            """,
            line=7,
        ),
        Invalid(
            """
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r"}, "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["watch"]}]}
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for obj in ctx.k8s_objects:
            cluster_wide = str(obj.get("kind", "")) == "ClusterRole"
            for rule in k8s_rules(obj):
                groups = rule_values(rule, "apiGroups") or [""]
                verbs = {v.lower() for v in rule_values(rule, "verbs")}
                if (
                    "secrets" in rule_values(rule, "resources")
                    and ("" in groups or "*" in groups)
                    and verbs & READ_VERBS
                    and not rule_values(rule, "resourceNames")
                ):
                    findings.append(
                        self.finding(
                            ctx,
                            rule.line_of("resources"),
                            f"{obj.get('kind')} allows {', '.join(sorted(verbs & READ_VERBS))} on all secrets "
                            + ("of all namespaces." if cluster_wide else "of its namespace."),
                            fix="Use a namespaced Role, and name the secrets with `resourceNames`.",
                            severity=None if cluster_wide else Severity.low,
                        )
                    )
        return findings
