"""IDG423: admin roles or wildcard permissions granted by default from Go code."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import function_words
from .support.tree import Node

_ROLE_FIELDS = frozenset({"Role", "DefaultRole", "Roles"})
_WILDCARD_FIELDS = frozenset({"Scopes", "Scope", "Permissions", "Perms", "Actions", "Verbs", "Resources", "Action"})
_ORDINARY = frozenset(
    {
        "signup",
        "register",
        "registration",
        "create",
        "invite",
        "provision",
        "onboard",
        "new",
        "join",
        "default",
        "defaults",
        "add",
    }
)
_DELIBERATE = frozenset(
    {"promote", "admin", "bootstrap", "seed", "superuser", "root", "owner", "elevate", "grant", "migrate", "test"}
)
_IAM_WILDCARD = re.compile(r'"Action"\s*:\s*(\[\s*)?"\*"')


class GoPrivilegedDefaultGrant(GoGuard):
    """
    ## What it does
    Finds privileges handed out by default in Go: a privileged role
    (`limits.privileged_roles`: admin, owner, superuser...) written as the
    `Role` of a record created in an ordinary flow (sign-up, invitation,
    provisioning: not a function that deliberately promotes or bootstraps),
    wildcard scopes or permissions (`Scopes: []string{"*"}`), IAM policy
    documents written from code with `"Action": "*"` (AWS SDK), and
    Kubernetes `RoleRef`s to `cluster-admin` built from code (client-go).

    ## Why is this bad?
    Defaults are what most accounts end up with. An API key or service
    account created with `*` or an admin role turns every leak of it into a
    full compromise, and nobody asked for that access.

    ## Example
    ```go
    key := &APIKey{OwnerID: uid, Scopes: []string{"*"}}
    ```

    ## Use instead
    ```go
    key := &APIKey{OwnerID: uid, Scopes: []string{"orders:read"}}
    ```
    """

    id = "IDG423"
    name = "go-privileged-default-grant"
    title = "Privileged access granted by default"
    fix_hint = (
        "Default to the least privilege (a member role, narrow scopes); grant more through an explicit, reviewed path."
    )
    meta = GuardMeta(
        cwe=["CWE-1188", "CWE-269", "CWE-250"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac", "service_account", "api_key"],
    )
    VALID = [
        Valid(
            """
            package users

            func (s *Service) Signup(ctx context.Context, email string) error {
                return s.repo.Create(ctx, &User{Email: email, Role: "member"})
            }
            """
        ),
        Valid(
            """
            package users

            func (s *Service) PromoteToAdmin(ctx context.Context, id string) error {
                return s.repo.Update(ctx, &User{ID: id, Role: "admin"})
            }
            """
        ),
        Valid(
            """
            package keys

            func (s *Service) CreateKey(ctx context.Context, uid string) (*APIKey, error) {
                return s.repo.Insert(ctx, &APIKey{OwnerID: uid, Scopes: []string{"orders:read", "orders:write"}})
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package users

            func (s *Service) Register(ctx context.Context, email string) error {
                u := &User{
                    Email: email,
                    Role:  "admin",
                }
                return s.repo.Create(ctx, u)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package keys

            func (s *Service) CreateKey(ctx context.Context, uid string) (*APIKey, error) {
                return s.repo.Insert(ctx, &APIKey{OwnerID: uid, Scopes: []string{"*"}})
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package infra

            const policy = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
            """,
            line=3,
        ),
        Invalid(
            """
            package infra

            func binding(sa string) *rbacv1.ClusterRoleBinding {
                return &rbacv1.ClusterRoleBinding{
                    RoleRef:  rbacv1.RoleRef{Kind: "ClusterRole", Name: "cluster-admin"},
                    Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: sa, Namespace: "ci"}},
                }
            }
            """,
            line=5,
        ),
    ]

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is None:
            return
        key, value, literal = field
        if literal is not None and self.ctx.composite_type(literal).startswith("map["):
            return  # a role table's own entries (`"admin": {"*"}`) are the design
        if key in _ROLE_FIELDS:
            privileged = {r.lower() for r in self.ctx.policy.limits.privileged_roles}
            values = self.ctx.string_items(value) or []
            if any((v or "").lower() in privileged for v in values):
                around = function_words(self.ctx, node)
                if around & _ORDINARY and not around & _DELIBERATE:
                    self.report(node, f"New records get the privileged role `{self.ctx.text(value)[:40]}` by default.")
        elif key in _WILDCARD_FIELDS:
            values = self.ctx.string_items(value) or []
            if "*" in values or "*:*" in values:
                self.report(node, f"`{key}` includes `*`: everything is granted.")
        elif key == "Name" and self.ctx.string_value(value) == "cluster-admin":
            if literal is not None and self.ctx.composite_type(literal).endswith("RoleRef"):
                self.report(node, "A binding to `cluster-admin` is created from code: full control of the cluster.")

    def visit_raw_string_literal(self, node: Node) -> None:
        if _IAM_WILDCARD.search(self.ctx.text(node)):
            self.report(node, 'An IAM policy written from code allows `"Action": "*"`.')

    def visit_interpreted_string_literal(self, node: Node) -> None:
        text = self.ctx.string_value(node, follow=False) or ""
        if _IAM_WILDCARD.search(text):
            self.report(node, 'An IAM policy written from code allows `"Action": "*"`.')
