"""IDG223: a Kubernetes role with the `escalate`, `bind` or `impersonate` verbs."""

from __future__ import annotations

from ..config_support import ConfigContext, ConfigGuard, k8s_rules, rule_values
from ..models import Finding, GuardMeta

ESCALATION_VERBS = ("escalate", "bind", "impersonate")


class RbacEscalationVerbs(ConfigGuard):
    """
    ## What it does
    Finds `Role`/`ClusterRole` rules that grant the verbs `escalate`, `bind`
    or `impersonate` (a `*` verb is IDG220's finding), and rules that let the
    holder mint tokens for other service accounts (`create` on
    `serviceaccounts/token`).

    ## Why is this bad?
    These verbs exist to bypass RBAC's escalation check: `escalate` lets the
    holder write roles with permissions it does not have, `bind` lets it bind
    any role (cluster-admin included) to itself, `impersonate` lets it act as
    any user, group or service account, and minting a token for another
    service account borrows that account's permissions.

    ## Example
    ```yaml
    kind: ClusterRole
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: role-manager}
    rules:
      - apiGroups: [rbac.authorization.k8s.io]
        resources: [clusterroles, clusterrolebindings]
        verbs: [create, update, bind, escalate]
    ```

    ## Use instead
    ```yaml
    kind: ClusterRole
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: role-viewer}
    rules:
      - apiGroups: [rbac.authorization.k8s.io]
        resources: [clusterroles, clusterrolebindings]
        verbs: [get, list, watch]
    ```

    ## References
    CWE-269 Improper Privilege Management; CWE-266; OWASP NHI5; NIST CSF 2.0
    PR.AA-05; Kubernetes "RBAC good practices: escalate, bind, impersonate".
    """

    id = "IDG223"
    name = "rbac-escalation-verbs"
    title = "RBAC role can escalate, bind or impersonate"
    languages = ("yaml", "json", "terraform")
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-266"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac"],
    )
    _HEAD = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n"
    VALID = [
        _HEAD + "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [get, list]\n",
        _HEAD + "  - apiGroups: [\"\"]\n    resources: [serviceaccounts]\n    verbs: [get, create]\n",
        _HEAD + "  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get]\n    resourceNames: [bind]\n",
    ]
    INVALID = [
        _HEAD + "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n"
        "    verbs: [create, bind, escalate]\n",
        _HEAD + "  - apiGroups: [\"\"]\n    resources: [users, groups, serviceaccounts]\n    verbs: [impersonate]\n",
        _HEAD + "  - apiGroups: [\"\"]\n    resources: [serviceaccounts/token]\n    verbs: [create]\n",
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for obj in ctx.k8s_objects:
            for rule in k8s_rules(obj):
                verbs = [v.lower() for v in rule_values(rule, "verbs")]
                granted = [v for v in ESCALATION_VERBS if v in verbs]
                if granted:
                    findings.append(
                        self.finding(
                            ctx,
                            rule.line_of("verbs"),
                            f"{obj.get('kind')} grants `{'`, `'.join(granted)}`: the holder can bypass RBAC's "
                            "privilege-escalation check.",
                            fix="Remove these verbs; bindings and roles should be changed through reviewed manifests.",
                        )
                    )
                elif "serviceaccounts/token" in rule_values(rule, "resources") and (
                    "create" in verbs or "*" in verbs
                ):
                    findings.append(
                        self.finding(
                            ctx,
                            rule.line_of("resources"),
                            f"{obj.get('kind')} can mint tokens for service accounts "
                            "(`create` on `serviceaccounts/token`).",
                            fix="Limit it with `resourceNames` to the one service account that needs tokens.",
                        )
                    )
        return findings
