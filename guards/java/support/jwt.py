"""JWT library calls in Java: jjwt (`io.jsonwebtoken`), Auth0 `java-jwt` (`com.auth0.jwt`), Nimbus JOSE+JWT.

A builder chain is recognised by its root (`Jwts.builder()`, `JWT.create()`, `new JWTClaimsSet.Builder()`), so
an unrelated `builder()` is never mistaken for a token.
"""

from __future__ import annotations

from .context import JavaContext
from .tree import Node

EXPIRY_METHODS = frozenset({"setExpiration", "expiration", "withExpiresAt", "expirationTime", "setExpirationTime"})


def token_builder(ctx: JavaContext, call: Node, depth: int = 2) -> str | None:
    """'jjwt', 'auth0' or 'nimbus' when the chain of `call` starts at a token builder; else None."""
    chain = ctx.chain(call)
    first = chain[0]
    root = ctx.receiver(first)
    if root is not None and root.type == "identifier" and depth > 0:
        bound = ctx.resolve(root)  # `JwtBuilder builder = Jwts.builder().subject(id); ... builder.compact()`
        if bound is not None and bound is not root and bound.type == "method_invocation":
            return token_builder(ctx, bound, depth - 1)
    name = ctx.call_name(first)
    if name.endswith("Jwts.builder") or name == "io.jsonwebtoken.Jwts.builder":
        return "jjwt"
    if name.endswith("JWT.create") and ("auth0" in name or name == "JWT.create"):
        return "auth0"
    root = ctx.receiver(first)
    if root is not None and root.type == "object_creation_expression":
        type_name = ctx.type_name(root)
        if type_name.endswith("JWTClaimsSet.Builder"):
            return "nimbus"
    return None


def is_jjwt_parser_chain(ctx: JavaContext, call: Node) -> bool:
    names = [ctx.call_name(c) for c in ctx.chain(call)]
    return any(n.endswith(("Jwts.parser", "Jwts.parserBuilder")) for n in names)
