"""IDG315: authorization that allows the request when its check fails."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import function_words
from .support.tree import Node

_AUTHZ_WORDS = frozenset(
    {
        "authorize",
        "authorization",
        "authz",
        "permission",
        "permissions",
        "permit",
        "guard",
        "can",
        "activate",
        "access",
        "rbac",
        "policy",
        "role",
        "roles",
        "admin",
        "require",
        "allowed",
        "entitlement",
        "scope",
        "scopes",
        "acl",
        "opa",
        "check",
        "ensure",
    }
)
_AUTHN_WORDS = frozenset({"auth", "authenticate", "authentication", "verify", "session", "token", "jwt", "protect"})
_ALLOWED_NAMES = frozenset({"allowed", "authorized", "permitted", "granted", "allow", "can", "ok", "has", "access"})


class TsAuthzFailOpen(ScriptGuard):
    """
    ## What it does
    Finds authorization code that allows on error: in a `catch` (or a
    `.catch(...)` handler) of an Express/Koa middleware (`(req, res, next)`),
    a NestJS guard's `canActivate`, or a function named like a permission
    check, a bare `next()`, `return next()`, `return true`, `cb(null, true)` or
    `return { allowed: true }`; and permission results defaulted to allow
    (`allowed ?? true`, `await can(user, action) || true`). Authentication
    middleware that lets the request through on a verification error is
    reported as medium (later handlers may still check `req.user`).

    ## Why is this bad?
    When the policy engine times out, the permission lookup throws or the
    token check fails, the request goes through with no decision made. An
    attacker who can make the check fail (a malformed token, a slow backend)
    gets access.

    ## Example
    ```ts
    try {
      if (!(await rbac.can(req.user, "admin:write"))) return res.sendStatus(403);
    } catch (err) {
      return next();
    }
    ```

    ## Use instead
    ```ts
    } catch (err) {
      return next(err); // or res.sendStatus(503): errors deny
    }
    ```
    """

    id = "IDG315"
    name = "ts-authz-fail-open"
    title = "Authorization allows on error"
    meta = GuardMeta(
        cwe=["CWE-636", "CWE-285", "CWE-755"],
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
            export async function requireRole(req, res, next) {
              try {
                if (!(await rbac.can(req.user, 'write'))) return res.sendStatus(403);
                next();
              } catch (err) {
                next(err);
              }
            }
            """
        ),
        Valid(
            """
            class AdminGuard {
              async canActivate(ctx) {
                try {
                  return await this.policy.allows(ctx);
                } catch {
                  return false;
                }
              }
            }
            """
        ),
        Valid(
            """
            const allowed = (await policy.check(user, action)) ?? false;
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            export async function requireRole(req, res, next) {
              try {
                if (!(await rbac.can(req.user, 'write'))) return res.sendStatus(403);
                next();
              } catch (err) {
                return next();
              }
            }
            """,
            line=6,
        ),
        Invalid(
            """
            class AdminGuard {
              async canActivate(ctx) {
                try {
                  return await this.policy.allows(ctx);
                } catch (e) {
                  return true;
                }
              }
            }
            """,
            line=6,
        ),
        Invalid(
            """
            const allowed = (await opa.evaluate(input)) ?? true;
            """,
            line=1,
        ),
        Invalid(
            """
            async function checkPermission(user, action) {
              return fetch(url).then((r) => r.json()).catch(() => true);
            }
            """,
            line=2,
        ),
    ]

    def visit_catch_clause(self, node: Node) -> None:
        body = node.child_by_field_name("body")
        if body is not None:
            self._judge_handler(node, body)

    def visit_call_expression(self, node: Node) -> None:
        callee = node.child_by_field_name("function")
        if (
            callee is None
            or callee.type != "member_expression"
            or self.ctx.text(callee.child_by_field_name("property")) != "catch"
        ):
            return
        handler = self.ctx.arg(node, 0)
        if handler is None:
            return
        body = handler.child_by_field_name("body")
        if body is not None:
            self._judge_handler(handler, body)

    def _judge_handler(self, handler: Node, body: Node) -> None:
        severity = self._scope_severity(handler)
        if severity is False:
            return
        for allow in self._allows(body):
            self.report(
                allow,
                "The error path allows the request: a failing check grants access.",
                fix="Deny on error: `return next(err)`, respond 403/503, or `return false`.",
                severity=severity if isinstance(severity, Severity) else None,
            )

    def _scope_severity(self, node: Node) -> Severity | None | bool:
        """None (default severity) for authorization code, medium for authentication only, False for neither."""
        function = self.ctx.enclosing_function(node)
        if function is None:
            return False
        words = function_words(self.ctx, node)
        params = self.ctx.parameters(function)
        middleware = len(params) >= 3 and params[2] == "next"
        if words & _AUTHZ_WORDS:
            return None
        if words & _AUTHN_WORDS or middleware:
            return Severity.medium
        return False

    def _allows(self, body: Node) -> list[Node]:
        found = []
        statements = body.named_children if body.type == "statement_block" else [body]
        for statement in statements:
            expression: Node | None = statement
            if statement.type in ("return_statement", "expression_statement"):
                inner = [c for c in statement.named_children if c.type != "comment"]
                expression = inner[0] if inner else None
                if expression is None:
                    continue
            expression = self.ctx.unwrap(expression)
            if expression is None:
                continue
            if expression.type == "true" and (statement.type == "return_statement" or statement is body):
                found.append(statement)
            elif expression.type == "call_expression":
                callee = self.ctx.text(expression.child_by_field_name("function"))
                args = self.ctx.args(expression)
                if (
                    callee == "next"
                    and (not args or self.ctx.text(args[0]) in ("null", "undefined"))
                    or callee in ("cb", "callback", "done", "resolve")
                    and args
                    and self.ctx.bool_value(args[-1]) is True
                ):
                    found.append(statement)
            elif expression.type == "object" and statement.type == "return_statement":
                entries = self.ctx.object_entries(expression) or {}
                if any(
                    self.ctx.bool_value(entries.get(k)) is True for k in ("allowed", "allow", "authorized", "granted")
                ):
                    found.append(statement)
        return found

    def visit_binary_expression(self, node: Node) -> None:
        if self.ctx.text(node.child_by_field_name("operator")) not in ("??", "||"):
            return
        if (
            self.ctx.unwrap(node.child_by_field_name("right")) is None
            or self.ctx.bool_value(node.child_by_field_name("right")) is not True
        ):
            return
        left = self.ctx.text(node.child_by_field_name("left"))
        parent = node.parent
        target = ""
        if parent is not None and parent.type == "variable_declarator":
            target = self.ctx.text(parent.child_by_field_name("name"))
        words = set(identifier_words(left)) | set(identifier_words(target))
        if words & (_ALLOWED_NAMES | {"policy", "opa", "permission", "permissions", "authorize", "rbac", "evaluate"}):
            self.report(
                node,
                "The permission result defaults to allow when the check returns nothing.",
                fix="Default to deny: `?? false`, and treat a missing answer as an error.",
            )
