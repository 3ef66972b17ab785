"""IDG412: CORS that allows any origin (or reflects it) together with credentials."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.context import Composite
from .support.guard import GoGuard
from .support.tree import Node

_ORIGIN_FIELDS = ("AllowedOrigins", "AllowOrigins")
_ORIGIN_FUNCS = ("AllowOriginFunc", "AllowOriginRequestFunc", "AllowOriginVaryRequestFunc", "AllowOriginsFunc")


class GoCorsWildcardCredentials(GoGuard):
    """
    ## What it does
    Finds CORS set up to send credentials to any site: `rs/cors` and
    `go-chi/cors` `Options{AllowedOrigins: []string{"*"}, AllowCredentials:
    true}`, gin-contrib `cors.Config{AllowAllOrigins: true, ...}` or
    `AllowOrigins: []string{"*"}`, echo `middleware.CORSConfig{AllowOrigins:
    []string{"*"}, AllowCredentials: true}`, an `AllowOriginFunc` that returns
    true for every origin, and handlers that copy the request's `Origin`
    into `Access-Control-Allow-Origin` in a function that also sends
    `Access-Control-Allow-Credentials: true`. A wildcard without credentials
    (a public API) is fine.

    ## Why is this bad?
    With credentials allowed, any web page the victim visits can call the
    API with the victim's cookies or auth headers and read the answers:
    profile, tokens, admin actions.

    ## Example
    ```go
    c := cors.New(cors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: true})
    ```

    ## Use instead
    ```go
    c := cors.New(cors.Options{AllowedOrigins: []string{"https://app.example.com"}, AllowCredentials: true})
    ```
    """

    id = "IDG412"
    name = "go-cors-wildcard-credentials"
    title = "CORS allows any origin with credentials"
    fix_hint = "List the trusted origins explicitly when credentials are allowed; never `*` or the reflected `Origin`."
    triggers = ("allowcredentials", "access-control-allow-credentials")
    meta = GuardMeta(
        cwe=["CWE-942", "CWE-346"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token", "rbac"],
    )
    VALID = [
        Valid(
            """
            package web

            import "github.com/rs/cors"

            var c = cors.New(cors.Options{AllowedOrigins: []string{"https://app.example.com"}, AllowCredentials: true})
            """
        ),
        Valid(
            """
            package web

            import "github.com/rs/cors"

            var public = cors.New(cors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: false})
            """
        ),
        Valid(
            """
            package web

            func withCORS(next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    if origin := r.Header.Get("Origin"); allowed[origin] {
                        w.Header().Set("Access-Control-Allow-Origin", origin)
                        w.Header().Set("Access-Control-Allow-Credentials", "true")
                    }
                    next.ServeHTTP(w, r)
                })
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package web

            import "github.com/rs/cors"

            var c = cors.New(cors.Options{
                AllowedOrigins:   []string{"*"},
                AllowCredentials: true,
            })
            """,
            line=6,
        ),
        Invalid(
            """
            package web

            import "github.com/gin-contrib/cors"

            func setup(r *gin.Engine) {
                r.Use(cors.New(cors.Config{AllowAllOrigins: true, AllowCredentials: true}))
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package web

            import "github.com/rs/cors"

            var c = cors.New(cors.Options{
                AllowOriginFunc:  func(origin string) bool { return true },
                AllowCredentials: true,
            })
            """,
            line=6,
        ),
        Invalid(
            """
            package web

            func withCORS(next http.Handler) http.Handler {
                return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
                    w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
                    w.Header().Set("Access-Control-Allow-Credentials", "true")
                    next.ServeHTTP(w, r)
                })
            }
            """,
            line=5,
        ),
    ]

    def visit_composite_literal(self, node: Node) -> None:
        composite = self.ctx.composite(node)
        if composite is None or self.ctx.bool_value(composite.fields.get("AllowCredentials")) is not True:
            return
        fields = composite.fields
        for name in _ORIGIN_FIELDS:
            items = self.ctx.string_items(fields.get(name)) if name in fields else None
            if items and "*" in items:
                self._report(fields[name], composite, f"`{name}` includes `*` while `AllowCredentials` is true.")
                return
        if self.ctx.bool_value(fields.get("AllowAllOrigins")) is True:
            self._report(
                fields["AllowAllOrigins"],
                composite,
                "`AllowAllOrigins` with `AllowCredentials`: every site gets credentialed access.",
            )
            return
        for name in _ORIGIN_FUNCS:
            function = self.ctx.resolve(fields.get(name))
            if function is not None and function.type == "func_literal" and self._always_true(function):
                self._report(
                    fields[name], composite, f"`{name}` accepts every origin while `AllowCredentials` is true."
                )
                return

    def visit_call_expression(self, node: Node) -> None:
        if self.ctx.last_name(self.ctx.call_name(node)) not in ("Set", "Add"):
            return
        args = self.ctx.args(node)
        if len(args) != 2 or (self.ctx.string_value(args[0]) or "").lower() != "access-control-allow-origin":
            return
        value = args[1]
        value_text = self.ctx.text(self.ctx.resolve(value) or value).replace(" ", "")
        reflected = 'Header.Get("Origin")' in value_text or value_text.endswith('.Get("Origin")')
        wildcard = self.ctx.string_value(value) == "*"
        if not reflected and not wildcard:
            return
        function = self.ctx.enclosing_function(node)
        if function is None or "access-control-allow-credentials" not in self.ctx.text(function).lower():
            return
        if reflected and self._checked(node, value):
            return
        self.report(node, "The request's own `Origin` is allowed with credentials: any site can call as the user.")

    def _checked(self, call: Node, value: Node) -> bool:
        """The reflected origin sits under an `if` that tests it (an allow-list)."""
        current = call.parent
        name = self.ctx.text(value)
        while current is not None and current.type not in (
            "func_literal",
            "function_declaration",
            "method_declaration",
        ):
            if current.type == "if_statement":
                condition = self.ctx.text(current.child_by_field_name("condition")) + self.ctx.text(
                    current.child_by_field_name("initializer")
                )
                condition = condition.replace(" ", "").replace('!=""', "").replace('==""', "")
                bare = name.replace(" ", "")
                if condition in (bare, "!" + bare, "") or condition.endswith(";" + bare):
                    current = current.parent
                    continue  # only tested for being there: not an allow-list
                if "Origin" in condition or bare in condition:
                    return True
            current = current.parent
        return False

    def _always_true(self, function: Node) -> bool:
        body = function.child_by_field_name("body")
        returns = self.ctx.descendants(body, ("return_statement",)) if body is not None else []
        return bool(returns) and all(self.ctx.text(r).replace(" ", "") == "returntrue" for r in returns)

    def _report(self, value: Node, composite: Composite, message: str) -> None:
        element = value.parent
        while element is not None and element.type != "keyed_element":
            element = element.parent
        self.report(element or composite.node, message)
