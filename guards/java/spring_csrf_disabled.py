"""IDG503: Spring Security CSRF protection disabled on an application that authenticates with cookies."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.tree import Node

# What shows the chain authenticates without cookies (a bearer-token API), where CSRF does not apply.
_STATELESS = ("stateless", "oauth2resourceserver", "bearertoken", "jwtauthenticationconverter")
# What shows a browser session: form login, OAuth2/SAML login, remember-me, session cookies.
_SESSION = ("formlogin", "oauth2login", "saml2login", "rememberme", "jsessionid", "sessionmanagement", "httpsession")


class JavaSpringCsrfDisabled(JavaGuard):
    """
    ## What it does
    Finds CSRF protection switched off in a Spring Security chain
    (`csrf().disable()`, `csrf(c -> c.disable())`,
    `csrf(AbstractHttpConfigurer::disable)`, WebFlux
    `csrf(ServerHttpSecurity.CsrfSpec::disable)`) when the chain does not
    declare itself stateless (`SessionCreationPolicy.STATELESS`, an OAuth2
    resource server with bearer tokens).

    ## Why is this bad?
    With session or remember-me cookies the browser attaches the credential
    to every request, including ones a malicious page submits. Without the
    CSRF token any site the user visits can change their email, password or
    roles.

    ## Example
    ```java
    http.formLogin(Customizer.withDefaults()).csrf(csrf -> csrf.disable());
    ```

    ## Use instead
    ```java
    http.formLogin(Customizer.withDefaults()).csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()));
    ```
    """

    id = "IDG503"
    name = "java-spring-csrf-disabled"
    title = "CSRF protection disabled on a cookie-session application"
    fix_hint = (
        "Keep CSRF on for browser sessions (exempt only webhook paths with `ignoringRequestMatchers`); disable it "
        "only for a stateless bearer-token API (`SessionCreationPolicy.STATELESS`)."
    )
    triggers = ("csrf",)
    meta = GuardMeta(
        cwe=["CWE-352"],
        owasp_nhi=[],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["sso"],
    )
    VALID = [
        Valid(
            """
            http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()));
            """
        ),
        Valid(
            """
            http.formLogin(Customizer.withDefaults()).csrf(c -> c.ignoringRequestMatchers("/webhooks/stripe"));
            """
        ),
        Valid(
            """
            http.csrf(AbstractHttpConfigurer::disable).sessionManagement(s -> s.sessionCreationPolicy(STATELESS));
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            http.formLogin(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable());
            """,
            line=2,
        ),
        Invalid(
            """
            http.authorizeRequests().anyRequest().authenticated().and().formLogin().and().csrf().disable();
            """,
            line=1,
        ),
        Invalid(
            """
            SecurityFilterChain web(HttpSecurity http) throws Exception {
                http.csrf(AbstractHttpConfigurer::disable);
                http.rememberMe(r -> r.key(rememberKey));
                return http.build();
            }
            """,
            line=2,
        ),
    ]

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.method_name(node) != "csrf":
            return
        disabled = False
        argument = ctx.arg(node, 0)
        if argument is None:
            chain = ctx.chain(node)
            index = chain.index(node)
            disabled = index + 1 < len(chain) and ctx.method_name(chain[index + 1]) == "disable"
        elif argument.type == "method_reference":
            disabled = ctx.text(argument).replace(" ", "").endswith("::disable")
        elif argument.type == "lambda_expression":
            body = argument.child_by_field_name("body")
            disabled = any(ctx.method_name(c) == "disable" for c in ctx.descendants(body, ("method_invocation",)))
        if not disabled:
            return
        scope = ctx.enclosing_method(node) or ctx.enclosing_class(node)
        text = ctx.text(scope if scope is not None else ctx.tree.root).lower().replace("_", "")
        if any(word in text for word in _STATELESS):
            return
        session = next((w for w in _SESSION if w in text), None)
        why = f" and the chain uses `{session}`" if session else " and the chain does not declare itself stateless"
        self.report(node.child_by_field_name("name") or node, f"CSRF protection is disabled{why}.")
