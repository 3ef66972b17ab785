"""IDG223: a Kubernetes role with the `escalate`, `bind` or `impersonate` verbs."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import k8s_rules, rule_values

ESCALATION_VERBS = ("escalate", "bind", "impersonate")
_WEBHOOK_RESOURCES = {"mutatingwebhookconfigurations", "validatingwebhookconfigurations"}
_WRITE_VERBS = {"create", "update", "patch"}


def _literal_grants(obj, verbs: set[str], resources: set[str]) -> list[int]:
    """Lines of rules that name one of `verbs` on one of `resources` (wildcards are IDG220's)."""
    return [
        rule.line_of("resources")
        for rule in k8s_rules(obj)
        if {v.lower() for v in rule_values(rule, "verbs")} & verbs and set(rule_values(rule, "resources")) & resources
    ]


class RbacEscalationVerbs(ConfigGuard):
    """
    ## What it does
    Finds `Role`/`ClusterRole` rules that grant the verbs `escalate`, `bind`
    or `impersonate` (a `*` verb is IDG220's finding), rules that let the
    holder mint tokens for other service accounts (`create` on
    `serviceaccounts/token`), roles that can both approve certificate signing
    requests (`update` on `certificatesigningrequests/approval` and `approve`
    on `signers`), and (medium: CA injectors legitimately need it) roles that
    can write admission webhook configurations.

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
        see_also=['Kubernetes "RBAC good practices: escalate, bind, impersonate"'],
    )
    _HEAD = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n"
    VALID = [
        Valid(
            _HEAD
            + "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [get, list]\n"
        ),
        Valid(_HEAD + '  - apiGroups: [""]\n    resources: [serviceaccounts]\n    verbs: [get, create]\n'),
        Valid(_HEAD + '  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n    resourceNames: [bind]\n'),
    ]
    INVALID = [
        Invalid(
            _HEAD + "  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n"
            "    verbs: [create, bind, escalate]\n",
            line=8,
        ),
        Invalid(
            _HEAD + '  - apiGroups: [""]\n    resources: [users, groups, serviceaccounts]\n    verbs: [impersonate]\n',
            line=8,
        ),
        Invalid(
            _HEAD + '  - apiGroups: [""]\n    resources: [serviceaccounts/token]\n    verbs: [create]\n',
            line=7,
        ),
        Invalid(
            _HEAD + "  - apiGroups: [admissionregistration.k8s.io]\n    resources: [mutatingwebhookconfigurations]\n"
            "    verbs: [get, create, patch]\n",
            line=7,
        ),
        Invalid(
            _HEAD + "  - apiGroups: [certificates.k8s.io]\n    resources: [certificatesigningrequests/approval]\n"
            "    verbs: [update]\n  - apiGroups: [certificates.k8s.io]\n    resources: [signers]\n    verbs: [approve]\n",
            line=7,
        ),
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
                elif "serviceaccounts/token" in rule_values(rule, "resources") and ("create" in verbs or "*" in verbs):
                    findings.append(
                        self.finding(
                            ctx,
                            rule.line_of("resources"),
                            f"{obj.get('kind')} can mint tokens for service accounts "
                            "(`create` on `serviceaccounts/token`).",
                            fix="Limit it with `resourceNames` to the one service account that needs tokens.",
                        )
                    )
            for line in _literal_grants(obj, _WRITE_VERBS, _WEBHOOK_RESOURCES):
                findings.append(
                    self.finding(
                        ctx,
                        line,
                        f"{obj.get('kind')} can write admission webhook configurations: the holder can intercept "
                        "or rewrite every API request, secrets and role bindings included.",
                        fix="Leave webhook configurations to the cluster's installer; grant read access at most.",
                        # Some operators (CA injectors) need it: reviewed, not blocked.
                        severity=Severity.medium,
                    )
                )
            approval = _literal_grants(obj, {"update", "patch"}, {"certificatesigningrequests/approval"})
            if approval and _literal_grants(obj, {"approve"}, {"signers"}):
                findings.append(
                    self.finding(
                        ctx,
                        approval[0],
                        f"{obj.get('kind')} can approve certificate signing requests: the holder can issue a client "
                        "certificate for any user or group, `system:masters` included.",
                        fix="Let only the cluster's CSR approver hold `approve` on signers, scoped by `resourceNames`.",
                    )
                )
        return findings
