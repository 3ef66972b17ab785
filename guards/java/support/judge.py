"""Judgement several Java guards share: secret names, request input, words of the enclosing code.

Names are judged by their words with the vocabulary the other front ends use (`guards/secrets/words.py`), so a
`refreshToken` is a secret in every language and a `tokenType` in none.
"""

from __future__ import annotations

from ...secrets.words import identifier_words, secret_kind
from .context import JavaContext
from .tree import Node

__all__ = ["identifier_words", "secret_kind"]

# Parameter annotations whose value the client writes (Spring MVC, JAX-RS, Micronaut, Quarkus).
REQUEST_ANNOTATIONS = frozenset(
    {
        "RequestBody",
        "RequestParam",
        "RequestHeader",
        "PathVariable",
        "ModelAttribute",
        "RequestPart",
        "CookieValue",
        "QueryParam",
        "FormParam",
        "HeaderParam",
        "PathParam",
        "BeanParam",
        "Body",
        "QueryValue",
        "Header",
        "RestQuery",
        "RestForm",
        "RestHeader",
    }
)
_REQUEST_READS = frozenset({"getParameter", "getParameterValues", "getHeader", "getHeaders", "getQueryParameters"})
# Words that make a random or derived value a credential (tokens, codes, keys, reset links, session ids).
CREDENTIAL_WORDS = frozenset(
    {
        "token",
        "tokens",
        "otp",
        "totp",
        "code",
        "reset",
        "session",
        "sid",
        "invite",
        "invitation",
        "nonce",
        "csrf",
        "xsrf",
        "salt",
        "secret",
        "password",
        "passcode",
        "pin",
        "verification",
        "verify",
        "apikey",
        "key",
        "remember",
        "magic",
        "activation",
        "mfa",
        "state",
        "credential",
        "credentials",
        "recovery",
        "confirm",
        "confirmation",
        "link",
    }
)


def words(*names: str) -> set[str]:
    found: set[str] = set()
    for name in names:
        found.update(identifier_words(name.replace("-", "_").replace("/", "_").replace(".", "_")))
    return found


def name_of(ctx: JavaContext, node: Node | None) -> str:
    """The name an expression is known by: `token`, `this.apiKey` -> `apiKey`, `user.getPassword()` ->
    `Password`, `request.getHeader("Authorization")` -> `Authorization`."""
    node = ctx.unwrap(node)
    if node is None:
        return ""
    if node.type == "identifier":
        return ctx.text(node)
    if node.type == "field_access":
        return ctx.text(node.child_by_field_name("field"))
    if node.type == "method_invocation":
        method = ctx.method_name(node)
        if method in (
            "getHeader",
            "getHeaderString",
            "getFirst",
            "getParameter",
            "get",
            "getProperty",
            "getenv",
            "getAttribute",
        ):
            value = ctx.string_value(ctx.arg(node, 0))
            if value is not None:
                return value
        for prefix in ("get", "is"):
            if method.startswith(prefix) and len(method) > len(prefix) and method[len(prefix)].isupper():
                return method[len(prefix) :]
        return method
    return ""


def secret_name_kind(name: str) -> str | None:
    return secret_kind(name) if name else None


def request_parameters(ctx: JavaContext) -> set[str]:
    """Names of parameters the client writes: annotated `@RequestBody`, `@RequestParam`... (per file)."""
    found = ctx.shared.get("request_parameters")
    if found is None:
        found = set()
        for parameter in ctx.nodes("formal_parameter"):
            for annotation in ctx.annotations(parameter):
                if ctx.annotation_name(annotation) in REQUEST_ANNOTATIONS:
                    found.add(ctx.parameter_name(parameter))
        ctx.shared["request_parameters"] = found
    return found


def is_request_input(ctx: JavaContext, node: Node | None, depth: int = 4) -> bool:
    """`dto.getRole()` of a `@RequestBody` DTO, `request.getParameter("role")`, `req.getHeader("X-Role")`,
    a `@RequestParam String role`, through local variables."""
    node = ctx.unwrap(node)
    while node is not None and depth > 0:
        depth -= 1
        if node.type == "identifier":
            if ctx.text(node) in request_parameters(ctx):
                return True
            bound = ctx.binding(node)
            if bound is None:
                return False
            node = ctx.unwrap(bound)
            continue
        if node.type == "method_invocation":
            if ctx.method_name(node) in _REQUEST_READS:
                return True
            node = ctx.unwrap(ctx.receiver(node))
            continue
        if node.type == "field_access":
            node = ctx.unwrap(node.child_by_field_name("object"))
            continue
        return False
    return False


def function_words(ctx: JavaContext, node: Node) -> set[str]:
    """The words of the names of the method around `node` and of its class."""
    method = ctx.enclosing_method(node)
    found = words(ctx.function_name(method)) if method is not None else set()
    klass = ctx.enclosing_class(node)
    if klass is not None:
        found |= words(ctx.class_name(klass))
    return found


def target_name(ctx: JavaContext, node: Node) -> str:
    """The variable, field or return a value goes to: `String token = <node>`, `this.code = <node>`, or the
    method's name when `node` is returned."""
    current = node
    while current.parent is not None:
        parent = current.parent
        if parent.type == "variable_declarator":
            return ctx.text(parent.child_by_field_name("name"))
        if parent.type == "assignment_expression":
            return name_of(ctx, parent.child_by_field_name("left"))
        if parent.type == "return_statement":
            return ctx.function_name(ctx.enclosing_function(parent))
        if parent.type in ("block", "class_body", "expression_statement", "lambda_expression"):
            return ""
        current = parent
    return ""
