"""IDG501: Spring Security `permitAll()` on an admin or management path."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.spring import MATCHERS, is_sensitive_path, matcher_before, matcher_paths
from .support.tree import Node


class JavaSpringPermitAllAdmin(JavaGuard):
    """
    ## What it does
    Finds Spring Security rules that open an administrative or management
    surface to everyone: `requestMatchers("/admin/**").permitAll()` (also
    `antMatchers`, `mvcMatchers`, `regexMatchers`, WebFlux `pathMatchers`,
    `new AntPathRequestMatcher(...)`, paths held in constants) on paths such as
    `/admin`, `/management`, `/internal`, `/actuator/**` (health and info
    excepted), `/h2-console`, `/console`.

    ## Why is this bad?
    Admin endpoints change roles, users, keys and billing; actuator endpoints
    expose environment variables, heap dumps and shutdown. `permitAll()` makes
    them reachable without logging in, so any visitor can act as an
    administrator.

    ## Example
    ```java
    http.authorizeHttpRequests(auth -> auth.requestMatchers("/admin/**").permitAll());
    ```

    ## Use instead
    ```java
    http.authorizeHttpRequests(auth -> auth.requestMatchers("/admin/**").hasRole("ADMIN"));
    ```
    """

    id = "IDG501"
    name = "java-spring-permit-all-admin"
    title = "Admin or management path open to everyone (permitAll)"
    fix_hint = 'Require a role on admin and management paths (`.hasRole("ADMIN")`); permit only public pages.'
    triggers = ("permitall",)
    meta = GuardMeta(
        cwe=["CWE-862", "CWE-306"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/admin/**").hasRole("ADMIN")
                .requestMatchers("/public/**", "/login").permitAll()
                .anyRequest().authenticated());
            """
        ),
        Valid(
            """
            http.authorizeRequests().antMatchers("/actuator/health", "/actuator/info").permitAll();
            """
        ),
        Valid(
            """
            private static final String[] PUBLIC = {"/css/**", "/signup"};
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                return http.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC).permitAll()).build();
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/admin/**").permitAll()
                .anyRequest().authenticated());
            """,
            line=2,
        ),
        Invalid(
            """
            http.authorizeRequests().antMatchers(HttpMethod.POST, "/api/internal/users").permitAll();
            """,
            line=1,
        ),
        Invalid(
            """
            private static final String MGMT = "/management/**";
            SecurityWebFilterChain chain(ServerHttpSecurity http) {
                return http.authorizeExchange(x -> x.pathMatchers(MGMT).permitAll()).build();
            }
            """,
            line=3,
        ),
        Invalid(
            """
            http.authorizeHttpRequests(a -> a.requestMatchers(new AntPathRequestMatcher("/actuator/**")).permitAll());
            """,
            line=1,
        ),
    ]

    def visit_method_invocation(self, node: Node) -> None:
        if self.ctx.method_name(node) != "permitAll" or self.ctx.args(node):
            return
        matcher = matcher_before(self.ctx, node)
        if matcher is None or self.ctx.method_name(matcher) not in MATCHERS:
            return
        sensitive = [p for p in matcher_paths(self.ctx, matcher) if is_sensitive_path(p)]
        if sensitive:
            where = matcher.child_by_field_name("name") or matcher
            self.report(where, f"`permitAll()` opens `{sensitive[0][:80]}` to unauthenticated callers.")
