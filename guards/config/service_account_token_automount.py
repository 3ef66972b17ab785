"""IDG225: a powerful service account whose token is mounted into every pod."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .rbac_escalation_verbs import ESCALATION_VERBS
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import (
    binding_subjects,
    k8s_bindings,
    k8s_name,
    k8s_rules,
    pod_specs,
    role_ref_name,
    rule_values,
)

_POWERFUL_BUILTIN = {"cluster-admin", "admin", "edit"}


def _powerful_rules(obj) -> bool:
    for rule in k8s_rules(obj):
        verbs = {v.lower() for v in rule_values(rule, "verbs")}
        resources = set(rule_values(rule, "resources"))
        if "*" in verbs or "*" in resources or verbs & set(ESCALATION_VERBS) or "secrets" in resources:
            return True
    return False


class ServiceAccountTokenAutomount(ConfigGuard):
    """
    ## What it does
    Finds `ServiceAccount`s bound (in the same file) to a powerful role:
    `cluster-admin`, `admin`, `edit`, or a Role/ClusterRole of the file with
    wildcards, escalation verbs or secrets access, that do not set
    `automountServiceAccountToken: false`, a declared `default`
    ServiceAccount that does not set it (CIS 5.1.5), and ServiceAccounts or
    pod specs (Pods, workload templates) that set it to `true` explicitly.
    Low severity: the token may be needed, but then pods should opt in.

    ## Why is this bad?
    With automounting, every pod that uses the account gets its token in a
    file, whether or not it calls the API. Any file-read or RCE bug in any of
    those pods hands over the account's powerful permissions.

    ## Example
    ```yaml
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: deployer, namespace: ci}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: deployer, namespace: app}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
    subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
    ```

    ## Use instead
    ```yaml
    apiVersion: v1
    kind: ServiceAccount
    metadata: {name: deployer, namespace: ci}
    automountServiceAccountToken: false
    ```
    and mount a projected, short-lived token only into the pod that needs it.
    """

    id = "IDG225"
    name = "service-account-token-automount"
    title = "Powerful service account token automounted"
    languages = ("yaml", "json", "terraform")
    meta = GuardMeta(
        cwe=["CWE-522", "CWE-250"],
        owasp_nhi=["NHI5", "NHI7"],
        nist_csf=["PR.AA-05"],
        likelihood="low",
        impact="medium",
        confidence="medium",
        categories=["service_account", "rbac"],
        see_also=["CIS Kubernetes Benchmark 5.1.6"],
    )
    _SA = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: deployer\n  namespace: ci\n"
    _BIND = (
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: d\n  namespace: app\n"
        "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: {role}\n"
        "subjects:\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\n"
    )
    VALID = [
        Valid(_SA + "automountServiceAccountToken: false\n" + _BIND.format(role="edit")),
        Valid(_SA + _BIND.format(role="view")),
        Valid(
            _SA + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: d\n"
            "roleRef:\n  kind: ClusterRole\n  name: admin\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n  - kind: ServiceAccount\n    name: other\n    namespace: ci\n"
        ),
    ]
    INVALID = [
        Invalid(
            _SA + _BIND.format(role="edit"),
            line=2,
        ),
        Invalid(
            _SA + "automountServiceAccountToken: true\n" + _BIND.format(role="cluster-admin"),
            line=2,
        ),
        Invalid(
            _SA + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: mgr\n"
            'rules:\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [get]\n' + _BIND.format(role="mgr"),
            line=2,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        objects = ctx.k8s_objects
        powerful = set(_POWERFUL_BUILTIN) | {k8s_name(o) for o in objects if _powerful_rules(o)}
        bound: dict[str, str] = {}
        for binding in k8s_bindings(objects):
            role = role_ref_name(binding)
            if role in powerful:
                for subject in binding_subjects(binding):
                    if str(subject.get("kind", "")) == "ServiceAccount":
                        bound.setdefault(str(subject.get("name", "")), role)
        findings = []
        for obj in objects:
            if str(obj.get("kind", "")) != "ServiceAccount" or obj.get("automountServiceAccountToken") is False:
                continue
            name = k8s_name(obj)
            if name == "default":
                findings.append(
                    self.finding(
                        ctx,
                        obj.line_of("kind"),
                        "The `default` ServiceAccount mounts its token into every pod that names no account.",
                        fix="Set `automountServiceAccountToken: false` on the namespace's `default` ServiceAccount.",
                    )
                )
            elif name in bound:
                findings.append(
                    self.finding(
                        ctx,
                        obj.line_of("kind"),
                        f"ServiceAccount `{name}` is bound to `{bound[name]}` and its token is mounted into "
                        "every pod that uses it.",
                        fix="Set `automountServiceAccountToken: false` and mount a projected token only where needed.",
                    )
                )
            elif obj.get("automountServiceAccountToken") is True:
                findings.append(
                    self.finding(
                        ctx,
                        obj.line_of("automountServiceAccountToken"),
                        f"ServiceAccount `{name}` explicitly mounts its token into every pod that uses it.",
                        fix="Set `automountServiceAccountToken: false`; let the pods that call the API opt in.",
                    )
                )
        for spec in pod_specs(objects):
            if spec.get("automountServiceAccountToken") is True:
                findings.append(
                    self.finding(
                        ctx,
                        spec.line_of("automountServiceAccountToken"),
                        "The pod explicitly mounts its service account token.",
                        fix="Remove `automountServiceAccountToken: true` unless the container calls the Kubernetes API.",
                    )
                )
        return findings
