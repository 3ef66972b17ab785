"""IDG518: an authorization filter or check that allows the request when the check fails with an error."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import words
from .support.tree import Node

_AUTHZ_TYPES = frozenset(
    {
        "Filter",
        "OncePerRequestFilter",
        "GenericFilterBean",
        "HandlerInterceptor",
        "AsyncHandlerInterceptor",
        "HandlerInterceptorAdapter",
        "ContainerRequestFilter",
        "ServerInterceptor",
        "AuthorizationManager",
        "ReactiveAuthorizationManager",
        "PermissionEvaluator",
        "WebFilter",
        "AccessDecisionVoter",
        "HttpFilter",
        "GatewayFilter",
        "GlobalFilter",
    }
)
_AUTHZ_WORDS = frozenset(
    {"authorize", "authorized", "authorization", "permission", "permissions", "permitted", "allowed", "allow"}
    | {
        "access",
        "entitled",
        "entitlement",
        "policy",
        "authz",
        "rbac",
        "can",
        "check",
        "has",
        "guard",
        "pre",
        "intercept",
    }
)
_CONTINUE = frozenset({"doFilter", "filter", "startCall", "proceed"})


class JavaAuthzFailOpen(JavaGuard):
    """
    ## What it does
    Finds authorization code that lets the request through when the check
    itself fails: in a catch block of a servlet/Spring filter, interceptor,
    JAX-RS `ContainerRequestFilter`, gRPC `ServerInterceptor`,
    `AuthorizationManager` or `PermissionEvaluator` (or a method named for a
    permission check), a catch that only logs and lets the method go on to
    continue the chain or return true, a `chain.doFilter(...)`, `return chain.filter(exchange)`,
    `return next.startCall(...)`, `return true`, `new AuthorizationDecision(true)`
    or `ACCESS_GRANTED`; and `.orElse(true)` on a permission lookup. An
    authentication filter that only sets the security context in its `try`
    and continues unauthenticated on error is not reported: the authorization
    rules after it still deny.

    ## Why is this bad?
    When the policy engine is down, times out or throws, every request is
    allowed: an attacker who can make the check fail (a malformed header, a
    slow backend) gets in, and an outage silently turns off access control.

    ## Example
    ```java
    try { allowed = policy.check(user, path); } catch (Exception e) { chain.doFilter(req, res); return; }
    ```

    ## Use instead
    ```java
    try { allowed = policy.check(user, path); } catch (Exception e) { res.sendError(503); return; }
    ```
    """

    id = "IDG518"
    name = "java-authz-fail-open"
    title = "Authorization allows the request when the check fails"
    fix_hint = "Deny on error: send 403/503, return false, or rethrow `AccessDeniedException`."
    triggers = ("catch", "orelse")
    meta = GuardMeta(
        cwe=["CWE-636", "CWE-755"],
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
            class PolicyFilter extends OncePerRequestFilter {
                protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
                    try {
                        if (!policy.isAllowed(req)) { res.sendError(403); return; }
                    } catch (PolicyException e) {
                        res.sendError(503);
                        return;
                    }
                    chain.doFilter(req, res);
                }
            }
            """
        ),
        Valid(
            """
            class JwtFilter extends OncePerRequestFilter {
                protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
                    try {
                        SecurityContextHolder.getContext().setAuthentication(tokens.authenticate(req));
                    } catch (JwtException e) {
                        SecurityContextHolder.clearContext();
                    }
                    chain.doFilter(req, res);
                }
            }
            """
        ),
        Valid(
            """
            boolean canEdit(User u, Doc d) {
                try { return acl.check(u, d); } catch (AclException e) { log.warn("acl", e); return false; }
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class TenantFilter extends OncePerRequestFilter {
                protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
                    try {
                        if (!tenants.isMember(req.getUserPrincipal().getName(), tenantOf(req))) { res.sendError(403); return; }
                    } catch (TenantServiceException e) {
                        log.warn("tenant check failed", e);
                    }
                    chain.doFilter(req, res);
                }
            }
            """,
            line=5,
        ),
        Invalid(
            """
            class PolicyFilter implements Filter {
                public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
                    try {
                        if (!opa.allow((HttpServletRequest) req)) { ((HttpServletResponse) res).sendError(403); return; }
                    } catch (Exception e) {
                        chain.doFilter(req, res);
                        return;
                    }
                    chain.doFilter(req, res);
                }
            }
            """,
            line=6,
        ),
        Invalid(
            """
            boolean hasPermission(Authentication auth, Object target, Object permission) {
                try { return permissions.lookup(auth.getName(), permission); }
                catch (RuntimeException e) { return true; }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            class AdminAuthz implements AuthorizationManager<RequestAuthorizationContext> {
                public AuthorizationDecision check(Supplier<Authentication> a, RequestAuthorizationContext c) {
                    try { return new AuthorizationDecision(rbac.isAdmin(a.get())); }
                    catch (Exception e) { return new AuthorizationDecision(true); }
                }
            }
            """,
            line=4,
        ),
        Invalid(
            """
            boolean canAccess(String user, String resource) {
                return cache.lookup(user, resource).orElse(true);
            }
            """,
            line=2,
        ),
    ]

    def _authorizes(self, node: Node) -> bool:
        ctx = self.ctx
        klass = ctx.enclosing_class(node)
        if set(ctx.supertypes(klass)) & _AUTHZ_TYPES:
            return True
        method = ctx.enclosing_method(node)
        return bool(words(ctx.function_name(method)) & _AUTHZ_WORDS) if method is not None else False

    def _strongly_authorizes(self, node: Node) -> bool:
        """A filter or interceptor class, or a method named for authorization (not just `has...`/`check...`)."""
        ctx = self.ctx
        if set(ctx.supertypes(ctx.enclosing_class(node))) & _AUTHZ_TYPES:
            return True
        method = ctx.enclosing_method(node)
        strong = {"authorize", "authorized", "authorization", "permission", "permissions", "policy", "authz", "rbac"}
        return bool(words(ctx.function_name(method)) & (strong | {"access", "entitled", "entitlement", "allowed"}))

    def _authentication_only(self, catch: Node) -> bool:
        """The try block only authenticates (sets the context): continuing unauthenticated is not an allow."""
        ctx = self.ctx
        try_statement = catch.parent
        body = try_statement.child_by_field_name("body") if try_statement is not None else None
        text = ctx.text(body)
        if "setAuthentication" not in text:
            return False
        lowered = text.lower()
        return not any(w in lowered for w in ("permission", "authorize", "isallowed", "hasrole", "policy", "access"))

    def visit_catch_clause(self, node: Node) -> None:
        ctx = self.ctx
        body = node.child_by_field_name("body")
        if body is None or not self._authorizes(node):
            return
        if self._falls_through(node) and self._strongly_authorizes(node) and not self._authentication_only(node):
            self.report(node, "The failed check is swallowed and the request continues as if it were allowed.")
            return
        for statement in ctx.statements(body):
            target = statement
            if statement.type == "return_statement":
                value = statement.named_children[0] if statement.named_children else None
                if value is not None and self._allows(value):
                    self.report(statement, "The check fails open: an error allows the request.")
                    return
                if value is None:
                    continue
                target = value
            elif statement.type == "expression_statement" and statement.named_children:
                target = statement.named_children[0]
            if target.type == "method_invocation" and ctx.method_name(target) in _CONTINUE and self._continues(target):
                if ctx.method_name(target) == "doFilter" and self._authentication_only(node):
                    return
                self.report(target, "The filter continues the chain when the authorization check fails.")
                return

    def _falls_through(self, catch: Node) -> bool:
        """A catch that neither denies nor leaves, in a method that continues the chain after the try."""
        ctx = self.ctx
        body = catch.child_by_field_name("body")
        text = ctx.text(body)
        if re.search(
            r"\b(?:return|throw)\b|sendError|setStatus|abortWith|reject|deny|Deny|close\(|onError|FORBIDDEN|UNAUTHORIZED",
            text,
        ):
            return False
        try_statement = catch.parent
        method = ctx.enclosing_method(catch)
        if try_statement is None or method is None:
            return False
        after = ctx.text(method)[try_statement.end_byte - method.start_byte :]
        return bool(
            re.search(r"\b(?:chain|filterChain|next)\.(?:doFilter|filter|proceed|startCall)\(|return\s+true\b", after)
        )

    def _continues(self, call: Node) -> bool:
        ctx = self.ctx
        receiver = ctx.text(ctx.receiver(call)).lower()
        return any(w in receiver for w in ("chain", "next", "invocation", "joinpoint", "pjp"))

    def _allows(self, value: Node) -> bool:
        ctx = self.ctx
        if value.type == "true":
            return True
        text = ctx.text(value).replace(" ", "")
        if text.endswith("ACCESS_GRANTED") or text in (
            "newAuthorizationDecision(true)",
            "Mono.just(newAuthorizationDecision(true))",
        ):
            return True
        return value.type == "method_invocation" and ctx.method_name(value) in _CONTINUE and self._continues(value)

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.method_name(node) == "orElse" and ctx.bool_value(ctx.arg(node, 0)) is True:
            method = ctx.enclosing_method(node)
            if method is not None and words(ctx.function_name(method)) & _AUTHZ_WORDS:
                self.report(node.child_by_field_name("name") or node, "A missing permission answer defaults to allow.")
