"""IDG316: a role, permission or admin flag taken from request input and stored."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import is_request_input
from .support.tree import Node

PRIVILEGE_KEYS = frozenset(
    {
        "role",
        "roles",
        "permissions",
        "permission",
        "scopes",
        "scope",
        "isAdmin",
        "is_admin",
        "admin",
        "isSuperuser",
        "superuser",
        "isStaff",
        "groups",
        "accessLevel",
        "access_level",
        "privileges",
        "userRole",
        "orgRole",
        "memberRole",
    }
)
_WRITE_CALLS = re.compile(
    r"(create|update|insert|save|upsert|set|assign|grant|add|invite|register|signup|put|patch|merge|build|new)",
    re.IGNORECASE,
)
_PRIVILEGE_WORDS = frozenset({"role", "roles", "scope", "scopes", "permission", "permissions", "admin", "privileges"})
_SQL_WRITE = re.compile(r"\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET)\b", re.IGNORECASE)
_SQL_PRIVILEGE = re.compile(r"\b(role|roles|permissions|is_admin|scopes|access_level)\b", re.IGNORECASE)
_PRIVILEGED = frozenset({"admin", "owner", "superuser", "root", "superadmin", "super_admin", "*"})
# Signs in the handler that the value is compared with what the actor may grant.
_BOUNDS = re.compile(
    r"req\.user\.(role|roles|permissions|isAdmin)|request\.user\.(role|roles|isAdmin)|actor\.|currentUser\.(role|roles|isAdmin)"
    r"|canGrant|canAssign|assignable|grantable|ensureCan|assertCan|mayGrant|ROLE_RANK|roleRank|rank\(|isAdmin\(|requireAdmin"
    r"|requireRole\(|@Roles\(|hasRole\(|authorize\(|checkPermission|can\([^)]*\brole|grantable_?by|allowed\.has\(|actorRole",
    re.IGNORECASE,
)


class TsPrivilegeFromRequest(ScriptGuard):
    """
    ## What it does
    Finds a role, permission set, scope, group or admin flag taken from
    request input (`req.body`, `req.query`, `req.params`, headers, a
    destructured body, a NestJS `@Body()` DTO) and written into a record
    (an object passed to `create` / `update` / `save` / `insert` / `invite`...,
    an assignment `user.role = req.body.role`), and `{ ...req.body }` or
    `Object.assign(user, req.body)` spread into a write, unless the handler
    bounds the value by what the caller may grant: a comparison with the
    caller's own role (`req.user.role`, `actor`), a helper such as
    `canGrant(actor, role)`, a role guard on the route, or an allow-list with
    no privileged role in it.

    ## Why is this bad?
    The client decides its own privileges: any user who can reach the
    endpoint can send `"role": "admin"` and get it.

    ## Example
    ```ts
    await db.user.update({ where: { id }, data: { role: req.body.role } });
    ```

    ## Use instead
    ```ts
    if (!GRANTABLE[req.user.role].includes(req.body.role)) return res.sendStatus(403);
    await db.user.update({ where: { id }, data: { role: req.body.role } });
    ```
    """

    id = "IDG316"
    name = "ts-privilege-from-request"
    title = "Privilege taken from request input"
    fix_hint = (
        "Fix the role server-side, or check it against what the caller may grant "
        "(`GRANTABLE[req.user.role].includes(role)`) before storing it; pick fields explicitly instead of spreading."
    )
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-915"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            app.post("/users", async (req, res) => {
              await User.create({ email: req.body.email, role: "member" });
            });
            """
        ),
        Valid(
            """
            app.patch("/users/:id/role", async (req, res) => {
              if (!GRANTABLE[req.user.role].includes(req.body.role)) return res.sendStatus(403);
              await User.update({ role: req.body.role }, { where: { id: req.params.id } });
            });
            """
        ),
        Valid(
            """
            router.post("/invite", async (req, res) => {
              const { email, role } = req.body;
              if (!["viewer", "editor"].includes(role)) return res.status(400).end();
              await invites.create({ email, role });
            });
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            app.post("/users", async (req, res) => {
              await User.create({ email: req.body.email, role: req.body.role });
            });
            """,
            line=2,
        ),
        Invalid(
            """
            router.post("/invite", async (req, res) => {
              const { email, role } = req.body;
              await invites.create({ email, role });
            });
            """,
            line=3,
        ),
        Invalid(
            """
            app.put("/me", async (req, res) => {
              await prisma.user.update({ where: { id: req.user.id }, data: { ...req.body } });
            });
            """,
            line=2,
        ),
        Invalid(
            """
            export async function promote(req, res) {
              const user = await User.findById(req.params.id);
              user.isAdmin = req.body.isAdmin;
              await user.save();
            }
            """,
            line=3,
        ),
    ]

    def visit_pair(self, node: Node) -> None:
        key = self.ctx._key_text(node.child_by_field_name("key"))
        if key not in PRIVILEGE_KEYS:
            return
        value = node.child_by_field_name("value")
        if is_request_input(self.ctx, value) and self._written(node) and not self._bounded(node, value):
            self.report(node, f"`{key}` comes from the request and is stored unchecked.")

    def visit_shorthand_property_identifier(self, node: Node) -> None:
        if self.ctx.text(node) not in PRIVILEGE_KEYS:
            return
        if is_request_input(self.ctx, node) or self._destructured_here(node):
            if self._written(node) and not self._bounded(node, node):
                self.report(node, f"`{self.ctx.text(node)}` comes from the request and is stored unchecked.")

    def visit_spread_element(self, node: Node) -> None:
        inner = node.named_children[0] if node.named_children else None
        if inner is None or not is_request_input(self.ctx, inner) or not self._written(node):
            return
        if not self._bounded(node, None):
            self.report(
                node,
                "The whole request body is spread into a write: the client can set its own role.",
            )

    def visit_assignment_expression(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or left.type != "member_expression":
            return
        prop = self.ctx.text(left.child_by_field_name("property"))
        privileged = prop in PRIVILEGE_KEYS or bool(set(identifier_words(prop)) & _PRIVILEGE_WORDS)
        if privileged and is_request_input(self.ctx, right) and not self._bounded(node, right):
            self.report(node, f"`{prop}` comes from the request and is stored unchecked.")

    def visit_call_expression(self, node: Node) -> None:
        if self.ctx.last_name(self.ctx.call_name(node)) in ("query", "execute", "run", "raw", "none", "one"):
            self._sql_write(node)
            return
        if self.ctx.call_name(node) != "Object.assign":
            return
        args = self.ctx.args(node)
        if len(args) >= 2 and any(self.ctx.text(a).replace("?.", ".").endswith(".body") for a in args[1:]):
            if is_request_input(self.ctx, args[-1]) and not self._bounded(node, None):
                self.report(
                    node,
                    "The request body is copied onto the record: the client can set its own role.",
                )

    def _sql_write(self, node: Node) -> None:
        """`pool.query("INSERT INTO users (email, role) VALUES ($1, $2)", [email, role])` with `role` from the request."""
        statement = self.ctx.string_value(self.ctx.arg(node, 0)) or self.ctx.text(self.ctx.arg(node, 0))
        if not _SQL_WRITE.search(statement) or not _SQL_PRIVILEGE.search(statement):
            return
        for item in self.ctx.array_items(self.ctx.arg(node, 1)) or []:
            value = self.ctx.unwrap(item)
            if value is not None and value.type == "binary_expression":
                value = value.child_by_field_name("left")
            name = self.ctx.text(value).rsplit(".", 1)[-1]
            if name in PRIVILEGE_KEYS and is_request_input(self.ctx, value) and not self._bounded(node, value):
                self.report(item, f"`{name}` comes from the request and is stored unchecked.")

    def _destructured_here(self, node: Node) -> bool:
        from .support.judge import _destructured_from_request

        return _destructured_from_request(self.ctx, self.ctx.text(node))

    def _written(self, node: Node) -> bool:
        """The object the entry sits in goes to a write call (`create({...})`, `update(..., { data: {...} })`)."""
        current = node.parent
        depth = 0
        while current is not None and depth < 8:
            if current.type in ("call_expression", "new_expression"):
                return bool(_WRITE_CALLS.search(self.ctx.last_name(self.ctx.call_name(current))))
            if current.type == "variable_declarator":
                name = self.ctx.text(current.child_by_field_name("name"))
                return self._variable_written(name)
            if current.type in ("statement_block", "program", "return_statement"):
                return current.type == "return_statement"
            current = current.parent
            depth += 1
        return False

    def _variable_written(self, name: str) -> bool:
        for call in self.ctx.nodes("call_expression"):
            if _WRITE_CALLS.search(self.ctx.last_name(self.ctx.call_name(call))):
                if any(self.ctx.text(a) == name or f"...{name}" in self.ctx.text(a) for a in self.ctx.args(call)):
                    return True
        return False

    def _bounded(self, node: Node, value: Node | None) -> bool:
        function = self.ctx.enclosing_function(node)
        scope = function or self.ctx.tree.root
        outer = scope.parent.parent if scope.parent is not None and scope.parent.type == "arguments" else None
        text = self.ctx.text(outer if outer is not None else scope)
        klass_decorators = self._method_decorators(function)
        if _BOUNDS.search(text) or _BOUNDS.search(klass_decorators):
            return True
        name = self.ctx.text(value) if value is not None else ""
        short = name.rsplit(".", 1)[-1]
        for call in self.ctx.descendants(scope, ("call_expression",)):
            callee = call.child_by_field_name("function")
            if callee is None or self.ctx.last_name(self.ctx.text(callee)) not in ("includes", "has", "indexOf"):
                continue
            arg = self.ctx.arg(call, 0)
            if arg is None or self.ctx.text(arg).rsplit(".", 1)[-1] != short:
                continue
            allowed = self.ctx.string_items(callee.child_by_field_name("object"))
            if allowed and not {(a or "").lower() for a in allowed} & _PRIVILEGED:
                return True
            if not allowed and "assign" in self.ctx.text(callee).lower() or "grant" in self.ctx.text(callee).lower():
                return True
        return False

    def _method_decorators(self, function: Node | None) -> str:
        if function is None or function.type != "method_definition":
            return ""
        texts = []
        sibling = function.prev_named_sibling
        while sibling is not None and sibling.type == "decorator":
            texts.append(self.ctx.text(sibling))
            sibling = sibling.prev_named_sibling
        texts.extend(self.ctx.text(d) for d in function.named_children if d.type == "decorator")
        return " ".join(texts)
