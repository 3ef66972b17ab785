"""IDG417: an authorization check that lets the request through when it fails."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import function_words, words
from .support.tree import Node

_AUTH_WORDS = frozenset(
    {
        "auth",
        "authz",
        "authn",
        "authorize",
        "authorized",
        "authorization",
        "authenticate",
        "permission",
        "permissions",
        "perm",
        "perms",
        "role",
        "roles",
        "policy",
        "policies",
        "enforce",
        "enforcer",
        "allowed",
        "allow",
        "access",
        "rbac",
        "acl",
        "can",
        "token",
        "tok",
        "bearer",
        "jwt",
        "session",
        "scope",
        "scopes",
        "opa",
        "rego",
        "casbin",
        "claims",
        "entitlement",
        "entitlements",
        "decision",
        "grant",
        "membership",
        "verify",
        "verifier",
    }
)
_DECIDERS = frozenset(
    {"authorize", "authz", "permission", "permissions", "enforce", "access", "allowed", "rbac", "acl", "policy"}
)
_NOT_AUTH = frozenset(
    {"limiter", "ratelimit", "rate", "cache", "metrics", "trace", "tracing", "log", "logging", "compress"}
)


class GoAuthzFailOpen(GoGuard):
    """
    ## What it does
    Finds authorization that fails open: in an `if err != nil { ... }`
    branch after a token, session, permission or policy call (OPA, Casbin,
    an RBAC lookup), or in a middleware or interceptor whose name says auth,
    the branch lets the request continue: `next.ServeHTTP(w, r)`,
    `next(w, r)`, gin `c.Next()`, echo `return next(c)`, a gRPC
    `return handler(ctx, req)`, or `return true` from a function that answers
    whether access is allowed. A `switch` whose `default` allows in such a
    function is found too. Branches that deny (401/403/503,
    `status.Error(codes.PermissionDenied, ...)`, `return false`) are fine.

    ## Why is this bad?
    The check works until the policy engine times out, the database hiccups
    or the token is garbage; then everyone is allowed. Attackers cause
    errors on purpose (malformed tokens, oversized requests) to get there.

    ## Example
    ```go
    allowed, err := enforcer.Enforce(sub, obj, act)
    if err != nil {
        next.ServeHTTP(w, r)
        return
    }
    ```

    ## Use instead
    ```go
    allowed, err := enforcer.Enforce(sub, obj, act)
    if err != nil || !allowed {
        http.Error(w, "forbidden", http.StatusForbidden)
        return
    }
    ```
    """

    id = "IDG417"
    name = "go-authz-fail-open"
    title = "Authorization fails open on error"
    fix_hint = (
        "Deny on every error path (401/403/503, `codes.PermissionDenied`, `return false`); continue only on success."
    )
    meta = GuardMeta(
        cwe=["CWE-636", "CWE-285"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            package mw

            func Authorize(next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    ok, err := enforcer.Enforce(subject(r), r.URL.Path, r.Method)
                    if err != nil || !ok {
                        http.Error(w, "forbidden", http.StatusForbidden)
                        return
                    }
                    next.ServeHTTP(w, r)
                })
            }
            """
        ),
        Valid(
            """
            package mw

            func RateLimit(next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    if err := limiter.Wait(r.Context()); err != nil {
                        next.ServeHTTP(w, r)
                        return
                    }
                    next.ServeHTTP(w, r)
                })
            }
            """
        ),
        Valid(
            """
            package authz

            func (s *Service) CanEdit(ctx context.Context, user, doc string) bool {
                role, err := s.roles.Lookup(ctx, user, doc)
                if err != nil {
                    return false
                }
                return role == "editor" || role == "owner"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package authz

            func (c *Checker) Can(ctx context.Context, userID, perm string) bool {
                ok, err := c.rdb.SIsMember(ctx, "perms:"+userID, perm).Result()
                if errors.Is(err, redis.Nil) {
                    return true
                }
                return err == nil && ok
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package authz

            func (c *Checker) Unary() grpc.UnaryServerInterceptor {
                return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
                    switch perm, known := methodPerms[info.FullMethod]; {
                    case known && !c.Can(ctx, uid(ctx), perm):
                        return nil, status.Error(codes.PermissionDenied, "denied")
                    default:
                        return h(ctx, req)
                    }
                }
            }
            """,
            line=9,
        ),
        Invalid(
            """
            package mw

            func RequireRole(role string, next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    ok, err := policy.Allowed(r.Context(), userFrom(r), role)
                    if err != nil {
                        log.Printf("policy lookup failed: %v", err)
                        next.ServeHTTP(w, r)
                        return
                    }
                    if !ok {
                        http.Error(w, "forbidden", http.StatusForbidden)
                        return
                    }
                    next.ServeHTTP(w, r)
                })
            }
            """,
            line=8,
        ),
        Invalid(
            """
            package grpcauth

            func UnaryAuthz(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
                if err := checkPermission(ctx, info.FullMethod); err != nil {
                    return handler(ctx, req)
                }
                return handler(ctx, req)
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package authz

            func (s *Service) HasAccess(ctx context.Context, user, resource string) bool {
                perms, err := s.store.Permissions(ctx, user)
                if err != nil {
                    return true
                }
                return perms.Contains(resource)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package mw

            func AuthRequired() gin.HandlerFunc {
                return func(c *gin.Context) {
                    claims, err := parseToken(c.GetHeader("Authorization"))
                    if err != nil {
                        c.Next()
                        return
                    }
                    c.Set("claims", claims)
                    c.Next()
                }
            }
            """,
            line=7,
        ),
    ]

    def visit_if_statement(self, node: Node) -> None:
        condition = node.child_by_field_name("condition")
        if not self.ctx.is_error_test(condition) and not self._is_error_kind_test(condition):
            return
        consequence = node.child_by_field_name("consequence")
        if consequence is None:
            return
        context = self._context_words(node)
        if context & _NOT_AUTH or not context & _AUTH_WORDS:
            return
        function = self.ctx.enclosing_function(node)
        continuing = self._continues(consequence, function)
        if continuing is not None:
            self.report(continuing, "On an authorization error the request goes on as if it were allowed (fail open).")

    def visit_default_case(self, node: Node) -> None:
        function = self.ctx.enclosing_function(node)
        if function is None:
            return
        if self.ctx.result_types(function)[:1] != ["bool"]:
            through = self._default_lets_through(node, function)
            if through is not None:
                self.report(through, "The `default` passes the call on: any method or route not listed is allowed.")
            return
        if not function_words(self.ctx, node) & _AUTH_WORDS:
            return
        for statement in node.named_children:
            for ret in self.ctx.descendants(statement, ("return_statement",)):
                if self._returns_true(ret):
                    self.report(ret, "The `default` of the access decision allows: anything not listed is permitted.")
                    return

    def _is_error_kind_test(self, condition: Node | None) -> bool:
        """`errors.Is(err, redis.Nil)`, `errors.As(err, &t)`: a lookup that failed (a missing cache entry is no
        permission either)."""
        condition = self.ctx.unwrap(condition)
        if condition is None or condition.type != "call_expression":
            return False
        return self.ctx.call_name(condition) in ("errors.Is", "errors.As")

    def _default_lets_through(self, node: Node, function: Node) -> Node | None:
        """`default: return h(ctx, req)` in a switch whose other cases deny: what is not listed is allowed."""
        switch = node.parent
        if switch is None or "switch" not in switch.type:
            return None
        others = " ".join(self.ctx.text(c) for c in switch.named_children if c.type != "default_case" and c != node)
        if not re.search(r"PermissionDenied|Unauthenticated|StatusForbidden|StatusUnauthorized|Forbidden", others):
            return None
        for statement in self.ctx.descendants(node, ("return_statement", "expression_statement")):
            for call in self.ctx.descendants(statement, ("call_expression",)):
                if self._is_next(call):
                    return statement
        return None

    def _context_words(self, node: Node) -> set[str]:
        found = set(function_words(self.ctx, node))
        source = self._error_source(node)
        if source is not None:
            found |= words(self.ctx.call_name(source).replace(".", "_").rsplit("/", 1)[-1])
            for arg in self.ctx.args(source):
                found |= words(self.ctx.text(arg).replace(".", "_").replace("(", "_").replace('"', "_")[:80])
            holder = source.parent
            while holder is not None and holder.type not in ("short_var_declaration", "assignment_statement", "block"):
                holder = holder.parent
            if holder is not None and holder.type != "block":
                found |= words(self.ctx.text(holder.child_by_field_name("left")).replace(",", "_"))
        return found

    def _error_source(self, node: Node) -> Node | None:
        """The call that produced the error tested by `node`: in the `if`'s initializer or the statement before."""
        initializer = node.child_by_field_name("initializer")
        holders = [initializer] if initializer is not None else []
        previous = node.prev_named_sibling
        while previous is not None and previous.type == "comment":
            previous = previous.prev_named_sibling
        if previous is not None:
            holders.append(previous)
        for holder in holders:
            calls = self.ctx.descendants(holder, ("call_expression",))
            if calls and holder.type in ("short_var_declaration", "assignment_statement", "expression_statement"):
                return calls[0]
        return None

    def _continues(self, block: Node, function: Node | None) -> Node | None:
        for statement in self.ctx.descendants(block, ("expression_statement", "return_statement")):
            if self.ctx.enclosing_function(statement) != function:
                continue
            calls = [c for c in statement.named_children if c.type in ("call_expression", "expression_list")]
            for call in calls:
                call = self.ctx.expressions(call)[0] if call.type == "expression_list" else call
                if call.type == "call_expression" and self._is_next(call):
                    return statement
            if statement.type == "return_statement" and self._returns_true(statement):
                if function is not None and self.ctx.result_types(function)[:1] == ["bool"]:
                    return statement
            if (
                statement.type == "return_statement"
                and function is not None
                and self._returns_nil_error(statement, function)
            ):
                return statement
        return None

    def _is_next(self, call: Node) -> bool:
        name = self.ctx.text(call.child_by_field_name("function"))
        last = self.ctx.last_name(name)
        if last == "ServeHTTP" or name in ("next", "handler", "h") or last == "Next" and name.startswith("c."):
            return True
        return name.endswith(".next") or name.endswith("Handler") and last != "ServeHTTP" and name == "handler"

    def _returns_nil_error(self, statement: Node, function: Node) -> bool:
        """`return nil` from `func authorize(...) error`: the caller reads nil as "allowed"."""
        if self.ctx.result_types(function) != ["error"]:
            return False
        if not words(self.ctx.function_name(function).replace(".", "_")) & _DECIDERS:
            return False
        return self.ctx.text(statement).replace(" ", "") == "returnnil"

    def _returns_true(self, statement: Node) -> bool:
        values = [c for c in statement.named_children if c.type != "comment"]
        items = self.ctx.expressions(values[0]) if values else []
        return bool(items) and items[0].type == "true"
