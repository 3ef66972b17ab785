"""IDG517: CORS allows any origin (or reflects the caller's) together with credentials."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.tree import Node

_ORIGIN_CALLS = frozenset(
    {"allowedOrigins", "allowedOriginPatterns", "addAllowedOrigin", "addAllowedOriginPattern", "setAllowedOrigins"}
    | {"setAllowedOriginPatterns"}
)
_CREDENTIAL_CALLS = frozenset({"allowCredentials", "setAllowCredentials"})


class JavaCorsWildcardCredentials(JavaGuard):
    """
    ## What it does
    Finds CORS configurations that accept every origin while allowing
    credentials: `allowedOrigins("*")`, `allowedOriginPatterns("*")`,
    `addAllowedOrigin("*")`, `setAllowedOrigins(List.of("*"))` with
    `allowCredentials(true)` in the same method or chain,
    `@CrossOrigin(origins = "*", allowCredentials = "true")`, and a filter
    that copies the request's `Origin` header into
    `Access-Control-Allow-Origin` while sending
    `Access-Control-Allow-Credentials: true`.

    ## Why is this bad?
    With credentials allowed, the browser sends the user's cookies or
    authorization to the API from any web page and lets that page read the
    answer: a malicious site can read the victim's data and act as them.

    ## Example
    ```java
    registry.addMapping("/api/**").allowedOriginPatterns("*").allowCredentials(true);
    ```

    ## Use instead
    ```java
    registry.addMapping("/api/**").allowedOrigins("https://app.example.com").allowCredentials(true);
    ```
    """

    id = "IDG517"
    name = "java-cors-wildcard-credentials"
    title = "CORS allows any origin with credentials"
    fix_hint = "List the trusted origins explicitly when credentials are allowed; never `*` or the reflected Origin."
    triggers = ("origin",)
    meta = GuardMeta(
        cwe=["CWE-942", "CWE-346"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["sso"],
    )
    VALID = [
        Valid(
            """
            registry.addMapping("/api/**").allowedOrigins("https://app.example.com").allowCredentials(true);
            """
        ),
        Valid(
            """
            registry.addMapping("/public/**").allowedOrigins("*").allowCredentials(false);
            """
        ),
        Valid(
            """
            CorsConfiguration cfg = new CorsConfiguration();
            cfg.setAllowedOrigins(List.of("*"));
            cfg.setAllowedMethods(List.of("GET"));
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            registry.addMapping("/api/**")
                .allowedOriginPatterns("*")
                .allowCredentials(true);
            """,
            line=2,
        ),
        Invalid(
            """
            CorsConfigurationSource source() {
                CorsConfiguration cfg = new CorsConfiguration();
                cfg.addAllowedOrigin("*");
                cfg.setAllowCredentials(true);
                return request -> cfg;
            }
            """,
            line=3,
        ),
        Invalid(
            """
            @CrossOrigin(origins = "*", allowCredentials = "true")
            public ResponseEntity<Profile> me() { return ok(); }
            """,
            line=1,
        ),
        Invalid(
            """
            void doFilter(HttpServletRequest request, HttpServletResponse response) {
                response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
                response.setHeader("Access-Control-Allow-Credentials", "true");
            }
            """,
            line=2,
        ),
    ]

    def _credentials_allowed(self, node: Node) -> bool:
        """`allowCredentials(true)` in the origin call's own chain, else on the same object in its method."""
        ctx = self.ctx
        chain = ctx.chain(node)
        in_chain = [c for c in chain if ctx.method_name(c) in _CREDENTIAL_CALLS]
        if in_chain:
            return any(ctx.bool_value(ctx.arg(c, 0)) is True for c in in_chain)
        root = ctx.text(ctx.chain_root(node))
        scope = ctx.enclosing_method(node) or ctx.enclosing_class(node) or ctx.tree.root
        for call in ctx.descendants(scope, ("method_invocation",)):
            if ctx.method_name(call) in _CREDENTIAL_CALLS and ctx.bool_value(ctx.arg(call, 0)) is True:
                if ctx.text(ctx.chain_root(call)) == root:
                    return True
        return False

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method in _ORIGIN_CALLS:
            origins = [v for a in ctx.args(node) for v in ctx.string_items(a)]
            if "*" in origins and self._credentials_allowed(node):
                self.report(node.child_by_field_name("name") or node, "CORS allows every origin with credentials.")
        elif method in ("setHeader", "addHeader", "header"):
            name = (ctx.string_value(ctx.arg(node, 0)) or "").lower()
            if name != "access-control-allow-origin":
                return
            value = ctx.resolve(ctx.arg(node, 1))
            reflected = value is not None and any(
                ctx.method_name(c) == "getHeader" and (ctx.string_value(ctx.arg(c, 0)) or "").lower() == "origin"
                for c in ctx.descendants(value, ("method_invocation",))
            )
            if not reflected and ctx.string_value(value) != "*":
                return
            scope = ctx.enclosing_method(node) or ctx.tree.root
            credentials = any(
                (ctx.string_value(ctx.arg(c, 0)) or "").lower() == "access-control-allow-credentials"
                and ctx.string_value(ctx.arg(c, 1)) == "true"
                for c in ctx.descendants(scope, ("method_invocation",))
            )
            if credentials:
                self.report(node, "The response allows credentials for any (reflected) origin.")

    def visit_annotation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.annotation_name(node) != "CrossOrigin":
            return
        origins = ctx.annotation_value(node, "origins") or ctx.annotation_value(node, "value")
        patterns = ctx.annotation_value(node, "originPatterns")
        values: list[str | None] = []
        for item in (origins, patterns):
            if item is not None:
                values += [
                    ctx.string_value(i)
                    for i in ([item] if item.type != "element_value_array_initializer" else item.named_children)
                ]
        credentials = ctx.string_value(ctx.annotation_value(node, "allowCredentials"))
        if "*" in values and credentials == "true":
            self.report(node, "`@CrossOrigin` allows every origin with credentials.")
