"""IDG327: a route that changes identity data with no authentication or authorization check."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.durations import words_of
from .support.guard import ScriptGuard
from .support.judge import function_words
from .support.tree import FUNCTION_TYPES, Node

_VERBS = frozenset({"post", "put", "patch", "delete", "del"})
_SENSITIVE = re.compile(
    r"admin|role|permission|key|token|user|member|billing|plan|invite|grant|secret|account|seat", re.I
)
_MIDDLEWARE_WORDS = frozenset(
    {
        "auth",
        "authenticate",
        "authenticated",
        "authorize",
        "require",
        "admin",
        "guard",
        "protect",
        "protected",
        "session",
        "verify",
        "jwt",
        "passport",
        "permission",
        "permissions",
        "role",
        "roles",
        "login",
        "signed",
        "check",
        "ensure",
        "access",
        "can",
        "rbac",
        "acl",
        "policy",
    }
)
_HANDLER_CHECKS = re.compile(
    r"req\.user|request\.user|req\.session|getServerSession|auth\(\)|currentUser|status\(40[13]\)|code\(40[13]\)"
    r"|sendStatus\(40[13]\)|Unauthorized|Forbidden|authorize\(|requireAdmin|can\(|hasPermission|verifyToken|jwt\.verify"
    r"|ctx\.state\.user|c\.get\(['\"]user|getToken\(|request\.session|status:\s*40[13]",
)
_IDENTITY_WRITE = re.compile(
    r"\.(users?|members?|memberships?|roles?|apiKeys?|keys?|invites?|invitations?|accounts?|permissions?|grants?)"
    r"\.(create|createMany|update|updateMany|delete|deleteMany|upsert|destroy|insert)\(",
    re.IGNORECASE,
)
_SESSION_HELPERS = re.compile(
    r"getUser|requireUser|requireSession|verifySession|validateRequest|withAuth|currentUser|getSession|requireAuth"
    r"|requireAdmin|requireRole|assertAdmin|isAdmin|authenticate",
)
_NEST_VERBS = ("@Post(", "@Put(", "@Patch(", "@Delete(")
_BYPASS = re.compile(r"bypass|skip|disable|debug|insecure|noauth|no_auth|allow_all|dev_mode", re.I)


class TsEndpointWithoutAuthorization(ScriptGuard):
    """
    ## What it does
    Finds routes that change roles, keys, users, members or billing with no
    check in front of them: an Express/Fastify/Koa route
    (`router.put("/admin/users/:id/role", handler)`) with no middleware or
    `preHandler`, in a file that installs no authentication with `use(...)` /
    `addHook(...)`, whose handler never looks at the caller (`req.user`, a
    session, a 401/403); a Next.js route handler (`export async function
    POST`) that writes users, roles, members or keys without reading the
    session (`auth()`, `getServerSession`) or checking the caller; a NestJS `@Post`/`@Put`/`@Patch`/`@Delete` method
    without `@UseGuards` on a controller without one, where sibling methods
    are guarded; and bypass switches in authentication code
    (`if (process.env.AUTH_BYPASS === "true") return true`,
    `if (req.query.debug) return next()`).

    ## Why is this bad?
    Anyone who can reach the endpoint can change who has access: promote
    themselves, mint or revoke keys, change a plan. A bypass flag is one
    mis-set variable away from the same.

    ## Example
    ```ts
    router.put("/admin/users/:id/role", async (req, res) => { await setRole(req.params.id, req.body.role); });
    ```

    ## Use instead
    ```ts
    router.put("/admin/users/:id/role", requireAuth, requireRole("admin"), async (req, res) => { ... });
    ```
    """

    id = "IDG327"
    name = "ts-endpoint-without-authorization"
    title = "Identity endpoint without authorization"
    fix_hint = "Put authentication and an authorization check in front of every route that changes identity data; no bypass switches."
    meta = GuardMeta(
        cwe=["CWE-862", "CWE-306", "CWE-285"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            router.put("/admin/users/:id/role", requireAuth, requireAdmin, async (req, res) => {
              await setRole(req.params.id, req.body.role);
            });
            """
        ),
        Valid(
            """
            router.use("/admin", requireAuth, requireAdmin);
            router.put("/admin/users/:id/role", async (req, res) => {
              await setRole(req.params.id, req.body.role);
            });
            """
        ),
        Valid(
            """
            app.post("/contact", async (req, res) => {
              await mail.send(req.body);
            });
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            router.put("/admin/users/:id/role", async (req, res) => {
              await setRole(req.params.id, req.body.role);
            });
            """,
            line=1,
        ),
        Invalid(
            """
            app.get("/api-keys", { preHandler: authenticate }, list);
            app.delete("/api-keys/:id", async (req, reply) => {
              await keys.revoke(req.params.id);
            });
            """,
            line=2,
        ),
        Invalid(
            """
            class BillingGuard {
              canActivate(ctx) {
                if (process.env.BILLING_AUTH_BYPASS === 'true') return true;
                return check(ctx);
              }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            export async function POST(req) {
              const { userId, role } = await req.json();
              await prisma.user.update({ where: { id: userId }, data: { role } });
              return Response.json({ ok: true });
            }
            """,
            line=1,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        callee = node.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            return
        verb = self.ctx.text(callee.child_by_field_name("property")).lower()
        if verb not in _VERBS:
            return
        args = self.ctx.args(node)
        path = self.ctx.string_value(args[0]) if args else None
        if path is None or len(args) < 2 or not _SENSITIVE.search(path):
            return
        handler = args[-1]
        if self.ctx.resolve(handler) is None or self.ctx.resolve(handler).type not in FUNCTION_TYPES:  # type: ignore[union-attr]  # tree-sitter nodes: the type is checked on this path, which mypy does not follow
            return
        if any(self._guards(a) for a in args[1:-1]) or self._global_auth(path):
            return
        if _HANDLER_CHECKS.search(self.ctx.text(handler)):
            return
        self.report(node, f"`{verb.upper()} {path}` has no authentication or authorization check.")

    def _guards(self, arg: Node) -> bool:
        entries = self.ctx.object_entries(arg)
        if entries is not None:
            return any(k in entries for k in ("preHandler", "onRequest", "preValidation", "beforeHandler", "config"))
        return bool(words_of(self.ctx.text(arg)) & _MIDDLEWARE_WORDS)

    def _global_auth(self, path: str) -> bool:
        for call in self.ctx.nodes("call_expression"):
            callee = call.child_by_field_name("function")
            if callee is None or callee.type != "member_expression":
                continue
            prop = self.ctx.text(callee.child_by_field_name("property"))
            if prop not in ("use", "addHook", "register", "all"):
                continue
            args = self.ctx.args(call)
            prefix = self.ctx.string_value(args[0]) if args else None
            if prop == "addHook" and prefix in ("preHandler", "onRequest", "preValidation"):
                return True
            if prefix is not None and not path.startswith(prefix.rstrip("*")):
                continue
            if any(words_of(self.ctx.text(a)) & _MIDDLEWARE_WORDS for a in args if self.ctx.string_value(a) is None):
                return True
        return False

    def visit_function_declaration(self, node: Node) -> None:
        """Next.js route handlers: `export async function POST(req)` that writes users, roles or keys unchecked."""
        name = self.ctx.text(node.child_by_field_name("name"))
        if (
            name not in ("POST", "PUT", "PATCH", "DELETE")
            or node.parent is None
            or node.parent.type != "export_statement"
        ):
            return
        body = self.ctx.text(node.child_by_field_name("body"))
        if _IDENTITY_WRITE.search(body) and not _HANDLER_CHECKS.search(body) and not _SESSION_HELPERS.search(body):
            self.report(
                node,
                f"The `{name}` route handler changes identity data with no authorization check.",
            )

    def visit_method_definition(self, node: Node) -> None:
        decorators = self._decorators(node)
        if not any(d.startswith(_NEST_VERBS) for d in decorators) or any("UseGuards" in d for d in decorators):
            return
        klass = node.parent.parent if node.parent is not None else None
        if klass is None or klass.type not in ("class_declaration", "class"):
            return
        class_decorators = self._class_decorators(klass)
        if any("UseGuards" in d for d in class_decorators) or "useGlobalGuards" in self.ctx.text(self.ctx.tree.root):
            return
        body = klass.child_by_field_name("body")
        siblings = [
            m for m in (body.named_children if body is not None else []) if m.type == "method_definition" and m != node
        ]
        if any(any("UseGuards" in d for d in self._decorators(m)) for m in siblings):
            self.report(node, "This route has no `@UseGuards` while its sibling routes do.")

    def _decorators(self, method: Node) -> list[str]:
        found = [self.ctx.text(d) for d in method.named_children if d.type == "decorator"]
        sibling = method.prev_named_sibling
        while sibling is not None and sibling.type == "decorator":
            found.append(self.ctx.text(sibling))
            sibling = sibling.prev_named_sibling
        return found

    def _class_decorators(self, klass: Node) -> list[str]:
        found = [self.ctx.text(d) for d in klass.named_children if d.type == "decorator"]
        parent = klass.parent
        if parent is not None and parent.type == "export_statement":
            found += [self.ctx.text(d) for d in parent.named_children if d.type == "decorator"]
        return found

    def visit_if_statement(self, node: Node) -> None:
        condition = self.ctx.text(node.child_by_field_name("condition"))
        if not _BYPASS.search(condition) or not re.search(
            r"process\.env|req\.(query|headers)|request\.(query|headers)|config\.", condition
        ):
            return
        consequence = self.ctx.text(node.child_by_field_name("consequence")).replace(" ", "")
        if not re.search(r"returntrue|returnnext\(\)|^next\(\)|\{next\(\);?\}|returnnext\(\);?", consequence):
            return
        if function_words(self.ctx, node) & (_MIDDLEWARE_WORDS | {"activate"}):
            self.report(node, "A switch lets requests skip the authorization check.")
