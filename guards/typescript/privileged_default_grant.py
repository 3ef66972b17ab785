"""IDG325: an admin role or wildcard permission handed out by default."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.durations import words_of
from .support.guard import ScriptGuard
from .support.judge import function_words
from .support.tree import Node

_ROLE_KEYS = frozenset({"role", "defaultRole", "userRole", "memberRole", "orgRole", "accountRole", "default_role"})
_GRANT_KEYS = frozenset({"scopes", "scope", "permissions", "perms", "actions", "Action", "grants", "privileges"})
_PRIVILEGED = frozenset({"admin", "owner", "superuser", "superadmin", "super_admin", "root", "administrator"})
_WILDCARDS = frozenset({"*", "*:*", "admin:*", "all", "iam:*"})
_EXEMPT_WORDS = frozenset({"admin", "promote", "elevate", "bootstrap", "seed", "superuser", "escalate", "test", "mock"})
_OWNING = frozenset(
    {"org", "organization", "organisation", "workspace", "team", "tenant", "project", "account", "company"}
)


class TsPrivilegedDefaultGrant(ScriptGuard):
    """
    ## What it does
    Finds privileges handed out by default in TypeScript/JavaScript: a
    privileged role (`admin`, `owner`, `superuser`, `root`) as the `role` of a
    default settings object or of a record created in an ordinary flow
    (sign-up, invitation, provisioning; not an explicitly privileged one such
    as `promoteToAdmin`, nor the creator of a new organisation or workspace
    becoming its owner), as a parameter default (`role = "admin"`) or a
    fallback (`opts.role ?? "admin"`); wildcard permissions or scopes
    (`scopes: ["*"]`, `permissions: "*"`, `opts.scopes ?? ["*"]`, an IAM
    statement with `Action: "*"`); and Kubernetes bindings to `cluster-admin`
    created from code. A role table's own entry for the privileged role
    (`admin: { permissions: ["*"] }`) is the design and is not reported.

    ## Why is this bad?
    Defaults are what most users, keys and service accounts end up with. A
    default of owner or `*` turns every ordinary account, and every leaked
    key, into an administrator.

    ## Example
    ```ts
    const key = await db.apiKey.create({ data: { projectId, scopes: opts.scopes ?? ["*"] } });
    ```

    ## Use instead
    ```ts
    const key = await db.apiKey.create({ data: { projectId, scopes: opts.scopes ?? ["read:project"] } });
    ```
    """

    id = "IDG325"
    name = "ts-privileged-default-grant"
    title = "Privileged role or wildcard granted by default"
    fix_hint = (
        "Default to the least privileged role and narrow scopes; grant admin or `*` only in an explicit, reviewed flow."
    )
    meta = GuardMeta(
        cwe=["CWE-1188", "CWE-269", "CWE-250"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac", "api_key", "service_account"],
    )
    VALID = [
        Valid(
            """
            export async function signup(email) {
              return db.user.create({ data: { email, role: "member" } });
            }
            """
        ),
        Valid(
            """
            const ROLES = { admin: { permissions: ["*"] }, viewer: { permissions: ["read"] } };
            """
        ),
        Valid(
            """
            export async function createOrganization(name, creator) {
              return db.membership.create({ data: { userId: creator, role: "owner" } });
            }
            """
        ),
        Valid(
            """
            if (user.scopes.includes("*")) allowAll();
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            export async function signup(email) {
              return db.user.create({ data: { email, role: "admin" } });
            }
            """,
            line=2,
        ),
        Invalid(
            """
            const DEFAULT_MEMBER_SETTINGS = { role: "owner", notifications: true };
            """,
            line=1,
        ),
        Invalid(
            """
            const scopes = opts.scopes ?? ["*"];
            """,
            line=1,
        ),
        Invalid(
            """
            export function inviteUser(email, role = "admin") {
              return invites.create({ email, role });
            }
            """,
            line=1,
        ),
        Invalid(
            """
            const policy = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
            """,
            line=1,
        ),
        Invalid(
            """
            const binding = { roleRef: { kind: "ClusterRole", name: "cluster-admin" }, subjects };
            """,
            line=1,
        ),
    ]

    def visit_pair(self, node: Node) -> None:
        key = self.ctx._key_text(node.child_by_field_name("key"))
        value = node.child_by_field_name("value")
        if key in _ROLE_KEYS:
            role = (self.ctx.string_value(value) or "").lower()
            if role in _PRIVILEGED and self._ordinary_flow(node, role):
                self.report(node, f"New records get the `{role}` role by default.")
        elif key in _GRANT_KEYS:
            if self._wildcard(value) and not self._role_table_entry(node):
                if key == "Action" and not self._allows(node):
                    return
                self.report(node, f"`{key}` grants everything (`*`).")
        elif key == "name" and self.ctx.string_value(value) == "cluster-admin":
            parent = node.parent.parent if node.parent is not None else None
            if (
                parent is not None
                and parent.type == "pair"
                and "roleRef" in self.ctx.text(parent.child_by_field_name("key"))
            ):
                self.report(node, "The binding grants `cluster-admin`.")

    def visit_binary_expression(self, node: Node) -> None:
        if self.ctx.text(node.child_by_field_name("operator")) not in ("??", "||"):
            return
        right = node.child_by_field_name("right")
        left_words = words_of(self.ctx.text(node.child_by_field_name("left")))
        if self._wildcard(right) and left_words & {"scopes", "scope", "permissions", "perms", "grants"}:
            self.report(node, "Missing scopes fall back to everything (`*`).")
        role = (self.ctx.string_value(right) or "").lower()
        if role in _PRIVILEGED and left_words & {"role", "roles"} and self._ordinary_flow(node, role):
            self.report(node, f"A missing role falls back to `{role}`.")

    def visit_required_parameter(self, node: Node) -> None:
        self._parameter_default(node)

    def visit_optional_parameter(self, node: Node) -> None:
        self._parameter_default(node)

    def visit_assignment_pattern(self, node: Node) -> None:
        if node.parent is not None and node.parent.type == "formal_parameters":
            self._parameter_default(node)

    def _parameter_default(self, node: Node) -> None:
        pattern = node.child_by_field_name("pattern") or node.child_by_field_name("left")
        value = node.child_by_field_name("value") or node.child_by_field_name("right")
        if pattern is None or value is None or not words_of(self.ctx.text(pattern)) & {"role"}:
            return
        role = (self.ctx.string_value(value) or "").lower()
        if role in _PRIVILEGED and self._ordinary_flow(node, role):
            self.report(node, f"`{self.ctx.text(pattern)}` defaults to `{role}`.")

    def _wildcard(self, value: Node | None) -> bool:
        items = self.ctx.string_items(value)
        return any((item or "").strip() in _WILDCARDS for item in items)

    def _allows(self, pair: Node) -> bool:
        entries = self.ctx.object_entries(pair.parent) or {}
        return (self.ctx.string_value(entries.get("Effect")) or "Allow").lower() == "allow"

    def _role_table_entry(self, pair: Node) -> bool:
        """`admin: { permissions: ["*"] }`, `{ name: "admin", permissions: ["*"] }`: the admin role's definition."""
        obj = pair.parent
        holder = obj.parent if obj is not None else None
        if holder is not None and holder.type == "pair":
            if self.ctx._key_text(holder.child_by_field_name("key")).lower() in _PRIVILEGED:
                return True
        entries = self.ctx.object_entries(obj) or {}
        named = (self.ctx.string_value(entries.get("name")) or self.ctx.string_value(entries.get("role")) or "").lower()
        return named in _PRIVILEGED

    def _ordinary_flow(self, node: Node, role: str) -> bool:
        words = function_words(self.ctx, node)
        if words & _EXEMPT_WORDS or self.ctx.is_test_file():
            return False
        return not (
            role == "owner"
            and words & _OWNING
            and words & {"create", "new", "register", "setup", "creator", "founder", "provision"}
        )
