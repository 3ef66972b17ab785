"""IDG133: a service account or principal given a cloud-wide owner/editor/administrator role."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.words import callee_name, string_literal
from .support.guard import PythonGuard
from .support.words import identifier_words

_GCP_PRIMITIVE = {"roles/owner", "roles/editor", "roles/iam.securityadmin", "roles/resourcemanager.organizationadmin"}
_AWS_ADMIN_POLICIES = ("/AdministratorAccess", "/IAMFullAccess", "/PowerUserAccess")
# Azure built-in role definition ids: Owner, Contributor, User Access Administrator.
_AZURE_ADMIN_IDS = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
}
_KEY_WORDS = frozenset({"role", "roles", "policy", "arn", "definition"})
# Kubernetes ClusterRoles that hold every permission in the cluster.
_K8S_ADMIN_ROLES = frozenset({"cluster-admin", "system:masters"})
_GRANT_CALL_WORDS = frozenset(
    {"grant", "bind", "add", "attach", "assign", "set", "create", "append", "put", "update", "binding", "member"}
)
_LIST_OF_BAD_WORDS = frozenset(
    {
        "deny",
        "denied",
        "forbidden",
        "blocked",
        "dangerous",
        "privileged",
        "primitive",
        "disallowed",
        "banned",
        "risky",
        "admin",
    }
)


def admin_role(value: str) -> str | None:
    lowered = value.strip().lower()
    if lowered in _GCP_PRIMITIVE:
        return value
    if lowered.startswith("arn:aws") and value.endswith(_AWS_ADMIN_POLICIES):
        return value.rsplit("/", 1)[-1]
    if any(guid in lowered for guid in _AZURE_ADMIN_IDS):
        return "an Azure Owner/Contributor/User Access Administrator role"
    return None


class CloudAdminRoleGrant(PythonGuard):
    """
    ## What it does
    Finds code that grants a principal (usually a service account) a
    cloud-wide administrative role: GCP primitive roles `roles/owner` and
    `roles/editor` in IAM bindings, the AWS managed policies
    `AdministratorAccess`, `IAMFullAccess` and `PowerUserAccess` attached with
    boto3, the Azure Owner / Contributor / User Access Administrator role
    definitions, and Kubernetes role bindings to the `cluster-admin`
    ClusterRole created from Python (`client.V1RoleRef(name="cluster-admin")`,
    a `roleRef` manifest dict). Comparisons (an audit that *looks for* `roles/owner`) and
    deny-lists are ignored.

    ## Why is this bad?
    Primitive and administrator roles cover every service in the project or
    account, including IAM itself: the service account can mint keys for other
    identities and escalate further. A leaked key of such an account is a
    full-account compromise.

    ## Example
    ```python
    policy.bindings.append({"role": "roles/editor", "members": [f"serviceAccount:{sa_email}"]})
    ```

    ## Use instead
    ```python
    policy.bindings.append({"role": "roles/storage.objectViewer", "members": [f"serviceAccount:{sa_email}"]})
    ```
    """

    id = "IDG133"
    name = "cloud-admin-role-grant"
    title = "Cloud owner/editor/administrator role granted"
    fix_hint = (
        "Grant a predefined or custom role limited to the services and resources the identity uses "
        "(e.g. roles/storage.objectViewer, a scoped customer-managed IAM policy)."
    )
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-250"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["service_account", "iam_policy"],
    )
    VALID = [
        Valid(
            """
            policy.bindings.append({"role": "roles/storage.objectViewer", "members": [member]})
            """
        ),
        Valid(
            """
            def audit(policy):
                return [b for b in policy.bindings if b["role"] == "roles/owner"]
            """
        ),
        Valid(
            """
            PRIMITIVE_ROLES = {"roles/owner", "roles/editor"}

            def check(binding):
                if binding.role in PRIMITIVE_ROLES:
                    raise ValueError("primitive role")
            """
        ),
        Valid(
            """
            iam.attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
            """
        ),
        Valid(
            """
            from aws_cdk import aws_iam as iam
            role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess"))
            """
        ),
        Valid(
            """
            from kubernetes import client
            ref = client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="tenant-deployer")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            policy.bindings.append({"role": "roles/editor", "members": [f"serviceAccount:{sa_email}"]})
            """,
            line=1,
        ),
        Invalid(
            """
            import boto3
            boto3.client("iam").attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
            """,
            line=2,
        ),
        Invalid(
            """
            SA_ROLE = "roles/owner"

            def bootstrap(project, sa):
                add_binding(project, role=SA_ROLE, member=f"serviceAccount:{sa}")
            """,
            line=1,
        ),
        Invalid(
            """
            def grant(project, member):
                grant_role(project, "roles/owner", member)
            """,
            line=2,
        ),
        Invalid(
            """
            from aws_cdk import aws_iam as iam
            role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess"))
            """,
            line=2,
        ),
        Invalid(
            """
            client.role_assignments.create(scope, name, {"role_definition_id": f"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "principal_id": sp_id})
            """,
            line=1,
        ),
        Invalid(
            """
            from kubernetes import client
            ref = client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="ClusterRole", name="cluster-admin")
            """,
            line=2,
        ),
        Invalid(
            """
            import boto3
            ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess"

            def provision(name):
                boto3.client("iam").attach_user_policy(UserName=name, PolicyArn=ADMIN_POLICY)
            """,
            line=2,
        ),
        Invalid(
            """
            binding = {"kind": "ClusterRoleBinding", "roleRef": {"kind": "ClusterRole", "name": "cluster-admin"}, "subjects": [sa]}
            """,
            line=1,
        ),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._comparison_depth = 0

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._comparison_depth += 1

    def leave_Comparison(self, original_node: cst.Comparison) -> None:
        self._comparison_depth -= 1

    def _role_of(self, expr: cst.BaseExpression | None) -> str | None:
        if self._comparison_depth:
            return None
        expr = self.ctx.resolve(expr)
        text = self.ctx.string_value(expr)
        if text is None and isinstance(expr, cst.FormattedString):
            text = "".join(p.value for p in expr.parts if isinstance(p, cst.FormattedStringText))
        return admin_role(text) if text else None

    def _report(self, node: cst.CSTNode, role: str) -> None:
        self.report(
            node,
            f"Grants {role}, an administrative role over the whole account, project or cluster.",
        )

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_literal(node.key)
        if key and set(identifier_words(key)) & _KEY_WORDS and (role := self._role_of(node.value)):
            self._report(node, role)
        elif key in {"roleRef", "role_ref"} and not self._comparison_depth:
            items = self.ctx.dict_items(node.value) or {}
            if (self.ctx.string_value(items.get("name")) or "") in _K8S_ADMIN_ROLES:
                self._report(node, "the Kubernetes cluster-admin ClusterRole")

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            name = self.ctx.target_name(target.target) or ""
            words = set(identifier_words(name))
            if (
                words & {"role", "roles", "arn"}
                and not words & _LIST_OF_BAD_WORDS
                and (role := self._role_of(node.value))
            ):
                self._report(node, role)

    @staticmethod
    def _reported_at_assignment(name: str) -> bool:
        words = set(identifier_words(name))
        return bool(words & {"role", "roles", "arn"}) and not words & _LIST_OF_BAD_WORDS

    def visit_Call(self, node: cst.Call) -> None:
        if callee_name(node.func).endswith("RoleRef") and not self._comparison_depth:
            # kubernetes: client.V1RoleRef(kind="ClusterRole", name="cluster-admin")
            if (self.ctx.string_value(self.ctx.kwarg(node, "name")) or "") in _K8S_ADMIN_ROLES:
                self._report(node, "the Kubernetes cluster-admin ClusterRole")
            return
        if callee_name(node.func) == "from_aws_managed_policy_name" and node.args:
            # CDK: iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess")
            name = self.ctx.string_value(node.args[0].value) or ""
            if name and admin_role("arn:aws:iam::aws:policy/" + name):
                self._report(node, name)
            return
        func = node.func
        last = callee_name(func)
        granting = bool(set(identifier_words(last)) & _GRANT_CALL_WORDS) or last[:1].isupper()
        if not granting:
            return  # `list_entities_for_policy(PolicyArn=...AdministratorAccess)` reads, it grants nothing
        for arg in node.args:
            if isinstance(arg.value, cst.Name) and arg.value.value.isupper():
                # a module constant is reported where it is assigned; one whose name does not say
                # it is a role (`ADMIN_POLICY = ".../AdministratorAccess"`) is reported there from here
                if not self._reported_at_assignment(arg.value.value):
                    value = self.ctx.resolve(arg.value)
                    if value is not arg.value and value is not None and (role := self._role_of(value)):
                        self._report(value, role)
                continue
            if arg.keyword is not None:
                if set(identifier_words(arg.keyword.value)) & _KEY_WORDS and (role := self._role_of(arg.value)):
                    self._report(arg, role)
            elif role := self._role_of(arg.value):
                self._report(arg, role)
