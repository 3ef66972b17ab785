"""IDG425: an authentication or authorization check skipped by a debug or bypass switch."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import function_words, words
from .support.tree import Node

_SWITCH_WORDS = frozenset(
    {
        "debug",
        "bypass",
        "skip",
        "disable",
        "disabled",
        "insecure",
        "noauth",
        "dev",
        "development",
        "local",
        "test",
        "testing",
    }
)
_AUTH_WORDS = frozenset(
    {
        "auth",
        "authn",
        "authz",
        "authorize",
        "authenticate",
        "authentication",
        "authorization",
        "jwt",
        "token",
        "rbac",
        "permission",
        "require",
        "guard",
        "admin",
        "acl",
        "authorizer",
        "authenticator",
        "verifier",
    }
)
_NOT_AUTH = frozenset({"log", "logging", "metrics", "trace", "cache", "compress", "cors", "limiter", "ratelimit"})


class GoAuthzBypassFlag(GoGuard):
    """
    ## What it does
    Finds authentication and authorization middleware (or gRPC
    interceptors) that let a request through when a debug or bypass switch is
    on: `if os.Getenv("DISABLE_AUTH") == "true" { next.ServeHTTP(w, r) }`,
    `if cfg.Debug { return handler(ctx, req) }`, `if r.Header.Get("X-Debug")
    != "" { c.Next() }`. The finding is on the line that continues.

    ## Why is this bad?
    A switch that turns the check off gets turned on: in a shared staging
    environment, by a copied `.env`, or, when it is a header or a query
    parameter, by any caller. Everything behind the middleware is then open.

    ## Example
    ```go
    if os.Getenv("SKIP_AUTH") == "1" {
        next.ServeHTTP(w, r)
        return
    }
    ```

    ## Use instead
    ```go
    // No switch: local development uses a real (test) identity provider or signed dev tokens.
    ```
    """

    id = "IDG425"
    name = "go-authz-bypass-flag"
    title = "Authorization skipped by a switch"
    fix_hint = "Remove the bypass; test with real (test) credentials instead of switching the check off."
    meta = GuardMeta(
        cwe=["CWE-489", "CWE-288"],
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
            package mw

            func Auth(next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    if _, err := verify(r); err != nil {
                        http.Error(w, "unauthorized", http.StatusUnauthorized)
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

            func Logging(debug bool, next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    if debug {
                        log.Printf("%s %s", r.Method, r.URL.Path)
                    }
                    next.ServeHTTP(w, r)
                })
            }
            """
        ),
        Valid(
            """
            package mw

            func Auth(cfg Config, next http.Handler) http.Handler {
                if cfg.DisableAuth {
                    log.Fatal("auth cannot be disabled")
                }
                return requireToken(next)
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package mw

            func RequireAuth(next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    if os.Getenv("DISABLE_AUTH") == "true" {
                        next.ServeHTTP(w, r)
                        return
                    }
                    if _, err := verify(r); err != nil {
                        http.Error(w, "unauthorized", http.StatusUnauthorized)
                        return
                    }
                    next.ServeHTTP(w, r)
                })
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package grpcauth

            func (a *Authorizer) Unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
                if a.cfg.Debug {
                    return handler(ctx, req)
                }
                return a.check(ctx, req, info, handler)
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package mw

            func AdminOnly() gin.HandlerFunc {
                return func(c *gin.Context) {
                    if c.GetHeader("X-Debug-Bypass") != "" {
                        c.Next()
                        return
                    }
                    if !isAdmin(c) {
                        c.AbortWithStatus(http.StatusForbidden)
                        return
                    }
                    c.Next()
                }
            }
            """,
            line=6,
        ),
    ]

    def visit_if_statement(self, node: Node) -> None:
        condition = node.child_by_field_name("condition")
        if condition is None:
            return
        switch = words(self.ctx.text(condition).replace(".", "_").replace('"', "_").replace("-", "_").replace("(", "_"))
        if not switch & _SWITCH_WORDS:
            return
        around = function_words(self.ctx, node)
        if around & _NOT_AUTH or not around & _AUTH_WORDS:
            return
        consequence = node.child_by_field_name("consequence")
        function = self.ctx.enclosing_function(node)
        for statement in (
            self.ctx.descendants(consequence, ("expression_statement", "return_statement")) if consequence else []
        ):
            if self.ctx.enclosing_function(statement) != function:
                continue
            for call in self.ctx.descendants(statement, ("call_expression",)):
                name = self.ctx.text(call.child_by_field_name("function"))
                last = self.ctx.last_name(name)
                if last == "ServeHTTP" or name in ("next", "handler") or last == "Next" and name.startswith("c."):
                    self.report(statement, "The check is skipped when a debug or bypass switch is on.")
                    return
