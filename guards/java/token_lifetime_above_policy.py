"""IDG508: a token expiry further away than the policy allows (`limits.*`)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.durations import credential_lifetime_kind, describe_seconds, lifetime_limit_seconds, lifetime_seconds
from .support.guard import JavaGuard
from .support.judge import function_words, words
from .support.jwt import EXPIRY_METHODS
from .support.tree import Node


class JavaTokenLifetimeAbovePolicy(JavaGuard):
    """
    ## What it does
    Reads the expiry given to a token (`setExpiration`, `expiration`,
    `withExpiresAt`, `expirationTime`) as an offset from now
    (`new Date(System.currentTimeMillis() + N)`, `Instant.now().plus(Duration.ofDays(365))`,
    `now.plus(30, ChronoUnit.DAYS)`, `plusSeconds(N)`, constants followed) and
    reports one above the policy limit for its kind: refresh tokens
    (`limits.max_refresh_token_ttl_seconds`), invitations and reset links
    (`max_invite_ttl_seconds`), API keys, sessions, else access tokens
    (`max_access_token_ttl_seconds`). The kind comes from the words of the
    method, class and variables around the call.

    ## Why is this bad?
    A long-lived bearer token is a long-lived password: it survives logout,
    role changes and offboarding, and a stolen one keeps working for months.

    ## Example
    ```java
    .setExpiration(new Date(System.currentTimeMillis() + 1000L * 60 * 60 * 24 * 365))
    ```

    ## Use instead
    ```java
    .setExpiration(new Date(System.currentTimeMillis() + 15 * 60 * 1000))
    ```
    """

    id = "IDG508"
    name = "java-token-lifetime-above-policy"
    title = "Token lifetime above the policy limit"
    fix_hint = "Shorten the lifetime to the policy's limit (`limits.*` in .idguard/policy.toml) and refresh instead."
    triggers = ("expiration", "expiresat")
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            String t = Jwts.builder().subject(id).setExpiration(new Date(System.currentTimeMillis() + 15 * 60 * 1000)).compact();
            """
        ),
        Valid(
            """
            String t = JWT.create().withExpiresAt(Instant.now().plus(Duration.ofMinutes(30))).sign(alg);
            """
        ),
        Valid(
            """
            String t = Jwts.builder().expiration(new Date(System.currentTimeMillis() + expirationMillis)).compact();
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            private static final long EXPIRATION_MS = 1000L * 60 * 60 * 24 * 365;
            String t = Jwts.builder().setSubject(id)
                .setExpiration(new Date(System.currentTimeMillis() + EXPIRATION_MS))
                .compact();
            """,
            line=3,
        ),
        Invalid(
            """
            String t = JWT.create().withExpiresAt(Instant.now().plus(90, ChronoUnit.DAYS)).sign(alg);
            """,
            line=1,
        ),
        Invalid(
            """
            String refreshToken(String id) {
                return Jwts.builder().subject(id).expiration(Date.from(Instant.now().plus(Duration.ofDays(400)))).compact();
            }
            """,
            line=2,
        ),
    ]

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method not in EXPIRY_METHODS:
            return
        seconds = lifetime_seconds(ctx, ctx.arg(node, 0))
        if seconds is None:
            return
        target = node.parent
        names = (
            words(ctx.text(target.child_by_field_name("name")))
            if target is not None and target.type == "variable_declarator"
            else set()
        )
        kind = credential_lifetime_kind(function_words(ctx, node) | names) or "access"
        limit = lifetime_limit_seconds(ctx.policy, kind)
        if seconds > limit:
            self.report(
                node.child_by_field_name("name") or node,
                f"The {kind.replace('_', ' ')} token lives {describe_seconds(seconds)}, above the policy's "
                f"{describe_seconds(limit)}.",
            )
