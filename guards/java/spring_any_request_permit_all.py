"""IDG502: Spring Security `anyRequest().permitAll()`: every path without a rule is open."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.spring import ANY, MATCHERS, is_everything, matcher_before, matcher_paths
from .support.tree import Node


class JavaSpringAnyRequestPermitAll(JavaGuard):
    """
    ## What it does
    Finds the catch-all rule of a Spring Security filter chain set to
    `permitAll()`: `anyRequest().permitAll()`, WebFlux
    `anyExchange().permitAll()`, and `requestMatchers("/**").permitAll()`.

    ## Why is this bad?
    The catch-all rule decides every endpoint nobody wrote a rule for, which
    includes every endpoint added later. Open by default means a new admin or
    account endpoint ships unauthenticated unless someone remembers it.

    ## Example
    ```java
    http.authorizeHttpRequests(a -> a.requestMatchers("/login").permitAll().anyRequest().permitAll());
    ```

    ## Use instead
    ```java
    http.authorizeHttpRequests(a -> a.requestMatchers("/login").permitAll().anyRequest().authenticated());
    ```
    """

    id = "IDG502"
    name = "java-spring-any-request-permit-all"
    title = "Catch-all security rule permits every request"
    fix_hint = "End the rules with `.anyRequest().authenticated()` (or `.denyAll()`), and permit public paths by name."
    triggers = ("permitall",)
    meta = GuardMeta(
        cwe=["CWE-862", "CWE-1188"],
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
            http.authorizeHttpRequests(a -> a.requestMatchers("/login").permitAll().anyRequest().authenticated());
            """
        ),
        Valid(
            """
            http.authorizeExchange(x -> x.pathMatchers("/docs/**").permitAll().anyExchange().authenticated());
            """
        ),
        Valid(
            """
            http.authorizeRequests().antMatchers("/**/*.css").permitAll().anyRequest().hasRole("USER");
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            http.authorizeHttpRequests(a -> a
                .requestMatchers("/login").permitAll()
                .anyRequest().permitAll());
            """,
            line=3,
        ),
        Invalid(
            """
            http.authorizeExchange(x -> x.anyExchange().permitAll());
            """,
            line=1,
        ),
        Invalid(
            """
            http.authorizeRequests().antMatchers("/**").permitAll();
            """,
            line=1,
        ),
    ]

    def visit_method_invocation(self, node: Node) -> None:
        if self.ctx.method_name(node) != "permitAll" or self.ctx.args(node):
            return
        matcher = matcher_before(self.ctx, node)
        if matcher is None:
            return
        method = self.ctx.method_name(matcher)
        where = matcher.child_by_field_name("name") or matcher
        if method in ANY:
            self.report(where, f"`{method}().permitAll()` leaves every endpoint without a rule open to everyone.")
        elif method in MATCHERS and any(is_everything(p) for p in matcher_paths(self.ctx, matcher)):
            self.report(where, "`permitAll()` on `/**` opens every endpoint to everyone.")
