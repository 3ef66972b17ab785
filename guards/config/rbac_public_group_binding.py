"""IDG222: a Kubernetes binding to anonymous, unauthenticated or all authenticated users."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.kubernetes import binding_subjects, k8s_bindings, role_ref_name

PUBLIC_SUBJECTS = {"system:anonymous", "system:unauthenticated", "system:authenticated", "system:serviceaccounts"}
_BROAD_GROUPS = {"system:authenticated", "system:serviceaccounts"}
# Kubernetes binds these discovery roles to the public groups itself.
_BUILTIN_PUBLIC_ROLES = {"system:public-info-viewer", "system:discovery", "system:basic-user"}


class RbacPublicGroupBinding(ConfigGuard):
    """
    ## What it does
    Finds `RoleBinding`/`ClusterRoleBinding` subjects `system:anonymous`,
    `system:unauthenticated` (critical), `system:authenticated` and
    `system:serviceaccounts` (every service account of the cluster; high),
    except for the built-in discovery roles Kubernetes binds to them itself
    (`system:public-info-viewer`, `system:discovery`, `system:basic-user`).

    ## Why is this bad?
    Anonymous requests need no credential at all. `system:authenticated` is
    every identity the API server accepts; on managed clusters (GKE) that
    includes any Google account in the world. The permissions of the role go
    to strangers.

    ## Example
    ```yaml
    kind: ClusterRoleBinding
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: open-read}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects: [{kind: Group, name: "system:unauthenticated", apiGroup: rbac.authorization.k8s.io}]
    ```

    ## Use instead
    ```yaml
    kind: ClusterRoleBinding
    apiVersion: rbac.authorization.k8s.io/v1
    metadata: {name: open-read}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
    subjects: [{kind: Group, name: "sre-team", apiGroup: rbac.authorization.k8s.io}]
    ```
    """

    id = "IDG222"
    name = "rbac-public-group-binding"
    title = "RBAC binding to anonymous or all authenticated users"
    languages = ("yaml", "json", "terraform")
    meta = GuardMeta(
        cwe=["CWE-306", "CWE-284"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["rbac"],
        see_also=["CIS Kubernetes Benchmark 5.1"],
    )
    _HEAD = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n"
    VALID = [
        Valid(
            _HEAD + "  kind: ClusterRole\n  name: view\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n  - kind: Group\n    name: sre-team\n"
        ),
        Valid(
            _HEAD + "  kind: ClusterRole\n  name: system:public-info-viewer\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n  - kind: Group\n    name: system:unauthenticated\n"
        ),
        Valid(
            _HEAD + "  kind: ClusterRole\n  name: view\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n  - kind: ServiceAccount\n    name: authenticated\n    namespace: app\n"
        ),
    ]
    INVALID = [
        Invalid(
            _HEAD + "  kind: ClusterRole\n  name: view\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n  - kind: Group\n    name: system:unauthenticated\n",
            line=11,
        ),
        Invalid(
            _HEAD + "  kind: ClusterRole\n  name: edit\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n  - kind: User\n    name: system:anonymous\n",
            line=11,
        ),
        Invalid(
            _HEAD + "  kind: ClusterRole\n  name: secret-reader\n  apiGroup: rbac.authorization.k8s.io\n"
            "subjects:\n  - kind: Group\n    name: sre\n  - kind: Group\n    name: system:authenticated\n",
            line=13,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for binding in k8s_bindings(ctx.k8s_objects):
            if role_ref_name(binding) in _BUILTIN_PUBLIC_ROLES:
                continue
            for subject in binding_subjects(binding):
                name = str(subject.get("name", ""))
                if name not in PUBLIC_SUBJECTS or str(subject.get("kind", "")) == "ServiceAccount":
                    continue
                findings.append(
                    self.finding(
                        ctx,
                        subject.line_of("name"),
                        f"`{role_ref_name(binding)}` is granted to `{name}`: "
                        + (
                            "every identity the API server accepts."
                            if name == "system:authenticated"
                            else "every service account of the cluster."
                            if name == "system:serviceaccounts"
                            else "every caller, without credentials."
                        ),
                        fix="Bind the role to named users, groups or service accounts.",
                        severity=Severity.high if name in _BROAD_GROUPS else Severity.critical,
                    )
                )
        return findings
