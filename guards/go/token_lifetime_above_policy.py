"""IDG408: a credential lifetime above the policy's limits (Go)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta, with_article
from .support.durations import (
    credential_lifetime_kind,
    describe_seconds,
    duration_seconds,
    expiry_offset_seconds,
    lifetime_limit_seconds,
)
from .support.guard import GoGuard
from .support.judge import function_words, words
from .support.tree import Node

_COOKIE_WORDS = frozenset({"session", "sess", "sid", "token", "auth", "jwt", "remember", "refresh", "access", "login"})
_TTL_WORDS = frozenset(
    {"ttl", "lifetime", "expiry", "expires", "expiration", "age", "duration", "validity", "exp", "timeout"}
)


class GoTokenLifetimeAbovePolicy(GoGuard):
    """
    ## What it does
    Finds credential lifetimes above the policy limits (`limits.*` in
    `.idguard/policy.toml`, the same limits the Python and TypeScript
    lifetime guards apply): a JWT `"exp"` or `ExpiresAt` set to
    `time.Now().Add(d)` (or `.AddDate(y, m, d)`) with `d` a constant
    `time.Duration` (`time.Hour * 24 * 365`, `30 * 24 * time.Hour`, a
    `const tokenTTL`), a cookie or session `MaxAge` (seconds) or `Expires`,
    and a named lifetime constant (`refreshTokenTTL`, `sessionMaxAge`). The
    kind of credential (access, refresh, session, invitation, API key) comes
    from the names around it; a JWT of unknown kind is an access token. The
    finding is on the line that holds the duration.

    ## Why is this bad?
    The lifetime bounds how long a stolen credential works. A year-long
    access token is a year of access for whoever copied it from a log, a
    proxy or a browser, with no revocation list to stop it.

    ## Example
    ```go
    "exp": time.Now().Add(time.Hour * 24 * 365).Unix(),
    ```

    ## Use instead
    ```go
    "exp": time.Now().Add(15 * time.Minute).Unix(), // and a refresh token for longer sessions
    ```
    """

    id = "IDG408"
    name = "go-token-lifetime-above-policy"
    title = "Credential lifetime above policy"
    fix_hint = (
        "Shorten the lifetime to the policy limit (`limits.*` in .idguard/policy.toml); refresh instead of extending."
    )
    triggers = ("time.", "maxage")
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            package auth

            func claims(id string) jwt.MapClaims {
                return jwt.MapClaims{"sub": id, "exp": time.Now().Add(15 * time.Minute).Unix()}
            }
            """
        ),
        Valid(
            """
            package auth

            const refreshTokenTTL = 14 * 24 * time.Hour

            func refreshClaims(id string) jwt.RegisteredClaims {
                return jwt.RegisteredClaims{Subject: id, ExpiresAt: jwt.NewNumericDate(time.Now().Add(refreshTokenTTL))}
            }
            """
        ),
        Valid(
            """
            package auth

            var cacheTTL = 30 * 24 * time.Hour // CDN cache of public keys, not a credential
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            func issueAccessToken(id string) (string, error) {
                claims := jwt.MapClaims{
                    "sub": id,
                    "exp": time.Now().Add(time.Hour * 24 * 365).Unix(),
                }
                return sign(claims)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            const tokenTTL = 90 * 24 * time.Hour

            func (s *Service) Claims(id string) jwt.RegisteredClaims {
                return jwt.RegisteredClaims{Subject: id, ExpiresAt: jwt.NewNumericDate(time.Now().Add(tokenTTL))}
            }
            """,
            line=3,
        ),
        Invalid(
            """
            package auth

            func setSession(w http.ResponseWriter, sid string) {
                http.SetCookie(w, &http.Cookie{
                    Name:     "session_id",
                    Value:    sid,
                    MaxAge:   60 * 60 * 24 * 90,
                    Secure:   true,
                    HttpOnly: true,
                })
            }
            """,
            line=7,
        ),
        Invalid(
            """
            package auth

            func (s *Store) RefreshClaims(id string) jwt.MapClaims {
                return jwt.MapClaims{"sub": id, "typ": "refresh", "exp": time.Now().AddDate(1, 0, 0).Unix()}
            }
            """,
            line=4,
        ),
    ]

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is None:
            return
        key, value, literal = field
        if key in ("Expires", "MaxAge") and literal is not None and not self._credential_cookie(literal):
            return
        if key in ("exp", "ExpiresAt", "Expires", "Expiry", "ExpiresIn"):
            seconds = expiry_offset_seconds(self.ctx, value)
            if seconds is None and key == "ExpiresIn":
                seconds = duration_seconds(self.ctx, value)
            where = self._site(value) or node
            self._judge(where, seconds, self._kind(node, literal, default="access"))
        elif key == "MaxAge":
            seconds = self.ctx.number_value(value)
            kind = self._kind(node, literal, default="session")
            self._judge(self.ctx.definition(value) or node, seconds, kind)

    def _credential_cookie(self, literal: Node) -> bool:
        """A cookie's lifetime is judged only for a session or auth cookie (a theme cookie may live a year)."""
        type_name = self.ctx.composite_type(literal)
        if not type_name.endswith("Cookie"):
            return True
        composite = self.ctx.composite(literal)
        fields = composite.fields if composite is not None else {}
        name = self.ctx.string_value(fields.get("Name")) or self.ctx.text(fields.get("Name"))
        value = self.ctx.text(fields.get("Value")).rsplit(".", 1)[-1]
        return bool((words(name) | words(value)) & _COOKIE_WORDS)

    def visit_const_spec(self, node: Node) -> None:
        self._named_duration(node)

    def visit_var_spec(self, node: Node) -> None:
        self._named_duration(node)

    def _named_duration(self, node: Node) -> None:
        names = node.children_by_field_name("name")
        values = self.ctx.expressions(node.child_by_field_name("value"))
        for name, value in zip(names, values, strict=False):
            name_words = words(self.ctx.text(name))
            if not name_words & _TTL_WORDS:
                continue
            kind = credential_lifetime_kind(name_words)
            if kind is None:
                continue
            seconds = duration_seconds(self.ctx, value)
            if seconds is None and name_words & {"age"}:
                seconds = self.ctx.number_value(value)
            self._judge(value, seconds, kind)

    def _site(self, value: Node | None, depth: int = 4) -> Node | None:
        """Where the long duration is written when it is not in place: a named constant (`Add(tokenTTL)`), or the
        variable holding the expiry time (`expiresAt := time.Now().Add(...)`)."""
        node = self.ctx.unwrap(value)
        if node is None or depth == 0:
            return None
        if node.type == "identifier":
            definition = self.ctx.definition(node)
            if definition is None:
                return None
            return self._site(definition, depth - 1) or definition
        if node.type != "call_expression":
            return None
        last = self.ctx.last_name(self.ctx.call_name(node))
        if last == "Add":
            argument = self.ctx.unwrap(self.ctx.arg(node, 0))
            return self.ctx.definition(argument) if argument is not None and argument.type == "identifier" else None
        if last in ("NewNumericDate", "At") and self.ctx.args(node):
            return self._site(self.ctx.arg(node, 0), depth - 1)
        function = node.child_by_field_name("function")
        if last in ("Unix", "UnixMilli", "UTC") and function is not None and function.type == "selector_expression":
            return self._site(function.child_by_field_name("operand"), depth - 1)
        return None

    def _kind(self, node: Node, literal: Node | None, default: str) -> str:
        found = set(function_words(self.ctx, node))
        if literal is not None:
            composite = self.ctx.composite(literal)
            if composite is not None:
                for key, value in composite.fields.items():
                    if key in ("typ", "type", "token_type", "kind", "use", "Name"):
                        found |= words(self.ctx.string_value(value) or "")
                found |= words(self.ctx.last_name(composite.type_name))
            holder = literal.parent
            while holder is not None and holder.type in ("unary_expression", "expression_list", "literal_element"):
                holder = holder.parent
            if holder is not None and holder.type in ("short_var_declaration", "assignment_statement"):
                found |= words(self.ctx.text(holder.child_by_field_name("left")))
        if "remember" in found:
            return "refresh"  # a remember-me cookie renews sessions, as a refresh token does
        return credential_lifetime_kind(found) or default

    def _judge(self, node: Node, seconds: float | None, kind: str) -> None:
        if seconds is None or seconds <= 0:
            return
        limit = lifetime_limit_seconds(self.ctx.policy, kind)
        if seconds > limit:
            label = kind.replace("_", " ")
            self.report(
                node,
                f"{with_article(label)} lifetime of {describe_seconds(seconds)} is above the policy limit of "
                f"{describe_seconds(limit)}.",
            )
