"""Spring Security DSL chains: which matcher a `permitAll()` applies to, and the paths it names.

Both styles are read: the lambda DSL (`http.authorizeHttpRequests(a -> a.requestMatchers("/admin/**").permitAll())`)
and the legacy chain (`http.authorizeRequests().antMatchers("/admin/**").permitAll().and().csrf().disable()`);
in each, the call before an access rule (`permitAll`, `authenticated`, `hasRole`) is the matcher it applies to.
"""

from __future__ import annotations

import re

from .context import JavaContext
from .tree import Node

MATCHERS = frozenset(
    {
        "requestMatchers",
        "antMatchers",
        "mvcMatchers",
        "regexMatchers",
        "pathMatchers",
        "antMatcher",
        "mvcMatcher",
        "securityMatchers",
    }
)
ANY = frozenset({"anyRequest", "anyExchange"})
# Path segments that name an administrative or management surface.
_SENSITIVE = re.compile(
    r"(?:^|/)(?:admin\w*|administration|manage|management|actuator|internal|console|h2-console|ops|debug|"
    r"backoffice|back-office|staff|sudo|superuser|jolokia|env|heapdump|threaddump|shutdown)(?:/|$|\*|\.)",
    re.IGNORECASE,
)
_HARMLESS_ACTUATOR = re.compile(r"^/?actuator/(?:health|info|prometheus)(?:/\*\*|/.*)?$", re.IGNORECASE)


def matcher_before(ctx: JavaContext, rule: Node) -> Node | None:
    """The matcher call an access rule applies to: `requestMatchers(...)` in `requestMatchers(...).permitAll()`."""
    chain = ctx.chain(rule)
    index = chain.index(rule) if rule in chain else -1
    if index <= 0:
        return None
    return chain[index - 1]


def matcher_paths(ctx: JavaContext, matcher: Node) -> list[str]:
    """The path patterns a matcher call names (literals, constants, `new AntPathRequestMatcher("/x")`,
    `antMatcher("/x")`, `HttpMethod.POST, "/x"`)."""
    paths: list[str] = []
    for argument in ctx.args(matcher):
        resolved = ctx.resolve(argument)
        if resolved is None:
            continue
        if resolved.type in ("object_creation_expression", "method_invocation") and resolved is not matcher:
            inner = ctx.arg(resolved, 0)
            value = ctx.string_value(inner)
            if value is not None:
                paths.append(value)
            continue
        paths.extend(v for v in ctx.string_items(resolved) if v is not None)
    return paths


def is_sensitive_path(path: str) -> bool:
    if _HARMLESS_ACTUATOR.match(path.strip()):
        return False
    return bool(_SENSITIVE.search(path.strip()))


def is_everything(path: str) -> bool:
    return path.strip() in ("/**", "**", "/*", "/**/*")
