"""IDG522: new accounts, keys or service identities granted admin roles or wildcard permissions by default."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import words
from .support.tree import Node

_GRANTS = frozenset(
    {"setRole", "setRoles", "addRole", "roles", "role", "setAdmin", "setIsAdmin", "setSuperuser", "setScopes", "scopes"}
    | {"setPermissions", "permissions", "grantRole", "assignRole", "setAuthorities", "authorities", "addAuthority"}
    | {"setUserRole", "addScope", "scope", "setGroups", "addGroup", "realmRoles", "setRealmRoles"}
)
_CREATION_WORDS = frozenset(
    {"register", "registration", "signup", "sign", "create", "new", "provision", "onboard", "onboarding", "invite"}
    | {"add", "import", "sync", "issue", "default", "defaults", "build", "mint", "generate", "join", "accept"}
)
_EXPLICIT_WORDS = frozenset(
    {"admin", "admins", "owner", "superuser", "root", "bootstrap", "seed", "promote", "elevate"}
)
_IAM_WILDCARD = re.compile(r'"Action"\s*:\s*(?:"\*"|\[\s*"\*"\s*\])')


_POLICY_ACTIONS = frozenset({"addAction", "addActions", "actions", "withActions"})
_ALL_ACTIONS = re.compile(r"^(?:\*|[a-z0-9-]+:\*)$")


class JavaPrivilegedDefault(JavaGuard):
    """
    ## What it does
    Finds privileged grants made by default where accounts, API keys and
    service identities are created: in a method named for registration,
    sign-up, creation, provisioning, invitation or import, a role or
    authority from the policy's privileged roles (`limits.privileged_roles`:
    admin, owner, superuser, root...), `setAdmin(true)`, Keycloak
    `realm-admin`, or a `*` scope or permission; and IAM policy documents
    with `"Action": "*"` written from code. A method that is explicitly about
    making an administrator (`createAdmin`, `bootstrapOwner`, `promote`) is
    not reported.

    ## Why is this bad?
    Every account created through that path is an administrator: one
    sign-up, one leaked API key or one compromised service turns into full
    control, and least privilege never starts.

    ## Example
    ```java
    User register(SignupForm form) { User u = new User(form.email()); u.setRole(Role.ADMIN); return repo.save(u); }
    ```

    ## Use instead
    ```java
    User register(SignupForm form) { User u = new User(form.email()); u.setRole(Role.MEMBER); return repo.save(u); }
    ```
    """

    id = "IDG522"
    name = "java-privileged-default"
    title = "Privileged role or wildcard granted by default"
    fix_hint = "Grant the least privilege on creation; elevate through a separate, checked admin action."
    triggers = ("admin", "owner", "superuser", "root", "*", "action")
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-250"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac", "service_account"],
    )
    VALID = [
        Valid(
            """
            IamPolicy policy = IamPolicy.builder()
                .addStatement(IamStatement.builder().effect(IamEffect.ALLOW).addAction("s3:PutObject").build())
                .build();
            """
        ),
        Valid(
            """
            User register(SignupForm form) { User u = new User(form.email()); u.setRole(Role.MEMBER); return repo.save(u); }
            """
        ),
        Valid(
            """
            User createAdmin(String email) { User u = new User(email); u.setRole(Role.ADMIN); return repo.save(u); }
            """
        ),
        Valid(
            """
            ApiKey issueKey(String owner) { return ApiKey.builder().owner(owner).scopes(Set.of("orders:read")).build(); }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            IamPolicy policy = IamPolicy.builder()
                .addStatement(IamStatement.builder()
                    .effect(IamEffect.ALLOW)
                    .addAction("*")
                    .addResource("arn:aws:s3:::" + bucket + "/tenants/" + tenantId + "/*")
                    .build())
                .build();
            """,
            line=4,
        ),
        Invalid(
            """
            User register(SignupForm form) {
                User u = new User(form.email());
                u.setRole(Role.ADMIN);
                return repo.save(u);
            }
            """,
            line=3,
        ),
        Invalid(
            """
            ApiKey issueKey(String team) {
                return ApiKey.builder().team(team).scopes(Set.of("*")).build();
            }
            """,
            line=2,
        ),
        Invalid(
            """
            String policy = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}";
            """,
            line=1,
        ),
        Invalid(
            """
            void provisionServiceAccount(Account a) { a.setAdmin(true); accounts.save(a); }
            """,
            line=1,
        ),
    ]

    def _privileged(self, node: Node | None) -> str | None:
        ctx = self.ctx
        privileged = {r.lower() for r in ctx.policy.limits.privileged_roles} | {"realm-admin", "realm_admin"}
        if node is None:
            return None
        values: list[str] = []
        resolved = ctx.resolve(node)
        if resolved is None:
            return None
        for item in ctx.string_items(resolved):
            if item is not None:
                values.append(item)
        if resolved.type in ("field_access", "identifier", "scoped_identifier"):
            values.append(ctx.text(resolved).rsplit(".", 1)[-1])
        for call in ctx.descendants(resolved, ("method_invocation", "object_creation_expression")):
            for argument in ctx.args(call):
                values += [v for v in ctx.string_items(argument) if v is not None]
                inner = ctx.resolve(argument)
                if inner is not None and inner.type == "field_access":
                    values.append(ctx.text(inner).rsplit(".", 1)[-1])
        for value in values:
            plain = value.lower().removeprefix("role_").strip()
            if plain == "*" or plain in privileged:
                return value
        return None

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method in _POLICY_ACTIONS and not ctx.is_test_file():
            # AWS SDK `IamStatement.builder().addAction("*")`, `Statement.withActions(...)`: a policy written in code.
            wildcard = next(
                (v for v in (ctx.string_value(a) for a in ctx.args(node)) if v and _ALL_ACTIONS.match(v)), None
            )
            if wildcard is not None:
                self.report(
                    node.child_by_field_name("name") or node,
                    f"The IAM policy built here allows `{wildcard}`: every action of the service on its resources.",
                    fix="List the actions the identity needs (`s3:PutObject`, `s3:GetObject`).",
                )
            return
        if method not in _GRANTS or ctx.is_test_file():
            return
        function = ctx.enclosing_method(node)
        name_words = words(ctx.function_name(function)) if function is not None else set()
        if not name_words & _CREATION_WORDS or name_words & _EXPLICIT_WORDS:
            return
        if method in ("setAdmin", "setIsAdmin", "setSuperuser"):
            if ctx.bool_value(ctx.arg(node, 0)) is True:
                self.report(node.child_by_field_name("name") or node, f"`{method}(true)` on a newly created identity.")
            return
        value = next((v for v in (self._privileged(a) for a in ctx.args(node)) if v), None)
        if value is not None:
            self.report(
                node.child_by_field_name("name") or node, f"`{value[:40]}` is granted by default to a new identity."
            )

    def visit_string_literal(self, node: Node) -> None:
        value = self.ctx.string_value(node, follow=False) or ""
        if _IAM_WILDCARD.search(value):
            self.report(node, 'The IAM policy allows `"Action": "*"`.')
